/**
 * File utilities on the box's file system (GNU coreutils' options and messages): cat, tee,
 * mkdir, rm, rmdir, mv, cp, ln, touch. SimFs has no copy, link or timestamp calls, so those go
 * through node:fs on fs.hostPath() — the folder that stands in for the box path.
 */
import { chmodSync, copyFileSync, linkSync, lstatSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { posix } from 'node:path';
import { SimFsError } from '../sim/io.js';
import type { Builtin, CommandContext } from './types.js';
import { abs, flagsOr, lq, readBoxFile, reason, shq, statOf } from './util.js';

const missingOperand = (ctx: CommandContext) => {
  ctx.error(`${ctx.name}: missing operand\nTry '${ctx.name} --help' for more information.\n`);
  return 1;
};

const cat: Builtin = async (ctx) => {
  const flags = flagsOr(ctx, { bool: 'uAsn' });
  if (typeof flags === 'number') return flags;
  const names = flags.operands.length > 0 ? flags.operands : ['-'];
  let status = 0;
  for (const name of names) {
    if (ctx.signal.aborted) return 130;
    if (name === '-') {
      for await (const chunk of ctx.stdin) ctx.write(chunk);
      continue;
    }
    const file = readBoxFile(ctx, name);
    if (file.ok) ctx.write(file.text);
    else {
      ctx.error(`cat: ${name}: ${file.reason}\n`);
      status = 1;
    }
  }
  return status;
};

const tee: Builtin = async (ctx) => {
  const flags = flagsOr(ctx, { bool: 'ai', long: { append: { as: 'a', value: false } } });
  if (typeof flags === 'number') return flags;
  let status = 0;
  const targets: string[] = [];
  for (const name of flags.operands) {
    try {
      const path = abs(ctx, name);
      if (!flags.has('a') || !ctx.host.fs.exists(path)) ctx.host.fs.writeText(path, '');
      targets.push(path);
    } catch (error) {
      ctx.error(`tee: ${name}: ${reason(error)}\n`);
      status = 1;
    }
  }
  for await (const chunk of ctx.stdin) {
    ctx.write(chunk);
    for (const path of [...targets]) {
      try {
        ctx.host.fs.writeText(path, chunk, { append: true });
      } catch (error) {
        ctx.error(`tee: ${posix.basename(path)}: ${reason(error)}\n`);
        targets.splice(targets.indexOf(path), 1);
        status = 1;
      }
    }
  }
  return status;
};

const mkdir: Builtin = (ctx) => {
  const flags = flagsOr(ctx, { bool: 'pv', value: 'm', long: { parents: { as: 'p', value: false }, mode: { as: 'm', value: true } } });
  if (typeof flags === 'number') return flags;
  if (flags.operands.length === 0) return missingOperand(ctx);
  const mode = flags.get('m');
  let status = 0;
  for (const name of flags.operands) {
    const path = abs(ctx, name);
    const fail = (why: string) => {
      ctx.error(`mkdir: cannot create directory ${lq(ctx, name)}: ${why}\n`);
      status = 1;
    };
    const existing = statOf(ctx, path);
    if (existing) {
      if (!flags.has('p') || !existing.isDirectory) fail(existing.isDirectory || !flags.has('p') ? 'File exists' : 'Not a directory');
      continue;
    }
    const parent = statOf(ctx, posix.dirname(path));
    if (!flags.has('p') && !parent) {
      fail('No such file or directory');
      continue;
    }
    if (parent && !parent.isDirectory) {
      fail('Not a directory');
      continue;
    }
    try {
      ctx.host.fs.mkdirp(path);
      if (mode !== undefined && /^[0-7]{3,4}$/.test(mode)) chmodSync(ctx.host.fs.hostPath(path), parseInt(mode, 8));
    } catch (error) {
      fail(reason(error));
    }
  }
  return status;
};

const rm: Builtin = (ctx) => {
  const flags = flagsOr(ctx, { bool: 'frRivd', long: { force: { as: 'f', value: false }, recursive: { as: 'r', value: false } } });
  if (typeof flags === 'number') return flags;
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R');
  if (flags.operands.length === 0) return force ? 0 : missingOperand(ctx);
  let status = 0;
  for (const name of flags.operands) {
    const path = abs(ctx, name);
    if (recursive && path === '/') {
      ctx.error("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
      status = 1;
      continue;
    }
    const stat = statOf(ctx, path);
    if (!stat) {
      if (!force) {
        ctx.error(`rm: cannot remove ${shq(name)}: No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (stat.isDirectory && !recursive) {
      ctx.error(`rm: cannot remove ${shq(name)}: Is a directory\n`);
      status = 1;
      continue;
    }
    try {
      ctx.host.fs.remove(path, { recursive: stat.isDirectory });
    } catch (error) {
      ctx.error(`rm: cannot remove ${shq(name)}: ${reason(error)}\n`);
      status = 1;
    }
  }
  return status;
};

const rmdir: Builtin = (ctx) => {
  const flags = flagsOr(ctx, { bool: 'pv', long: { 'ignore-fail-on-non-empty': { as: 'i', value: false } } });
  if (typeof flags === 'number') return flags;
  if (flags.operands.length === 0) return missingOperand(ctx);
  let status = 0;
  for (const name of flags.operands) {
    const path = abs(ctx, name);
    const stat = statOf(ctx, path);
    let why: string | undefined;
    if (!stat) why = 'No such file or directory';
    else if (!stat.isDirectory) why = 'Not a directory';
    else if (ctx.host.fs.list(path).length > 0) why = flags.has('i') ? undefined : 'Directory not empty';
    else ctx.host.fs.remove(path);
    if (why) {
      ctx.error(`rmdir: failed to remove ${shq(name)}: ${why}\n`);
      status = 1;
    }
  }
  return status;
};

/** Copies a file or a tree; `preserve` keeps modes and times (cp -p). */
const copyTree = (ctx: CommandContext, from: string, to: string, preserve: boolean): void => {
  const fs = ctx.host.fs;
  const stat = fs.stat(from);
  if (stat.isDirectory) {
    fs.mkdirp(to);
    for (const entry of fs.list(from)) copyTree(ctx, posix.join(from, entry), posix.join(to, entry), preserve);
  } else {
    // An empty write first: it is what reports a full disk (SimFs's ENOSPC), then the bytes.
    fs.writeText(to, '');
    copyFileSync(fs.hostPath(from), fs.hostPath(to));
  }
  if (preserve) {
    chmodSync(fs.hostPath(to), stat.mode & 0o7777);
    utimesSync(fs.hostPath(to), stat.mtimeMs / 1000, stat.mtimeMs / 1000);
  }
};

const moveOrCopy =
  (kind: 'mv' | 'cp'): Builtin =>
  (ctx) => {
    const flags = flagsOr(ctx, { bool: kind === 'cp' ? 'rRpafvnT' : 'fvnT', long: { recursive: { as: 'r', value: false }, force: { as: 'f', value: false } } });
    if (typeof flags === 'number') return flags;
    const names = flags.operands;
    if (names.length < 2) {
      ctx.error(names.length === 0 ? `${kind}: missing file operand\nTry '${kind} --help' for more information.\n` : `${kind}: missing destination file operand after ${shq(names[0]!)}\nTry '${kind} --help' for more information.\n`);
      return 1;
    }
    const fs = ctx.host.fs;
    const target = abs(ctx, names.at(-1)!);
    const targetIsDir = statOf(ctx, target)?.isDirectory === true && !flags.has('T');
    if (names.length > 2 && !targetIsDir) {
      const exists = statOf(ctx, target) !== undefined;
      ctx.error(`${kind}: target ${shq(names.at(-1)!)}: ${exists ? 'Not a directory' : 'No such file or directory'}\n`);
      return 1;
    }
    const recursive = flags.has('r') || flags.has('R') || flags.has('a');
    let status = 0;
    for (const name of names.slice(0, -1)) {
      const from = abs(ctx, name);
      const to = targetIsDir ? posix.join(target, posix.basename(from)) : target;
      const stat = statOf(ctx, from);
      if (!stat) {
        ctx.error(`${kind}: cannot stat ${shq(name)}: No such file or directory\n`);
        status = 1;
        continue;
      }
      if (kind === 'cp' && stat.isDirectory && !recursive) {
        ctx.error(`cp: -r not specified; omitting directory ${shq(name)}\n`);
        status = 1;
        continue;
      }
      if (flags.has('n') && fs.exists(to)) continue;
      try {
        if (kind === 'mv') {
          if (fs.exists(to) && statOf(ctx, to)?.isDirectory !== true) fs.remove(to);
          fs.rename(from, to);
        } else copyTree(ctx, from, to, flags.has('p') || flags.has('a'));
      } catch (error) {
        const full = error instanceof SimFsError && error.code === 'ENOSPC';
        ctx.error(full ? `${kind}: error writing ${shq(posix.relative(ctx.cwd, to) || to)}: No space left on device\n` : `${kind}: cannot ${kind === 'mv' ? 'move' : 'copy'} ${shq(name)}: ${reason(error)}\n`);
        status = 1;
      }
    }
    return status;
  };

const ln: Builtin = (ctx) => {
  const flags = flagsOr(ctx, { bool: 'sfnTrv', long: { symbolic: { as: 's', value: false }, force: { as: 'f', value: false } } });
  if (typeof flags === 'number') return flags;
  const [targetName, linkName] = flags.operands;
  if (targetName === undefined) return missingOperand(ctx);
  const fs = ctx.host.fs;
  let link = abs(ctx, linkName ?? posix.basename(targetName));
  if (statOf(ctx, link)?.isDirectory && !flags.has('n') && !flags.has('T')) link = posix.join(link, posix.basename(targetName));
  const kind = flags.has('s') ? 'symbolic link' : 'hard link';
  const shown = shq(linkName ?? posix.basename(targetName));
  try {
    if (entryExists(fs.hostPath(link))) {
      if (!flags.has('f')) {
        ctx.error(`ln: failed to create ${kind} ${shown}: File exists\n`);
        return 1;
      }
      rmSync(fs.hostPath(link), { recursive: false, force: true });
    }
    if (flags.has('s')) {
      // The link must stay inside the box's folder: an absolute target becomes relative.
      const target = targetName.startsWith('/') ? posix.relative(posix.dirname(link), targetName) || '.' : targetName;
      try {
        symlinkSync(target, fs.hostPath(link));
      } catch {
        // Windows without the symlink privilege: a copy is the nearest thing.
        copyTree(ctx, abs(ctx, posix.resolve(posix.dirname(link), targetName)), link, true);
      }
    } else linkSync(fs.hostPath(abs(ctx, targetName)), fs.hostPath(link));
    return 0;
  } catch (error) {
    ctx.error(`ln: failed to create ${kind} ${shown}: ${reason(error)}\n`);
    return 1;
  }
};

/** lstat: a link counts even when what it points to is gone. */
const entryExists = (hostPath: string): boolean => {
  try {
    lstatSync(hostPath);
    return true;
  } catch {
    return false;
  }
};

const touch: Builtin = (ctx) => {
  const flags = flagsOr(ctx, { bool: 'acm', long: { 'no-create': { as: 'c', value: false } } });
  if (typeof flags === 'number') return flags;
  if (flags.operands.length === 0) {
    ctx.error("touch: missing file operand\nTry 'touch --help' for more information.\n");
    return 1;
  }
  let status = 0;
  const now = ((ctx.host.now ?? Date.now)()) / 1000;
  for (const name of flags.operands) {
    const path = abs(ctx, name);
    try {
      if (!ctx.host.fs.exists(path)) {
        if (flags.has('c')) continue;
        if (!statOf(ctx, posix.dirname(path))?.isDirectory) throw new SimFsError('ENOENT', path);
        ctx.host.fs.writeText(path, '', { append: true });
      }
      utimesSync(ctx.host.fs.hostPath(path), now, now);
    } catch (error) {
      ctx.error(`touch: cannot touch ${shq(name)}: ${reason(error)}\n`);
      status = 1;
    }
  }
  return status;
};

export const fileBuiltins: Record<string, Builtin> = { cat, tee, mkdir, rm, rmdir, mv: moveOrCopy('mv'), cp: moveOrCopy('cp'), ln, touch };
