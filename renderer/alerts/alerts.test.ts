import { describe, expect, it } from 'vitest';
import { activeCount, alertLimits, applyAlert, applyJobEnd, isJobEnd, type AlertEntry, type AlertEvent, type BellEntry, type JobEndEntry } from './alerts.js';

const event = (patch: Partial<AlertEvent> = {}): AlertEvent => ({
  deviceId: 'box-1',
  kind: 'gpu-hot',
  raised: true,
  value: 87,
  threshold: 85,
  at: 1_000,
  ...patch,
});

const feed = (events: AlertEvent[], cap?: number): AlertEntry[] =>
  events.reduce<BellEntry[]>((list, e, i) => applyAlert(list, e, `id-${i}`, cap), []).filter((e): e is AlertEntry => !isJobEnd(e));

describe('alert list', () => {
  it('puts the newest raised alert first', () => {
    const list = feed([event({ at: 1 }), event({ kind: 'disk-full', at: 2 })]);
    expect(list.map((a) => a.kind)).toEqual(['disk-full', 'gpu-hot']);
    expect(list[0]).toMatchObject({ id: 'id-1', deviceId: 'box-1', value: 87, threshold: 85, at: 2, clearedAt: undefined });
  });

  it('closes the active alert of the same box and kind when it clears, and only that one', () => {
    const list = feed([
      event({ at: 1 }),
      event({ deviceId: 'box-2', at: 2 }),
      event({ kind: 'memory-high', at: 3 }),
      event({ raised: false, value: 80, at: 4 }),
    ]);
    expect(list.map((a) => [a.deviceId, a.kind, a.clearedAt])).toEqual([
      ['box-1', 'memory-high', undefined],
      ['box-2', 'gpu-hot', undefined],
      ['box-1', 'gpu-hot', 4],
    ]);
    expect(activeCount(list)).toBe(2);
  });

  it('ignores a clear that nothing raised in this window', () => {
    const list = feed([event({ raised: false })]);
    expect(list).toEqual([]);
  });

  it('does not reopen a cleared alert when it clears again', () => {
    const list = feed([event({ at: 1 }), event({ raised: false, at: 2 }), event({ raised: false, at: 3 })]);
    expect(list.map((a) => a.clearedAt)).toEqual([2]);
  });

  it('counts a problem raised twice without a clear once, and clears both', () => {
    const twice = feed([event({ at: 1 }), event({ at: 2 })]);
    expect(twice).toHaveLength(2);
    expect(activeCount(twice)).toBe(1);
    const cleared = applyAlert(twice, event({ raised: false, at: 3 }), 'x');
    expect(activeCount(cleared)).toBe(0);
    expect(cleared.every((a) => !isJobEnd(a) && a.clearedAt === 3)).toBe(true);
  });

  it('keeps at most the cap per box, dropping that box’s oldest', () => {
    const busy = Array.from({ length: 5 }, (_, i) => event({ at: 10 + i, raised: true }));
    const list = feed([event({ deviceId: 'quiet', at: 1 }), ...busy], 3);
    expect(list.filter((a) => a.deviceId === 'box-1').map((a) => a.at)).toEqual([14, 13, 12]);
    // The quiet box's only alert survives the noisy one.
    expect(list.filter((a) => a.deviceId === 'quiet')).toHaveLength(1);
  });

  it('holds 100 alerts per box by default', () => {
    const list = feed(Array.from({ length: 130 }, (_, i) => event({ at: i, kind: i % 2 ? 'disk-full' : 'gpu-hot' })));
    expect(alertLimits.perDevice).toBe(100);
    expect(list).toHaveLength(100);
    expect(list[0]?.at).toBe(129);
    expect(list.at(-1)?.at).toBe(30);
  });

  it('counts none active in an empty list', () => {
    expect(activeCount([])).toBe(0);
  });
});

describe('job endings in the bell', () => {
  const end = (jobId: string, state: 'done' | 'failed', at: number): JobEndEntry => ({ id: `j-${jobId}-${at}`, deviceId: 'box', job: 'export', jobId, name: jobId, state, at });
  it('are listed newest first, never counted as active, and a retried job’s end replaces its earlier one', () => {
    const alert: AlertEvent = { deviceId: 'box', kind: 'gpu-hot', raised: true, value: 91, threshold: 85, at: 1 };
    let list = applyAlert([], alert, 'a');
    list = applyJobEnd(list, end('x', 'failed', 2));
    list = applyJobEnd(list, end('y', 'done', 3));
    expect(list.map((e) => e.id)).toEqual(['j-y-3', 'j-x-2', 'a']);
    expect(activeCount(list)).toBe(1);
    list = applyJobEnd(list, end('x', 'done', 4));
    expect(list.map((e) => e.id)).toEqual(['j-x-4', 'j-y-3', 'a']);
    // A clear still closes the threshold alert among job entries.
    list = applyAlert(list, { ...alert, raised: false, at: 5 }, 'b');
    expect(activeCount(list)).toBe(0);
    expect(list.filter((e) => !isJobEnd(e)).map((e) => (isJobEnd(e) ? null : e.clearedAt))).toEqual([5]);
  });
});
