/** Text filters (GNU coreutils/grep options and messages): head, tail, wc, sort, uniq, cut, tr. */
import { follow } from './follow.js';
import { lines, readAll } from './streams.js';
import type { Builtin, CommandContext } from './types.js';
import { flagsOr, readBoxFile, shq } from './util.js';

/** Reads each operand ('-' or none: stdin); reports unreadable files as `TOOL: NAME: why`. */
export async function* inputs(ctx: CommandContext, operands: readonly string[], describe = (name: string, why: string) => `${ctx.name}: ${name}: ${why}`): AsyncGenerator<{ name: string; text: string } | { name: string; failed: true }> {
  for (const name of operands.length > 0 ? operands : ['-']) {
    if (name === '-') {
      yield { name: operands.length > 0 ? '-' : '', text: await readAll(ctx.stdin, ctx.signal) };
      continue;
    }
    const file = readBoxFile(ctx, name);
    if (file.ok) yield { name, text: file.text };
    else {
      ctx.error(`${describe(name, file.reason)}\n`);
      yield { name, failed: true };
    }
  }
}

const splitLines = (text: string): string[] => {
  const parts = text.split(/(?<=\n)/);
  return parts.length === 1 && parts[0] === '' ? [] : parts;
};

/** -n N / -N / -n +N / -c N, as head and tail read them. */
const countOption = (ctx: CommandContext): { ok: true; lines: boolean; count: number; fromStart: boolean; negative: boolean; operands: string[]; follow: 'f' | 'F' | undefined; headers: boolean | undefined } | { ok: false } => {
  let linesMode = true;
  let count = 10;
  let fromStart = false;
  let negative = false;
  let followMode: 'f' | 'F' | undefined;
  let headers: boolean | undefined;
  const operands: string[] = [];
  const args = ctx.argv;
  const setCount = (raw: string, isLines: boolean): boolean => {
    const match = /^([+-]?)(\d+)([kKMG]?)$/.exec(raw);
    if (!match) {
      ctx.error(`${ctx.name}: invalid number of ${isLines ? 'lines' : 'bytes'}: ${shq(raw)}\n`);
      return false;
    }
    linesMode = isLines;
    const unit = { '': 1, k: 1024, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[3] as '' | 'k' | 'K' | 'M' | 'G'];
    count = Number(match[2]) * unit;
    fromStart = match[1] === '+';
    negative = match[1] === '-';
    return true;
  };
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i]!;
    if (/^-\d+$/.test(word)) {
      if (!setCount(word.slice(1), true)) return { ok: false };
    } else if (word === '-n' || word === '-c') {
      if (!setCount(args[++i] ?? '', word === '-n')) return { ok: false };
    } else if (/^-[nc].+/.test(word)) {
      if (!setCount(word.slice(2), word[1] === 'n')) return { ok: false };
    } else if (word.startsWith('--lines=') || word.startsWith('--bytes=')) {
      if (!setCount(word.slice(8), word.startsWith('--lines'))) return { ok: false };
    } else if (word === '-f' || word === '--follow') followMode ??= 'f';
    else if (word === '-F' || word === '--follow=name') followMode = 'F';
    else if (word === '-q' || word === '--quiet' || word === '--silent') headers = false;
    else if (word === '-v' || word === '--verbose') headers = true;
    else if (word === '-s' || word === '--sleep-interval' || word === '--pid') i += 1;
    else if (word.startsWith('--retry') || word.startsWith('--pid=') || word.startsWith('--sleep-interval=')) continue;
    else if (word.startsWith('-') && word !== '-') {
      ctx.error(`${ctx.name}: invalid option -- '${word.slice(1, 2)}'\nTry '${ctx.name} --help' for more information.\n`);
      return { ok: false };
    } else operands.push(word);
  }
  return { ok: true, lines: linesMode, count, fromStart, negative, operands, follow: followMode, headers };
};

const headOf = (text: string, opts: { lines: boolean; count: number; negative: boolean }): string => {
  if (!opts.lines) {
    const bytes = Buffer.from(text);
    return (opts.negative ? bytes.subarray(0, Math.max(0, bytes.length - opts.count)) : bytes.subarray(0, opts.count)).toString();
  }
  const all = splitLines(text);
  return (opts.negative ? all.slice(0, Math.max(0, all.length - opts.count)) : all.slice(0, opts.count)).join('');
};

export const tailOf = (text: string, opts: { lines: boolean; count: number; fromStart: boolean }): string => {
  if (!opts.lines) {
    const bytes = Buffer.from(text);
    return (opts.fromStart ? bytes.subarray(Math.max(0, opts.count - 1)) : bytes.subarray(Math.max(0, bytes.length - opts.count))).toString();
  }
  const all = splitLines(text);
  return (opts.fromStart ? all.slice(Math.max(0, opts.count - 1)) : opts.count === 0 ? [] : all.slice(-opts.count)).join('');
};

