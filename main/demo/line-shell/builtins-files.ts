/** File utilities on the box's file system (GNU coreutils wording for the errors people see). */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { SimFsError } from '../sim/io.js';
import type { Builtin, CommandContext } from './types.js';
import { lines, readAll } from './pipe.js';

/** Splits `-abc` style flags from operands (`--` ends flags). */
const split = (argv: readonly string[], withValue: readonly string[] = []) => {
  const flags = new Set<string>();
  const values: Record<string, string> = {};
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const [name, value] = arg.slice(2).split('=', 2) as [string, string | undefined];
      flags.add(`--${name}`);
      if (value !== undefined) values[`--${name}`] = value;
    } else if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      for (let j = 1; j < arg.length; j += 1) {
        const flag = arg[j]!;
        if (withValue.includes(flag)) {
          values[flag] = arg.slice(j + 1) || argv[++i] || '';
          break;
        }
        flags.add(flag);
      }
    } else operands.push(arg);
  }
  return { flags, values, operands };
};

const noSuchFile = (tool: string, path: string, verb = 'cannot access') =>
  tool === 'cat' || tool === 'head' || tool === 'tail' || tool === 'wc' || tool === 'sha256sum' || tool === 'grep'
    ? `${tool}: ${path}: No such file or directory\n`
    : `${tool}: ${verb} '${path}': No such file or directory\n`;

/** Reads a file or a virtual one (/proc/meminfo …); undefined when neither exists. */
const readFile = (ctx: CommandContext, path: string): string | undefined => {
  const resolved = ctx.host.fs.resolve(path, ctx.cwd);
  const virtual = ctx.host.virtualFile(resolved);
  if (virtual !== undefined) return virtual;
  if (!ctx.host.fs.exists(resolved) || ctx.host.fs.stat(resolved).isDirectory) return undefined;
  return ctx.host.fs.readText(resolved);
};

const noSpace = (ctx: CommandContext, tool: string, path: string, error: unknown): number => {
  if (error instanceof SimFsError && error.code === 'ENOSPC') {
    ctx.error(tool === 'bash' ? `bash: line 1: ${path}: No space left on device\n` : `${tool}: error writing '${path}': No space left on device\n`);
    return 1;
  }
  throw error;
};

/** Each operand's text (or stdin for none or `-`), with the tool's error for missing files. */
async function* inputs(ctx: CommandContext, tool: string, operands: readonly string[]): AsyncGenerator<{ name: string; text: string }> {
  if (operands.length === 0) {
    yield { name: '-', text: await readAll(ctx.stdin) };
    return;
  }
  for (const operand of operands) {
    if (operand === '-') {
      yield { name: '-', text: await readAll(ctx.stdin) };
      continue;
    }
    const resolved = ctx.host.fs.resolve(operand, ctx.cwd);
    if (ctx.host.fs.exists(resolved) && ctx.host.fs.stat(resolved).isDirectory) {
      ctx.error(`${tool}: ${operand}: Is a directory\n`);
      continue;
    }
    const text = readFile(ctx, operand);
    if (text === undefined) ctx.error(noSuchFile(tool, operand));
    else yield { name: operand, text };
  }
}

const countMissing = (ctx: CommandContext, operands: readonly string[]) =>
  operands.filter((o) => o !== '-' && readFile(ctx, o) === undefined).length;

const cat: Builtin = async (ctx) => {
  const { operands } = split(ctx.argv);
  if (operands.length === 0) {
    for await (const chunk of ctx.stdin) ctx.write(chunk);
    return 0;
  }
  for await (const { text } of inputs(ctx, 'cat', operands)) ctx.write(text);
  return countMissing(ctx, operands) > 0 ? 1 : 0;
};

const tee: Builtin = async (ctx) => {
  const { flags, operands } = split(ctx.argv);
  const paths = operands.map((o) => ctx.host.fs.resolve(o, ctx.cwd));
  try {
    if (!flags.has('a')) for (const path of paths) ctx.host.fs.writeText(path, '');
    for await (const chunk of ctx.stdin) {
      ctx.write(chunk);
      for (const path of paths) ctx.host.fs.writeText(path, chunk, { append: true });
    }
  } catch (error) {
    return noSpace(ctx, 'tee', operands[0] ?? '', error);
  }
  return 0;
};

const mkdir: Builtin = (ctx) => {
  const { flags, operands } = split(ctx.argv, ['m']);
  let status = 0;
  for (const operand of operands) {
    const path = ctx.host.fs.resolve(operand, ctx.cwd);
    if (ctx.host.fs.exists(path)) {
      if (!flags.has('p')) {
        ctx.error(`mkdir: cannot create directory '${operand}': File exists\n`);
        status = 1;
      }
      continue;
    }
    if (!flags.has('p') && !ctx.host.fs.exists(posix.dirname(path))) {
      ctx.error(`mkdir: cannot create directory '${operand}': No such file or directory\n`);
      status = 1;
      continue;
    }
    try {
      ctx.host.fs.mkdirp(path);
    } catch (error) {
      return noSpace(ctx, 'mkdir', operand, error);
    }
  }
  return status;
};

