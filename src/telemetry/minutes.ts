/**
 * The day kept on the laptop: live samples folded into one summary per minute. A summary is a
 * TelemetrySample whose numbers are the minute's means (temperature: its maximum, so a short
 * spike is not averaged away), whose lists of the moment (cores, disks, processes) are empty,
 * and whose `at` is the minute's start. 1 440 of them hold 24 hours in about half a megabyte.
 */
import type { TelemetrySample } from '../domain/telemetry.js';

export const minuteLimits = {
  minuteMs: 60_000,
  /** 24 hours of minutes. */
  dayMinutes: 1_440,
} as const;

export const minuteOf = (at: number): number => Math.floor(at / minuteLimits.minuteMs) * minuteLimits.minuteMs;

const mean = (values: ReadonlyArray<number | null | undefined>): number | null => {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    sum += v;
    count++;
  }
  return count === 0 ? null : sum / count;
};

const max = (values: ReadonlyArray<number | null | undefined>): number | null => {
  const known = values.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));
  return known.length === 0 ? null : Math.max(...known);
};

const lastKnown = <T>(values: ReadonlyArray<T | null | undefined>): T | null => {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined) return v;
  }
  return null;
};

/** One minute's summary of samples that all fall in it (at least one). */
export const summarizeMinute = (samples: readonly TelemetrySample[]): TelemetrySample => {
  const first = samples[0];
  if (!first) throw new RangeError('a minute summary needs at least one sample');
  const gpus = samples.map((s) => s.gpu).filter((g) => g !== null);
  const memories = samples.map((s) => s.memory).filter((m) => m !== null);
  const loads = samples.map((s) => s.load).filter((l) => l !== null);
  const netNames = [...new Set(samples.flatMap((s) => s.net.map((n) => n.name)))];
  const latest = samples[samples.length - 1]!;
  const memoryMean = (pick: (m: NonNullable<TelemetrySample['memory']>) => number) => Math.round(mean(memories.map(pick)) ?? 0);
  return {
    at: minuteOf(first.at),
    gpu:
      gpus.length === 0
        ? null
        : {
            utilizationPercent: mean(gpus.map((g) => g.utilizationPercent)),
            temperatureC: max(gpus.map((g) => g.temperatureC)),
            powerW: mean(gpus.map((g) => g.powerW)),
            graphicsClockMHz: mean(gpus.map((g) => g.graphicsClockMHz)),
            pstate: lastKnown(gpus.map((g) => g.pstate)),
            throttled: gpus.some((g) => g.throttled === true) ? true : gpus.some((g) => g.throttled === false) ? false : null,
          },
    memory:
      memories.length === 0
        ? null
        : {
            totalBytes: memories[memories.length - 1]!.totalBytes,
            usedBytes: memoryMean((m) => m.usedBytes),
            cacheBytes: memoryMean((m) => m.cacheBytes),
            freeBytes: memoryMean((m) => m.freeBytes),
            swapTotalBytes: memories[memories.length - 1]!.swapTotalBytes,
            swapUsedBytes: memoryMean((m) => m.swapUsedBytes),
          },
    cpuBusyPercent: mean(samples.map((s) => s.cpuBusyPercent)),
    cores: [],
    load: loads.length === 0 ? null : [mean(loads.map((l) => l[0]))!, mean(loads.map((l) => l[1]))!, mean(loads.map((l) => l[2]))!],
    net: netNames.map((name) => {
      const readings = samples.map((s) => s.net.find((n) => n.name === name)).filter((n) => n !== undefined);
      return {
        name,
        rxBytesPerSec: mean(readings.map((n) => n.rxBytesPerSec)),
        txBytesPerSec: mean(readings.map((n) => n.txBytesPerSec)),
        state: lastKnown(readings.map((n) => n.state)),
        speedMbps: lastKnown(readings.map((n) => n.speedMbps)),
      };
    }),
    disks: [],
    uptimeSeconds: latest.uptimeSeconds,
    processes: [],
  };
};

/**
 * Collects live samples and hands out a minute's summary once a sample of a later minute arrives
 * (or on flush, when sampling stops). Samples that go back in time (a box clock set back) close
 * the open minute first, so a summary never mixes two minutes.
 */
export class MinuteFolder {
  #open: TelemetrySample[] = [];

  /** Adds a sample; returns the summary of the minute it closed, if it closed one. */
  add(sample: TelemetrySample): TelemetrySample | undefined {
    const open = this.#open[0];
    let closed: TelemetrySample | undefined;
    if (open && minuteOf(open.at) !== minuteOf(sample.at)) closed = this.flush();
    this.#open.push(sample);
    return closed;
  }

  /** The open minute's summary so far (and a fresh start), or undefined when nothing is open. */
  flush(): TelemetrySample | undefined {
    if (this.#open.length === 0) return undefined;
    const summary = summarizeMinute(this.#open);
    this.#open = [];
    return summary;
  }
}

/**
 * The summaries of the last 24 hours before `now`, oldest first, one per minute (the later wins).
 * No upper bound: a box whose clock runs ahead of the laptop keeps its minutes.
 */
export const keepDay = (minutes: readonly TelemetrySample[], now: number): TelemetrySample[] => {
  const since = now - minuteLimits.dayMinutes * minuteLimits.minuteMs;
  const byMinute = new Map<number, TelemetrySample>();
  for (const m of minutes) if (m.at >= since) byMinute.set(m.at, m);
  return [...byMinute.values()].sort((a, b) => a.at - b.at);
};
