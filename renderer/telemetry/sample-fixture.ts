import type { TelemetrySample } from '../../src/domain/telemetry.js';

const GiB = 1024 ** 3;

/**
 * A GB10 sample as the collector sends it (10 X925 + 10 A725 cores, 119.7 GiB unified memory,
 * the 10GbE port and one CX-7 port), for unit tests. Not used by the app: no fake numbers on screen.
 */
export const idleSample = (at: number): TelemetrySample => ({
  at,
  gpu: { utilizationPercent: 3, temperatureC: 41, powerW: 11.2, graphicsClockMHz: 208, pstate: 'P8', throttled: false },
  memory: {
    totalBytes: 119.7 * GiB,
    usedBytes: 9.4 * GiB,
    cacheBytes: 22.1 * GiB,
    freeBytes: 88.2 * GiB,
    swapTotalBytes: 16 * GiB,
    swapUsedBytes: 0,
  },
  cpuBusyPercent: 2.5,
  cores: Array.from({ length: 20 }, (_, core) => ({ core, busyPercent: core % 5, cluster: core < 10 ? ('big' as const) : ('little' as const) })),
  load: [0.31, 0.28, 0.22],
  net: [
    { name: 'enP7s7', rxBytesPerSec: 1_500_000, txBytesPerSec: 40_000, state: 'up', speedMbps: 10_000 },
    { name: 'enp1s0f0np0', rxBytesPerSec: 0, txBytesPerSec: 0, state: 'down', speedMbps: null },
  ],
  disks: [{ mount: '/', sizeBytes: 3.6e12, usedBytes: 0.9e12, availableBytes: 2.7e12 }],
  uptimeSeconds: 93_780,
  processes: [],
});
