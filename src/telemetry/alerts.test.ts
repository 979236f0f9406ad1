import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../domain/settings.js';
import type { TelemetrySample } from '../domain/telemetry.js';
import { AlertWatch } from './alerts.js';

const sample = (temperatureC: number, usedGiB: number, throttled = false): TelemetrySample => ({
  at: 0,
  gpu: { utilizationPercent: 90, temperatureC, powerW: 80, graphicsClockMHz: 2400, pstate: 'P0', throttled },
  memory: { totalBytes: 100 * 2 ** 30, usedBytes: usedGiB * 2 ** 30, cacheBytes: 0, freeBytes: 0, swapTotalBytes: 0, swapUsedBytes: 0 },
  cpuBusyPercent: 10,
  cores: [],
  load: null,
  net: [],
  disks: [{ mount: '/', sizeBytes: 100, usedBytes: 50, availableBytes: 50 }],
  uptimeSeconds: 1,
  processes: [],
});

describe('alerts', () => {
  it('fire once when crossing, clear only after coming back by the margin', () => {
    const watch = new AlertWatch();
    const thresholds = defaultSettings().alerts;
    expect(watch.evaluate(sample(70, 50), thresholds)).toEqual([]);
    expect(watch.evaluate(sample(86, 50), thresholds)).toEqual([{ kind: 'gpu-hot', raised: true, value: 86, threshold: 85 }]);
    expect(watch.evaluate(sample(84, 50), thresholds)).toEqual([]); // still within the margin
    expect(watch.evaluate(sample(79, 50), thresholds)).toEqual([{ kind: 'gpu-hot', raised: false, value: 79, threshold: 85 }]);
    expect(watch.evaluate(sample(70, 92, true), thresholds).map((c) => c.kind)).toEqual(['memory-high', 'throttled']);
    expect(watch.raised).toEqual(['memory-high', 'throttled']);
    expect(watch.evaluate(sample(70, 92, true), { ...thresholds, clocksThrottled: false })).toEqual([{ kind: 'throttled', raised: false, value: 1, threshold: 1 }]);
  });
});
