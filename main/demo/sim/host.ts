import type { LogStore, Program, ServerHost, SimFs, SimIO } from './io.js';
import type { StateStore } from './state-store.js';

/** Waits `ms`; resolves false at once when `signal` aborts first (Ctrl-C, channel closed). */
export const abortableSleep = (ms: number, signal: AbortSignal): Promise<boolean> =>
  new Promise<boolean>((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

export interface ProgramHost {
  readonly store: StateStore;
  readonly fs: SimFs;
  readonly logs: LogStore;
  readonly servers: ServerHost;
  readonly now?: () => number;
}

export interface RunOptions {
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
  readonly stdin?: string | (() => Promise<string>);
  readonly signal?: AbortSignal;
  readonly write: (text: string) => void;
  readonly error: (text: string) => void;
}

/** Runs one simulated program against a host (shim process or demo box). */
export const runProgram = async (
  host: ProgramHost,
  program: Program,
  name: string,
  argv: readonly string[],
  options: RunOptions,
): Promise<number> => {
  const now = host.now ?? Date.now;
  const signal = options.signal ?? new AbortController().signal;
  const stdin = options.stdin;
  const io: SimIO = {
    program: name,
    argv,
    env: options.env ?? {},
    cwd: options.cwd ?? host.fs.home,
    stdin: async () => (typeof stdin === 'function' ? stdin() : (stdin ?? '')),
    write: options.write,
    error: options.error,
    now,
    sleep: (ms) => abortableSleep(ms, signal),
    signal,
    read: () => host.store.read(),
    update: (change) => host.store.update(change, now()),
    fs: host.fs,
    logs: host.logs,
    servers: host.servers,
  };
  return program(io);
};
