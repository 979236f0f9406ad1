/**
 * /proc/stat (proc(5)): the aggregate `cpu  …` line (two spaces), one `cpuN …` line per core, and
 * the counters after them. CPU columns are cumulative USER_HZ ticks: user nice system idle iowait
 * irq softirq steal guest guest_nice — guest and guest_nice are already counted in user and nice,
 * so busy time uses the first eight columns only.
 */
import { outputLines } from './nvidia-smi-values.js';

export interface CpuTimes {
  readonly user: number;
  readonly nice: number;
  readonly system: number;
  readonly idle: number;
  readonly iowait: number;
  readonly irq: number;
  readonly softirq: number;
  readonly steal: number;
  readonly guest: number;
  readonly guestNice: number;
}

export interface ProcStat {
  readonly total: CpuTimes;
  /** By core number (cpu0 → index 0); offline cores are absent from the file and from here. */
  readonly cores: ReadonlyArray<{ readonly core: number; readonly times: CpuTimes }>;
  readonly contextSwitches: number | null;
  /** Boot time, seconds since the epoch. */
  readonly bootTime: number | null;
  readonly processes: number | null;
  readonly procsRunning: number | null;
  readonly procsBlocked: number | null;
}

export type ProcStatResult = { readonly ok: true; readonly stat: ProcStat } | { readonly ok: false; readonly reason: string };

const toTimes = (numbers: readonly number[]): CpuTimes => {
  const n = (i: number) => numbers[i] ?? 0;
  return { user: n(0), nice: n(1), system: n(2), idle: n(3), iowait: n(4), irq: n(5), softirq: n(6), steal: n(7), guest: n(8), guestNice: n(9) };
};

export const parseProcStat = (text: string): ProcStatResult => {
  let total: CpuTimes | undefined;
  const cores: Array<{ core: number; times: CpuTimes }> = [];
  const counters: Record<string, number> = {};
  for (const line of outputLines(text)) {
    const words = line.trim().split(/\s+/);
    const head = words[0];
    if (!head) continue;
    const numbers = words.slice(1).map(Number);
    if (head === 'cpu') {
      if (numbers.length >= 4 && numbers.every(Number.isFinite)) total = toTimes(numbers);
    } else if (/^cpu\d+$/.test(head)) {
      if (numbers.length >= 4 && numbers.every(Number.isFinite)) cores.push({ core: Number(head.slice(3)), times: toTimes(numbers) });
    } else if (numbers.length >= 1 && Number.isFinite(numbers[0])) {
      counters[head] = numbers[0]!;
    }
  }
  if (!total) return { ok: false, reason: 'No aggregate "cpu" line: not /proc/stat.' };
  const counter = (key: string) => counters[key] ?? null;
  return {
    ok: true,
    stat: {
      total,
      cores,
      contextSwitches: counter('ctxt'),
      bootTime: counter('btime'),
      processes: counter('processes'),
      procsRunning: counter('procs_running'),
      procsBlocked: counter('procs_blocked'),
    },
  };
};

const allTicks = (t: CpuTimes) => t.user + t.nice + t.system + t.idle + t.iowait + t.irq + t.softirq + t.steal;
const idleTicks = (t: CpuTimes) => t.idle + t.iowait;

/**
 * Busy percent between two samples: Δ(total − idle − iowait) / Δtotal over the first eight
 * columns. Null when no time passed or a counter went backwards (a CPU went offline and back).
 */
export const cpuBusyPercent = (before: CpuTimes, after: CpuTimes): number | null => {
  const total = allTicks(after) - allTicks(before);
  const idle = idleTicks(after) - idleTicks(before);
  if (total <= 0 || idle < 0 || idle > total) return null;
  return ((total - idle) / total) * 100;
};

/** Busy percent per core present in both samples, by core number. */
export const coreBusyPercents = (before: ProcStat, after: ProcStat): Map<number, number | null> => {
  const earlier = new Map(before.cores.map((c) => [c.core, c.times]));
  const out = new Map<number, number | null>();
  for (const { core, times } of after.cores) {
    const previous = earlier.get(core);
    if (previous) out.set(core, cpuBusyPercent(previous, times));
  }
  return out;
};
