/**
 * `ollama pull NAME` as the CLI prints it without a terminal (the Spark playbook capture):
 * `pulling manifest`, one progress line per layer update (`pulling <12 hex>:  42% ███…  7.8 GB/ 18 GB …`),
 * each layer ending on its 100% line with the size, then `verifying sha256 digest`,
 * `writing manifest`, `success`. Interrupted pulls keep their bytes and resume.
 */
import { endActivity, setActivity } from '../../dynamics.js';
import type { SimIO } from '../../io.js';
import { blobPath, finishPull, planPull, pullBytesPerSec, recordPullProgress, type PullLayer } from '../../ollama-model.js';
import { humanBytes } from './format.js';

const pullConstants = {
  /** The capture's completed bars are 28 cells wide. */
  barCells: 28,
  /** How often a non-terminal pull prints a progress line. */
  tickMs: 1000,
} as const;

const bar = (fraction: number): string => {
  const full = Math.floor(Math.max(0, Math.min(1, fraction)) * pullConstants.barCells);
  return '█'.repeat(full) + ' '.repeat(pullConstants.barCells - full);
};

const seconds = (s: number): string => (s >= 3600 ? `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m${Math.floor(s % 60)}s` : `${Math.ceil(s)}s`);

export const progressLine = (layer: PullLayer, completed: number, rate: number): string => {
  const short = layer.digest.slice('sha256:'.length, 'sha256:'.length + 12);
  const fraction = layer.sizeBytes > 0 ? completed / layer.sizeBytes : 1;
  const percent = `${(fraction * 100).toFixed(0).padStart(3)}%`;
  if (completed >= layer.sizeBytes) return `pulling ${short}: ${percent} ${bar(1)} ${humanBytes(layer.sizeBytes).padStart(6)}`;
  const eta = rate > 0 ? seconds((layer.sizeBytes - completed) / rate) : '';
  return `pulling ${short}: ${percent} ${bar(fraction)} ${humanBytes(completed).padStart(6)}/${humanBytes(layer.sizeBytes).padStart(6)}  ${humanBytes(rate)}/s  ${eta}`;
};

/** Pulls NAME; returns the exit code (0, 1 on error, 130 when interrupted). */
export const pull = async (io: SimIO, name: string): Promise<number> => {
  io.write('pulling manifest\n');
  const plan = planPull(io.read(), name);
  if (!plan.ok) {
    io.error(`Error: ${plan.error}\n`);
    return 1;
  }
  const activity = `ollama-pull:${plan.name}`;
  try {
    for (const layer of plan.layers) {
      let completed = layer.startBytes;
      let last = io.now();
      while (completed < layer.sizeBytes) {
        if (io.read().faults['disk-full']) {
          io.error(`Error: write ${blobPath(layer.digest)}-partial: no space left on device\n`);
          return 1;
        }
        const rate = pullBytesPerSec(io.read());
        io.update((s, now) => setActivity(s, activity, { netRxBytesPerSec: rate, cpuCores: 0.3 }, now));
        io.write(`${progressLine(layer, completed, rate)}\n`);
        const wait = Math.min(pullConstants.tickMs, ((layer.sizeBytes - completed) / rate) * 1000);
        const finished = await io.sleep(wait);
        const now = io.now();
        // Progress follows the clock (tests move it), at least the slept time's worth.
        completed = Math.min(layer.sizeBytes, completed + (rate * Math.max(now - last, finished ? wait : 0)) / 1000);
        last = now;
        const done = completed;
        io.update((s) => recordPullProgress(s, layer.digest, Math.floor(done)));
        if (!finished) return 130;
      }
      io.write(`${progressLine(layer, layer.sizeBytes, 0)}\n`);
    }
  } finally {
    io.update((s, now) => endActivity(s, activity, now));
  }
  io.write('verifying sha256 digest\nwriting manifest\n');
  io.update((s, now) => finishPull(s, plan, now));
  io.write('success\n');
  return 0;
};
