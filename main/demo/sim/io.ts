/**
 * How a simulated program talks to the world. The same program code runs in two hosts:
 *  - shim mode: a real executable on the test user's PATH under a real sshd (state in a file,
 *    the real file system, real stdout);
 *  - demo mode: inside the app's in-process SSH server (state in memory, files under a folder
 *    of the app's data directory, output to an SSH channel).
 */
import type { SimState, WorkloadKind } from './state.js';
import type { ServerFaults } from './servers/server-faults.js';

export interface SimIO {
  /** The program's name as invoked ('nvidia-smi', 'docker', …). */
  readonly program: string;
  /** Arguments after the program name. */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Box path of the working directory (the user's home unless the command cd'ed). */
  readonly cwd: string;
  /** All of standard input (empty when none). */
  stdin(): Promise<string>;
  write(text: string): void;
  error(text: string): void;
  /** Wall-clock milliseconds (the simulator runs in real time). */
  now(): number;
  /** Waits; resolves false early when the program is interrupted (Ctrl-C, channel closed). */
  sleep(ms: number): Promise<boolean>;
  readonly signal: AbortSignal;
  /** A fresh snapshot of the box state. */
  read(): SimState;
  /** Atomic read-modify-write of the box state (a lock is held across processes in shim mode). */
  update<T>(change: (state: SimState, now: number) => T): T;
  readonly fs: SimFs;
  readonly logs: LogStore;
  readonly servers: ServerHost;
  /** The id of the container a program runs in (`docker exec`); absent on the box itself. */
  readonly container?: string;
}

/** A simulated program: runs, writes output, returns its exit code. */
export type Program = (io: SimIO) => Promise<number>;

export class SimFsError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOSPC' | 'EACCES' | 'ENOTEMPTY',
    readonly path: string,
  ) {
    super(`${code}: ${path}`);
  }
}

export interface SimStat {
  readonly size: number;
  readonly mtimeMs: number;
  readonly isDirectory: boolean;
  readonly mode: number;
}

/**
 * The box's file system by box paths ('/home/demo/…', '~' expanded by the caller). In shim mode
 * it is the real file system; in demo mode a folder stands in for '/'. /proc files are not here:
 * programs render them from the state (see proc.ts).
 */
export interface SimFs {
  readonly home: string;
  resolve(path: string, cwd?: string): string;
  readText(path: string): string;
  writeText(path: string, text: string, options?: { append?: boolean; mode?: number }): void;
  exists(path: string): boolean;
  stat(path: string): SimStat;
  mkdirp(path: string): void;
  list(path: string): string[];
  remove(path: string, options?: { recursive?: boolean }): void;
  rename(from: string, to: string): void;
  /** Where the box path lives on the machine running the simulator (for large writes, SFTP). */
  hostPath(path: string): string;
}

/** Container and server logs, appended as they happen and read by `docker logs`. */
export interface LogStore {
  append(id: string, text: string): void;
  read(id: string): string;
  remove(id: string): void;
}

/** A simulated model or app server behind a box port. */
export interface ServerSpec {
  /** The container id (or job id) the server belongs to. */
  readonly id: string;
  readonly kind: WorkloadKind;
  /** Port on the box (127.0.0.1 in shim mode; a virtual port in demo mode). */
  readonly port: number;
  /** Model path or id as given to the engine. */
  readonly model: string;
  /** Name clients use (`--served-model-name`, defaults to the model). */
  readonly servedName: string;
  /** Time from start until /health answers 200 (never, with the server-never-ready fault). */
  readonly readyAfterMs: number;
  /** Time to first token and the gap between tokens of every streamed reply. */
  readonly ttftMs: number;
  readonly tokenDelayMs: number;
  /** Requests served at once; more wait in a queue (vLLM's max_num_seqs). */
  readonly maxConcurrency: number;
  /** Tokens per reply when the request does not cap max_tokens. */
  readonly defaultMaxTokens: number;
  /** Share of completion requests that fail on purpose (state tuning.serverFaults; see servers/server-faults.ts). */
  readonly faults?: ServerFaults;
  /** For jupyter / open-webui: the token or path the page expects. */
  readonly token?: string;
  /**
   * The program's subcommand where one program runs different servers: `llamafactory-cli api`
   * speaks the OpenAI API, `llamafactory-cli webui` serves LlamaBoard. Absent: the usual one.
   */
  readonly subcommand?: string;
  /**
   * `llamafactory-cli api` with an adapter: (question, answer) pairs of the data it was tuned on.
   * A simulator cannot learn; replying with the answer to the closest question stands in for a
   * model that took on its dataset's voice (servers/reply-text.ts voiceTokens).
   */
  readonly voice?: ReadonlyArray<readonly [string, string]>;
}

export interface ServerHost {
  start(spec: ServerSpec): void;
  stop(id: string): void;
  running(): string[];
  /** The loopback port a box port is served on here (demo mode maps; shim mode listens on the box port itself). */
  portFor?(boxPort: number): number | undefined;
}
