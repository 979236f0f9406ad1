/** chmod (octal and symbolic modes) and umask: what setup scripts run on ~/.ssh and job files. */
import { chmodSync } from 'node:fs';
import type { Builtin } from './types.js';
import { abs, shq, statOf } from './util.js';

/** Applies `u+x`, `go-w`, `a=r`, `+x` (comma lists) to a mode. */
const symbolic = (spec: string, mode: number): number | undefined => {
  let result = mode;
  for (const clause of spec.split(',')) {
    const match = /^([ugoa]*)([+=-])([rwxX]*)$/.exec(clause);
    if (!match) return undefined;
    const who = match[1] === '' || match[1]!.includes('a') ? 'ugo' : match[1]!;
    let bits = 0;
    for (const c of match[3]!) bits |= c === 'r' ? 4 : c === 'w' ? 2 : 1;
    let mask = 0;
    let value = 0;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      mask |= 7 << shift;
      value |= bits << shift;
    }
    if (match[2] === '+') result |= value;
    else if (match[2] === '-') result &= ~value;
    else result = (result & ~mask) | value;
  }
  return result;
};

const chmod: Builtin = (ctx) => {
  const args = ctx.argv.filter((a) => a !== '-R' && a !== '-v' && a !== '-f');
  const [spec, ...names] = args;
  if (spec === undefined || names.length === 0) {
    ctx.error(spec === undefined ? "chmod: missing operand\nTry 'chmod --help' for more information.\n" : `chmod: missing operand after ${shq(spec)}\nTry 'chmod --help' for more information.\n`);
    return 1;
  }
  let status = 0;
  for (const name of names) {
    const stat = statOf(ctx, name);
    if (!stat) {
      ctx.error(`chmod: cannot access ${shq(name)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    const mode = /^[0-7]{1,4}$/.test(spec) ? parseInt(spec, 8) : symbolic(spec, stat.mode & 0o7777);
    if (mode === undefined) {
      ctx.error(`chmod: invalid mode: ${shq(spec)}\nTry 'chmod --help' for more information.\n`);
      return 1;
    }
    chmodSync(ctx.host.fs.hostPath(abs(ctx, name)), mode);
  }
  return status;
};

export const permBuiltins: Record<string, Builtin> = { chmod };
