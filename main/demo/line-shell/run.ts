/**
 * Runs command lines on the demo box: sequences, pipelines that stream (and end early like
 * SIGPIPE), background jobs that outlive the channel, redirections, `sh -c` (natively for the
 * app's registered scripts), builtins and the simulated programs.
 */
import { posix } from 'node:path';
import { runProgram } from '../sim/host.js';
import { SimFsError } from '../sim/io.js';
import { coreBuiltins } from './builtins-core.js';
import { fileBuiltins } from './builtins-files.js';
import { moreBuiltins } from './builtins-more.js';
import { emptyInput, Pipe, readAll, stringInput } from './pipe.js';
import { expandVariables, parseLine, ShellSyntaxError, unsupported, type Pipeline, type Redirect, type SimpleCommand, type Word } from './syntax.js';
import type { Builtin, CommandContext, ShellHost, ShellState, ShellStreams } from './types.js';

const builtins: Record<string, Builtin> = { ...coreBuiltins, ...fileBuiltins, ...moreBuiltins };

/** Where a simulated tool "lives" (for `command -v`, `which`). */
const binDir = (name: string) => (['nvidia-smi', 'nvcc'].includes(name) ? (name === 'nvcc' ? '/usr/local/cuda/bin' : '/usr/bin') : '/usr/bin');

interface Io {
  write(text: string): void;
  error(text: string): void;
  stdin: AsyncIterable<string>;
  signal: AbortSignal;
}

const anySignal = (...signals: AbortSignal[]): AbortSignal => AbortSignal.any(signals);

