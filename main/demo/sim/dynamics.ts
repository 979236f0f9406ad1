/**
 * Readings derived from the state and the clock: what nvidia-smi, /proc and df report at `now`.
 * Pure functions, deterministic for a given (state, now), so two shims reading at the same
 * moment agree. Noise comes from a hash of the second and a channel name, not Math.random.
 */
import type { ActivitySource, SimGpuProcess, SimState, UtilChange } from './state.js';

/** Constants chosen to look like a GB10 under load in public reports; each says why. */
export const physics = {
  /** Idle GPU draw with no display (captures: 3–4 W at P8). */
  idlePowerW: 3.6,
  /** Full-load GPU draw reported for GB10 decode/training loads (tens of W; the SoC caps ~140 W). */
  loadPowerW: 92,
  /** Idle temperature (captures: 36–40 C). */
  idleTempC: 37,
  /** Temperature rise at 100 % utilization, reaching the low 70s like reviews under sustained load. */
  loadTempRiseC: 36,
  /** Thermal time constant: minutes-scale heating of a small box. */
  thermalTauMs: 45_000,
  /** Power follows load within a second or two. */
  powerTauMs: 1_500,
  /** Graphics clock at idle (capture: 208 MHz) and under load (captures: 2405 MHz). */
  idleClockMHz: 208,
  loadClockMHz: 2405,
  /** Memory an idle DGX OS uses (capture: `free` used 5 088 412 kB). */
  osUsedKb: 5_088_412,
  /** Page cache and buffers at idle (capture: buff/cache 2 728 844 kB). */
  idleCacheKb: 2_728_844,
  /** USER_HZ: /proc/stat counts in 1/100 s. */
  userHz: 100,
  cores: 20,
} as const;

