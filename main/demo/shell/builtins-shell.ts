/**
 * Builtins that belong to the shell itself: they change its state (cd, export, exit) or answer
 * about it (pwd, command -v, type), plus the test/[ expression evaluator.
 */
import { posix } from 'node:path';
import type { Builtin, CommandContext } from './types.js';
import { abs, statOf } from './util.js';

const cd: Builtin = (ctx) => {
  const { state } = ctx;
  const operands = ctx.argv.filter((a) => a !== '-L' && a !== '-P' && a !== '--');
  if (operands.length > 1) {
    ctx.error(`${ctx.shellPrefix}cd: too many arguments\n`);
    return 1;
  }
  const given = operands[0];
  let target: string;
  if (given === undefined || given === '') {
    target = state.vars['HOME'] ?? ctx.host.fs.home;
  } else if (given === '-') {
    target = state.vars['OLDPWD'] ?? '';
    if (target === '') {
      ctx.error(`${ctx.shellPrefix}cd: OLDPWD not set\n`);
      return 1;
    }
  } else target = abs(ctx, given);
  const stat = statOf(ctx, target);
  if (!stat || !stat.isDirectory) {
    const why = stat ? 'Not a directory' : 'No such file or directory';
    ctx.error(state.flavor === 'sh' ? `${ctx.shellPrefix}cd: can't cd to ${given ?? target}\n` : `${ctx.shellPrefix}cd: ${given ?? target}: ${why}\n`);
    return state.flavor === 'sh' ? 2 : 1;
  }
  state.vars['OLDPWD'] = state.cwd;
  state.cwd = posix.normalize(target);
  state.vars['PWD'] = state.cwd;
  if (given === '-') ctx.write(`${state.cwd}\n`);
  return 0;
};

const validName = /^[A-Za-z_][A-Za-z0-9_]*$/;

