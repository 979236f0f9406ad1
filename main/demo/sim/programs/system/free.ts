/**
 * The simulated `free` (procps-ng 4.0.4): reads the same numbers /proc/meminfo shows, as the real
 * tool does — used = total − available, buff/cache = Buffers + Cached + SReclaimable — and prints
 * them in procps' columns (label 9 wide, values 11 wide) in KiB, bytes, MiB, GiB or human units.
 */
import { parseMeminfo } from '../../../../../src/remote/parsers/proc-meminfo.js';
import type { Program } from '../../io.js';
import { renderMeminfo } from './render-meminfo.js';

type Scale = { readonly kind: 'fixed'; readonly bytes: number } | { readonly kind: 'human'; readonly si: boolean };

const usage = "Try 'free --help' for more information.\n";

/** procps' scale_size(): the shortest of `%.1f` / `%ld` that fits in four characters, per unit. */
export const freeHuman = (bytes: number, si: boolean): string => {
  const base = si ? 1000 : 1024;
  if (`${bytes}B`.length <= 4) return `${bytes}B`;
  const units = ['K', 'M', 'G', 'T', 'P', 'E'];
  for (let i = 0; i < units.length; i += 1) {
    const value = bytes / base ** (i + 1);
    const suffix = `${units[i]}${si ? '' : 'i'}`;
    if (`${value.toFixed(1)}${units[i]}`.length <= 4) return `${value.toFixed(1)}${suffix}`;
    if (`${Math.trunc(value)}${units[i]}`.length <= 4) return `${Math.trunc(value)}${suffix}`;
  }
  return `${bytes}B`;
};

const flags: Readonly<Record<string, Scale>> = {
  '-b': { kind: 'fixed', bytes: 1 },
  '--bytes': { kind: 'fixed', bytes: 1 },
  '-k': { kind: 'fixed', bytes: 1024 },
  '--kibi': { kind: 'fixed', bytes: 1024 },
  '-m': { kind: 'fixed', bytes: 1024 ** 2 },
  '--mebi': { kind: 'fixed', bytes: 1024 ** 2 },
  '-g': { kind: 'fixed', bytes: 1024 ** 3 },
  '--gibi': { kind: 'fixed', bytes: 1024 ** 3 },
  '--kilo': { kind: 'fixed', bytes: 1000 },
  '--mega': { kind: 'fixed', bytes: 1000 ** 2 },
  '--giga': { kind: 'fixed', bytes: 1000 ** 3 },
  '-h': { kind: 'human', si: false },
  '--human': { kind: 'human', si: false },
};

export const free: Program = async (io) => {
  let scale: Scale = { kind: 'fixed', bytes: 1024 };
  let si = false;
  let wide = false;
  let total = false;
  for (const word of io.argv) {
    const known = flags[word];
    if (known) scale = known;
    else if (word === '--si') si = true;
    else if (word === '-w' || word === '--wide') wide = true;
    else if (word === '-t' || word === '--total') total = true;
    else {
      io.error(`free: ${word.startsWith('--') ? `unrecognized option '${word}'` : `invalid option -- '${word.slice(1, 2)}'`}\n${usage}`);
      return 1;
    }
  }
  if (si && scale.kind === 'human') scale = { kind: 'human', si: true };
  const parsed = parseMeminfo(renderMeminfo(io.read(), io.now()));
  if (!parsed.ok) return 1;
  const m = parsed.meminfo;
  const kb = (key: string) => (m.entries[key]?.value ?? 0) * 1024;
  const show = (bytes: number) => (scale.kind === 'human' ? freeHuman(bytes, scale.si) : String(Math.floor(bytes / scale.bytes)));
  const row = (label: string, values: readonly number[]) => `${label.padEnd(9)}${values.map((v) => show(v).padStart(11)).join(' ')}\n`;
  const memUsed = m.totalBytes - (m.availableBytes ?? m.freeBytes);
  const swapTotal = kb('SwapTotal');
  const swapFree = kb('SwapFree');
  const cache = kb('Cached') + kb('SReclaimable');
  const header = wide
    ? '               total        used        free      shared     buffers       cache   available\n'
    : '               total        used        free      shared  buff/cache   available\n';
  const memValues = wide
    ? [m.totalBytes, memUsed, m.freeBytes, kb('Shmem'), kb('Buffers'), cache, m.availableBytes ?? 0]
    : [m.totalBytes, memUsed, m.freeBytes, kb('Shmem'), kb('Buffers') + cache, m.availableBytes ?? 0];
  io.write(
    header +
      row('Mem:', memValues) +
      row('Swap:', [swapTotal, swapTotal - swapFree, swapFree]) +
      (total ? row('Total:', [m.totalBytes + swapTotal, memUsed + swapTotal - swapFree, m.freeBytes + swapFree]) : ''),
  );
  return 0;
};
