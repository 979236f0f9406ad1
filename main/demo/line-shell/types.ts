import type { Program } from '../sim/io.js';
import type { ProgramHost } from '../sim/host.js';

/** Background jobs of the demo box: they outlive the SSH channel that started them. */
export interface ProcessTable {
  spawn(command: string, run: (signal: AbortSignal) => Promise<number>): number;
  /** false: no such process. Signal 0 only asks whether it exists. */
  kill(pid: number, signal: 'TERM' | 'INT' | 'KILL' | 0): boolean;
  list(): Array<{ pid: number; command: string; startedAt: number }>;
  killAll(): void;
}

export interface ShellHost extends ProgramHost {
  /** Simulated tools (docker, nvidia-smi, …). */
  readonly programs: Readonly<Record<string, Program>>;
  /** Scripts the app sends as `sh -c ': pgx-companion:NAME …; <script>' ARGS…`, run natively. */
  readonly nativeScripts: Readonly<Record<string, Program>>;
  /** Files not on disk (/proc/*, /etc/os-release): rendered from the state. */
  readonly virtualFile: (path: string) => string | undefined;
  /** Tools a fault made absent ('docker-missing' → 'docker'). */
  readonly missing: (program: string) => boolean;
  readonly user: string;
  readonly hostname: string;
  readonly processes: ProcessTable;
}

export interface ShellStreams {
  write(text: string): void;
  error(text: string): void;
  /** Channel input (exec with data); absent = empty. */
  stdin?: AsyncIterable<string>;
  signal: AbortSignal;
}

/** What one command of a pipeline gets. */
export interface CommandContext {
  readonly host: ShellHost;
  readonly argv: readonly string[];
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly stdin: AsyncIterable<string>;
  write(text: string): void;
  error(text: string): void;
  readonly signal: AbortSignal;
  /** The shell's own state for builtins that change it (cd, export, exit). */
  readonly shell: ShellState;
}

export interface ShellState {
  cwd: string;
  readonly env: Record<string, string>;
  lastStatus: number;
  lastBackgroundPid: number | undefined;
  /** Set by `exit`: the rest of the line does not run. */
  exitRequested: number | undefined;
}

export type Builtin = (ctx: CommandContext) => Promise<number> | number;
