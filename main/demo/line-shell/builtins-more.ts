/** Listing, paths, text filters and processes. */
import { posix } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Builtin } from './types.js';
import { lines, readAll } from './pipe.js';
import { splitFlags } from './builtins-files.js';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const modeString = (mode: number, dir: boolean) => {
  const bits = 'rwxrwxrwx';
  let out = dir ? 'd' : '-';
  for (let i = 0; i < 9; i += 1) out += mode & (1 << (8 - i)) ? bits[i] : '-';
  return out;
};

const lsTime = (ms: number) => {
  const d = new Date(ms);
  return `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
};

const ls: Builtin = (ctx) => {
  const { flags, operands } = splitFlags(ctx.argv);
  const fs = ctx.host.fs;
  const long = flags.has('l');
  const all = flags.has('a') || flags.has('A');
  const targets = operands.length > 0 ? operands : ['.'];
  let status = 0;
  const describe = (path: string, name: string) => {
    if (!long) return name;
    const stat = fs.stat(path);
    const owner = ctx.host.user;
    return `${modeString(stat.mode, stat.isDirectory)} 1 ${owner} ${owner} ${String(stat.size).padStart(8)} ${lsTime(stat.mtimeMs)} ${name}`;
  };
  targets.forEach((operand, index) => {
    const path = fs.resolve(operand, ctx.cwd);
    if (!fs.exists(path)) {
      ctx.error(`ls: cannot access '${operand}': No such file or directory\n`);
      status = 2;
      return;
    }
    if (!fs.stat(path).isDirectory) {
      ctx.write(`${describe(path, operand)}\n`);
      return;
    }
    if (targets.length > 1) ctx.write(`${index > 0 ? '\n' : ''}${operand}:\n`);
    const names = fs
      .list(path)
      .filter((n) => all || !n.startsWith('.'))
      .sort((a, b) => a.localeCompare(b));
    if (long) ctx.write(`total ${names.length * 4}\n`);
    for (const name of names) ctx.write(`${describe(posix.join(path, name), name)}\n`);
  });
  return status;
};

const stat: Builtin = (ctx) => {
  const { values, operands } = splitFlags(ctx.argv, ['c']);
  const format = values['c'] ?? values['--printf'] ?? values['--format'];
  let status = 0;
  for (const operand of operands) {
    const path = ctx.host.fs.resolve(operand, ctx.cwd);
    if (!ctx.host.fs.exists(path)) {
      ctx.error(`stat: cannot statx '${operand}': No such file or directory\n`);
      status = 1;
      continue;
    }
    const s = ctx.host.fs.stat(path);
    const text = (format ?? '  File: %n\n  Size: %s\n').replace(/%([sYynFa])/g, (_, code: string) => {
      if (code === 's') return String(s.size);
      if (code === 'Y') return String(Math.floor(s.mtimeMs / 1000));
      if (code === 'y') return `${new Date(s.mtimeMs).toISOString().replace('T', ' ').replace('Z', '000000 +0000')}`;
      if (code === 'n') return operand;
      if (code === 'F') return s.isDirectory ? 'directory' : s.size === 0 ? 'regular empty file' : 'regular file';
      return (s.mode & 0o777).toString(8);
    });
    ctx.write(values['--printf'] !== undefined ? text.replace(/\\n/g, '\n') : `${text}${format === undefined ? '' : '\n'}`);
  }
  return status;
};

const mktemp: Builtin = (ctx) => {
  const { flags, values, operands } = splitFlags(ctx.argv, ['p']);
  const dir = values['p'] ?? ctx.env['TMPDIR'] ?? '/tmp';
  const template = operands[0] ?? 'tmp.XXXXXXXXXX';
  const name = template.replace(/X{3,}$/, (xs) => randomBytes(xs.length).toString('base64url').slice(0, xs.length));
  const path = ctx.host.fs.resolve(template.includes('/') ? name : posix.join(dir, name), ctx.cwd);
  if (flags.has('d')) ctx.host.fs.mkdirp(path);
  else {
    ctx.host.fs.mkdirp(posix.dirname(path));
    ctx.host.fs.writeText(path, '', { mode: 0o600 });
  }
  ctx.write(`${path}\n`);
  return 0;
};

const realpath: Builtin = (ctx) => {
  for (const operand of splitFlags(ctx.argv).operands) ctx.write(`${ctx.host.fs.resolve(operand, ctx.cwd)}\n`);
  return 0;
};

const du: Builtin = (ctx) => {
  const { flags, operands } = splitFlags(ctx.argv);
  const fs = ctx.host.fs;
  const size = (path: string): number => (fs.stat(path).isDirectory ? fs.list(path).reduce((sum, n) => sum + size(posix.join(path, n)), 0) : fs.stat(path).size);
  let status = 0;
  for (const operand of operands.length > 0 ? operands : ['.']) {
    const path = fs.resolve(operand, ctx.cwd);
    if (!fs.exists(path)) {
      ctx.error(`du: cannot access '${operand}': No such file or directory\n`);
      status = 1;
      continue;
    }
    const bytes = size(path);
    const shown = flags.has('b') ? String(bytes) : flags.has('h') ? human(bytes) : String(Math.ceil(bytes / 1024));
    ctx.write(`${shown}\t${operand}\n`);
  }
  return status;
};

const human = (bytes: number) => {
  const units = ['', 'K', 'M', 'G', 'T'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? String(bytes) : `${value < 10 ? value.toFixed(1) : Math.round(value)}${units[unit]}`;
};

const sort: Builtin = async (ctx) => {
  const { flags, operands } = splitFlags(ctx.argv, ['k', 't']);
  const text = operands.length > 0 ? operands.map((o) => ctx.host.fs.readText(ctx.host.fs.resolve(o, ctx.cwd))).join('') : await readAll(ctx.stdin);
  const rows = text.split('\n').filter((l, i, all) => l.length > 0 || i < all.length - 1);
  rows.sort(flags.has('n') ? (a, b) => parseFloat(a) - parseFloat(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (flags.has('r')) rows.reverse();
  ctx.write(rows.map((r) => `${r}\n`).join(''));
  return 0;
};

const uniq: Builtin = async (ctx) => {
  let previous: string | undefined;
  for await (const line of lines(ctx.stdin)) {
    if (line !== previous) ctx.write(`${line}\n`);
    previous = line;
  }
  return 0;
};

const cut: Builtin = async (ctx) => {
  const { values } = splitFlags(ctx.argv, ['d', 'f']);
  const delimiter = values['d'] ?? '\t';
  const fields = (values['f'] ?? '1').split(',').flatMap((part) => {
    const [from, to] = part.split('-');
    const start = Number(from || 1);
    const end = part.includes('-') ? Number(to || 1000) : start;
    return Array.from({ length: end - start + 1 }, (_, i) => start + i);
  });
  for await (const line of lines(ctx.stdin)) {
    const parts = line.split(delimiter);
    ctx.write(`${parts.length === 1 ? line : fields.map((f) => parts[f - 1]).filter((p) => p !== undefined).join(delimiter)}\n`);
  }
  return 0;
};

const seq: Builtin = (ctx) => {
  const numbers = ctx.argv.map(Number);
  const [first, step, last] = numbers.length === 1 ? [1, 1, numbers[0]!] : numbers.length === 2 ? [numbers[0]!, 1, numbers[1]!] : [numbers[0]!, numbers[1]!, numbers[2]!];
  for (let n = first; step > 0 ? n <= last : n >= last; n += step) ctx.write(`${n}\n`);
  return 0;
};

const yes: Builtin = async (ctx) => {
  const line = `${ctx.argv.length > 0 ? ctx.argv.join(' ') : 'y'}\n`;
  const block = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
  while (!ctx.signal.aborted) {
    ctx.write(block);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return 141;
};

const elapsed = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hh > 0 ? `${two(hh)}:${two(mm)}:${two(ss)}` : `${two(mm)}:${two(ss)}`;
};

/** ps for the demo box's background jobs: `ps -p PID -o pid=,etimes=,args=`, `ps -eo …`, plain `ps`. */
const ps: Builtin = (ctx) => {
  const { values } = splitFlags(ctx.argv, ['p', 'o']);
  const columns = (values['o'] ?? 'pid,tty,time,cmd').split(',').map((c) => c.trim());
  const headerless = columns.every((c) => c.endsWith('='));
  const wanted = values['p']?.split(',').map(Number);
  const now = Date.now();
  const rows = ctx.host.processes.list().filter((p) => !wanted || wanted.includes(p.pid));
  const cell = (column: string, p: { pid: number; command: string; startedAt: number }) => {
    const name = column.replace(/=.*$/, '');
    if (name === 'pid') return String(p.pid).padStart(7);
    if (name === 'etimes') return String(Math.floor((now - p.startedAt) / 1000)).padStart(7);
    if (name === 'etime') return elapsed(now - p.startedAt).padStart(11);
    if (name === 'tty') return '?       ';
    if (name === 'time') return '00:00:00';
    return p.command;
  };
  if (!headerless) ctx.write(`${columns.map((c) => c.toUpperCase().replace(/^ARGS$|^CMD$/, 'CMD').padStart(c === 'pid' ? 7 : 0)).join(' ')}\n`);
  for (const p of rows) ctx.write(`${columns.map((c) => cell(c, p)).join(' ')}\n`);
  return wanted && rows.length === 0 ? 1 : 0;
};

export const moreBuiltins: Record<string, Builtin> = { ls, stat, mktemp, realpath, readlink: realpath, du, sort, uniq, cut, seq, yes, ps };
