/**
 * Helpers for the docker simulator's tests: a test box with fast pulls and engines, a one-shot
 * `docker …` runner, a streaming runner (for `logs -f` and attached runs, interruptible), a
 * condition wait (no fixed sleeps), and model folders with sparse weight files of a given size.
 */
import { truncateSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram } from '../../host.js';
import type { Program } from '../../io.js';
import { rootedFs } from '../../sim-fs.js';
import { fileLogStore } from '../../state-store.js';
import type { SimState } from '../../state.js';
import { type TestBox, testBox } from '../../testing.js';
import { dockerPrograms } from './index.js';

export const docker: Program = dockerPrograms['docker']!;

/** A box whose pulls take milliseconds and whose engines are ready after `readyMs` of box time. */
export const dockerBox = (options: { readyMs?: number; mutate?: (state: SimState) => void } = {}): TestBox =>
  testBox({
    mutate: (state) => {
      state.tuning.downloadBytesPerSec = 2 * 1024 ** 4;
      state.tuning.serverReadyMs = options.readyMs ?? 10_000;
      options.mutate?.(state);
    },
  });

export const run = (box: TestBox, ...argv: string[]) => box.run(docker, 'docker', argv);

export interface StreamingRun {
  output(): string;
  errors(): string;
  interrupt(): void;
  readonly done: Promise<number>;
}

/** Runs `docker …` with output visible while it runs, and a Ctrl-C. */
export const stream = (box: TestBox, argv: readonly string[], env: Record<string, string> = {}): StreamingRun => {
  let stdout = '';
  let stderr = '';
  const controller = new AbortController();
  const fs = rootedFs({ root: box.root, home: '/home/demo', diskFull: () => box.state().faults['disk-full'] === true });
  const done = runProgram({ store: box.store, fs, logs: fileLogStore(join(box.root, '.sim-logs')), servers: box.servers, now: () => box.now }, docker, 'docker', argv, {
    env,
    signal: controller.signal,
    write: (t) => (stdout += t),
    error: (t) => (stderr += t),
  });
  return { output: () => stdout, errors: () => stderr, interrupt: () => controller.abort(), done };
};

/** Waits until `condition` holds, polling; fails after `timeoutMs` of real time. */
export const waitFor = async (condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** A model folder on the box: config.json and sparse safetensors shards of the given total size. */
export const writeModel = (box: TestBox, dir: string, totalBytes: number, config: Record<string, unknown>, shards = 4): void => {
  const fs = rootedFs({ root: box.root, home: '/home/demo' });
  fs.mkdirp(dir);
  fs.writeText(`${dir}/config.json`, JSON.stringify(config));
  for (let i = 1; i <= shards; i += 1) {
    const file = fs.hostPath(`${dir}/model-0000${i}-of-0000${shards}.safetensors`);
    closeSync(openSync(file, 'w'));
    truncateSync(file, Math.floor(totalBytes / shards));
  }
};
