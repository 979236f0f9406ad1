/**
 * `free` (procps-ng 4): a header of column names, then `Mem:`, `Swap:` (and `Total:` with -t).
 * Prefer /proc/meminfo; this exists because users and scripts run `free -b`/`free -h`. Human
 * sizes (`4.9Gi`, `20Mi`, `0B`) are approximate, and a German-style locale writes `4,6Gi`.
 */
import { outputLines } from './nvidia-smi-values.js';

export interface FreeRow {
  readonly total: number | null;
  readonly used: number | null;
  readonly free: number | null;
  readonly shared: number | null;
  /** `buff/cache`, or buffers + cache with -w. */
  readonly buffCache: number | null;
  readonly available: number | null;
}

export interface Free {
  /** Bytes. */
  readonly mem: FreeRow;
  readonly swap: FreeRow | null;
  /** False when the values were human-readable (rounded). */
  readonly exact: boolean;
}

export type FreeResult = { readonly ok: true; readonly free: Free } | { readonly ok: false; readonly reason: string };

/** The unit of plain numbers: `free -b` bytes, default KiB (`-k`), `-m` MiB, `-g` GiB. */
export type FreeUnit = 'B' | 'KiB' | 'MiB' | 'GiB';

const unitBytes: Readonly<Record<string, number>> = {
  B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, PiB: 1024 ** 5,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5,
  K: 1000, M: 1000 ** 2, G: 1000 ** 3, T: 1000 ** 4, P: 1000 ** 5,
};

export const parseFree = (output: string, plainUnit: FreeUnit = 'KiB'): FreeResult => {
  const lines = outputLines(output).filter((line) => line.trim() !== '');
  const headerAt = lines.findIndex((line) => /\btotal\b/.test(line) && /\bused\b/.test(line) && !line.includes(':'));
  if (headerAt < 0) return { ok: false, reason: 'No free header line in the output.' };
  const names = lines[headerAt]!.trim().split(/\s+/);
  let exact = true;
  const value = (text: string | undefined): number | null => {
    const match = /^(\d+(?:[.,]\d+)?)([A-Za-z]*)$/.exec(text ?? '');
    if (!match) return null;
    const number = Number(match[1]!.replace(',', '.'));
    if (match[2] === '') return number * unitBytes[plainUnit]!;
    const scale = unitBytes[match[2]!];
    if (scale === undefined) return null;
    exact = false;
    return number * scale;
  };
  const rowOf = (label: string): FreeRow | null => {
    const line = lines.find((l) => l.trimStart().startsWith(`${label}:`));
    if (!line) return null;
    const cells = line.trim().split(/\s+/).slice(1);
    const at = (name: string) => {
      const i = names.indexOf(name);
      return i < 0 ? null : value(cells[i]);
    };
    const buffers = at('buffers');
    const cache = at('cache');
    return {
      total: at('total'),
      used: at('used'),
      free: at('free'),
      shared: at('shared'),
      buffCache: names.includes('buff/cache') ? at('buff/cache') : buffers !== null && cache !== null ? buffers + cache : null,
      available: at('available'),
    };
  };
  const mem = rowOf('Mem');
  if (!mem) return { ok: false, reason: 'No "Mem:" line in the output.' };
  return { ok: true, free: { mem, swap: rowOf('Swap'), exact } };
};
