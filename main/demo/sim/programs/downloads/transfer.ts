/**
 * The download loop shared by `hf download` and `modelscope download`: one file after another,
 * a tqdm bar per file on stderr, bytes arriving at the box's download speed. Partial files stay
 * on disk when interrupted (Ctrl-C, a dropped channel) and the next run continues from their
 * size, like both hubs' resumable downloads. Completed files are skipped.
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { endActivity, setActivity } from '../../dynamics.js';
import type { SimIO } from '../../io.js';
import type { PlannedFile } from './repo-files.js';
import { safetensorsHeader } from './repo-files.js';
import { formatTqdm } from './tqdm.js';

export const transferTiming = {
  /** tqdm refreshes about five times a second (mininterval 0.1 s, smoothed); so do we. */
  tickMs: 200,
  /** A cap so a crawling slow-network download still ends in bounded work per file. */
  maxTicksPerFile: 5_000,
  /** The slow-network fault divides the box's download speed by this (SimTuning says /50). */
  slowNetworkDivisor: 50,
  /** CPU a Python downloader keeps busy while bytes stream in (hashing, writing). */
  downloadCpuCores: 0.4,
} as const;

export interface TransferTarget {
  readonly file: PlannedFile;
  /** Box path where the finished file lands. */
  readonly finalPath: string;
  /** Box path of the partial file while it downloads. */
  readonly partialPath: string;
  /** The bar's description: `config.json` (hf) or `Downloading [config.json]` (ModelScope). */
  readonly label: string;
  /** tqdm's unit for this bar (`B` for both hubs). */
  readonly unit: string;
  /** After the file is complete (the HF cache links the snapshot entry to the blob). */
  readonly onComplete?: () => void;
}

export type TransferResult =
  | { readonly kind: 'done'; readonly bytes: number; readonly seconds: number; readonly downloaded: number }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'no-space'; readonly target: TransferTarget; readonly freeBytes: number };

export const downloadRate = (io: SimIO): number => {
  const state = io.read();
  const base = state.tuning.downloadBytesPerSec;
  return state.faults['slow-network'] === true ? base / transferTiming.slowNetworkDivisor : base;
};

const hostSize = (hostPath: string): number => {
  try {
    return statSync(hostPath).size;
  } catch {
    return -1;
  }
};

/** Grows a partial file to `size` (sparse), writing the safetensors header once at the start. */
const extend = (hostPath: string, size: number, withHeader: boolean): void => {
  mkdirSync(dirname(hostPath), { recursive: true });
  const fresh = hostSize(hostPath) <= 0;
  const fd = openSync(hostPath, fresh ? 'w' : 'r+');
  try {
    if (fresh && withHeader) {
      const header = safetensorsHeader();
      writeSync(fd, header, 0, Math.min(header.length, size), 0);
    }
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
};

const finish = (hostPath: string, file: PlannedFile): void => {
  if (file.content) {
    mkdirSync(dirname(hostPath), { recursive: true });
    const fd = openSync(hostPath, 'w');
    try {
      writeSync(fd, file.content, 0, file.content.length, 0);
    } finally {
      closeSync(fd);
    }
  } else extend(hostPath, file.size, true);
};

const diskFull = (io: SimIO): boolean => io.read().faults['disk-full'] === true;

/** True when the finished file is already there with its full size. */
export const isComplete = (io: SimIO, target: TransferTarget): boolean => hostSize(io.fs.hostPath(target.finalPath)) === target.file.size;

export const transferFiles = async (io: SimIO, targets: readonly TransferTarget[], activityId: string): Promise<TransferResult> => {
  const rate = downloadRate(io);
  const pending = targets.filter((t) => !isComplete(io, t));
  for (const target of targets) if (!pending.includes(target)) target.onComplete?.();
  if (pending.length === 0) return { kind: 'done', bytes: 0, seconds: 0, downloaded: 0 };
  io.update((state, now) => setActivity(state, activityId, { netRxBytesPerSec: rate, cpuCores: transferTiming.downloadCpuCores }, now));
  let bytes = 0;
  let seconds = 0;
  try {
    for (const target of pending) {
      const partial = io.fs.hostPath(target.partialPath);
      const start = Math.max(0, Math.min(target.file.size, hostSize(partial)));
      if (diskFull(io)) return { kind: 'no-space', target, freeBytes: 0 };
      const frame = (n: number, elapsedS: number, shownRate: number) =>
        formatTqdm({ desc: target.label, n, total: target.file.size, elapsedS, rate: shownRate, unit: target.unit, unitScale: true });
      io.error(`\r${frame(start, 0, 0)}`);
      const remaining = target.file.size - start;
      const durationMs = (remaining / rate) * 1000;
      const ticks = Math.max(1, Math.min(transferTiming.maxTicksPerFile, Math.ceil(durationMs / transferTiming.tickMs)));
      let n = start;
      for (let tick = 1; tick <= ticks; tick += 1) {
        if (!(await io.sleep(durationMs / ticks))) return { kind: 'interrupted' };
        if (diskFull(io)) return { kind: 'no-space', target, freeBytes: 0 };
        n = tick === ticks ? target.file.size : start + Math.floor((remaining * tick) / ticks);
        if (tick < ticks) extend(partial, n, target.file.content === undefined);
        io.error(`\r${frame(n, (n - start) / rate, rate)}`);
      }
      finish(partial, target.file);
      const final = io.fs.hostPath(target.finalPath);
      mkdirSync(dirname(final), { recursive: true });
      renameSync(partial, final);
      target.onComplete?.();
      io.error('\n');
      bytes += remaining;
      seconds += remaining / rate;
    }
    return { kind: 'done', bytes, seconds, downloaded: pending.length };
  } finally {
    io.update((state, now) => endActivity(state, activityId, now));
  }
};
