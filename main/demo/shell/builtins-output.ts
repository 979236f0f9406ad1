/** echo, printf, yes, seq: text from arguments. */
import { yieldToOthers } from './streams.js';
import type { Builtin } from './types.js';

/** Backslash escapes of `echo -e`, `printf`'s format and `%b`; `\c` stops all output. */
export const unescape = (text: string, octalNeedsZero: boolean): { text: string; stop: boolean } => {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[i + 1]!;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', E: '\x1b', '\\': '\\', '"': '"', "'": "'" };
    if (next in simple) {
      out += simple[next];
      i += 1;
    } else if (next === 'c') return { text: out, stop: true };
    else if (next === 'x' && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(hex, 16));
      i += 1 + hex.length;
    } else if (/[0-7]/.test(next) && (!octalNeedsZero || next === '0')) {
      const digits = /^[0-7]{1,3}/.exec(text.slice(octalNeedsZero ? i + 2 : i + 1))?.[0] ?? '';
      out += String.fromCharCode(parseInt(digits || '0', 8) & 0xff);
      i += (octalNeedsZero ? 1 : 0) + digits.length;
    } else out += c;
  }
  return { text: out, stop: false };
};

const echo: Builtin = (ctx) => {
  let args = ctx.argv;
  let newline = true;
  let escapes = false;
  while (args[0] !== undefined && /^-[neE]+$/.test(args[0])) {
    for (const flag of args[0].slice(1)) {
      if (flag === 'n') newline = false;
      else escapes = flag === 'e';
    }
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) {
    const result = unescape(text, true);
    ctx.write(result.text);
    if (result.stop) return 0;
    text = '';
  }
  ctx.write(newline ? `${text}\n` : text);
  return 0;
};

