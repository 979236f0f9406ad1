/** Listing and sizes: ls, stat, du (GNU coreutils' formats for the options listed in each). */
import { posix } from 'node:path';
import type { SimStat } from '../sim/io.js';
import { diskKiB, fullTime, humanSize, lsTime, modeString } from './file-format.js';
import type { Builtin, CommandContext } from './types.js';
import { abs, flagsOr, nowMs, shq, statOf } from './util.js';
import { unescape } from './builtins-output.js';

/** Directory entries in C.UTF-8 order (code points), dot-files only when asked. */
const entries = (ctx: CommandContext, dir: string, all: boolean, almostAll: boolean): string[] => {
  const names = ctx.host.fs.list(dir).filter((name) => all || almostAll || !name.startsWith('.'));
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return all ? ['.', '..', ...names] : names;
};

const ls: Builtin = (ctx) => {
  const flags = flagsOr(ctx, { bool: '1aAlhtrdSF', long: { 'full-time': { as: 'T', value: false }, all: { as: 'a', value: false }, 'almost-all': { as: 'A', value: false }, 'human-readable': { as: 'h', value: false }, directory: { as: 'd', value: false } } }, 2);
  if (typeof flags === 'number') return flags;
  const long = flags.has('l') || flags.has('T');
  const operands = flags.operands.length > 0 ? flags.operands : ['.'];
  const now = nowMs(ctx);
  let status = 0;
  const files: Array<{ name: string; stat: SimStat }> = [];
  const dirs: string[] = [];
  for (const name of operands) {
    const stat = statOf(ctx, name);
    if (!stat) {
      ctx.error(`ls: cannot access ${shq(name)}: No such file or directory\n`);
      status = 2;
    } else if (stat.isDirectory && !flags.has('d')) dirs.push(name);
    else files.push({ name, stat });
  }
  const order = (list: Array<{ name: string; stat: SimStat }>) => {
    if (flags.has('t')) list.sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs || (a.name < b.name ? -1 : 1));
    if (flags.has('S')) list.sort((a, b) => b.stat.size - a.stat.size || (a.name < b.name ? -1 : 1));
    if (flags.has('r')) list.reverse();
    return list;
  };
  const render = (list: Array<{ name: string; stat: SimStat }>, withTotal: boolean) => {
    if (!long) {
      for (const { name, stat } of list) ctx.write(`${name}${flags.has('F') && stat.isDirectory ? '/' : ''}\n`);
      return;
    }
    const size = (s: SimStat) => (flags.has('h') ? humanSize(s.isDirectory ? 4096 : s.size) : String(s.isDirectory ? 4096 : s.size));
    const width = Math.max(0, ...list.map(({ stat }) => size(stat).length));
    if (withTotal) {
      const kib = list.reduce((sum, { stat }) => sum + diskKiB(stat.size, stat.isDirectory), 0);
      ctx.write(`total ${flags.has('h') ? humanSize(kib * 1024) : kib}\n`);
    }
    for (const { name, stat } of list) {
      const when = flags.has('T') ? fullTime(stat.mtimeMs) : lsTime(stat.mtimeMs, now);
      const links = stat.isDirectory ? 2 : 1;
      ctx.write(`${modeString(stat.mode, stat.isDirectory)} ${links} ${ctx.host.user} ${ctx.host.user} ${size(stat).padStart(width)} ${when} ${name}\n`);
    }
  };
  render(order(files), false);
  for (const [index, name] of dirs.entries()) {
    if (operands.length > 1) ctx.write(`${files.length > 0 || index > 0 ? '\n' : ''}${name}:\n`);
    const dir = abs(ctx, name);
    const list = entries(ctx, dir, flags.has('a'), flags.has('A')).map((entry) => ({ name: entry, stat: ctx.host.fs.stat(posix.join(dir, entry)) }));
    render(order(list), true);
  }
  return status;
};

const fileType = (stat: SimStat) => (stat.isDirectory ? 'directory' : stat.size === 0 ? 'regular empty file' : 'regular file');

/** Fake but stable inode numbers: the same path always gets the same one. */
const inode = (path: string): number => {
  let hash = 5381;
  for (const c of path) hash = ((hash * 33) ^ c.charCodeAt(0)) >>> 0;
  return 1_000_000 + (hash % 8_000_000);
};

