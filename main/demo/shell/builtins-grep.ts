/** grep (GNU options the app and users reach for) and tr. */
import { lines } from './streams.js';
import { stringInput } from './streams.js';
import type { Builtin, CommandContext } from './types.js';
import { readBoxFile } from './util.js';

const posixClasses: Readonly<Record<string, string>> = {
  digit: '0-9',
  alpha: 'A-Za-z',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  print: ' -~',
  cntrl: '\\x00-\\x1f\\x7f',
};

/** A POSIX basic or extended regular expression as a JavaScript one. */
export const posixRegex = (pattern: string, extended: boolean): string => {
  let out = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i]!;
    if (c === '[') {
      // A bracket expression is copied whole, with [:class:] names spelled out.
      let j = i + 1;
      if (pattern[j] === '^') j += 1;
      if (pattern[j] === ']') j += 1;
      while (j < pattern.length && pattern[j] !== ']') j = pattern.startsWith('[:', j) ? pattern.indexOf(':]', j) + 2 : j + 1;
      const body = pattern.slice(i + 1, j).replace(/\[:(\w+):\]/g, (_, name: string) => posixClasses[name] ?? '').replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = j;
      continue;
    }
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1]!;
      i += 1;
      if (!extended && '(){}|+?'.includes(next)) out += next;
      else if ('wWsSbB<>'.includes(next)) out += next === '<' || next === '>' ? '\\b' : `\\${next}`;
      else out += /[0-9]/.test(next) ? `\\${next}` : next.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      continue;
    }
    if (!extended && '(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
};

