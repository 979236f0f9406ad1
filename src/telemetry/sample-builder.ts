/**
 * Turns the collector's raw ticks into TelemetrySamples: unified memory from /proc/meminfo (used =
 * MemTotal − MemAvailable, page cache apart — never nvidia-smi's memory, which GB10 does not
 * report), CPU and network as rates between two ticks, big/little cores from their maximum
 * clocks, GPU from nvidia-smi's loop, GPU processes with their container.
 */
import type { BoxFacts, TelemetrySample } from '../domain/telemetry.js';
import { parseComputeApps } from '../remote/parsers/nvidia-smi-compute-apps.js';
import { parseQueryGpu, toGpuReading } from '../remote/parsers/nvidia-smi-query-gpu.js';
import { parseDf } from '../remote/parsers/df.js';
import { parseLoadAvg } from '../remote/parsers/proc-loadavg.js';
import { parseMeminfo } from '../remote/parsers/proc-meminfo.js';
import { netRates, parseNetDev } from '../remote/parsers/proc-net-dev.js';
import { coreBusyPercents, cpuBusyPercent, parseProcStat } from '../remote/parsers/proc-stat.js';
import { appFields, gpuFields } from './collector-script.js';
import type { RawTick } from './collector-protocol.js';

/** Mounts worth showing; pseudo file systems and snaps are not disks a user thinks about. */
const interestingFs = /^(ext[234]|xfs|btrfs|zfs|f2fs|vfat|exfat|ntfs|fuseblk|nfs4?|overlay)$/;

export const factsFrom = (lines: readonly string[]): BoxFacts => {
  const text = lines.join('\n');
  const value = (key: string) => lines.find((l) => l.startsWith(`${key} `))?.slice(key.length + 1).trim() || null;
  return {
    hostname: value('hostname'),
    kernel: value('kernel'),
    arch: value('arch'),
    os: /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1] ?? null,
    driverVersion: /Driver Version:\s*([\d.]+)/.exec(text)?.[1] ?? null,
    cudaVersion: /CUDA Version:\s*([\d.]+)/.exec(text)?.[1] ?? null,
    gpuName: /\|\s+\d+\s+(NVIDIA [^|]*?)\s+(?:On|Off)\s+\|/.exec(text)?.[1] ?? null,
  };
};

/** Docker's container id from a cgroup line (`0::/system.slice/docker-<64 hex>.scope`, `/docker/<id>`). */
export const containerFromCgroup = (cgroup: string): string | null => /docker[-/]([0-9a-f]{12,64})/.exec(cgroup)?.[1]?.slice(0, 12) ?? null;

/** The demo box names the container itself (`container:NAME`); real boxes give a cgroup path. */
const containerOf = (cgroup: string): string | null => (cgroup.startsWith('container:') ? cgroup.slice('container:'.length) || null : containerFromCgroup(cgroup));

export class SampleBuilder {
  private previous: RawTick | undefined;
  private readonly cpuMax = new Map<number, number>();
  private gpuLine: string | undefined;
  private apps = new Map<number, { line: string; cgroup: string }>();
  private lastDf: string | undefined;

  cpuMaxFreq(core: number, kHz: number): void {
    if (Number.isFinite(core) && Number.isFinite(kHz)) this.cpuMax.set(core, kHz);
  }

  gpu(line: string): void {
    this.gpuLine = line;
  }

  app(line: string, cgroup: string): void {
    const pid = Number(line.split(',')[0]);
    if (Number.isInteger(pid)) this.apps.set(pid, { line, cgroup });
  }

