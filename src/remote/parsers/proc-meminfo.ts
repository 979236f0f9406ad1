/**
 * /proc/meminfo: `Key:<spaces>value kB`, a few keys unitless (`HugePages_Total:       0`). On GB10
 * this is the memory of record for CPU and GPU alike: used = MemTotal − MemAvailable (page cache
 * is not used memory), as nvtop and NVIDIA's own llama.cpp patch do.
 */
import { outputLines } from './nvidia-smi-values.js';

export interface MeminfoEntry {
  readonly value: number;
  /** 'kB' for sizes; null for counts (HugePages_*). */
  readonly unit: 'kB' | null;
}

export interface Meminfo {
  /** Every line, by key, in file order. */
  readonly entries: Readonly<Record<string, MeminfoEntry>>;
  readonly totalBytes: number;
  readonly freeBytes: number;
  /** Null on kernels before 3.14 (no MemAvailable line). */
  readonly availableBytes: number | null;
  /** MemTotal − MemAvailable; null without MemAvailable. */
  readonly usedBytes: number | null;
  readonly buffersBytes: number | null;
  readonly cachedBytes: number | null;
  readonly shmemBytes: number | null;
  readonly swapTotalBytes: number | null;
  readonly swapFreeBytes: number | null;
}

export type MeminfoResult = { readonly ok: true; readonly meminfo: Meminfo } | { readonly ok: false; readonly reason: string };

const line = /^([A-Za-z0-9_()]+):\s+(\d+)(?:\s+(kB))?\s*$/;

export const parseMeminfo = (text: string): MeminfoResult => {
  const entries: Record<string, MeminfoEntry> = {};
  for (const raw of outputLines(text)) {
    const match = line.exec(raw);
    if (match) entries[match[1]!] = { value: Number(match[2]), unit: match[3] === 'kB' ? 'kB' : null };
  }
  const bytes = (key: string): number | null => {
    const entry = entries[key];
    return entry === undefined ? null : entry.unit === 'kB' ? entry.value * 1024 : entry.value;
  };
  const totalBytes = bytes('MemTotal');
  const freeBytes = bytes('MemFree');
  if (totalBytes === null || freeBytes === null) return { ok: false, reason: 'No MemTotal/MemFree lines: not /proc/meminfo.' };
  const availableBytes = bytes('MemAvailable');
  return {
    ok: true,
    meminfo: {
      entries,
      totalBytes,
      freeBytes,
      availableBytes,
      usedBytes: availableBytes === null ? null : totalBytes - availableBytes,
      buffersBytes: bytes('Buffers'),
      cachedBytes: bytes('Cached'),
      shmemBytes: bytes('Shmem'),
      swapTotalBytes: bytes('SwapTotal'),
      swapFreeBytes: bytes('SwapFree'),
    },
  };
};
