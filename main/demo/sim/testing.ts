/**
 * Test helpers for simulated programs: run one against an in-memory box with a throwaway
 * folder as its file system, and get stdout, stderr and the exit code back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initialState } from './box.js';
import type { Program, ServerHost, ServerSpec } from './io.js';
import { runProgram } from './host.js';
import { rootedFs } from './sim-fs.js';
import { fileLogStore, memoryStateStore, type StateStore } from './state-store.js';
import type { SimState, Sku } from './state.js';

export interface RecordingServerHost extends ServerHost {
  readonly started: ServerSpec[];
  readonly stopped: string[];
}

export const recordingServerHost = (): RecordingServerHost => {
  const started: ServerSpec[] = [];
  const stopped: string[] = [];
  const live = new Set<string>();
  return {
    started,
    stopped,
    start: (spec) => {
      started.push(spec);
      live.add(spec.id);
    },
    stop: (id) => {
      stopped.push(id);
      live.delete(id);
    },
    running: () => [...live],
  };
};

export interface TestBox {
  readonly store: StateStore;
  readonly root: string;
  readonly servers: RecordingServerHost;
  /** The clock the programs see; tests move it forward with `advance`. */
  now: number;
  advance(ms: number): void;
  state(): SimState;
  run(program: Program, name: string, argv: readonly string[], options?: { stdin?: string; cwd?: string; signal?: AbortSignal; env?: Record<string, string> }): Promise<{ stdout: string; stderr: string; code: number }>;
}

export const testBox = (options: { sku?: Sku; now?: number; mutate?: (state: SimState) => void } = {}): TestBox => {
  const start = options.now ?? Date.UTC(2026, 10, 25, 9, 0, 0);
  const state = initialState({ sku: options.sku ?? '128', now: start });
  options.mutate?.(state);
  const store = memoryStateStore(state);
  const root = mkdtempSync(join(tmpdir(), 'pgx-simbox-'));
  const fs = rootedFs({ root, home: '/home/demo', diskFull: () => store.read().faults['disk-full'] === true });
  fs.mkdirp('/home/demo');
  const logs = fileLogStore(join(root, '.sim-logs'));
  const servers = recordingServerHost();
  const box: TestBox = {
    store,
    root,
    servers,
    now: start,
    advance: (ms) => {
      box.now += ms;
    },
    state: () => store.read(),
    run: async (program, name, argv, runOptions = {}) => {
      let stdout = '';
      let stderr = '';
      const code = await runProgram({ store, fs, logs, servers, now: () => box.now }, program, name, argv, {
        ...runOptions,
        write: (t) => (stdout += t),
        error: (t) => (stderr += t),
      });
      return { stdout, stderr, code };
    },
  };
  return box;
};