const head: Builtin = async (ctx) => {
  const opts = countOption(ctx);
  if (!opts.ok) return 1;
  const names = opts.operands.length > 0 ? opts.operands : ['-'];
  const showHeaders = opts.headers ?? names.length > 1;
  let status = 0;
  for (const [index, name] of names.entries()) {
    if (name === '-' && opts.lines && !opts.negative) {
      // Streams: stops reading (and so ends the writer, like SIGPIPE) once it has enough.
      let left = opts.count;
      if (showHeaders) ctx.write(`${index > 0 ? '\n' : ''}==> standard input <==\n`);
      if (left === 0) continue;
      for await (const line of lines(ctx.stdin)) {
        ctx.write(line);
        if ((left -= 1) <= 0) break;
      }
      continue;
    }
    const file = name === '-' ? { ok: true as const, text: await readAll(ctx.stdin, ctx.signal) } : readBoxFile(ctx, name);
    if (!file.ok) {
      ctx.error(`head: cannot open ${shq(name)} for reading: ${file.reason}\n`);
      status = 1;
      continue;
    }
    if (showHeaders) ctx.write(`${index > 0 ? '\n' : ''}==> ${name === '-' ? 'standard input' : name} <==\n`);
    ctx.write(headOf(file.text, opts));
  }
  return status;
};

const tail: Builtin = async (ctx) => {
  const opts = countOption(ctx);
  if (!opts.ok) return 1;
  const names = opts.operands.length > 0 ? opts.operands : ['-'];
  const showHeaders = opts.headers ?? names.length > 1;
  if (opts.follow && names.some((n) => n !== '-')) return follow(ctx, names, opts, showHeaders);
  let status = 0;
  for (const [index, name] of names.entries()) {
    const file = name === '-' ? { ok: true as const, text: await readAll(ctx.stdin, ctx.signal) } : readBoxFile(ctx, name);
    if (!file.ok) {
      ctx.error(`tail: cannot open ${shq(name)} for reading: ${file.reason}\n`);
      status = 1;
      continue;
    }
    if (showHeaders) ctx.write(`${index > 0 ? '\n' : ''}==> ${name === '-' ? 'standard input' : name} <==\n`);
    ctx.write(tailOf(file.text, opts));
  }
  return status;
};

const wc: Builtin = async (ctx) => {
  const flags = flagsOr(ctx, { bool: 'lcwmL', long: { lines: { as: 'l', value: false }, bytes: { as: 'c', value: false }, words: { as: 'w', value: false }, chars: { as: 'm', value: false } } });
  if (typeof flags === 'number') return flags;
  const chosen = ['l', 'w', 'm', 'c'].filter((f) => flags.has(f));
  const fields = chosen.length > 0 ? chosen : ['l', 'w', 'c'];
  const rows: Array<{ name: string; counts: number[]; regular: boolean }> = [];
  let status = 0;
  for await (const input of inputs(ctx, flags.operands)) {
    if ('failed' in input) {
      status = 1;
      continue;
    }
    const { text } = input;
    const counts: Record<string, number> = {
      l: (text.match(/\n/g) ?? []).length,
      w: text.split(/\s+/).filter(Boolean).length,
      m: [...text].length,
      c: Buffer.byteLength(text),
    };
    rows.push({ name: input.name, counts: fields.map((f) => counts[f]!), regular: input.name !== '' && input.name !== '-' });
  }
  if (rows.length > 1) rows.push({ name: 'total', counts: fields.map((_, i) => rows.reduce((sum, r) => sum + r.counts[i]!, 0)), regular: true });
  // coreutils: one count of one input is printed bare; otherwise columns as wide as the total size.
  const regularBytes = rows.filter((r) => r.regular && r.name !== 'total').reduce((sum, r) => sum + (r.counts[fields.indexOf('c')] ?? 0), 0);
  const width = fields.length === 1 && rows.length === 1 ? 1 : Math.max(rows.some((r) => !r.regular) ? 7 : 1, String(regularBytes).length, String(Math.max(...rows.flatMap((r) => r.counts))).length);
  for (const row of rows) ctx.write(`${row.counts.map((c) => String(c).padStart(width)).join(' ')}${row.name ? ` ${row.name}` : ''}\n`);
  return status;
};

/** sort's -h: 4.0K < 12M < 1.5G. */
const humanValue = (text: string): number => {
  const match = /^\s*([-+]?\d*\.?\d+)([KMGTPE]?)/i.exec(text);
  if (!match) return 0;
  return Number(match[1]) * 1024 ** ' KMGTPE'.indexOf((match[2] || ' ').toUpperCase());
};