const exportVars: Builtin = (ctx) => {
  let status = 0;
  const args = ctx.argv.filter((a) => a !== '-n' && a !== '--');
  if (args.length === 0 || ctx.argv.includes('-p')) {
    for (const name of [...ctx.state.exported].sort()) {
      const value = ctx.state.vars[name];
      if (value !== undefined) ctx.write(`declare -x ${name}="${value.replace(/(["\\$`])/g, '\\$1')}"\n`);
    }
    return 0;
  }
  for (const arg of args) {
    if (arg === '-p') continue;
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!validName.test(name)) {
      ctx.error(`${ctx.shellPrefix}export: \`${arg}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    if (eq >= 0) ctx.state.vars[name] = arg.slice(eq + 1);
    if (ctx.argv.includes('-n')) ctx.state.exported.delete(name);
    else ctx.state.exported.add(name);
  }
  return status;
};

const unset: Builtin = (ctx) => {
  for (const name of ctx.argv) {
    if (name === '-v' || name === '-f') continue;
    delete ctx.state.vars[name];
    ctx.state.exported.delete(name);
  }
  return 0;
};

const exit: Builtin = (ctx) => {
  const arg = ctx.argv[0];
  let status = ctx.state.lastStatus;
  if (arg !== undefined) {
    if (!/^[+-]?\d+$/.test(arg)) {
      ctx.error(`${ctx.shellPrefix}exit: ${arg}: numeric argument required\n`);
      status = 2;
    } else status = ((Number(arg) % 256) + 256) % 256;
  }
  ctx.state.exitRequested = status;
  return status;
};

/** test / [: the unary and binary operators scripts use, with `!`, `-a`, `-o`. */
export const evaluateTest = (ctx: CommandContext, args: readonly string[]): boolean | string => {
  const unary = (op: string, operand: string): boolean | string => {
    if (op === '-z') return operand.length === 0;
    if (op === '-n') return operand.length > 0;
    const path = abs(ctx, operand);
    const virtual = operand !== '' && ctx.host.virtualFile(path) !== undefined;
    const stat = operand === '' ? undefined : statOf(ctx, operand);
    switch (op) {
      case '-e':
      case '-a':
        return virtual || stat !== undefined;
      case '-f':
        return virtual || (stat !== undefined && !stat.isDirectory);
      case '-d':
        return stat?.isDirectory === true;
      case '-s':
        return stat !== undefined && (stat.isDirectory || stat.size > 0);
      case '-r':
        return virtual || (stat !== undefined && (stat.mode & 0o444) !== 0);
      case '-w':
        return stat !== undefined && (stat.mode & 0o222) !== 0;
      case '-x':
        return stat !== undefined && (stat.mode & 0o111) !== 0;
      case '-L':
      case '-h':
      case '-p':
      case '-S':
        return false;
      default:
        return `${op}: unary operator expected`;
    }
  };
  const binary = (left: string, op: string, right: string): boolean | string => {
    switch (op) {
      case '=':
      case '==':
        return left === right;
      case '!=':
        return left !== right;
      case '<':
        return left < right;
      case '>':
        return left > right;
      default:
        break;
    }
    const numeric: Record<string, (a: number, b: number) => boolean> = {
      '-eq': (a, b) => a === b,
      '-ne': (a, b) => a !== b,
      '-lt': (a, b) => a < b,
      '-le': (a, b) => a <= b,
      '-gt': (a, b) => a > b,
      '-ge': (a, b) => a >= b,
    };
    const compare = numeric[op];
    if (!compare) return `${op}: binary operator expected`;
    for (const value of [left, right]) if (!/^\s*[+-]?\d+\s*$/.test(value)) return `${value}: integer expression expected`;
    return compare(Number(left), Number(right));
  };
  const single = (part: readonly string[]): boolean | string => {
    if (part[0] === '!' && part.length > 1) {
      const inner = single(part.slice(1));
      return typeof inner === 'string' ? inner : !inner;
    }
    if (part.length === 0) return false;
    if (part.length === 1) return part[0]!.length > 0;
    if (part.length === 2) return unary(part[0]!, part[1]!);
    if (part.length === 3) return binary(part[0]!, part[1]!, part[2]!);
    return 'too many arguments';
  };
  // -o binds looser than -a, both looser than the rest.
  const or = split(args, '-o');
  let result = false;
  for (const alternative of or) {
    let all = true;
    for (const term of split(alternative, '-a')) {
      const value = single(term);
      if (typeof value === 'string') return value;
      all &&= value;
    }
    result ||= all;
  }
  return result;
};

const split = (args: readonly string[], separator: string): string[][] => {
  if (args.length <= 3) return [[...args]];
  const parts: string[][] = [[]];
  for (const arg of args) {
    if (arg === separator) parts.push([]);
    else parts.at(-1)!.push(arg);
  }
  return parts;
};

const test: Builtin = (ctx) => {
  let args = ctx.argv;
  if (ctx.name === '[') {
    if (args.at(-1) !== ']') {
      ctx.error(`${ctx.shellPrefix}[: missing \`]'\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  const result = evaluateTest(ctx, args);
  if (typeof result === 'string') {
    ctx.error(`${ctx.shellPrefix}${ctx.name}: ${result}\n`);
    return 2;
  }
  return result ? 0 : 1;
};

/** `command -v`/`-V`, `which`, `type`: where a name would come from. */
const describe: Builtin = async (ctx) => {
  let names = ctx.argv;
  let mode: 'v' | 'V' | 'which' | 'type' = ctx.name === 'which' ? 'which' : ctx.name === 'type' ? 'type' : 'v';
  if (ctx.name === 'command') {
    if (names[0] === '-p') names = names.slice(1);
    if (names[0] !== '-v' && names[0] !== '-V') return names.length === 0 ? 0 : ctx.run(names, ctx);
    mode = names[0] === '-V' ? 'V' : 'v';
    names = names.slice(1);
  }
  names = names.filter((n) => !(n.startsWith('-') && (mode === 'which' || mode === 'type')));
  let status = 0;
  for (const name of names) {
    const found = ctx.locate(name);
    if (found && !(mode === 'which' && found.kind === 'builtin' && !['echo', 'printf', 'test', '[', 'true', 'false', 'kill', 'pwd'].includes(name))) {
      const path = found.kind === 'builtin' && mode === 'which' ? `/usr/bin/${name}` : found.path;
      if (mode === 'v' || mode === 'which') ctx.write(`${path}\n`);
      else ctx.write(found.kind === 'builtin' ? `${name} is a shell builtin\n` : `${name} is ${path}\n`);
      continue;
    }
    status = 1;
    if (mode === 'type' || mode === 'V') ctx.error(`${ctx.shellPrefix}${mode === 'type' ? 'type' : 'command'}: ${name}: not found\n`);
  }
  return status;
};

const toggle = (ctx: CommandContext, option: 'errexit' | 'pipefail', on: boolean) => {
  if (on) ctx.state.options.add(option);
  else ctx.state.options.delete(option);
};

export const shellStateBuiltins: Record<string, Builtin> = {
  cd,
  pwd: (ctx) => (ctx.write(`${ctx.state.cwd}\n`), 0),
  export: exportVars,
  unset,
  exit,
  test,
  '[': test,
  true: () => 0,
  false: () => 1,
  ':': () => 0,
  command: describe,
  type: describe,
  which: describe,
  // No job control here: background jobs belong to the box, not to this shell.
  wait: () => 0,
  umask: (ctx) => (ctx.argv.length === 0 ? (ctx.write('0002\n'), 0) : 0),
  set: (ctx) => {
    const args = [...ctx.argv];
    for (let i = 0; i < args.length; i += 1) {
      const word = args[i]!;
      const on = word.startsWith('-');
      if (word === '--') {
        ctx.state.positional.splice(1, Infinity, ...args.slice(i + 1));
        break;
      }
      if (word === '-o' || word === '+o') {
        const name = args[++i];
        if (name === 'errexit' || name === 'pipefail') toggle(ctx, name, on);
      } else if (/^[-+][a-zA-Z]+$/.test(word) && word.includes('e')) toggle(ctx, 'errexit', on);
      else if (!/^[-+]/.test(word)) {
        // `set a b`: new positional parameters.
        ctx.state.positional.splice(1, Infinity, ...args.slice(i));
        break;
      }
    }
    return 0;
  },
};
