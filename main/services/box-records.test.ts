import { describe, expect, it, vi } from 'vitest';
import { BoxRecords } from './box-records.js';

interface Rec {
  timer: NodeJS.Timeout | undefined;
}

/** Node's timer (this config also sees the DOM's setTimeout, which answers a number). */
const timer = (fire: () => void): NodeJS.Timeout => setTimeout(fire, 1_000) as unknown as NodeJS.Timeout;

describe('BoxRecords', () => {
  it('keeps one map of records per box', () => {
    const boxes = new BoxRecords<Rec>();
    expect(boxes.devices()).toEqual([]);
    boxes.of('a').set('k', { timer: undefined });
    expect(boxes.of('a').get('k')).toEqual({ timer: undefined });
    expect(boxes.of('b').size).toBe(0);
    expect(boxes.devices()).toEqual(['a', 'b']);
  });

  it('runs one read of a box at a time: callers during it share it, a later call reads again', async () => {
    const boxes = new BoxRecords<Rec>();
    let release: () => void = () => {};
    const read = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const first = boxes.once('a', read);
    const second = boxes.once('a', read);
    expect(second).toBe(first);
    expect(read).toHaveBeenCalledTimes(1);
    // Another box reads on its own.
    void boxes.once('b', () => Promise.resolve());
    release();
    await first;
    const third = boxes.once('a', () => Promise.resolve());
    expect(third).not.toBe(first);
    await third;
  });

  it('after a failed read, the next call reads again', async () => {
    const boxes = new BoxRecords<Rec>();
    await expect(boxes.once('a', () => Promise.reject(new Error('unreachable')))).rejects.toThrow('unreachable');
    const read = vi.fn(() => Promise.resolve());
    await boxes.once('a', read);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('forgetting a box clears its records’ timers and leaves the other boxes', () => {
    vi.useFakeTimers();
    try {
      const boxes = new BoxRecords<Rec>();
      const fired = vi.fn();
      boxes.of('a').set('k', { timer: timer(fired) });
      boxes.of('b').set('k', { timer: timer(fired) });
      boxes.forget('a');
      expect(boxes.devices()).toEqual(['b']);
      expect(boxes.of('a').size).toBe(0);
      vi.advanceTimersByTime(2_000);
      expect(fired).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
