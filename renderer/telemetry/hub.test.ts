import { describe, expect, it } from 'vitest';
import { col } from './columns.js';
import { createTelemetryHub } from './hub.js';
import { idleSample } from './sample-fixture.js';

const manualFrames = () => {
  const queue: Array<() => void> = [];
  return { schedule: (f: () => void) => void queue.push(f), runFrame: () => queue.splice(0).forEach((f) => f()), queue };
};

describe('telemetry hub', () => {
  it('notifies once per frame however many samples arrived', () => {
    const frames = manualFrames();
    const hub = createTelemetryHub({ capacity: 10, schedule: frames.schedule });
    const seen: number[] = [];
    hub.subscribe('a', (d) => seen.push(d.ring.length));
    hub.ingest('a', [idleSample(1000)]);
    hub.ingest('a', [idleSample(2000)]);
    hub.ingest('a', [idleSample(3000)]);
    expect(seen).toEqual([]);
    expect(frames.queue).toHaveLength(1);
    frames.runFrame();
    expect(seen).toEqual([3]);
  });

  it('drops repeats and samples older than the newest (history overlapping live)', () => {
    const frames = manualFrames();
    const hub = createTelemetryHub({ capacity: 10, schedule: frames.schedule });
    hub.ingest('a', [idleSample(1000), idleSample(2000)]);
    expect(hub.ingest('a', [idleSample(1000), idleSample(2000)])).toBe(false);
    expect(hub.ingest('a', [idleSample(1500), idleSample(3000)])).toBe(true);
    expect(Array.from(hub.peek('a')!.ring.view(col.at))).toEqual([1000, 2000, 3000]);
    expect(hub.peek('a')!.latest?.at).toBe(3000);
  });

  it('keeps boxes apart and tells only the listeners of the box that changed', () => {
    const frames = manualFrames();
    const hub = createTelemetryHub({ capacity: 10, schedule: frames.schedule });
    const seen: string[] = [];
    hub.subscribe('a', () => seen.push('a'));
    const off = hub.subscribe('b', () => seen.push('b'));
    hub.ingest('a', [idleSample(1000)]);
    frames.runFrame();
    off();
    hub.ingest('b', [idleSample(1000)]);
    frames.runFrame();
    expect(seen).toEqual(['a']);
    expect(hub.peek('b')!.ring.length).toBe(1);
  });

  it('remembers each network interface once, in first-seen order', () => {
    const hub = createTelemetryHub({ capacity: 10, schedule: () => {} });
    const wifi = { name: 'wlP9s9', rxBytesPerSec: 1, txBytesPerSec: 1, state: 'up', speedMbps: null };
    hub.ingest('a', [idleSample(1000), { ...idleSample(2000), net: [...idleSample(0).net, wifi] }]);
    expect(hub.peek('a')!.netNames).toEqual(['enP7s7', 'enp1s0f0np0', 'wlP9s9']);
  });
});
