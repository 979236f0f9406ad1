/**
 * What a command name means: the prefixes that run another command (`env`, `nohup`, `setsid`,
 * `exec`, `timeout`, `nice`), `sh -c` / `bash -c` (natively for the app's registered scripts),
 * shell builtins, the simulated programs, and the coreutils-like utilities of this folder.
 */
import { posix } from 'node:path';
import { runProgram } from '../sim/host.js';
import type { Program } from '../sim/io.js';
import { builtins, shellBuiltins } from './builtins.js';
import type { Shell } from './executor.js';
import { unsupportedMessage } from './scan.js';
import { readAll } from './streams.js';
import type { CommandContext, Io, ShellFlavor } from './types.js';
import { lq, reason } from './util.js';

/** Directories whose tools are found by name, so `/usr/bin/nvidia-smi` runs nvidia-smi. */
const binDirs = new Set(['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin', '/usr/local/cuda/bin']);
/** Where `command -v` says a simulated tool lives (the rest are in /usr/bin). */
const toolDirs: Readonly<Record<string, string>> = { nvcc: '/usr/local/cuda/bin', ollama: '/usr/local/bin', 'llama-server': '/usr/local/bin', 'llama-quantize': '/usr/local/bin' };
const userTools = new Set(['hf', 'huggingface-cli', 'modelscope', 'llamafactory-cli']);

/** How a prefix says it could not find the command (bash's own words when none). */
type Via = 'env' | 'nohup' | 'timeout' | 'setsid' | 'exec' | 'nice' | 'xargs' | undefined;

const notFound = (shell: Shell, via: Via, name: string, env: Record<string, string>): string => {
  switch (via) {
    case 'env':
      return `env: ${lq({ env }, name)}: No such file or directory`;
    case 'nohup':
    case 'timeout':
    case 'nice':
      return `${via}: failed to run command ${lq({ env }, name)}: No such file or directory`;
    case 'setsid':
      return `setsid: failed to execute ${name}: No such file or directory`;
    case 'xargs':
      return `xargs: ${name}: No such file or directory`;
    case 'exec':
      return `${shell.prefix}exec: ${name}: not found`;
    default:
      if (shell.state.flavor === 'login') return `${name}: command not found`;
      return shell.state.flavor === 'sh' ? `${shell.prefix}${name}: not found` : `${shell.prefix}${name}: command not found`;
  }
};

/** What a name resolves to for `command -v`, `which`, `type`; undefined: not found. */
export const locate = (shell: Shell, name: string): { kind: 'builtin' | 'file'; path: string } | undefined => {
  if (name.includes('/')) return shell.host.fs.exists(posix.resolve(shell.state.cwd, name)) ? { kind: 'file', path: name } : undefined;
  if (shell.host.missing(name)) return undefined;
  if (shellBuiltins.has(name)) return { kind: 'builtin', path: name };
  if (shell.host.programs[name]) {
    const dir = userTools.has(name) ? `${shell.host.fs.home}/.local/bin` : (toolDirs[name] ?? '/usr/bin');
    return { kind: 'file', path: `${dir}/${name}` };
  }
  if (builtins[name] || prefixes.has(name) || name === 'sh' || name === 'bash' || name === 'dash') return { kind: 'file', path: `/usr/bin/${name}` };
  return undefined;
};

const prefixes = new Set(['env', 'nohup', 'setsid', 'exec', 'timeout', 'nice', 'stdbuf']);