/** A number argument as printf reads it: 42, -1, 0x1f, 010, 'A (the character's code). */
const numberArg = (arg: string): number | undefined => {
  if (arg === '') return 0;
  if (/^['"]/.test(arg)) return arg.codePointAt(1) ?? 0;
  const trimmed = arg.trim();
  if (/^[+-]?0x[0-9a-f]+$/i.test(trimmed)) return parseInt(trimmed, 16);
  if (/^[+-]?0[0-7]+$/.test(trimmed)) return parseInt(trimmed, 8);
  if (/^[+-]?\d+$/.test(trimmed)) return Number(trimmed);
  return undefined;
};

const pad = (text: string, flags: string, width: number): string => {
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (flags.includes('0') && /^[+-]?\d/.test(text)) {
    const sign = /^[+-]/.test(text) ? text[0]! : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
};

const printf: Builtin = (ctx) => {
  let args = ctx.argv;
  if (args[0] === '--') args = args.slice(1);
  const format = args[0];
  if (format === undefined) {
    ctx.error(`${ctx.shellPrefix}printf: usage: printf [-v var] format [arguments]\n`);
    return 2;
  }
  const values = args.slice(1);
  let used = 0;
  let status = 0;
  let out = '';
  const spec = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([sdibcxXouefgG%])/g;
  const next = () => values[used++] ?? '';
  for (;;) {
    const before = used;
    let stop = false;
    let last = 0;
    for (const match of format.matchAll(spec)) {
      const literal = unescape(format.slice(last, match.index), false);
      out += literal.text;
      last = match.index + match[0].length;
      if (literal.stop) {
        stop = true;
        break;
      }
      const [, flags = '', widthSpec, precisionSpec, conversion] = match;
      if (conversion === '%') {
        out += '%';
        continue;
      }
      const width = widthSpec === '*' ? Number(next()) : Number(widthSpec ?? 0);
      const precision = precisionSpec === undefined ? undefined : precisionSpec === '*' ? Number(next()) : Number(precisionSpec);
      const arg = next();
      let text: string;
      if (conversion === 's') text = precision === undefined ? arg : arg.slice(0, precision);
      else if (conversion === 'b') {
        const result = unescape(arg, true);
        text = result.text;
        stop = result.stop;
      } else if (conversion === 'c') text = [...arg][0] ?? '';
      else if ('eEfgG'.includes(conversion!)) {
        const value = arg === '' ? 0 : Number(arg);
        if (Number.isNaN(value)) {
          ctx.error(`${ctx.shellPrefix}printf: ${arg}: invalid number\n`);
          status = 1;
        }
        const safe = Number.isNaN(value) ? 0 : value;
        text = conversion === 'f' ? safe.toFixed(precision ?? 6) : conversion === 'e' || conversion === 'E' ? safe.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2') : String(safe);
      } else {
        let value = numberArg(arg);
        if (value === undefined) {
          ctx.error(`${ctx.shellPrefix}printf: ${arg}: invalid number\n`);
          status = 1;
          value = Number.parseInt(arg, 10) || 0;
        }
        text =
          conversion === 'x' ? value.toString(16) : conversion === 'X' ? value.toString(16).toUpperCase() : conversion === 'o' ? value.toString(8) : String(Math.trunc(value));
        if (flags.includes('+') && value >= 0 && 'di'.includes(conversion!)) text = `+${text}`;
        if (precision !== undefined) text = text.padStart(precision, '0');
      }
      out += pad(text, flags, width);
      if (stop) break;
    }
    if (!stop) {
      const tail = unescape(format.slice(last), false);
      out += tail.text;
      stop = tail.stop;
    }
    // The format is reused while arguments remain (and it consumed any).
    if (stop || used >= values.length || used === before) break;
  }
  ctx.write(out);
  return status;
};

const yes: Builtin = async (ctx) => {
  const line = `${ctx.argv.length > 0 ? ctx.argv.join(' ') : 'y'}\n`;
  const chunk = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
  while (!ctx.signal.aborted) {
    ctx.write(chunk);
    await yieldToOthers();
  }
  return 141;
};

const seq: Builtin = async (ctx) => {
  const args = [...ctx.argv];
  let separator = '\n';
  let width = false;
  while (args[0] !== undefined && /^-[sw]/.test(args[0]) && !/^-\d/.test(args[0])) {
    const flag = args.shift()!;
    if (flag.startsWith('-s')) separator = flag.length > 2 ? flag.slice(2) : (args.shift() ?? '\n');
    else width = true;
  }
  const numbers = args.map(Number);
  if (numbers.length === 0 || numbers.length > 3 || numbers.some(Number.isNaN)) {
    const bad = args.find((a) => Number.isNaN(Number(a)));
    ctx.error(bad !== undefined ? `seq: invalid floating point argument: ‘${bad}’\nTry 'seq --help' for more information.\n` : "seq: missing operand\nTry 'seq --help' for more information.\n");
    return 1;
  }
  const [first, step, last] = numbers.length === 1 ? [1, 1, numbers[0]!] : numbers.length === 2 ? [numbers[0]!, 1, numbers[1]!] : [numbers[0]!, numbers[1]!, numbers[2]!];
  const decimals = Math.max(...args.map((a) => (a.includes('.') ? a.split('.')[1]!.length : 0)));
  const items: string[] = [];
  for (let value = first; step > 0 ? value <= last + 1e-9 : value >= last - 1e-9; value += step) {
    items.push(value.toFixed(decimals));
    if (items.length % 10_000 === 0) {
      ctx.write(`${items.join(separator)}${separator}`);
      items.length = 0;
      await yieldToOthers();
      if (ctx.signal.aborted) return 141;
    }
    if (step === 0) break;
  }
  const widest = width ? Math.max(...items.map((i) => i.length)) : 0;
  if (items.length > 0) ctx.write(`${items.map((i) => i.padStart(widest, '0')).join(separator)}\n`);
  return 0;
};

export const outputBuiltins: Record<string, Builtin> = { echo, printf, yes, seq };
