/** find (the tests PGX Companion uses) and xargs, which runs a command over what find printed. */
import { posix } from 'node:path';
import type { SimStat } from '../sim/io.js';
import { globRegex } from './expand.js';
import { readAll } from './streams.js';
import type { Builtin, CommandContext } from './types.js';
import { abs, lq, statOf } from './util.js';

type Test = (path: string, stat: SimStat, depth: number) => boolean;

/** -size N[cwbkMG]: GNU rounds the file's size up to the unit before comparing. */
const sizeTest = (spec: string): Test | undefined => {
  const match = /^([+-]?)(\d+)([cwbkMG]?)$/.exec(spec);
  if (!match) return undefined;
  const unit = { c: 1, w: 2, b: 512, '': 512, k: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[3] as 'c' | 'w' | 'b' | '' | 'k' | 'M' | 'G'];
  const n = Number(match[2]);
  return (_, stat) => {
    const units = Math.ceil((stat.isDirectory ? 4096 : stat.size) / unit);
    return match[1] === '+' ? units > n : match[1] === '-' ? units < n : units === n;
  };
};

const find: Builtin = (ctx) => {
  const args = [...ctx.argv];
  const starts: string[] = [];
  while (args.length > 0 && !/^[-!(]/.test(args[0]!)) starts.push(args.shift()!);
  if (starts.length === 0) starts.push('.');
  let maxDepth = Infinity;
  let minDepth = 0;
  let separator = '\n';
  const tests: Test[] = [];
  let negate = false;
  const add = (test: Test) => {
    const flip = negate;
    tests.push(flip ? (p, s, d) => !test(p, s, d) : test);
    negate = false;
  };
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i]!;
    const value = args[i + 1];
    const needs = () => {
      if (value === undefined) throw new Error(`find: missing argument to \`${word}'`);
      i += 1;
      return value;
    };
    try {
      switch (word) {
        case '!':
        case '-not':
          negate = !negate;
          break;
        case '-maxdepth':
          maxDepth = Number(needs());
          break;
        case '-mindepth':
          minDepth = Number(needs());
          break;
        case '-type': {
          const type = needs();
          if (type !== 'f' && type !== 'd' && type !== 'l') throw new Error(`find: Unknown argument to -type: ${type}`);
          add((_, s) => (type === 'd' ? s.isDirectory : type === 'f' ? !s.isDirectory : false));
          break;
        }
        case '-name':
        case '-iname': {
          const regex = globRegex(needs());
          const insensitive = word === '-iname' ? new RegExp(regex.source, 'is') : regex;
          add((p) => insensitive.test(posix.basename(p)));
          break;
        }
        case '-path': {
          const regex = new RegExp(globRegex(needs()).source.replace(/\[\^\/\]\*/g, '.*'), 's');
          add((p) => regex.test(p));
          break;
        }
        case '-newer': {
          const reference = needs();
          const ref = statOf(ctx, reference);
          if (!ref) throw new Error(`find: ${lq(ctx, reference)}: No such file or directory`);
          add((_, s) => s.mtimeMs > ref.mtimeMs);
          break;
        }
        case '-size': {
          const spec = needs();
          const test = sizeTest(spec);
          if (!test) throw new Error(`find: invalid -size type \`${spec.slice(-1)}'`);
          add(test);
          break;
        }
        case '-empty':
          add((p, s) => (s.isDirectory ? ctx.host.fs.list(p).length === 0 : s.size === 0));
          break;
        case '-print0':
          separator = '\0';
          break;
        case '-print':
        case '-a':
        case '-and':
          break;
        default:
          throw new Error(word.startsWith('-') ? `find: unknown predicate \`${word}'` : `find: paths must precede expression: \`${word}'`);
      }
    } catch (error) {
      ctx.error(`${(error as Error).message}\n`);
      return 1;
    }
  }
  let status = 0;
  const walk = (absolute: string, shown: string, depth: number) => {
    if (ctx.signal.aborted) return;
    const stat = ctx.host.fs.stat(absolute);
    if (depth >= minDepth && tests.every((test) => test(absolute, stat, depth))) ctx.write(`${shown}${separator}`);
    if (!stat.isDirectory || depth >= maxDepth) return;
    const names = ctx.host.fs.list(absolute).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) walk(posix.join(absolute, name), `${shown.replace(/\/$/, '')}/${name}`, depth + 1);
  };
  for (const start of starts) {
    if (!statOf(ctx, start)) {
      ctx.error(`find: ${lq(ctx, start)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    walk(abs(ctx, start), start, 0);
  }
  return status;
};

const xargs: Builtin = async (ctx: CommandContext) => {
  const args = [...ctx.argv];
  let nul = false;
  let noRunIfEmpty = false;
  let maxArgs = Infinity;
  let replace: string | undefined;
  while (args[0]?.startsWith('-')) {
    const flag = args.shift()!;
    if (flag === '-0' || flag === '--null') nul = true;
    else if (flag === '-r' || flag === '--no-run-if-empty') noRunIfEmpty = true;
    else if (flag === '-n') maxArgs = Number(args.shift());
    else if (/^-n\d+$/.test(flag)) maxArgs = Number(flag.slice(2));
    else if (flag === '-I') replace = args.shift();
    else if (flag === '--') break;
    else {
      ctx.error(`xargs: invalid option -- '${flag.slice(1, 2)}'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nTry 'xargs --help' for more information.\n`);
      return 1;
    }
  }
  const command = args.length > 0 ? args : ['echo'];
  const input = await readAll(ctx.stdin, ctx.signal);
  const items = nul ? input.split('\0').filter((s, i, all) => s !== '' || i < all.length - 1) : replace !== undefined ? input.split('\n').filter(Boolean) : (input.match(/(?:[^\s'"\\]|\\.|'[^']*'|"[^"]*")+/g) ?? []).map((w) => w.replace(/\\(.)|'([^']*)'|"([^"]*)"/g, (_, e: string, s: string, d: string) => e ?? s ?? d));
  if (items.length === 0 && noRunIfEmpty) return 0;
  const batches: string[][] = [];
  if (replace !== undefined) for (const item of items) batches.push(command.map((word) => word.split(replace).join(item)));
  else if (items.length === 0) batches.push([...command]);
  else for (let i = 0; i < items.length; i += Math.min(maxArgs, items.length)) batches.push([...command, ...items.slice(i, i + maxArgs)]);
  let status = 0;
  for (const batch of batches) {
    const code = await ctx.run(batch, { write: ctx.write, error: ctx.error, stdin: { async *[Symbol.asyncIterator]() {} }, signal: ctx.signal });
    if (code === 127 || code === 126) return code;
    if (code === 255) {
      ctx.error(`xargs: ${batch[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (code !== 0) status = 123;
  }
  return status;
};

export const findBuiltins: Record<string, Builtin> = { find, xargs };
