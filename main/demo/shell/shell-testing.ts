/**
 * Test support for the shell: a demo-box-like host on a throwaway folder with small fake
 * programs, and a runner that collects stdout, stderr and the status of one command line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initialState } from '../sim/box.js';
import type { Program } from '../sim/io.js';
import { rootedFs } from '../sim/sim-fs.js';
import { fileLogStore, memoryStateStore } from '../sim/state-store.js';
import { recordingServerHost } from '../sim/testing.js';
import { runCommandLine } from './index.js';
import { createProcessTable } from './process-table.js';
import type { ShellHost } from './types.js';

/** Prints its argv, its stdin and LC_ALL, so tests see exactly what a program was given. */
const showArgs: Program = async (io) => {
  io.write(`${JSON.stringify(io.argv)} ${JSON.stringify(await io.stdin())} ${io.env['LC_ALL'] ?? '-'} ${io.cwd}\n`);
  return 0;
};

/** Streams a line every few milliseconds until interrupted, like `nvidia-smi -l 1`. */
const ticker: Program = async (io) => {
  for (let i = 0; ; i += 1) {
    io.write(`tick ${i}\n`);
    if (!(await io.sleep(5))) return 130;
  }
};

/** Exits with the status given as its first argument, after writing to stderr. */
const failWith: Program = async (io) => {
  io.error(`fail-with: failing with ${io.argv[0] ?? '1'}\n`);
  return Number(io.argv[0] ?? 1);
};

/** Writes one line, then waits for the given milliseconds (or until interrupted). */
const slowJob: Program = async (io) => {
  io.write(`started ${io.argv.join(' ')}\n`);
  const finished = await io.sleep(Number(io.argv[0] ?? 50));
  io.write(finished ? 'finished\n' : 'interrupted\n');
  return finished ? 0 : 143;
};

export const fakePrograms: Record<string, Program> = { 'show-args': showArgs, ticker, 'fail-with': failWith, 'slow-job': slowJob, docker: showArgs, free: showArgs };

export const fakeNativeScripts: Record<string, Program> = {
  collector: async (io) => {
    io.write(`native collector ${JSON.stringify(io.argv)} in ${io.cwd}\n`);
    return 3;
  },
};

const proc: Readonly<Record<string, string>> = {
  '/proc/loadavg': '0.10 0.20 0.30 1/500 4242\n',
  '/proc/meminfo': 'MemTotal:       128526044 kB\nMemFree:        120000000 kB\n',
};

export const makeHost = (options: { missing?: string[] } = {}): ShellHost => {
  const store = memoryStateStore(initialState({ now: Date.now() }));
  const root = mkdtempSync(join(tmpdir(), 'pgx-shell-'));
  const fs = rootedFs({ root, home: '/home/demo', diskFull: () => store.read().faults['disk-full'] === true });
  for (const dir of ['/home/demo', '/tmp']) fs.mkdirp(dir);
  return {
    store,
    fs,
    logs: fileLogStore(join(root, '.logs')),
    servers: recordingServerHost(),
    programs: fakePrograms,
    nativeScripts: fakeNativeScripts,
    virtualFile: (path) => proc[path],
    missing: (name) => options.missing?.includes(name) === true,
    user: 'demo',
    hostname: 'pgx-demo',
    processes: createProcessTable(),
  };
};

export const baseEnv = { HOME: '/home/demo', USER: 'demo', PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' };

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

export const run = async (host: ShellHost, line: string, options: { stdin?: string; signal?: AbortSignal; env?: Record<string, string> } = {}): Promise<RunResult> => {
  let stdout = '';
  let stderr = '';
  const input = options.stdin;
  const status = await runCommandLine(
    host,
    line,
    {
      write: (t) => (stdout += t),
      error: (t) => (stderr += t),
      signal: options.signal ?? new AbortController().signal,
      ...(input !== undefined ? { stdin: (async function* () { yield input; })() } : {}),
    },
    { env: { ...baseEnv, ...options.env } },
  );
  return { stdout, stderr, status };
};

/** Waits until the condition holds (tests never sleep a fixed time). */
export const eventually = async (condition: () => boolean, timeoutMs = 3000): Promise<void> => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