export const dispatch = async (shell: Shell, argv: readonly string[], env: Record<string, string>, io: Io, via?: Via): Promise<number> => {
  const [raw = '', ...rest] = argv;
  let name = raw;
  if (raw.includes('/')) {
    const base = posix.basename(raw);
    const inBin = binDirs.has(posix.dirname(raw)) && (shell.host.programs[base] || builtins[base] || prefixes.has(base) || ['sh', 'bash', 'dash'].includes(base));
    if (!inBin) return runFile(shell, raw, rest, env, io);
    name = base;
  }
  switch (name) {
    case 'nohup':
    case 'setsid':
    case 'nice':
    case 'stdbuf': {
      let args = rest;
      // setsid -f/-w, nice -n N, stdbuf -oL: options before the command.
      while (args[0]?.startsWith('-')) args = args[0] === '-n' && name === 'nice' ? args.slice(2) : args.slice(1);
      if (args.length === 0) {
        io.error(`${name}: missing operand\nTry '${name} --help' for more information.\n`);
        return name === 'nohup' ? 125 : 1;
      }
      return dispatch(shell, args, env, io, name === 'stdbuf' ? via : name);
    }
    case 'exec': {
      if (rest.length === 0) return 0;
      const status = await dispatch(shell, rest, env, io, 'exec');
      shell.state.exitRequested = status;
      return status;
    }
    case 'env':
      return runEnv(shell, rest, env, io);
    case 'timeout':
      return runTimeout(shell, rest, env, io);
    case 'sh':
    case 'dash':
    case 'bash':
      return runShell(shell, name === 'bash' ? 'bash' : 'sh', rest, env, io);
    default:
      break;
  }
  if (shell.host.missing(name)) {
    io.error(`${notFound(shell, via, raw, env)}\n`);
    return 127;
  }
  const program = shellBuiltins.has(name) ? undefined : shell.host.programs[name];
  if (program) return runTool(shell, program, name, rest, env, io);
  const builtin = builtins[name];
  if (builtin) {
    try {
      return await builtin(context(shell, name, rest, env, io));
    } catch (error) {
      // A file system surprise (a dangling link, a permission) is the utility's error, not the shell's.
      io.error(`${name}: ${reason(error)}\n`);
      return 1;
    }
  }
  io.error(`${notFound(shell, via, raw, env)}\n`);
  return 127;
};

export const context = (shell: Shell, name: string, argv: readonly string[], env: Record<string, string>, io: Io): CommandContext => ({
  write: io.write,
  error: io.error,
  stdin: io.stdin,
  signal: io.signal,
  host: shell.host,
  name,
  argv,
  env,
  cwd: shell.state.cwd,
  state: shell.state,
  shellPrefix: shell.prefix,
  run: (next, nextIo) => dispatch(shell, next, env, nextIo, name === 'xargs' ? 'xargs' : undefined),
  locate: (tool) => locate(shell, tool),
});

const runTool = (shell: Shell, program: Program, name: string, argv: readonly string[], env: Record<string, string>, io: Io): Promise<number> =>
  runProgram(shell.host, program, name, argv, {
    env,
    cwd: shell.state.cwd,
    stdin: () => readAll(io.stdin, io.signal),
    signal: io.signal,
    write: io.write,
    error: io.error,
  });

const runEnv = async (shell: Shell, args: readonly string[], env: Record<string, string>, io: Io): Promise<number> => {
  let next = { ...env };
  let i = 0;
  for (; i < args.length; i += 1) {
    const word = args[i]!;
    if (word === '-i' || word === '-' || word === '--ignore-environment') next = {};
    else if (word === '-u' || word === '--unset') delete next[args[++i] ?? ''];
    else if (word === '--') {
      i += 1;
      break;
    } else break;
  }
  for (; i < args.length && /^[^=]+=/s.test(args[i]!); i += 1) {
    const eq = args[i]!.indexOf('=');
    next[args[i]!.slice(0, eq)] = args[i]!.slice(eq + 1);
  }
  if (i >= args.length) {
    for (const [key, value] of Object.entries(next)) io.write(`${key}=${value}\n`);
    return 0;
  }
  return dispatch(shell, args.slice(i), next, io, 'env');
};

/** `timeout 30`, `timeout 0.5`, `timeout 2m`: seconds, or undefined when not a duration. */
export const parseDuration = (text: string): number | undefined => {
  const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(text);
  if (!match) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
};

const runTimeout = async (shell: Shell, args: readonly string[], env: Record<string, string>, io: Io): Promise<number> => {
  let i = 0;
  let preserve = false;
  while (args[i]?.startsWith('-')) {
    const word = args[i]!;
    if (word === '--preserve-status') preserve = true;
    if (word === '-s' || word === '-k' || word === '--signal' || word === '--kill-after') i += 1;
    i += 1;
  }
  const seconds = parseDuration(args[i] ?? '');
  if (seconds === undefined) {
    io.error(args[i] === undefined ? "timeout: missing operand\nTry 'timeout --help' for more information.\n" : `timeout: invalid time interval ${lq({ env }, args[i]!)}\nTry 'timeout --help' for more information.\n`);
    return 125;
  }
  const command = args.slice(i + 1);
  if (command.length === 0) {
    io.error("timeout: missing operand\nTry 'timeout --help' for more information.\n");
    return 125;
  }
  const timer = new AbortController();
  // timeout 0 means no limit.
  const handle = seconds > 0 ? setTimeout(() => timer.abort('TERM'), seconds * 1000) : undefined;
  try {
    const status = await dispatch(shell, command, env, { ...io, signal: AbortSignal.any([io.signal, timer.signal]) }, 'timeout');
    return timer.signal.aborted && !io.signal.aborted && !preserve ? 124 : status;
  } finally {
    clearTimeout(handle);
  }
};

