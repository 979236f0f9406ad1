/**
 * Shared by the nvidia-smi tests: the GB10 captures, a running-model process, and small
 * helpers to run the simulated tool and compare parsed results.
 */
import { readFileSync } from 'node:fs';
import { setActivity } from '../../dynamics.js';
import type { SimGpuProcess } from '../../state.js';
import type { TestBox } from '../../testing.js';
import { nvidiaSmi } from './nvidia-smi.js';

export const captures = new URL('../../../../../e2e/fixtures/captures/', import.meta.url);
export const capture = (name: string) => readFileSync(new URL(name, captures), 'utf8');
const gb10 = capture('nvidia-smi-gb10-query-dmon-q.txt').split('\n');
export const after = (marker: string, count: number) => {
  const at = gb10.findIndex((line) => line.startsWith(marker));
  return gb10.slice(at + 1, at + 1 + count).join('\n');
};

export const smi = (box: TestBox, ...argv: string[]) => box.run(nvidiaSmi, 'nvidia-smi', argv);

export const vllm = (box: TestBox, overrides: Partial<SimGpuProcess> = {}): SimGpuProcess => ({
  pid: 52_310,
  name: 'VLLM::EngineCore',
  type: 'C',
  memoryMiB: 96_073,
  startedAt: box.now - 60_000,
  loadMs: 0,
  containerId: undefined,
  fileCacheMiB: 0,
  ...overrides,
});

export const startLoad = (box: TestBox, process = vllm(box)) =>
  box.store.update((state, now) => {
    state.gpuProcesses.push(process);
    setActivity(state, 'serve', { util: 85, cpuCores: 2 }, now);
  }, box.now);

/** Which fields are null: the "same nulls" half of "parse both and agree". */
export const nulls = (record: object) => Object.entries(record).filter(([, v]) => v === null).map(([k]) => k).sort();