/** Deterministic pseudo-noise in [0, 1) for a channel at a given second. */
export const noise = (channel: string, second: number): number => {
  let h = 2166136261 ^ second;
  for (let i = 0; i < channel.length; i += 1) h = Math.imul(h ^ channel.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
};

const activeAt = (state: SimState, now: number) =>
  state.activity.filter((a) => a.since <= now && (a.until === undefined || a.until > now));

/** GPU utilization in percent (integer) at `now`. */
export const gpuUtilization = (state: SimState, now: number): number => {
  const sum = activeAt(state, now).reduce((total, a) => total + a.util, 0);
  if (sum <= 0) return 0;
  const jitter = (noise('gpu-util', Math.floor(now / 1000)) - 0.5) * 6;
  return Math.max(1, Math.min(100, Math.round(sum + jitter)));
};

/**
 * First-order response to piecewise-constant utilization: value(t) relaxes toward the target of
 * each segment with time constant tau. Computed from the change history, so no per-tick state.
 */
export const laggedUtil = (history: readonly UtilChange[], now: number, tauMs: number): number => {
  let value = 0;
  let previous: UtilChange | undefined;
  for (const change of history) {
    if (change.at > now) break;
    if (previous) value = relax(value, previous.util, change.at - previous.at, tauMs);
    previous = change;
  }
  if (previous) value = relax(value, previous.util, now - previous.at, tauMs);
  return value;
};

const relax = (from: number, target: number, dt: number, tau: number) => target + (from - target) * Math.exp(-Math.max(0, dt) / tau);

export const gpuTemperatureC = (state: SimState, now: number): number => {
  const lagged = laggedUtil(state.utilHistory, now, physics.thermalTauMs) / 100;
  return Math.round(physics.idleTempC + physics.loadTempRiseC * lagged + (noise('temp', Math.floor(now / 5000)) - 0.5));
};

export const gpuPowerW = (state: SimState, now: number): number => {
  const lagged = laggedUtil(state.utilHistory, now, physics.powerTauMs) / 100;
  const jitter = (noise('power', Math.floor(now / 1000)) - 0.5) * 0.4;
  return Math.round((physics.idlePowerW + (physics.loadPowerW - physics.idlePowerW) * lagged + jitter) * 100) / 100;
};

export const gpuClockMHz = (state: SimState, now: number): number =>
  gpuUtilization(state, now) > 0 || state.gpuProcesses.length > 0
    ? physics.loadClockMHz - Math.round(noise('clock', Math.floor(now / 1000)) * 12)
    : physics.idleClockMHz;

export const gpuPState = (state: SimState, now: number): 'P0' | 'P8' =>
  gpuUtilization(state, now) > 0 || state.gpuProcesses.length > 0 ? 'P0' : 'P8';

/** Memory a GPU process holds at `now` (ramps up while its model loads). */
export const processMemoryMiB = (process: SimGpuProcess, now: number): number => {
  if (now < process.startedAt) return 0;
  if (process.loadMs <= 0) return process.memoryMiB;
  const fraction = Math.min(1, (now - process.startedAt) / process.loadMs);
  return Math.round(process.memoryMiB * fraction);
};

export interface MemoryReading {
  readonly totalKb: number;
  readonly freeKb: number;
  readonly availableKb: number;
  readonly buffersKb: number;
  readonly cachedKb: number;
  readonly swapTotalKb: number;
  readonly swapFreeKb: number;
  readonly shmemKb: number;
}

/** /proc/meminfo at `now`: the OS, every GPU process's memory and the page cache its files filled. */
export const memory = (state: SimState, now: number): MemoryReading => {
  const total = state.box.memTotalKb;
  const processesKb = state.gpuProcesses.reduce((sum, p) => sum + processMemoryMiB(p, now) * 1024, 0);
  const fileCacheKb = state.gpuProcesses.reduce(
    (sum, p) => sum + p.fileCacheMiB * 1024 * (p.loadMs > 0 ? Math.min(1, (now - p.startedAt) / p.loadMs) : 1),
    0,
  );
  const wobble = Math.round((noise('mem', Math.floor(now / 1000)) - 0.5) * 40_000);
  const used = Math.min(total - 200_000, physics.osUsedKb + processesKb + wobble);
  const buffers = 184_312;
  const cached = Math.max(0, Math.min(total - used - buffers - 150_000, physics.idleCacheKb - buffers + Math.round(fileCacheKb)));
  const free = Math.max(0, total - used - cached - buffers);
  const oom = state.faults['out-of-memory'] === true;
  return {
    totalKb: total,
    freeKb: oom ? 98_304 : free,
    // Reclaimable cache counts as available, as the kernel's estimate does.
    availableKb: oom ? 131_072 : Math.max(0, total - used),
    buffersKb: buffers,
    cachedKb: cached,
    swapTotalKb: state.box.swapTotalKb,
    swapFreeKb: oom ? 0 : state.box.swapTotalKb,
    shmemKb: 20_596,
  };
};

/** Whether core n is one of the big Cortex-X925 cores (hwloc on GB10: 5–9 and 15–19). */
export const isBigCore = (core: number): boolean => (core >= 5 && core <= 9) || (core >= 15 && core <= 19);

export interface CpuTicks {
  readonly user: number;
  readonly nice: number;
  readonly system: number;
  readonly idle: number;
  readonly iowait: number;
  readonly irq: number;
  readonly softirq: number;
  readonly steal: number;
}

/**
 * Cumulative /proc/stat ticks for one core at `now`: busy time is the integral of its load since
 * boot, so successive reads give the utilization the activity implies.
 */
export const cpuTicks = (state: SimState, core: number, now: number): CpuTicks => {
  const elapsedTicks = ((now - state.bootedAt) / 1000) * physics.userHz;
  // Background load: 2–4 % on little cores (housekeeping), less on big cores.
  const background = isBigCore(core) ? 0.015 : 0.03;
  let busyTicks = elapsedTicks * background + (state.retired.cpuBusyTicks[core] ?? 0);
  for (const source of state.activity) busyTicks += segmentBusyTicks(source, core, state.bootedAt, now);
  // A slow wave on top of the background, integrated exactly so the counter never goes back.
  const seconds = (now - state.bootedAt) / 1000;
  const period = 40 + core * 3;
  busyTicks += background * physics.userHz * 0.5 * (period / (2 * Math.PI)) * (1 - Math.cos((2 * Math.PI * seconds) / period));
  const busy = Math.min(elapsedTicks, busyTicks);
  const user = Math.round(busy * 0.78);
  const system = Math.round(busy * 0.18);
  const softirq = Math.round(busy * 0.03);
  const irq = Math.round(busy * 0.01);
  const iowait = Math.round(elapsedTicks * 0.001);
  return { user, nice: 0, system, idle: Math.max(0, Math.round(elapsedTicks) - user - system - softirq - irq - iowait), iowait, irq, softirq, steal: 0 };
};

/** Busy ticks one load segment adds to one core up to `now`. */
export const segmentBusyTicks = (source: ActivitySource, core: number, bootedAt: number, now: number): number => {
  const start = Math.max(source.since, bootedAt);
  const end = Math.min(source.until ?? now, now);
  if (end <= start || source.cpuCores <= 0) return 0;
  // A source keeps its first `cpuCores` big cores busy (engines pin work to the fast cluster).
  const rank = bigCoreRank(core);
  const share = rank === undefined ? 0.1 : Math.max(0, Math.min(1, source.cpuCores - rank));
  return ((end - start) / 1000) * physics.userHz * share * 0.95;
};

/** Bytes one load segment received on enP7s7 up to `now`. */
export const segmentRxBytes = (source: ActivitySource, bootedAt: number, now: number): number => {
  const start = Math.max(source.since, bootedAt);
  const end = Math.min(source.until ?? now, now);
  return end > start ? ((end - start) / 1000) * source.netRxBytesPerSec : 0;
};

const bigCores = [5, 6, 7, 8, 9, 15, 16, 17, 18, 19];
const bigCoreRank = (core: number): number | undefined => {
  const index = bigCores.indexOf(core);
  return index < 0 ? undefined : index;
};

export interface NetCounters {
  readonly name: string;
  readonly rxBytes: number;
  readonly rxPackets: number;
  readonly txBytes: number;
  readonly txPackets: number;
  readonly up: boolean;
  readonly speedMbps: number | undefined;
}

/** Interfaces of a GB10 (capture gb10-host-probe): 10GbE up, CX-7 ports down, Wi-Fi up. */
export const interfaceNames = ['lo', 'enP7s7', 'enp1s0f0np0', 'enp1s0f1np1', 'enP2p1s0f0np0', 'enP2p1s0f1np1', 'wlP9s9', 'docker0'] as const;

export const netCounters = (state: SimState, now: number): NetCounters[] => {
  const seconds = (now - state.bootedAt) / 1000;
  const downloads = state.retired.netRxBytes + state.activity.reduce((sum, a) => sum + segmentRxBytes(a, state.bootedAt, now), 0);
  const base = (name: string, rxRate: number, txRate: number, up: boolean, speed: number | undefined, extraRx = 0): NetCounters => {
    const rx = Math.round(seconds * rxRate + extraRx);
    const tx = Math.round(seconds * txRate);
    return { name, rxBytes: rx, rxPackets: Math.round(rx / 900), txBytes: tx, txPackets: Math.round(tx / 700), up, speedMbps: speed };
  };
  const dockerUp = state.containers.some((c) => c.state === 'running');
  return [
    base('lo', 4_000, 4_000, true, undefined),
    base('enP7s7', 2_600, 1_900, true, 10_000, downloads),
    base('enp1s0f0np0', 0, 0, false, undefined),
    base('enp1s0f1np1', 0, 0, false, undefined),
    base('enP2p1s0f0np0', 0, 0, false, undefined),
    base('enP2p1s0f1np1', 0, 0, false, undefined),
    base('wlP9s9', 180, 60, true, undefined),
    base('docker0', dockerUp ? 300 : 0, dockerUp ? 300 : 0, dockerUp, undefined),
  ];
};

/** 1, 5 and 15 minute load averages from the active sources' CPU use. */
export const loadAverage = (state: SimState, now: number): [number, number, number] => {
  const cores = activeAt(state, now).reduce((sum, a) => sum + a.cpuCores, 0);
  const base = 0.3 + noise('load', Math.floor(now / 5000)) * 0.2;
  return [base + cores, base + cores * 0.8, base + cores * 0.5].map((v) => Math.round(v * 100) / 100) as [number, number, number];
};

export const diskUsedBytes = (state: SimState): number =>
  state.faults['disk-full'] === true
    ? state.box.diskTotalBytes
    : state.box.diskBaseUsedBytes + state.images.reduce((sum, i) => sum + i.sizeBytes, 0) + state.ollama.models.reduce((s, m) => s + m.sizeBytes, 0);

export const uptimeSeconds = (state: SimState, now: number): number => (now - state.bootedAt) / 1000;

/** Remember the total utilization after activity changed (temperature and power lag behind it). */
export const recordUtilChange = (state: SimState, now: number): void => {
  const util = Math.min(100, activeAt(state, now).reduce((total, a) => total + a.util, 0));
  const last = state.utilHistory[state.utilHistory.length - 1];
  if (!last || last.util !== util) state.utilHistory.push({ at: now, util });
  // Changes older than six thermal time constants no longer move the reading.
  const horizon = now - physics.thermalTauMs * 6;
  while (state.utilHistory.length > 2 && state.utilHistory[1]!.at < horizon) state.utilHistory.shift();
  // Fold segments that ended over an hour ago into the retired totals (counters stay monotonic).
  const keep: ActivitySource[] = [];
  for (const segment of state.activity) {
    if (segment.until !== undefined && segment.until < now - 3_600_000) {
      for (let core = 0; core < physics.cores; core += 1) {
        state.retired.cpuBusyTicks[core] = (state.retired.cpuBusyTicks[core] ?? 0) + segmentBusyTicks(segment, core, state.bootedAt, now);
      }
      state.retired.netRxBytes += segmentRxBytes(segment, state.bootedAt, now);
    } else keep.push(segment);
  }
  state.activity = keep;
};

/** Set the load one source causes from `now` on (ends its previous segment). Zero load ends it. */
export const setActivity = (
  state: SimState,
  id: string,
  load: { util?: number; cpuCores?: number; netRxBytesPerSec?: number },
  now: number,
): void => {
  for (const segment of state.activity) if (segment.id === id && segment.until === undefined) segment.until = now;
  const util = load.util ?? 0;
  const cpuCores = load.cpuCores ?? 0;
  const netRxBytesPerSec = load.netRxBytesPerSec ?? 0;
  if (util > 0 || cpuCores > 0 || netRxBytesPerSec > 0) {
    state.activity.push({ id, util, cpuCores, netRxBytesPerSec, since: now, until: undefined });
  }
  recordUtilChange(state, now);
};

export const endActivity = (state: SimState, id: string, now: number): void => setActivity(state, id, {}, now);
