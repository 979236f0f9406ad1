import { describe, expect, it } from 'vitest';
import type { TelemetrySample } from '../domain/telemetry.js';
import { keepDay, MinuteFolder, minuteLimits, summarizeMinute } from './minutes.js';

const GiB = 2 ** 30;
const t0 = Date.UTC(2026, 10, 25, 10, 0, 0);

const sample = (at: number, util: number | null, temp: number, usedGiB: number, rx: number | null = 100): TelemetrySample => ({
  at,
  gpu: { utilizationPercent: util, temperatureC: temp, powerW: util === null ? null : 20 + util / 2, graphicsClockMHz: 2400, pstate: 'P0', throttled: false },
  memory: { totalBytes: 119 * GiB, usedBytes: usedGiB * GiB, cacheBytes: 10 * GiB, freeBytes: (109 - usedGiB) * GiB, swapTotalBytes: 16 * GiB, swapUsedBytes: 0 },
  cpuBusyPercent: util,
  cores: [{ core: 0, busyPercent: 5, cluster: 'big' }],
  load: [1, 2, 3],
  net: [{ name: 'enP7s7', rxBytesPerSec: rx, txBytesPerSec: 10, state: 'up', speedMbps: 10_000 }],
  disks: [{ mount: '/', sizeBytes: 100, usedBytes: 50, availableBytes: 50 }],
  uptimeSeconds: at / 1000,
  processes: [{ pid: 1, name: 'python', memoryBytes: null, container: null }],
});

describe('minute summaries', () => {
  it('take means, the hottest temperature, skip unknowns, and drop what only the moment shows', () => {
    const m = summarizeMinute([sample(t0 + 1_000, 10, 50, 20), sample(t0 + 2_000, null, 70, 30, null), sample(t0 + 3_000, 30, 60, 40)]);
    expect(m.at).toBe(t0);
    expect(m.gpu?.utilizationPercent).toBe(20);
    expect(m.gpu?.temperatureC).toBe(70);
    expect(m.memory?.usedBytes).toBe(30 * GiB);
    expect(m.memory?.totalBytes).toBe(119 * GiB);
    expect(m.net).toEqual([{ name: 'enP7s7', rxBytesPerSec: 100, txBytesPerSec: 10, state: 'up', speedMbps: 10_000 }]);
    expect(m.cores).toEqual([]);
    expect(m.processes).toEqual([]);
    expect(m.disks).toEqual([]);
  });

  it('a minute with no GPU reading says so (null), not zero', () => {
    const m = summarizeMinute([{ ...sample(t0, 1, 1, 1), gpu: null }]);
    expect(m.gpu).toBeNull();
  });

  it('close a minute when a sample of another minute arrives, and flush the open one', () => {
    const folder = new MinuteFolder();
    for (let s = 0; s < 60; s++) expect(folder.add(sample(t0 + s * 1000, 50, 50, 10))).toBeUndefined();
    const closed = folder.add(sample(t0 + 60_000, 90, 80, 10));
    expect(closed?.at).toBe(t0);
    expect(closed?.gpu?.utilizationPercent).toBe(50);
    const open = folder.flush();
    expect(open?.at).toBe(t0 + 60_000);
    expect(open?.gpu?.utilizationPercent).toBe(90);
    expect(folder.flush()).toBeUndefined();
  });

  it('a clock set back closes the open minute instead of mixing two', () => {
    const folder = new MinuteFolder();
    folder.add(sample(t0 + 120_000, 10, 50, 10));
    expect(folder.add(sample(t0 + 5_000, 10, 50, 10))?.at).toBe(t0 + 120_000);
  });

  it('keep 24 hours, one summary per minute, oldest first', () => {
    const day = minuteLimits.dayMinutes * minuteLimits.minuteMs;
    const now = t0 + day;
    const old = summarizeMinute([sample(t0 - 60_000, 1, 1, 1)]);
    const a = summarizeMinute([sample(t0 + 60_000, 1, 1, 1)]);
    const b = summarizeMinute([sample(t0 + 60_000, 2, 2, 2)]);
    const c = summarizeMinute([sample(t0, 3, 3, 3)]);
    const kept = keepDay([old, a, c, b], now);
    expect(kept.map((m) => m.at)).toEqual([t0, t0 + 60_000]);
    expect(kept[1]?.gpu?.utilizationPercent).toBe(2);
  });
});
