/**
 * Runs parsed command lines: and-or lists, background jobs that outlive the channel,
 * pipelines that stream and end early like SIGPIPE, assignments and redirections. What a
 * command name means (builtin, simulated program, prefix, `sh -c`) is dispatch.ts's job.
 */
import { dispatch } from './dispatch.js';
import { expandWords } from './expand.js';
import { applyRedirects } from './redirect.js';
import { ShellSyntaxError } from './scan.js';
import { emptyInput, Pipe } from './streams.js';
import { parseLine, showWord, type AndOr, type Pipeline, type SimpleCommand } from './syntax.js';
import type { Io, ShellFlavor, ShellHost, ShellState } from './types.js';

/** Exit status of a command killed by SIGPIPE (128 + 13). */
const brokenPipeStatus = 141;
const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/s;

export const newState = (options: { cwd: string; env: Record<string, string>; flavor: ShellFlavor; positional?: string[] }): ShellState => ({
  cwd: options.cwd,
  vars: { ...options.env, PWD: options.cwd },
  exported: new Set([...Object.keys(options.env), 'PWD']),
  lastStatus: 0,
  line: 1,
  lastBackgroundPid: undefined,
  exitRequested: undefined,
  options: new Set(),
  positional: options.positional ?? [options.flavor === 'sh' ? 'sh' : 'bash'],
  flavor: options.flavor,
});

/** The name ps shows for a background job: its last command as written, prefixes dropped. */
const jobName = (list: AndOr): string => {
  const last = list.rest.at(-1)?.pipeline ?? list.first;
  return last.commands
    .map((command) => {
      const words = command.words.map(showWord);
      while (['setsid', 'nohup', 'exec'].includes(words[0] ?? '')) words.shift();
      return words.join(' ');
    })
    .join(' | ');
};

export class Shell {
  constructor(
    readonly host: ShellHost,
    readonly state: ShellState,
  ) {}

  /** The prefix of the shell's own messages. */
  get prefix(): string {
    const line = this.state.line;
    return this.state.flavor === 'login' ? '-bash: ' : this.state.flavor === 'sh' ? `sh: ${line}: ` : `bash: line ${line}: `;
  }

  /** The variables passed to commands. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of this.state.exported) {
      const value = this.state.vars[name];
      if (value !== undefined) env[name] = value;
    }
    return env;
  }

  /** A shell for `sh -c`, `bash -c` or a background job, starting from the given variables. */
  child(options: { flavor: ShellFlavor; env: Record<string, string>; positional: string[] }): Shell {
    const state = newState({ cwd: this.state.cwd, env: options.env, flavor: options.flavor, positional: options.positional });
    state.lastBackgroundPid = this.state.lastBackgroundPid;
    return new Shell(this.host, state);
  }

  private fork(): Shell {
    const state: ShellState = {
      ...this.state,
      vars: { ...this.state.vars },
      exported: new Set(this.state.exported),
      positional: [...this.state.positional],
      options: new Set(this.state.options),
    };
    return new Shell(this.host, state);
  }

  async runLine(line: string, io: Io): Promise<number> {
    let lists: AndOr[];
    try {
      lists = parseLine(line);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      const message = error.message.startsWith('demo box:') ? error.message : `${this.state.flavor === 'sh' ? 'sh: 1: ' : this.state.flavor === 'login' ? '-bash: ' : 'bash: -c: line 1: '}${error.message}`;
      io.error(`${message}\n`);
      this.state.lastStatus = 2;
      return 2;
    }
    for (const list of lists) {
      if (this.state.exitRequested !== undefined || io.signal.aborted) break;
      if (list.background) this.startJob(list, io);
      else {
        const failedLast = await this.runAndOr(list, io);
        // set -e: a failure ends the script, unless it was tested by && or || (bash's rule).
        if (failedLast && this.state.options.has('errexit') && this.state.exitRequested === undefined) this.state.exitRequested = this.state.lastStatus;
      }
    }
    if (io.signal.aborted && this.state.exitRequested === undefined) this.state.lastStatus = 130;
    return this.state.exitRequested ?? this.state.lastStatus;
  }