const statFormat = (ctx: CommandContext, format: string, name: string, stat: SimStat): string =>
  format.replace(/%([%sYyXxZzWwnNFaAUGugibBho])/g, (_, code: string) => {
    const seconds = String(Math.floor(stat.mtimeMs / 1000));
    switch (code) {
      case '%':
        return '%';
      case 's':
        return String(stat.isDirectory ? 4096 : stat.size);
      case 'Y':
      case 'X':
      case 'Z':
        return seconds;
      case 'y':
      case 'x':
      case 'z':
        return fullTime(stat.mtimeMs);
      case 'W':
        return '0';
      case 'w':
        return '-';
      case 'n':
        return name;
      case 'N':
        return shq(name);
      case 'F':
        return fileType(stat);
      case 'a':
        return (stat.mode & 0o7777).toString(8);
      case 'A':
        return modeString(stat.mode, stat.isDirectory);
      case 'U':
      case 'G':
        return ctx.host.user;
      case 'u':
      case 'g':
        return '1000';
      case 'i':
        return String(inode(abs(ctx, name)));
      case 'b':
        return String(diskKiB(stat.size, stat.isDirectory) * 2);
      case 'B':
        return '512';
      case 'h':
        return stat.isDirectory ? '2' : '1';
      default:
        return '4096';
    }
  });

const defaultStat = (ctx: CommandContext, name: string, stat: SimStat): string => {
  const size = stat.isDirectory ? 4096 : stat.size;
  const blocks = diskKiB(stat.size, stat.isDirectory) * 2;
  const time = fullTime(stat.mtimeMs);
  return [
    `  File: ${name}`,
    `  Size: ${String(size).padEnd(15)}\tBlocks: ${String(blocks).padEnd(10)} IO Block: 4096   ${fileType(stat)}`,
    `Device: 259,2\tInode: ${String(inode(abs(ctx, name))).padEnd(11)} Links: ${stat.isDirectory ? 2 : 1}`,
    `Access: (${(stat.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(stat.mode, stat.isDirectory)})  Uid: ( 1000/${ctx.host.user.padStart(8)})   Gid: ( 1000/${ctx.host.user.padStart(8)})`,
    `Access: ${time}`,
    `Modify: ${time}`,
    `Change: ${time}`,
    ' Birth: -',
    '',
  ].join('\n');
};

const stat: Builtin = (ctx) => {
  const flags = flagsOr(ctx, { bool: 'LtfL', value: 'c', long: { format: { as: 'c', value: true }, printf: { as: 'p', value: true }, dereference: { as: 'L', value: false } } });
  if (typeof flags === 'number') return flags;
  if (flags.operands.length === 0) {
    ctx.error("stat: missing operand\nTry 'stat --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const name of flags.operands) {
    const found = statOf(ctx, name);
    if (!found) {
      ctx.error(`stat: cannot statx ${shq(name)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    const printf = flags.get('p');
    const format = flags.get('c');
    if (printf !== undefined) ctx.write(unescape(statFormat(ctx, printf, name, found), false).text);
    else if (format !== undefined) ctx.write(`${statFormat(ctx, format, name, found)}\n`);
    else ctx.write(defaultStat(ctx, name, found));
  }
  return status;
};

const du: Builtin = (ctx) => {
  const flags = flagsOr(ctx, { bool: 'sbkmhacx', value: 'd', long: { 'apparent-size': { as: 'A', value: false }, 'max-depth': { as: 'd', value: true }, summarize: { as: 's', value: false }, bytes: { as: 'b', value: false }, 'human-readable': { as: 'h', value: false }, total: { as: 'c', value: false } } });
  if (typeof flags === 'number') return flags;
  const apparent = flags.has('A') || flags.has('b');
  const maxDepth = flags.has('s') ? 0 : flags.get('d') !== undefined ? Number(flags.get('d')) : Infinity;
  const bytesOf = (s: SimStat) => (apparent ? (s.isDirectory ? 4096 : s.size) : diskKiB(s.size, s.isDirectory) * 1024);
  const show = (bytes: number): string => {
    if (flags.has('h')) return bytes === 0 ? '0' : humanSize(bytes);
    if (flags.has('b')) return String(bytes);
    if (flags.has('m')) return String(Math.ceil(bytes / 1024 ** 2));
    return String(Math.ceil(bytes / 1024));
  };
  let status = 0;
  let total = 0;
  const walk = (path: string, shown: string, depth: number): number => {
    const s = ctx.host.fs.stat(path);
    let sum = bytesOf(s);
    if (s.isDirectory) {
      for (const entry of entries(ctx, path, false, true)) sum += walk(posix.join(path, entry), `${shown.replace(/\/$/, '')}/${entry}`, depth + 1);
    }
    if ((s.isDirectory || flags.has('a') || depth === 0) && depth <= maxDepth) ctx.write(`${show(sum)}\t${shown}\n`);
    return sum;
  };
  for (const name of flags.operands.length > 0 ? flags.operands : ['.']) {
    if (!statOf(ctx, name)) {
      ctx.error(`du: cannot access ${shq(name)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    total += walk(abs(ctx, name), name, 0);
  }
  if (flags.has('c')) ctx.write(`${show(total)}\ttotal\n`);
  return status;
};

export const listBuiltins: Record<string, Builtin> = { ls, stat, du };
