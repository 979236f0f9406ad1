import type { TelemetrySample } from '../../src/domain/telemetry.js';
import { col, sampleRow } from './columns.js';
import { SeriesRing } from './ring.js';

/** What the laptop holds of one box: the history ring plus the newest sample in full. */
export interface DeviceTelemetry {
  readonly ring: SeriesRing;
  /** The newest sample, for what is not a time series (cores, processes, disks, uptime). */
  latest: TelemetrySample | undefined;
  /** Network interfaces seen so far, in the order they first appeared. */
  readonly netNames: string[];
}

export type TelemetryListener = (device: DeviceTelemetry) => void;

export interface TelemetryHub {
  peek(deviceId: string): DeviceTelemetry | undefined;
  /** Adds samples newer than what is held (older ones and repeats are dropped); true if any was. */
  ingest(deviceId: string, samples: readonly TelemetrySample[]): boolean;
  /** Called at most once per scheduled frame however many samples arrived in between. */
  subscribe(deviceId: string, listener: TelemetryListener): () => void;
}

export interface HubOptions {
  readonly capacity: number;
  /** Runs the coalesced notification later (requestAnimationFrame in the page, a queue in tests). */
  readonly schedule: (flush: () => void) => void;
}

export const createTelemetryHub = ({ capacity, schedule }: HubOptions): TelemetryHub => {
  const devices = new Map<string, DeviceTelemetry>();
  const listeners = new Map<string, Set<TelemetryListener>>();
  const pending = new Set<string>();
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const ids = [...pending];
    pending.clear();
    for (const id of ids) {
      const device = devices.get(id);
      if (device) for (const listener of [...(listeners.get(id) ?? [])]) listener(device);
    }
  };

  const device = (deviceId: string): DeviceTelemetry => {
    let found = devices.get(deviceId);
    if (!found) {
      found = { ring: new SeriesRing(capacity), latest: undefined, netNames: [] };
      devices.set(deviceId, found);
    }
    return found;
  };

  return {
    peek: (deviceId) => devices.get(deviceId),
    ingest: (deviceId, samples) => {
      const target = device(deviceId);
      let added = false;
      for (const sample of samples) {
        // The time axis must only go forward: history and live samples overlap after a re-watch.
        const lastAt = target.ring.last(col.at);
        if (!Number.isNaN(lastAt) && sample.at <= lastAt) continue;
        target.ring.push(sampleRow(sample));
        for (const n of sample.net) if (!target.netNames.includes(n.name)) target.netNames.push(n.name);
        target.latest = sample;
        added = true;
      }
      if (added) {
        pending.add(deviceId);
        if (!scheduled) {
          scheduled = true;
          schedule(flush);
        }
      }
      return added;
    },
    subscribe: (deviceId, listener) => {
      let set = listeners.get(deviceId);
      if (!set) listeners.set(deviceId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
};