  private startJob(list: AndOr, io: Io): void {
    const job = this.fork();
    const foreground = { ...list, background: false };
    // A job's output reaches the channel while it is open, then nowhere (as with a closed tty).
    const guard = (out: (text: string) => void) => (text: string) => {
      if (!io.signal.aborted) out(text);
    };
    const pid = this.host.processes.spawn(jobName(list), async (signal) => {
      await job.runAndOr(foreground, { write: guard(io.write), error: guard(io.error), stdin: emptyInput, signal });
      return job.state.lastStatus;
    });
    this.state.lastBackgroundPid = pid;
    this.state.lastStatus = 0;
  }

  /** Runs an and-or list into lastStatus; true when its last pipeline ran and failed (for set -e). */
  async runAndOr(list: AndOr, io: Io): Promise<boolean> {
    let status = await this.runPipeline(list.first, io);
    let lastRan = list.rest.length === 0;
    for (const [index, { op, pipeline }] of list.rest.entries()) {
      if (this.state.exitRequested !== undefined || io.signal.aborted) break;
      this.state.lastStatus = status;
      if ((op === '&&') !== (status === 0)) continue;
      status = await this.runPipeline(pipeline, io);
      lastRan = index === list.rest.length - 1;
    }
    this.state.lastStatus = this.state.exitRequested ?? status;
    return lastRan && status !== 0 && !list.first.negated;
  }

  async runPipeline(pipeline: Pipeline, io: Io): Promise<number> {
    const status = await this.runStages(pipeline.commands, io);
    return pipeline.negated ? (status === 0 ? 1 : 0) : status;
  }

  private async runStages(commands: readonly SimpleCommand[], io: Io): Promise<number> {
    if (commands.length === 1) return this.runSimple(commands[0]!, io);
    // Each stage runs in its own copy of the shell, as bash runs them in subshells.
    const stages = commands.map(() => new AbortController());
    const pipes = commands.slice(1).map((_, i) => new Pipe(() => stages[i]!.abort('SIGPIPE')));
    const runs = commands.map(async (command, i) => {
      const signal = AbortSignal.any([io.signal, stages[i]!.signal]);
      const stageIo: Io = {
        write: i === commands.length - 1 ? io.write : pipes[i]!.write,
        error: io.error,
        stdin: i === 0 ? io.stdin : pipes[i - 1]!,
        signal,
      };
      let status: number;
      try {
        status = await this.fork().runSimple(command, stageIo);
      } finally {
        pipes[i]?.end();
        if (i > 0) pipes[i - 1]!.closeRead();
      }
      return stages[i]!.signal.aborted && !io.signal.aborted ? brokenPipeStatus : status;
    });
    const statuses = await Promise.all(runs);
    // set -o pipefail: the last stage that failed decides.
    if (this.state.options.has('pipefail')) return statuses.findLast((status) => status !== 0) ?? 0;
    return statuses.at(-1)!;
  }

  async runSimple(command: SimpleCommand, io: Io): Promise<number> {
    this.state.line = command.line;
    const words = expandWords(command.words, this.state, this.host.fs);
    const assignments: Record<string, string> = {};
    while (words.length > 0 && assignment.test(words[0]!)) {
      const word = words.shift()!;
      const eq = word.indexOf('=');
      assignments[word.slice(0, eq)] = word.slice(eq + 1);
    }
    const opened = applyRedirects(this.host, this.state, command.redirects, io, words[0] ?? this.state.positional[0] ?? 'bash');
    if (!opened.ok) {
      io.error(`${this.prefix}${opened.message}\n`);
      return 1;
    }
    if (words.length === 0) {
      // `X=1` alone sets a shell variable (exported if it already was).
      Object.assign(this.state.vars, assignments);
      return 0;
    }
    return dispatch(this, words, { ...this.environment(), ...assignments }, opened.io);
  }
}