const rm: Builtin = (ctx) => {
  const { flags, operands } = split(ctx.argv);
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R') || flags.has('--recursive');
  let status = 0;
  if (operands.length === 0 && !force) {
    ctx.error("rm: missing operand\nTry 'rm --help' for more information.\n");
    return 1;
  }
  for (const operand of operands) {
    const path = ctx.host.fs.resolve(operand, ctx.cwd);
    if (!ctx.host.fs.exists(path)) {
      if (!force) {
        ctx.error(`rm: cannot remove '${operand}': No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (ctx.host.fs.stat(path).isDirectory && !recursive) {
      ctx.error(`rm: cannot remove '${operand}': Is a directory\n`);
      status = 1;
      continue;
    }
    ctx.host.fs.remove(path, { recursive });
  }
  return status;
};

const rmdir: Builtin = (ctx) => {
  let status = 0;
  for (const operand of split(ctx.argv).operands) {
    const path = ctx.host.fs.resolve(operand, ctx.cwd);
    if (!ctx.host.fs.exists(path)) {
      ctx.error(`rmdir: failed to remove '${operand}': No such file or directory\n`);
      status = 1;
    } else if (ctx.host.fs.list(path).length > 0) {
      ctx.error(`rmdir: failed to remove '${operand}': Directory not empty\n`);
      status = 1;
    } else ctx.host.fs.remove(path);
  }
  return status;
};

const copyTree = (ctx: CommandContext, from: string, to: string) => {
  const fs = ctx.host.fs;
  if (fs.stat(from).isDirectory) {
    fs.mkdirp(to);
    for (const name of fs.list(from)) copyTree(ctx, posix.join(from, name), posix.join(to, name));
  } else fs.writeText(to, fs.readText(from));
};

const moveOrCopy =
  (tool: 'mv' | 'cp'): Builtin =>
  (ctx) => {
    const { flags, operands } = split(ctx.argv);
    if (operands.length < 2) {
      ctx.error(operands.length === 0 ? `${tool}: missing file operand\n` : `${tool}: missing destination file operand after '${operands[0]}'\n`);
      return 1;
    }
    const fs = ctx.host.fs;
    const target = fs.resolve(operands.at(-1)!, ctx.cwd);
    const intoDir = fs.exists(target) && fs.stat(target).isDirectory;
    let status = 0;
    for (const operand of operands.slice(0, -1)) {
      const from = fs.resolve(operand, ctx.cwd);
      if (!fs.exists(from)) {
        ctx.error(`${tool}: cannot stat '${operand}': No such file or directory\n`);
        status = 1;
        continue;
      }
      const to = intoDir ? posix.join(target, posix.basename(from)) : target;
      if (tool === 'cp' && fs.stat(from).isDirectory && !(flags.has('r') || flags.has('R') || flags.has('a'))) {
        ctx.error(`cp: -r not specified; omitting directory '${operand}'\n`);
        status = 1;
        continue;
      }
      try {
        if (tool === 'mv') fs.rename(from, to);
        else copyTree(ctx, from, to);
      } catch (error) {
        return noSpace(ctx, tool, operands.at(-1)!, error);
      }
    }
    return status;
  };

const touch: Builtin = (ctx) => {
  for (const operand of split(ctx.argv).operands) {
    const path = ctx.host.fs.resolve(operand, ctx.cwd);
    try {
      if (!ctx.host.fs.exists(path)) ctx.host.fs.writeText(path, '');
      else ctx.host.fs.writeText(path, ctx.host.fs.readText(path));
    } catch (error) {
      return noSpace(ctx, 'touch', operand, error);
    }
  }
  return 0;
};

const head: Builtin = async (ctx) => {
  const { values, operands } = split(ctx.argv, ['n', 'c']);
  const count = Number(values['n'] ?? 10);
  if (values['c'] !== undefined) {
    for await (const { text } of inputs(ctx, 'head', operands)) ctx.write(text.slice(0, Number(values['c'])));
    return 0;
  }
  if (operands.length === 0) {
    // Streams: stop reading as soon as enough lines passed (`nvidia-smi -l 1 | head -n 3` ends).
    let seen = 0;
    if (count <= 0) return 0;
    for await (const line of lines(ctx.stdin)) {
      ctx.write(`${line}\n`);
      seen += 1;
      if (seen >= count) break;
    }
    return 0;
  }
  for await (const { text } of inputs(ctx, 'head', operands)) {
    const all = text.split('\n');
    const keep = count < 0 ? all.slice(0, count) : all.slice(0, count);
    ctx.write(keep.join('\n') + (keep.length < all.length || text.endsWith('\n') ? '\n' : ''));
  }
  return countMissing(ctx, operands) > 0 ? 1 : 0;
};

const tail: Builtin = async (ctx) => {
  const { flags, values, operands } = split(ctx.argv, ['n', 'c']);
  const spec = values['n'] ?? '10';
  const fromStart = spec.startsWith('+');
  const count = Number(spec.replace('+', ''));
  const lastLines = (text: string) => {
    const body = text.endsWith('\n') ? text.slice(0, -1) : text;
    if (body.length === 0) return '';
    const all = body.split('\n');
    const keep = fromStart ? all.slice(Math.max(0, count - 1)) : count === 0 ? [] : all.slice(-count);
    return keep.length > 0 ? `${keep.join('\n')}\n` : '';
  };
  for await (const { text } of inputs(ctx, 'tail', operands)) ctx.write(values['c'] !== undefined ? text.slice(-Number(values['c'])) : lastLines(text));
  const follow = flags.has('f') || flags.has('F') || flags.has('--follow');
  if (follow && operands.length > 0) {
    // Follow the file as it grows until interrupted.
    const path = ctx.host.fs.resolve(operands[0]!, ctx.cwd);
    let size = ctx.host.fs.exists(path) ? ctx.host.fs.readText(path).length : 0;
    while (!ctx.signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (!ctx.host.fs.exists(path)) continue;
      const text = ctx.host.fs.readText(path);
      if (text.length > size) ctx.write(text.slice(size));
      size = text.length;
    }
    return 130;
  }
  return countMissing(ctx, operands) > 0 ? 1 : 0;
};

const wc: Builtin = async (ctx) => {
  const { flags, operands } = split(ctx.argv);
  const all = !flags.has('l') && !flags.has('w') && !flags.has('c');
  for await (const { name, text } of inputs(ctx, 'wc', operands)) {
    const counts: number[] = [];
    if (all || flags.has('l')) counts.push((text.match(/\n/g) ?? []).length);
    if (all || flags.has('w')) counts.push(text.split(/\s+/).filter(Boolean).length);
    if (all || flags.has('c')) counts.push(Buffer.byteLength(text));
    const width = counts.length === 1 ? 0 : 7;
    ctx.write(`${counts.map((c) => String(c).padStart(width)).join(' ')}${name === '-' ? '' : ` ${name}`}\n`);
  }
  return countMissing(ctx, operands) > 0 ? 1 : 0;
};

const grep: Builtin = async (ctx) => {
  const { flags, values, operands } = split(ctx.argv, ['e', 'm']);
  const pattern = values['e'] ?? operands.shift();
  if (pattern === undefined) {
    ctx.error("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  const source = flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : flags.has('E') ? pattern : pattern.replace(/\\([|()+?{}])/g, '$1');
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags.has('i') ? 'i' : '');
  } catch {
    ctx.error('grep: Unmatched ( or \\(\n');
    return 2;
  }
  const max = values['m'] !== undefined ? Number(values['m']) : Number.POSITIVE_INFINITY;
  let matched = 0;
  const many = operands.length > 1;
  const handle = (name: string, line: string): boolean => {
    const hit = regex.test(line) !== flags.has('v');
    if (!hit) return false;
    matched += 1;
    if (flags.has('q') || flags.has('c')) return true;
    const prefix = many ? `${name}:` : '';
    if (flags.has('o')) for (const m of line.match(new RegExp(regex.source, `g${regex.flags}`)) ?? []) ctx.write(`${prefix}${m}\n`);
    else ctx.write(`${prefix}${line}\n`);
    return true;
  };
  if (operands.length === 0) {
    let count = 0;
    for await (const line of lines(ctx.stdin)) {
      if (handle('(standard input)', line)) count += 1;
      if (count >= max || (flags.has('q') && matched > 0)) break;
    }
    if (flags.has('c')) ctx.write(`${count}\n`);
  } else {
    for await (const { name, text } of inputs(ctx, 'grep', operands)) {
      let count = 0;
      for (const line of text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined)) {
        if (handle(name, line)) count += 1;
        if (count >= max) break;
      }
      if (flags.has('c')) ctx.write(`${many ? `${name}:` : ''}${count}\n`);
    }
    if (countMissing(ctx, operands) > 0 && matched === 0) return 2;
  }
  return matched > 0 ? 0 : 1;
};

const sha256sum: Builtin = async (ctx) => {
  const { operands } = split(ctx.argv);
  for await (const { name, text } of inputs(ctx, 'sha256sum', operands)) ctx.write(`${createHash('sha256').update(text).digest('hex')}  ${name}\n`);
  return countMissing(ctx, operands) > 0 ? 1 : 0;
};

export const fileBuiltins: Record<string, Builtin> = {
  cat,
  tee,
  mkdir,
  rm,
  rmdir,
  mv: moveOrCopy('mv'),
  cp: moveOrCopy('cp'),
  touch,
  head,
  tail,
  wc,
  grep,
  sha256sum,
};

export { split as splitFlags, readFile, noSpace };
