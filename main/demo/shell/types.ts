/**
 * The contract between the demo box and its shell, and the shapes the shell's own parts share.
 */
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
  /** Files not on disk (/proc/*, /sys/class/net/*, /etc/os-release): rendered from the state. */
  readonly virtualFile: (path: string) => string | undefined;
  /** Tools a fault made absent ('docker-missing' → 'docker'): lookups fail as if not installed. */
  readonly missing: (program: string) => boolean;
  readonly user: string;
  readonly hostname: string;
  readonly processes: ProcessTable;
}

export interface ShellStreams {
  /** stdout */
  write(text: string): void;
  /** stderr */
  error(text: string): void;
  /** Channel input (exec with data); absent = empty. */
  stdin?: AsyncIterable<string>;
  /** Channel closed / Ctrl-C. */
  signal: AbortSignal;
}

/** Where one command reads and writes. */
export interface Io {
  write(text: string): void;
  error(text: string): void;
  readonly stdin: AsyncIterable<string>;
  readonly signal: AbortSignal;
}

/**
 * Which shell is speaking decides how its own messages look: `bash -c` (sshd's exec) says
 * `bash: line 1: x: command not found`, dash (`sh -c`) says `sh: 1: x: not found`, and the
 * interactive login shell says `-bash: x: …`.
 */
export type ShellFlavor = 'bash' | 'sh' | 'login';

export interface ShellState {
  cwd: string;
  /** Every shell variable; those in `exported` are passed to commands. */
  readonly vars: Record<string, string>;
  readonly exported: Set<string>;
  lastStatus: number;
  /** The script line of the command running now (messages say `bash: line N:`). */
  line: number;
  lastBackgroundPid: number | undefined;
  /** Set by `exit`: the rest of the line does not run. */
  exitRequested: number | undefined;
  /** `set -e` (errexit) and `set -o pipefail`; other options are accepted and ignored. */
  readonly options: Set<'errexit' | 'pipefail'>;
  /** $0 $1 …: $0 is the shell's name. */
  positional: string[];
  readonly flavor: ShellFlavor;
}

/** What a builtin gets. */
export interface CommandContext extends Io {
  readonly host: ShellHost;
  /** The name it was invoked as (`[` vs `test`, `readlink` vs `realpath`). */
  readonly name: string;
  readonly argv: readonly string[];
  /** The command's environment (exported variables plus `NAME=value` prefixes). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly state: ShellState;
  /** Runs another command (xargs, command, time): builtins, programs, prefixes. */
  run(argv: readonly string[], io: Io): Promise<number>;
  /** What a name runs (`command -v`, `which`, `type`); undefined: not found. */
  locate(name: string): { readonly kind: 'builtin' | 'file'; readonly path: string } | undefined;
  /** The shell's prefix for its own messages: 'bash: line 1: ', 'sh: 1: ', '-bash: '. */
  readonly shellPrefix: string;
}

export type Builtin = (ctx: CommandContext) => Promise<number> | number;
