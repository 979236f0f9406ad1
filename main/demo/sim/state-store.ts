import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogStore } from './io.js';
import type { SimState } from './state.js';

export interface StateStore {
  read(): SimState;
  update<T>(change: (state: SimState, now: number) => T, now: number): T;
}

/** Demo mode: one process, state in memory. */
export const memoryStateStore = (initial: SimState, onChange?: (state: SimState) => void): StateStore => {
  let state = initial;
  return {
    read: () => structuredClone(state),
    update: (change, now) => {
      const draft = structuredClone(state);
      const result = change(draft, now);
      draft.revision += 1;
      state = draft;
      onChange?.(state);
      return result;
    },
  };
};

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Shim mode: many short-lived processes (one per command) share one JSON file. Writers take a
 * lock (an atomic mkdir), readers rely on writes being atomic renames. A lock older than the
 * stale limit belonged to a killed process and is broken.
 */
export const fileStateStore = (dir: string): StateStore => {
  const file = join(dir, 'state.json');
  const lock = join(dir, 'state.lock');
  const staleMs = 5_000;
  const read = (): SimState => JSON.parse(readFileSync(file, 'utf8')) as SimState;
  const acquire = () => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        mkdirSync(lock);
        return;
      } catch {
        try {
          if (Date.now() - statSync(lock).mtimeMs > staleMs) rmdirSync(lock);
        } catch {
          // It went away between the two calls: try again.
        }
        if (Date.now() > deadline) throw new Error(`simulator state is locked: ${lock}`);
        sleepSync(2);
      }
    }
  };
  return {
    read,
    update: (change, now) => {
      acquire();
      try {
        const draft = read();
        const result = change(draft, now);
        draft.revision += 1;
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, JSON.stringify(draft));
        renameSync(temp, file);
        return result;
      } finally {
        rmdirSync(lock);
      }
    },
  };
};

export const writeInitialState = (dir: string, state: SimState): void => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
};

/** Logs as files (shim mode, and the demo box too: logs survive an app restart). */
export const fileLogStore = (dir: string): LogStore => {
  mkdirSync(dir, { recursive: true });
  const path = (id: string) => join(dir, `${id.replace(/[^A-Za-z0-9_.-]/g, '_')}.log`);
  return {
    append: (id, text) => appendFileSync(path(id), text),
    read: (id) => (existsSync(path(id)) ? readFileSync(path(id), 'utf8') : ''),
    remove: (id) => rmSync(path(id), { force: true }),
  };
};