/** A native twin of an app script: `: pgx-companion:NAME` at the start of the script. */
const nativeName = (script: string): string | undefined => /^\s*:\s+pgx-companion:([\w.-]+)(?=[\s;]|$)/.exec(script)?.[1];

const runShell = async (shell: Shell, flavor: ShellFlavor, args: readonly string[], env: Record<string, string>, io: Io): Promise<number> => {
  let i = 0;
  let command = false;
  const options = new Set<'errexit' | 'pipefail'>();
  for (; i < args.length; i += 1) {
    const word = args[i]!;
    if (word === '--') {
      i += 1;
      break;
    }
    if (word === '-o' || word === '+o') {
      if (word === '-o' && (args[i + 1] === 'errexit' || args[i + 1] === 'pipefail')) options.add(args[i + 1] as 'errexit' | 'pipefail');
      i += 1;
    } else if (/^[-+][a-zA-Z]+$/.test(word)) {
      command ||= word.includes('c');
      if (word.startsWith('-') && word.includes('e')) options.add('errexit');
    }
    else if (word === '--login' || word === '--norc' || word === '--noprofile') continue;
    else break;
  }
  const shName = flavor === 'sh' ? 'sh' : 'bash';
  let script: string;
  let positional: string[];
  if (command) {
    if (args[i] === undefined) {
      io.error(flavor === 'sh' ? 'sh: 0: -c requires an argument\n' : 'bash: -c: option requires an argument\n');
      return 2;
    }
    script = args[i]!;
    positional = args.length > i + 1 ? args.slice(i + 1) : [shName];
    const native = nativeName(script);
    const program = native === undefined ? undefined : shell.host.nativeScripts[native];
    if (program) return runTool(shell, program, native!, positional.slice(1), env, io);
  } else if (args[i] !== undefined) {
    const file = posix.resolve(shell.state.cwd, args[i]!);
    if (!shell.host.fs.exists(file) || shell.host.fs.stat(file).isDirectory) {
      io.error(flavor === 'sh' ? `sh: 0: cannot open ${args[i]!}: No such file\n` : `bash: ${args[i]!}: No such file or directory\n`);
      return flavor === 'sh' ? 2 : 127;
    }
    script = shell.host.fs.readText(file);
    positional = args.slice(i);
  } else {
    script = await readAll(io.stdin, io.signal); // `bash -s` / a script piped in
    positional = [shName];
  }
  const child = shell.child({ flavor, env, positional });
  for (const option of options) child.state.options.add(option);
  return child.runLine(script, io);
};

/** `./run.sh ARGS`: shell scripts with a sh/bash shebang are interpreted; nothing else runs. */
const runFile = async (shell: Shell, path: string, args: readonly string[], env: Record<string, string>, io: Io): Promise<number> => {
  const fs = shell.host.fs;
  const file = posix.resolve(shell.state.cwd, path);
  if (!fs.exists(file)) {
    io.error(`${shell.prefix}${path}: No such file or directory\n`);
    return 127;
  }
  const stat = fs.stat(file);
  if (stat.isDirectory) {
    io.error(`${shell.prefix}${path}: Is a directory\n`);
    return 126;
  }
  if ((stat.mode & 0o111) === 0) {
    io.error(`${shell.prefix}${path}: Permission denied\n`);
    return 126;
  }
  const text = fs.readText(file);
  const shebang = /^#!\s*(?:\/usr)?\/bin\/(?:env\s+)?(sh|bash|dash)\b/.exec(text);
  if (!shebang) {
    io.error(`${unsupportedMessage(`running the program file ${path}`)}\n`);
    return 126;
  }
  return shell.child({ flavor: shebang[1] === 'bash' ? 'bash' : 'sh', env, positional: [path, ...args] }).runLine(text, io);
};