const grep: Builtin = async (ctx) => {
  const patterns: string[] = [];
  const operands: string[] = [];
  const flags = new Set<string>();
  let maxCount = Infinity;
  const args = ctx.argv;
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i]!;
    if (word === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    const long: Record<string, string> = { '--extended-regexp': 'E', '--fixed-strings': 'F', '--ignore-case': 'i', '--invert-match': 'v', '--count': 'c', '--quiet': 'q', '--silent': 'q', '--only-matching': 'o', '--line-number': 'n', '--line-regexp': 'x', '--word-regexp': 'w', '--files-with-matches': 'l', '--no-filename': 'h', '--with-filename': 'H', '--no-messages': 's' };
    if (word in long) flags.add(long[word]!);
    else if (word.startsWith('--regexp=')) patterns.push(word.slice(9));
    else if (word.startsWith('--max-count=')) maxCount = Number(word.slice(12));
    else if (word.startsWith('-') && word.length > 1 && !word.startsWith('--')) {
      for (let j = 1; j < word.length; j += 1) {
        const letter = word[j]!;
        if (letter === 'e' || letter === 'm') {
          const value = j + 1 < word.length ? word.slice(j + 1) : args[++i];
          if (value === undefined) {
            ctx.error(`grep: option requires an argument -- '${letter}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
            return 2;
          }
          if (letter === 'e') patterns.push(value);
          else maxCount = Number(value);
          break;
        }
        if (!'EFGivcqonxwlhHsPa'.includes(letter)) {
          ctx.error(`grep: invalid option -- '${letter}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
          return 2;
        }
        flags.add(letter);
      }
    } else if (word.startsWith('--')) {
      ctx.error(`grep: unrecognized option '${word}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
      return 2;
    } else operands.push(word);
  }
  if (patterns.length === 0) {
    const first = operands.shift();
    if (first === undefined) {
      ctx.error("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    patterns.push(first);
  }
  const sources = patterns.flatMap((p) => p.split('\n')).map((p) => (flags.has('F') ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixRegex(p, flags.has('E') || flags.has('P'))));
  let regex: RegExp;
  try {
    const body = sources.map((s) => (flags.has('x') ? `^(?:${s})$` : flags.has('w') ? `(?<![\\w])(?:${s})(?![\\w])` : `(?:${s})`)).join('|');
    regex = new RegExp(body, `gu${flags.has('i') ? 'i' : ''}`);
  } catch {
    ctx.error('grep: Unmatched ( or \\(\n');
    return 2;
  }
  const names = operands.length > 0 ? operands : ['-'];
  const withName = flags.has('H') || (names.length > 1 && !flags.has('h'));
  let matchedAny = false;
  let status = 0;
  for (const name of names) {
    let input: AsyncIterable<string>;
    if (name === '-') input = ctx.stdin;
    else {
      const file = readBoxFile(ctx, name);
      if (!file.ok) {
        if (!flags.has('s')) ctx.error(`grep: ${name}: ${file.reason}\n`);
        status = 2;
        continue;
      }
      input = stringInput(file.text);
    }
    const label = name === '-' ? '(standard input)' : name;
    let count = 0;
    let number = 0;
    for await (const raw of lines(input)) {
      number += 1;
      const line = raw.replace(/\n$/, '');
      regex.lastIndex = 0;
      const hit = regex.test(line) !== flags.has('v');
      if (!hit) continue;
      count += 1;
      matchedAny = true;
      if (flags.has('q')) return 0;
      if (flags.has('l')) break;
      if (!flags.has('c')) {
        const prefix = `${withName ? `${label}:` : ''}${flags.has('n') ? `${number}:` : ''}`;
        if (flags.has('o') && !flags.has('v')) {
          regex.lastIndex = 0;
          for (const match of line.matchAll(regex)) if (match[0] !== '') ctx.write(`${prefix}${match[0]}\n`);
        } else ctx.write(`${prefix}${line}\n`);
      }
      if (count >= maxCount) break;
    }
    if (flags.has('c')) ctx.write(`${withName ? `${label}:` : ''}${count}\n`);
    if (flags.has('l') && count > 0) ctx.write(`${label}\n`);
  }
  return status === 2 && !(flags.has('q') && matchedAny) ? 2 : matchedAny ? 0 : 1;
};

/** tr's SET: ranges, escapes and [:classes:] as a list of characters. */
const expandSet = (set: string): string[] => {
  const out: string[] = [];
  const chars = [...set.replace(/\[:(\w+):\]/g, (_, name: string) => classChars(name))];
  for (let i = 0; i < chars.length; i += 1) {
    let c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) {
      const next = chars[++i]!;
      c = ({ n: '\n', t: '\t', r: '\r', '\\': '\\' } as Record<string, string>)[next] ?? next;
    }
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      const end = chars[i + 2]!.codePointAt(0)!;
      for (let code = c.codePointAt(0)!; code <= end; code += 1) out.push(String.fromCodePoint(code));
      i += 2;
    } else out.push(c);
  }
  return out;
};

const classChars = (name: string): string => {
  const ranges: Record<string, string> = { digit: '0-9', alpha: 'a-zA-Z', alnum: '0-9a-zA-Z', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\u000b\u000c', blank: ' \\t', xdigit: '0-9a-fA-F', punct: '!-/:-@[-`{-~', print: ' -~' };
  return ranges[name] ?? '';
};

const tr: Builtin = async (ctx: CommandContext) => {
  const options = ctx.argv.filter((a) => /^-[dscC]+$/.test(a)).join('');
  const sets = ctx.argv.filter((a) => !/^-[dscC]+$/.test(a));
  const remove = options.includes('d');
  const squeeze = options.includes('s');
  const complement = options.includes('c') || options.includes('C');
  if (sets.length === 0 || (!remove && !squeeze && sets.length < 2)) {
    ctx.error(sets.length === 0 ? "tr: missing operand\nTry 'tr --help' for more information.\n" : `tr: missing operand after '${sets[0]}'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`);
    return 1;
  }
  const from = expandSet(sets[0]!);
  const to = sets[1] === undefined ? [] : expandSet(sets[1]);
  const inFrom = (c: string) => from.includes(c) !== complement;
  let previous = '';
  for await (const chunk of ctx.stdin) {
    let out = '';
    for (const c of chunk) {
      let next = c;
      if (remove && inFrom(c)) continue;
      if (!remove && to.length > 0 && inFrom(c)) next = complement ? to.at(-1)! : (to[from.indexOf(c)] ?? to.at(-1)!);
      const squeezeSet = remove ? to : to.length > 0 ? to : from;
      if (squeeze && next === previous && squeezeSet.includes(next)) continue;
      out += next;
      previous = next;
    }
    ctx.write(out);
  }
  return 0;
};

export const grepBuiltins: Record<string, Builtin> = { grep, tr, egrep: (ctx) => grep({ ...ctx, argv: ['-E', ...ctx.argv] }), fgrep: (ctx) => grep({ ...ctx, argv: ['-F', ...ctx.argv] }) };
