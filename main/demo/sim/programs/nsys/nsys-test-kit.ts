/**
 * Shared pieces of the nsys tests: a fast box, the capture's sections, and a runner that
 * can press Ctrl-C when the output says so. (Test support only; nothing imports it at runtime.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Program } from '../../io.js';
import { runProgram } from '../../host.js';
import { rootedFs } from '../../sim-fs.js';
import { fileLogStore } from '../../state-store.js';
import { testBox, type TestBox } from '../../testing.js';
import { nsysPrograms } from './index.js';

export const nsysBox = (): TestBox =>
  testBox({
    mutate: (s) => {
      s.tuning.serverReadyMs = 20;
      s.tuning.nsysBytesPerSec = 1_000_000;
      s.tuning.convertMsPerGiB = 1;
      s.tuning.downloadBytesPerSec = 1e12;
    },
  });

export const nsys = (box: TestBox, args: string[], env: Record<string, string> = {}) => box.run(nsysPrograms['nsys']!, 'nsys', args, { env });

const capture = readFileSync(new URL('../../../../../e2e/fixtures/captures/nsys-formats.txt', import.meta.url), 'utf8');

/** One `############ title` section of nsys-formats.txt without the `# …` annotations. */
export const captureSection = (title: string): string => {
  const start = capture.indexOf(`############ ${title}`);
  const body = capture.slice(capture.indexOf('\n', start) + 1);
  const end = body.indexOf('############ ');
  return (end < 0 ? body : body.slice(0, end))
    .split('\n')
    .filter((l) => !l.startsWith('# '))
    .join('\n');
};

export const captureLine = (prefix: string): string => capture.split('\n').find((l) => l.startsWith(prefix)) ?? '';

/** Runs a program, calling `watch` on each output chunk with a function that presses Ctrl-C. */
export const runWatching = async (box: TestBox, program: Program, name: string, argv: string[], watch: (all: string, interrupt: () => void) => void) => {
  const controller = new AbortController();
  let all = '';
  const sink = (text: string) => {
    all += text;
    watch(all, () => controller.abort());
  };
  const code = await runProgram(
    { store: box.store, fs: rootedFs({ root: box.root, home: '/home/demo' }), logs: fileLogStore(join(box.root, '.logs')), servers: box.servers, now: () => box.now },
    program,
    name,
    argv,
    { signal: controller.signal, write: sink, error: sink },
  );
  return { code, output: all };
};

/** Resolves once `condition` holds, checking after every macrotask (no fixed sleeps). */
export const until = async (condition: () => boolean, limitMs = 10_000): Promise<void> => {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

export const hostPath = (box: TestBox, path: string): string => join(box.root, path);
