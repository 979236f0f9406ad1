/**
 * /proc/meminfo as kernel 6.17 on arm64 prints it (fs/proc/meminfo.c): `Key:` padded to 16, the
 * value right-aligned in 8, ` kB`; HugePages_* unitless; no DirectMap lines (x86 only). The
 * headline numbers come from dynamics.memory(); the breakdown lines are derived from them so
 * they add up the way the kernel's do (Active = Active(anon) + Active(file), …).
 */
import { memory } from '../../dynamics.js';
import type { SimState } from '../../state.js';

/** Kernel-side constants of an idle DGX OS box, kB (typical 128 GB arm64 values; SYNTH). */
const kernel = {
  slabReclaimableKb: 612_840,
  slabUnreclaimKb: 498_112,
  kernelStackKb: 24_560,
  pageTablesKb: 38_904,
  percpuKb: 22_528,
  vmallocUsedKb: 186_440,
  /** 48-bit kernel VA space with 4 KiB pages (arm64). */
  vmallocTotalKb: 135_288_315_904,
  hugePageKb: 2048,
} as const;

/** One line: show_val_kb() — the key padded to 16, `%8lu`, ` kB`; counts have no unit. */
export const meminfoLine = (key: string, value: number, unit: 'kB' | null): string =>
  `${`${key}:`.padEnd(16)}${String(Math.max(0, Math.round(value))).padStart(8)}${unit === null ? '' : ' kB'}`;
const kb = (key: string, value: number) => meminfoLine(key, value, 'kB');
const count = (key: string, value: number) => meminfoLine(key, value, null);

export const renderMeminfo = (state: SimState, now: number): string => {
  const m = memory(state, now);
  const used = m.totalKb - m.availableKb;
  const slab = kernel.slabReclaimableKb + kernel.slabUnreclaimKb;
  const kernelKb = slab + kernel.kernelStackKb + kernel.pageTablesKb + kernel.percpuKb;
  const anon = Math.max(0, used - kernelKb);
  const activeAnon = Math.round(anon * 0.82);
  const inactiveAnon = anon - activeAnon + m.shmemKb;
  const activeFile = Math.round(m.cachedKb * 0.55);
  const inactiveFile = m.cachedKb - activeFile + m.buffersKb;
  const swapUsed = m.swapTotalKb - m.swapFreeKb;
  const lines = [
    kb('MemTotal', m.totalKb),
    kb('MemFree', m.freeKb),
    kb('MemAvailable', m.availableKb),
    kb('Buffers', m.buffersKb),
    kb('Cached', m.cachedKb),
    kb('SwapCached', 0),
    kb('Active', activeAnon + activeFile),
    kb('Inactive', inactiveAnon + inactiveFile),
    kb('Active(anon)', activeAnon),
    kb('Inactive(anon)', inactiveAnon),
    kb('Active(file)', activeFile),
    kb('Inactive(file)', inactiveFile),
    kb('Unevictable', 30_720),
    kb('Mlocked', 27_648),
    kb('SwapTotal', m.swapTotalKb),
    kb('SwapFree', m.swapFreeKb),
    kb('Zswap', 0),
    kb('Zswapped', 0),
    kb('Dirty', 236),
    kb('Writeback', 0),
    kb('AnonPages', anon),
    kb('Mapped', Math.round(m.cachedKb * 0.18)),
    kb('Shmem', m.shmemKb),
    kb('KReclaimable', kernel.slabReclaimableKb),
    kb('Slab', slab),
    kb('SReclaimable', kernel.slabReclaimableKb),
    kb('SUnreclaim', kernel.slabUnreclaimKb),
    kb('KernelStack', kernel.kernelStackKb),
    kb('PageTables', kernel.pageTablesKb),
    kb('SecPageTables', 0),
    kb('NFS_Unstable', 0),
    kb('Bounce', 0),
    kb('WritebackTmp', 0),
    // Overcommit heuristic: swap plus half of RAM.
    kb('CommitLimit', m.swapTotalKb + Math.floor(m.totalKb / 2)),
    kb('Committed_AS', anon + swapUsed + 3_145_728),
    kb('VmallocTotal', kernel.vmallocTotalKb),
    kb('VmallocUsed', kernel.vmallocUsedKb),
    kb('VmallocChunk', 0),
    kb('Percpu', kernel.percpuKb),
    // The one line with its own printf: "HardwareCorrupted: %5lu kB".
    'HardwareCorrupted:     0 kB',
    kb('AnonHugePages', Math.round(anon * 0.3 / kernel.hugePageKb) * kernel.hugePageKb),
    kb('ShmemHugePages', 0),
    kb('ShmemPmdMapped', 0),
    kb('FileHugePages', 0),
    kb('FilePmdMapped', 0),
    kb('Balloon', 0),
    count('HugePages_Total', 0),
    count('HugePages_Free', 0),
    count('HugePages_Rsvd', 0),
    count('HugePages_Surp', 0),
    kb('Hugepagesize', kernel.hugePageKb),
    kb('Hugetlb', 0),
  ];
  return `${lines.join('\n')}\n`;
};
