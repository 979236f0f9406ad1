/**
 * The `nsys stats` reports a simulated report answers: rows derived from its header (engine,
 * MoE or dense, seconds collected, traces), deterministic for a given report. Reports whose data
 * was not collected answer with nsys's `SKIPPED: <file>.sqlite does not contain … data.` lines.
 */
import { noise } from '../../dynamics.js';
import type { ReportHeader } from './report-file.js';
import { cudaApiFor, gpuBusy, kernelsFor, memOps, nvtxRangesFor, osRuntimeCalls, type CallEntry } from './stats-catalog.js';

export const statsReports = ['nvtx_sum', 'osrt_sum', 'cuda_api_sum', 'cuda_gpu_kern_sum', 'cuda_gpu_mem_time_sum', 'cuda_gpu_mem_size_sum'] as const;
export type StatsReport = (typeof statsReports)[number];

export const isStatsReport = (name: string): name is StatsReport => (statsReports as readonly string[]).includes(name);

/** How a column prints: percentage / integer / one decimal / MB with three decimals / text. */
export type ColumnKind = 'pct' | 'int' | 'dec' | 'mb' | 'text';

export interface StatsTable {
  readonly title: string;
  readonly columns: ReadonlyArray<readonly [string, ColumnKind]>;
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

export type StatsResult = { readonly kind: 'table'; readonly table: StatsTable } | { readonly kind: 'skipped'; readonly missing: string };

const timeColumns = (count: string): Array<[string, ColumnKind]> => [
  ['Time (%)', 'pct'],
  ['Total Time (ns)', 'int'],
  [count, 'int'],
  ['Avg (ns)', 'dec'],
  ['Med (ns)', 'dec'],
  ['Min (ns)', 'int'],
  ['Max (ns)', 'int'],
  ['StdDev (ns)', 'dec'],
];

interface Item {
  readonly name: string;
  readonly total: number;
  readonly count: number;
  readonly extra?: readonly (string | number)[];
}

/** Spreads a total over instances with a plausible spread (median under mean, long tail). */
const statsRow = (item: Item, grand: number, seed: string): Array<string | number> => {
  const avg = item.total / item.count;
  const n = (k: string) => noise(`${seed}:${item.name}:${k}`, 0);
  const single = item.count === 1;
  return [
    Math.round((item.total / grand) * 1000) / 10,
    Math.round(item.total),
    item.count,
    avg,
    single ? avg : avg * (0.82 + 0.16 * n('med')),
    Math.round(single ? avg : avg * (0.15 + 0.3 * n('min'))),
    Math.round(single ? avg : avg * (2 + 4 * n('max'))),
    single ? 0 : avg * (0.1 + 0.8 * n('sd')),
    ...(item.extra ?? []),
    item.name,
  ];
};

const tableOf = (title: string, countName: string, items: Item[], seed: string, extra: Array<[string, ColumnKind]> = [], last = 'Name'): StatsTable => {
  const sorted = items.filter((i) => i.count > 0).sort((a, b) => b.total - a.total);
  const grand = sorted.reduce((sum, i) => sum + i.total, 0) || 1;
  return { title, columns: [...timeColumns(countName), ...extra, [last, 'text']], rows: sorted.map((i) => statsRow(i, grand, seed)) };
};

const calls = (entries: readonly CallEntry[], seconds: number, seed: string): Item[] =>
  entries.map(([name, perSecond, ns]) => {
    const count = Math.max(1, Math.round(perSecond * seconds * (0.9 + 0.2 * noise(`${seed}:${name}:n`, 0))));
    return { name, count, total: count * ns * (0.85 + 0.3 * noise(`${seed}:${name}:t`, 0)) };
  });

export const statsFor = (report: StatsReport, header: ReportHeader): StatsResult => {
  const seed = `${header.command}:${header.createdAt}`;
  const seconds = Math.max(1, header.seconds);
  const cuda = header.traces.includes('cuda') && header.workload !== 'none' && header.workload !== 'cpu';
  switch (report) {
    case 'nvtx_sum': {
      const ranges = nvtxRangesFor(header.workload);
      if (!header.traces.includes('nvtx') || ranges.length === 0) return { kind: 'skipped', missing: 'NV Tools Extension (NVTX) data' };
      const items = calls(ranges, seconds, seed).map((i) => ({ ...i, extra: ['PushPop'] }));
      return { kind: 'table', table: tableOf('NVTX Range Summary (nvtx_sum)', 'Instances', items, seed, [['Style', 'text']], 'Range') };
    }
    case 'osrt_sum':
      // SYNTH: the wording of this SKIPPED line follows the captured CUDA/NVTX ones.
      if (!header.traces.includes('osrt') || header.workload === 'none') return { kind: 'skipped', missing: 'OS Runtime trace data' };
      return { kind: 'table', table: tableOf('OS Runtime Summary (osrt_sum)', 'Num Calls', calls(osRuntimeCalls, seconds, seed), seed) };
    case 'cuda_api_sum':
      if (!cuda) return { kind: 'skipped', missing: 'CUDA trace data' };
      return { kind: 'table', table: tableOf('CUDA API Summary (cuda_api_sum)', 'Num Calls', calls(cudaApiFor(header.workload), seconds, seed), seed) };
    case 'cuda_gpu_kern_sum': {
      if (!cuda) return { kind: 'skipped', missing: 'CUDA kernel data' };
      const entries = kernelsFor(header.workload).filter(([, , , moeOnly]) => moeOnly !== true || header.moe);
      const shares = entries.reduce((sum, [, share]) => sum + share, 0);
      const busyNs = seconds * 1e9 * gpuBusy[header.workload];
      const items = entries.map(([name, share, ns]) => {
        const total = (busyNs * share) / shares;
        return { name, total, count: Math.max(1, Math.round(total / ns)) };
      });
      return { kind: 'table', table: tableOf('CUDA GPU Kernel Summary (cuda_gpu_kern_sum)', 'Instances', items, seed) };
    }
    case 'cuda_gpu_mem_time_sum': {
      if (!cuda) return { kind: 'skipped', missing: 'GPU memory data' };
      const items = calls(memOps.map(([op, perSecond, ns]) => [op, perSecond, ns] as const), seconds, seed);
      return { kind: 'table', table: tableOf('CUDA GPU MemOps Summary (by Time) (cuda_gpu_mem_time_sum)', 'Count', items, seed, [], 'Operation') };
    }
    case 'cuda_gpu_mem_size_sum': {
      if (!cuda) return { kind: 'skipped', missing: 'GPU memory data' };
      const rows = memOps
        .map(([op, perSecond, , mb]) => {
          const count = Math.max(1, Math.round(perSecond * seconds));
          const n = (k: string) => noise(`${seed}:${op}:${k}`, 0);
          return [mb * count, count, mb, mb * (0.5 + 0.4 * n('med')), mb * 0.001, mb * (3 + 5 * n('max')), mb * (0.5 + n('sd')), op] as Array<string | number>;
        })
        .sort((a, b) => Number(b[0]) - Number(a[0]));
      return {
        kind: 'table',
        table: {
          title: 'CUDA GPU MemOps Summary (by Size) (cuda_gpu_mem_size_sum)',
          // The capture: `16.000,2,8.0,8.0,8.0,8.0,0.0,[CUDA memcpy Host-to-Device]` — total with 3 decimals, the rest 1.
          columns: [['Total (MB)', 'mb'], ['Count', 'int'], ['Avg (MB)', 'dec'], ['Med (MB)', 'dec'], ['Min (MB)', 'dec'], ['Max (MB)', 'dec'], ['StdDev (MB)', 'dec'], ['Operation', 'text']],
          rows,
        },
      };
    }
  }
};
