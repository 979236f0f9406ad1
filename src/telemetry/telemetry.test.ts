import { describe, expect, it } from 'vitest';
import { createCollectorReader, type RawTick } from './collector-protocol.js';
import { SampleBuilder, containerFromCgroup, factsFrom } from './sample-builder.js';

const tick = (uptime: number, user: number, idle: number, rx: number) =>
  [
    '@@tick',
    '@@file /proc/uptime',
    `${uptime} 1234.56`,
    '@@file /proc/meminfo',
    'MemTotal:       125513720 kB',
    'MemFree:        100000000 kB',
    'MemAvailable:   110000000 kB',
    'Buffers:           184312 kB',
    'Cached:          9000000 kB',
    'SwapTotal:       16777212 kB',
    'SwapFree:        16777212 kB',
    '@@file /proc/loadavg',
    '0.52 0.40 0.31 2/1200 4242',
    '@@file /proc/net/dev',
    'Inter-|   Receive                                                |  Transmit',
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
    `enP7s7: ${rx} 10 0 0 0 0 0 0 2000 10 0 0 0 0 0 0`,
    '    lo: 100 1 0 0 0 0 0 0 100 1 0 0 0 0 0 0',
    '@@file /proc/stat',
    `cpu  ${user} 0 0 ${idle} 0 0 0 0 0 0`,
    `cpu0 ${user} 0 0 ${idle} 0 0 0 0 0 0`,
    '@@file /sys/class/net/enP7s7/operstate',
    'up',
    '@@file /sys/class/net/lo/operstate',
    'unknown',
    '@@file /sys/class/net/enP7s7/speed',
    '10000',
    '@@end',
    '',
  ].join('\n');

describe('collector protocol and samples', () => {
  it('reads ticks split anywhere across chunks, and builds rates from two of them', () => {
    const ticks: RawTick[] = [];
    const samples: Array<ReturnType<SampleBuilder['tick']>> = [];
    const builder = new SampleBuilder();
    // As the service does: each tick becomes a sample the moment it completes.
    const read = createCollectorReader({ facts: () => {}, cpuMax: (c, k) => builder.cpuMaxFreq(c, k), tick: (t) => (ticks.push(t), samples.push(builder.tick(t, ticks.length))), gpu: (l) => builder.gpu(l), app: (l, c) => builder.app(l, c), problem: () => {} });
    const text = `@@cpumax 0 3900000\n@@gpu 87, 61, 45.20, 2418, P0, 0x0000000000000000\n${tick(100, 1000, 9000, 5000)}@@app 4242, VLLM::EngineCore, 30000 @@cg 0::/system.slice/docker-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.scope\n${tick(101, 1500, 9500, 1_005_000)}`;
    for (let i = 0; i < text.length; i += 7) read(text.slice(i, i + 7));
    expect(ticks).toHaveLength(2);
    expect(samples[0]).toBeNull();
    const sample = samples[1]!;
    expect(sample.memory).toEqual({ totalBytes: 125513720 * 1024, usedBytes: (125513720 - 110000000) * 1024, cacheBytes: (9000000 + 184312) * 1024, freeBytes: 100000000 * 1024, swapTotalBytes: 16777212 * 1024, swapUsedBytes: 0 });
    expect(sample.cpuBusyPercent).toBe(50);
    expect(sample.net).toEqual([{ name: 'enP7s7', rxBytesPerSec: 1_000_000, txBytesPerSec: 0, state: 'up', speedMbps: 10000 }]);
    expect(sample.gpu).toEqual({ utilizationPercent: 87, temperatureC: 61, powerW: 45.2, graphicsClockMHz: 2418, pstate: 'P0', throttled: false });
    expect(sample.processes).toEqual([{ pid: 4242, name: 'VLLM::EngineCore', memoryBytes: 30000 * 1_048_576, container: '0123456789ab' }]);
    expect(sample.load).toEqual([0.52, 0.4, 0.31]);
  });

  it('GB10 reports no GPU memory: a [N/A] field stays null, never 0', () => {
    const builder = new SampleBuilder();
    builder.gpu('[N/A], 45, [N/A], 2418, P0, [N/A]');
    const empty = { uptime: 1, files: {}, links: [], df: undefined };
    builder.tick(empty, 0);
    const sample = builder.tick({ ...empty, uptime: 2 }, 1)!;
    expect(sample.gpu).toMatchObject({ utilizationPercent: null, powerW: null, throttled: null, temperatureC: 45 });
    expect(sample.memory).toBeNull();
  });

  it('facts and container ids', () => {
    expect(factsFrom(['hostname spark-1a2b', 'kernel 6.17.0-1014-nvidia', 'arch aarch64', 'PRETTY_NAME="Ubuntu 24.04.3 LTS"', '| NVIDIA-SMI 580.95.05              Driver Version: 580.95.05      CUDA Version: 13.0     |', '|   0  NVIDIA GB10                    On  |   0000000F:01:00.0  On |                  N/A |'])).toEqual({
      hostname: 'spark-1a2b',
      kernel: '6.17.0-1014-nvidia',
      arch: 'aarch64',
      os: 'Ubuntu 24.04.3 LTS',
      driverVersion: '580.95.05',
      cudaVersion: '13.0',
      gpuName: 'NVIDIA GB10',
    });
    expect(containerFromCgroup('0::/docker/4f1c2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7')).toBe('4f1c2a3b4c5d');
    expect(containerFromCgroup('0::/user.slice')).toBeNull();
  });
});