const sort: Builtin = async (ctx) => {
  const flags = flagsOr(ctx, { bool: 'nrhuVfb', value: 'kt', long: { reverse: { as: 'r', value: false }, unique: { as: 'u', value: false } } }, 2);
  if (typeof flags === 'number') return flags;
  const separator = flags.get('t');
  const key = flags.get('k');
  const keySpec = key === undefined ? undefined : /^(\d+)(?:\.\d+)?[a-zA-Z]*(?:,(\d+))?/.exec(key);
  const keyOf = (line: string): string => {
    if (!keySpec) return line;
    const start = Number(keySpec[1]) - 1;
    const end = keySpec[2] === undefined ? undefined : Number(keySpec[2]);
    const parts = separator !== undefined ? line.split(separator) : line.trim().split(/\s+/);
    return parts.slice(start, end).join(separator ?? ' ');
  };
  const numeric = flags.has('n') || /n/.test(key ?? '');
  const human = flags.has('h') || /h/.test(key ?? '');
  let all: string[] = [];
  let status = 0;
  for await (const input of inputs(ctx, flags.operands, (name, why) => `sort: cannot read: ${name}: ${why}`)) {
    if ('failed' in input) status = 2;
    else all.push(...input.text.split('\n').filter((_, i, list) => i < list.length - 1 || list[i] !== ''));
  }
  if (status) return status;
  const compare = (a: string, b: string): number => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (human || numeric) {
      const diff = human ? humanValue(ka) - humanValue(kb) : (Number.parseFloat(ka) || 0) - (Number.parseFloat(kb) || 0);
      if (diff !== 0) return diff;
      if (flags.has('u')) return 0;
    }
    const x = flags.has('f') ? ka.toLowerCase() : ka;
    const y = flags.has('f') ? kb.toLowerCase() : kb;
    if (x !== y) return x < y ? -1 : 1;
    return keySpec && !flags.has('u') ? (a < b ? -1 : a > b ? 1 : 0) : 0;
  };
  all.sort((a, b) => (flags.has('r') ? -compare(a, b) : compare(a, b)));
  if (flags.has('u')) all = all.filter((line, i) => i === 0 || compare(all[i - 1]!, line) !== 0);
  ctx.write(all.map((line) => `${line}\n`).join(''));
  return 0;
};

const uniq: Builtin = async (ctx) => {
  const flags = flagsOr(ctx, { bool: 'cdui', long: { count: { as: 'c', value: false } } });
  if (typeof flags === 'number') return flags;
  const input = flags.operands[0] === undefined || flags.operands[0] === '-' ? { ok: true as const, text: await readAll(ctx.stdin, ctx.signal) } : readBoxFile(ctx, flags.operands[0]);
  if (!input.ok) {
    ctx.error(`uniq: ${flags.operands[0]}: ${input.reason}\n`);
    return 1;
  }
  const same = (a: string, b: string) => (flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  const groups: Array<{ line: string; count: number }> = [];
  for (const line of input.text.split('\n').slice(0, input.text.endsWith('\n') ? -1 : undefined)) {
    const last = groups.at(-1);
    if (last && same(last.line, line)) last.count += 1;
    else groups.push({ line, count: 1 });
  }
  for (const group of groups) {
    if ((flags.has('d') && group.count < 2) || (flags.has('u') && group.count > 1)) continue;
    ctx.write(flags.has('c') ? `${String(group.count).padStart(7)} ${group.line}\n` : `${group.line}\n`);
  }
  return 0;
};

/** `1,3`, `2-`, `-4`, `2-5` → a test on 1-based positions. */
const fieldList = (spec: string): ((n: number) => boolean) | undefined => {
  const ranges = spec.split(',').map((part) => /^(\d*)(-?)(\d*)$/.exec(part));
  if (ranges.some((r) => !r || (r[1] === '' && r[3] === ''))) return undefined;
  return (n) => ranges.some((r) => (r![2] === '' ? n === Number(r![1]) : n >= Number(r![1] || 1) && n <= Number(r![3] || Infinity)));
};

const cut: Builtin = async (ctx) => {
  const flags = flagsOr(ctx, { bool: 's', value: 'dfcb', long: { delimiter: { as: 'd', value: true }, fields: { as: 'f', value: true } } });
  if (typeof flags === 'number') return flags;
  const spec = flags.get('f') ?? flags.get('c') ?? flags.get('b');
  if (spec === undefined) {
    ctx.error("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    return 1;
  }
  const wanted = fieldList(spec);
  if (!wanted) {
    ctx.error(`cut: invalid field value ${shq(spec)}\nTry 'cut --help' for more information.\n`);
    return 1;
  }
  const delimiter = flags.get('d') ?? '\t';
  let status = 0;
  for await (const input of inputs(ctx, flags.operands)) {
    if ('failed' in input) {
      status = 1;
      continue;
    }
    for (const line of splitLines(input.text)) {
      const body = line.replace(/\n$/, '');
      if (flags.has('f')) {
        if (!body.includes(delimiter)) {
          if (!flags.has('s')) ctx.write(`${body}\n`);
          continue;
        }
        ctx.write(`${body.split(delimiter).filter((_, i) => wanted(i + 1)).join(delimiter)}\n`);
      } else ctx.write(`${[...body].filter((_, i) => wanted(i + 1)).join('')}\n`);
    }
  }
  return status;
};

export const textBuiltins: Record<string, Builtin> = { head, tail, wc, sort, uniq, cut };