const globToRegex = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\[!/g, '[^')}$`);

/** Expands `*.json`-style globs in the last path component (unmatched: kept literal, like bash). */
const expandGlob = (host: ShellHost, cwd: string, pattern: string): string[] => {
  const dir = posix.dirname(pattern);
  const base = posix.basename(pattern);
  const absoluteDir = host.fs.resolve(dir, cwd);
  if (!host.fs.exists(absoluteDir) || !host.fs.stat(absoluteDir).isDirectory) return [pattern];
  const regex = globToRegex(base);
  const matches = host.fs
    .list(absoluteDir)
    .filter((name) => regex.test(name) && (base.startsWith('.') || !name.startsWith('.')))
    .sort()
    .map((name) => (dir === '.' && !pattern.startsWith('./') ? name : posix.join(dir, name)));
  return matches.length > 0 ? matches : [pattern];
};

export class LineShell {
  constructor(
    readonly host: ShellHost,
    readonly state: ShellState,
    /** $0 $1 … inside `sh -c`. */
    private readonly positional: readonly string[] = [],
  ) {}

  private variable = (name: string): string => {
    if (name === '?') return String(this.state.lastStatus);
    if (name === '!') return this.state.lastBackgroundPid === undefined ? '' : String(this.state.lastBackgroundPid);
    if (name === '$') return '4242';
    if (name === '#') return String(Math.max(0, this.positional.length - 1));
    if (name === '@' || name === '*') return this.positional.slice(1).join(' ');
    if (/^\d+$/.test(name)) return this.positional[Number(name)] ?? '';
    if (name === 'PWD') return this.state.cwd;
    const braced = /^(\w+):?-(.*)$/.exec(name);
    if (braced) return this.state.env[braced[1]!] || braced[2]!;
    return this.state.env[name] ?? '';
  };

  private expandWords(words: readonly Word[]): string[] {
    const out: string[] = [];
    for (const word of words) {
      if (word.kind === 'glob') out.push(...expandGlob(this.host, this.state.cwd, expandVariables(word.pattern, this.variable)));
      // "$@" becomes one word per positional argument.
      else if (word.text === '\u0001@\u0002') out.push(...this.positional.slice(1));
      else out.push(expandVariables(word.text, this.variable));
    }
    return out;
  }

  async runLine(line: string, io: Io): Promise<number> {
    let steps;
    try {
      steps = parseLine(line);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      io.error(`${error.message}\n`);
      this.state.lastStatus = 2;
      return 2;
    }
    for (const step of steps) {
      if (this.state.exitRequested !== undefined || io.signal.aborted) break;
      if (step.connector === '&&' && this.state.lastStatus !== 0) continue;
      if (step.connector === '||' && this.state.lastStatus === 0) continue;
      if (step.pipeline.background) {
        const pipeline = step.pipeline;
        const shell = new LineShell(this.host, { ...this.state, env: { ...this.state.env } }, this.positional);
        const pid = this.host.processes.spawn(line, (signal) =>
          shell.runPipeline(pipeline, {
            // A job's output reaches the channel while it is open, then nowhere (as with a closed tty).
            write: (t) => (io.signal.aborted ? undefined : io.write(t)),
            error: (t) => (io.signal.aborted ? undefined : io.error(t)),
            stdin: emptyInput,
            signal,
          }),
        );
        this.state.lastBackgroundPid = pid;
        this.state.lastStatus = 0;
        continue;
      }
      this.state.lastStatus = await this.runPipeline(step.pipeline, io);
    }
    return this.state.exitRequested ?? this.state.lastStatus;
  }

  async runPipeline(pipeline: Pipeline, io: Io): Promise<number> {
    const commands = pipeline.commands;
    if (commands.length === 1) return this.runCommand(commands[0]!, io);
    const controller = new AbortController();
    const signal = anySignal(io.signal, controller.signal);
    const pipes = commands.slice(1).map(() => new Pipe());
    const runs = commands.map(async (command, i) => {
      const status = await this.runCommand(command, {
        write: i === commands.length - 1 ? io.write : (t) => pipes[i]!.write(t),
        error: io.error,
        stdin: i === 0 ? io.stdin : pipes[i - 1]!,
        signal,
      });
      if (i < pipes.length) pipes[i]!.end();
      return status;
    });
    const last = await runs.at(-1)!;
    // The reader is gone: every earlier stage gets SIGPIPE.
    controller.abort();
    await Promise.all(runs);
    return last;
  }

  private async openRedirects(redirects: readonly Redirect[], io: Io): Promise<Io | number> {
    let { write, error, stdin } = io;
    const fs = this.host.fs;
    for (const redirect of redirects) {
      if (redirect.mode === 'dup') {
        if (redirect.fd === 2 && redirect.target === 1) error = write;
        else if (redirect.fd === 1 && redirect.target === 2) write = error;
        continue;
      }
      const name = expandVariables((redirect.target as Word & { kind: 'text' }).text, this.variable);
      if (redirect.mode === 'read') {
        if (name === '/dev/null') {
          stdin = emptyInput;
          continue;
        }
        const path = fs.resolve(name, this.state.cwd);
        const virtual = this.host.virtualFile(path);
        if (virtual === undefined && !fs.exists(path)) {
          io.error(`bash: line 1: ${name}: No such file or directory\n`);
          return 1;
        }
        stdin = stringInput(virtual ?? fs.readText(path));
        continue;
      }
      let sink: (text: string) => void;
      if (name === '/dev/null') sink = () => {};
      else if (name === '/dev/stderr') sink = io.error;
      else if (name === '/dev/stdout') sink = io.write;
      else {
        const path = fs.resolve(name, this.state.cwd);
        if (!fs.exists(posix.dirname(path))) {
          io.error(`bash: line 1: ${name}: No such file or directory\n`);
          return 1;
        }
        try {
          if (redirect.mode === 'write') fs.writeText(path, '');
          else if (!fs.exists(path)) fs.writeText(path, '');
        } catch (cause) {
          if (cause instanceof SimFsError && cause.code === 'ENOSPC') {
            io.error(`bash: line 1: ${name}: No space left on device\n`);
            return 1;
          }
          throw cause;
        }
        sink = (text) => {
          try {
            fs.writeText(path, text, { append: true });
          } catch {
            // A full disk mid-command: the tool's own write error is what real programs print;
            // the shell has nowhere to report it, as bash would not either.
          }
        };
      }
      if (redirect.fd === 1) write = sink;
      else if (redirect.fd === 2) error = sink;
      else {
        write = sink;
        error = sink;
      }
    }
    return { write, error, stdin, signal: io.signal };
  }

  async runCommand(command: SimpleCommand, io: Io): Promise<number> {
    const opened = await this.openRedirects(command.redirects, io);
    if (typeof opened === 'number') return opened;
    const words = this.expandWords(command.words);
    const assignments: Record<string, string> = {};
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) {
      const word = words.shift()!;
      const eq = word.indexOf('=');
      assignments[word.slice(0, eq)] = word.slice(eq + 1);
    }
    if (words.length === 0) {
      Object.assign(this.state.env, assignments);
      return 0;
    }
    return this.exec(words, { ...this.state.env, ...assignments }, opened);
  }

  /** Runs argv with prefixes (`env`, `nohup`, `setsid`, `exec`, `timeout`) peeled off. */
  async exec(argv: string[], env: Record<string, string>, io: Io): Promise<number> {
    const [rawName = '', ...rest] = argv;
    const name = rawName.includes('/') && !rawName.startsWith('.') ? posix.basename(rawName) : rawName;
    switch (name) {
      case 'nohup':
      case 'setsid':
      case 'exec':
      case 'stdbuf':
        return rest.length > 0 ? this.exec(name === 'stdbuf' ? rest.filter((a) => !a.startsWith('-')) : rest, env, io) : 0;
      case 'env': {
        let i = 0;
        let next = { ...env };
        if (rest[0] === '-i') {
          next = {};
          i = 1;
        }
        while (i < rest.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[i]!)) {
          const eq = rest[i]!.indexOf('=');
          next[rest[i]!.slice(0, eq)] = rest[i]!.slice(eq + 1);
          i += 1;
        }
        if (i >= rest.length) return builtins['env']!(this.context([], next, io));
        return this.exec(rest.slice(i), next, io);
      }
      case 'timeout': {
        const seconds = Number((rest[0] ?? '').replace(/s$/, ''));
        if (!Number.isFinite(seconds)) {
          io.error(`timeout: invalid time interval '${rest[0] ?? ''}'\n`);
          return 125;
        }
        const timer = AbortSignal.timeout(seconds * 1000);
        const status = await this.exec(rest.slice(1), env, { ...io, signal: anySignal(io.signal, timer) });
        return timer.aborted && !io.signal.aborted ? 124 : status;
      }
      case 'sh':
      case 'bash':
      case 'dash':
        return this.runScript(rest, env, io);
      case 'command':
      case 'which':
      case 'type':
        if (name === 'command' && rest[0] !== '-v' && rest[0] !== '-V') return this.exec(rest, env, io);
        return this.locate(name, name === 'command' ? rest.slice(1) : rest, io);
      default:
        break;
    }
    if (rawName.startsWith('./') || (rawName.includes('/') && !this.host.programs[name] && !builtins[name])) {
      const path = this.host.fs.resolve(rawName, this.state.cwd);
      if (!this.host.fs.exists(path)) {
        io.error(`bash: line 1: ${rawName}: No such file or directory\n`);
        return 127;
      }
      io.error(`${unsupported(`running ${rawName} directly`).message}\n`);
      return 2;
    }
    const builtin = builtins[name];
    if (builtin) return builtin(this.context(rest, env, io));
    const program = this.host.programs[name];
    if (!program || this.host.missing(name)) {
      io.error(`bash: line 1: ${rawName}: command not found\n`);
      return 127;
    }
    return runProgram(this.host, program, name, rest, {
      env,
      cwd: this.state.cwd,
      stdin: () => readAll(io.stdin),
      signal: io.signal,
      write: io.write,
      error: io.error,
    });
  }

  private context(argv: readonly string[], env: Record<string, string>, io: Io): CommandContext {
    return { host: this.host, argv, env, cwd: this.state.cwd, stdin: io.stdin, write: io.write, error: io.error, signal: io.signal, shell: this.state };
  }

  private locate(tool: string, names: readonly string[], io: Io): number {
    let status = 0;
    for (const name of names) {
      if (builtins[name] && !['cat', 'ls', 'grep', 'head', 'tail', 'sleep'].includes(name)) {
        io.write(tool === 'type' ? `${name} is a shell builtin\n` : tool === 'which' ? '' : `${name}\n`);
        if (tool === 'which') status = 1;
      } else if (builtins[name]) io.write(tool === 'type' ? `${name} is /usr/bin/${name}\n` : `/usr/bin/${name}\n`);
      else if (this.host.programs[name] && !this.host.missing(name)) io.write(tool === 'type' ? `${name} is ${binDir(name)}/${name}\n` : `${binDir(name)}/${name}\n`);
      else {
        if (tool === 'type') io.error(`bash: type: ${name}: not found\n`);
        status = 1;
      }
    }
    return status;
  }

  /** `sh -c SCRIPT [ARG0 ARGS…]`: the app's registered scripts natively, anything else interpreted. */
  private async runScript(args: readonly string[], env: Record<string, string>, io: Io): Promise<number> {
    const flags = args.filter((a, i) => a.startsWith('-') && args.indexOf('-c') >= i);
    if (!flags.includes('-c')) {
      io.error(`${unsupported('an interactive or script-file shell').message}\n`);
      return 2;
    }
    const scriptIndex = args.indexOf('-c') + 1;
    const script = args[scriptIndex] ?? '';
    const positional = args.slice(scriptIndex + 1);
    const native = /^\s*:\s+pgx-companion:([\w-]+)/.exec(script)?.[1];
    const nativeProgram = native ? this.host.nativeScripts[native] : undefined;
    if (nativeProgram) {
      return runProgram(this.host, nativeProgram, native!, positional.slice(1), {
        env,
        cwd: this.state.cwd,
        stdin: () => readAll(io.stdin),
        signal: io.signal,
        write: io.write,
        error: io.error,
      });
    }
    const child = new LineShell(this.host, { cwd: this.state.cwd, env: { ...env }, lastStatus: 0, lastBackgroundPid: undefined, exitRequested: undefined }, [positional[0] ?? 'sh', ...positional.slice(1)]);
    let status = 0;
    for (const line of script.split('\n')) {
      if (line.trim() === '') continue;
      status = await child.runLine(line, io);
      if (child.state.exitRequested !== undefined) return child.state.exitRequested;
    }
    return status;
  }
}

export const runCommandLine = async (host: ShellHost, line: string, streams: ShellStreams, options: { env?: Record<string, string>; cwd?: string } = {}): Promise<number> => {
  const cwd = options.cwd ?? host.fs.home;
  const state: ShellState = { cwd, env: { ...options.env, PWD: cwd }, lastStatus: 0, lastBackgroundPid: undefined, exitRequested: undefined };
  const shell = new LineShell(host, state);
  return shell.runLine(line, { write: streams.write, error: streams.error, stdin: streams.stdin ?? emptyInput, signal: streams.signal });
};