  /** A complete tick → a sample (null for the first one: rates need two ticks). */
  tick(tick: RawTick, receivedAt: number): TelemetrySample | null {
    const previous = this.previous;
    this.previous = tick;
    if (tick.df !== undefined) this.lastDf = tick.df;
    const apps = this.apps;
    this.apps = new Map();
    if (!previous) return null;
    const seconds = tick.uptime - previous.uptime;
    const file = (t: RawTick, path: string) => t.files[path] ?? '';

    const mem = parseMeminfo(file(tick, '/proc/meminfo'));
    const memory = mem.ok
      ? {
          totalBytes: mem.meminfo.totalBytes,
          usedBytes: mem.meminfo.usedBytes ?? mem.meminfo.totalBytes - mem.meminfo.freeBytes,
          cacheBytes: (mem.meminfo.cachedBytes ?? 0) + (mem.meminfo.buffersBytes ?? 0),
          freeBytes: mem.meminfo.freeBytes,
          swapTotalBytes: mem.meminfo.swapTotalBytes ?? 0,
          swapUsedBytes: (mem.meminfo.swapTotalBytes ?? 0) - (mem.meminfo.swapFreeBytes ?? 0),
        }
      : null;

    const statBefore = parseProcStat(file(previous, '/proc/stat'));
    const statNow = parseProcStat(file(tick, '/proc/stat'));
    const maxes = [...this.cpuMax.values()];
    const top = Math.max(...maxes);
    const clustered = maxes.length > 0 && maxes.some((m) => m !== top);
    const cores =
      statBefore.ok && statNow.ok
        ? [...coreBusyPercents(statBefore.stat, statNow.stat)].map(([core, busy]) => ({
            core,
            busyPercent: busy,
            cluster: clustered && this.cpuMax.has(core) ? (this.cpuMax.get(core) === top ? ('big' as const) : ('little' as const)) : null,
          }))
        : [];
    const cpu = statBefore.ok && statNow.ok ? cpuBusyPercent(statBefore.stat.total, statNow.stat.total) : null;

    const load = parseLoadAvg(file(tick, '/proc/loadavg'));
    const netBefore = parseNetDev(file(previous, '/proc/net/dev'));
    const netNow = parseNetDev(file(tick, '/proc/net/dev'));
    const net =
      netNow.ok && seconds > 0
        ? netNow.interfaces
            .filter((i) => i.name !== 'lo')
            .map((i) => {
              const before = netBefore.ok ? netBefore.interfaces.find((b) => b.name === i.name) : undefined;
              const rates = before ? netRates(before, i, seconds) : null;
              const link = tick.links.find((l) => l.name === i.name);
              return { name: i.name, rxBytesPerSec: rates?.rxBytesPerSec ?? null, txBytesPerSec: rates?.txBytesPerSec ?? null, state: link?.state ?? null, speedMbps: link?.speedMbps ?? null };
            })
        : [];

    const df = this.lastDf !== undefined ? parseDf(this.lastDf) : undefined;
    const disks =
      df?.ok === true
        ? df.df.rows
            .filter((r) => r.target !== null && r.sizeBytes !== null && r.sizeBytes > 0 && (r.fstype === null || interestingFs.test(r.fstype)) && !/^\/(proc|sys|dev|run|snap)(\/|$)/.test(r.target) && r.source !== 'tmpfs')
            .map((r) => ({ mount: r.target!, sizeBytes: r.sizeBytes!, usedBytes: r.usedBytes ?? 0, availableBytes: r.availBytes ?? 0 }))
        : [];

    let gpu: TelemetrySample['gpu'] = null;
    if (this.gpuLine !== undefined) {
      const parsed = parseQueryGpu(this.gpuLine, [...gpuFields]);
      const row = parsed.ok ? parsed.csv.rows[0] : undefined;
      if (row) {
        const reading = toGpuReading(row);
        const reasons = row['clocks_event_reasons.active'];
        const active = typeof reasons === 'string' ? /^0x/.test(reasons) ? BigInt(reasons) : null : typeof reasons === 'number' ? BigInt(reasons) : null;
        // Bit 0 is "GPU idle": not a throttle.
        gpu = { utilizationPercent: reading.utilizationPercent, temperatureC: reading.temperatureC, powerW: reading.powerDrawW, graphicsClockMHz: reading.graphicsClockMHz, pstate: reading.pstate, throttled: active === null ? null : (active & ~1n) !== 0n };
      }
    }

    const processes = [...apps.values()].flatMap(({ line, cgroup }) => {
      const parsed = parseComputeApps(line, [...appFields]);
      const app = parsed.ok ? parsed.apps[0] : undefined;
      if (!app || app.pid === null) return [];
      return [{ pid: app.pid, name: app.processName ?? '?', memoryBytes: app.usedMemoryMiB === null ? null : app.usedMemoryMiB * 1_048_576, container: containerOf(cgroup) }];
    });

    return {
      at: tick.at ?? receivedAt,
      gpu,
      memory,
      cpuBusyPercent: cpu,
      cores,
      load: load.ok ? [load.loadavg.load1, load.loadavg.load5, load.loadavg.load15] : null,
      net,
      disks,
      uptimeSeconds: Number.isFinite(tick.uptime) ? tick.uptime : null,
      processes,
    };
  }
}
