import type { TelemetrySample } from '../../src/domain/telemetry.js';

/** The ring's fixed columns: what the charts draw and the CSV keeps. Bytes stay bytes here. */
export const col = {
  at: 'at',
  gpuUtil: 'gpuUtil',
  gpuTemp: 'gpuTemp',
  power: 'power',
  clock: 'clock',
  pstate: 'pstate',
  memUsed: 'memUsed',
  memCache: 'memCache',
  memTotal: 'memTotal',
  swapUsed: 'swapUsed',
  cpu: 'cpu',
  load1: 'load1',
} as const;

export type NetDirection = 'rx' | 'tx';

/** Network columns are per interface; the prefix keeps them apart from the fixed ones. */
export const netKey = (name: string, direction: NetDirection) => `net:${name}:${direction}`;

/** 'P0' … 'P15' → 0 … 15, so the P-state fits a numeric column; anything else is unknown. */
export const pstateNumber = (pstate: string | null): number | null => {
  const match = pstate === null ? null : /^P(\d{1,2})$/.exec(pstate.trim());
  return match ? Number(match[1]) : null;
};

export const sampleRow = (s: TelemetrySample): Record<string, number | null> => {
  const row: Record<string, number | null> = {
    [col.at]: s.at,
    [col.gpuUtil]: s.gpu?.utilizationPercent ?? null,
    [col.gpuTemp]: s.gpu?.temperatureC ?? null,
    [col.power]: s.gpu?.powerW ?? null,
    [col.clock]: s.gpu?.graphicsClockMHz ?? null,
    [col.pstate]: pstateNumber(s.gpu?.pstate ?? null),
    [col.memUsed]: s.memory?.usedBytes ?? null,
    [col.memCache]: s.memory?.cacheBytes ?? null,
    [col.memTotal]: s.memory?.totalBytes ?? null,
    [col.swapUsed]: s.memory?.swapUsedBytes ?? null,
    [col.cpu]: s.cpuBusyPercent,
    [col.load1]: s.load?.[0] ?? null,
  };
  for (const n of s.net) {
    row[netKey(n.name, 'rx')] = n.rxBytesPerSec;
    row[netKey(n.name, 'tx')] = n.txBytesPerSec;
  }
  return row;
};
