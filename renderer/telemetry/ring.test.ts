import { describe, expect, it } from 'vitest';
import { SeriesRing } from './ring.js';

const values = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));

describe('SeriesRing', () => {
  it('keeps rows oldest first while filling', () => {
    const ring = new SeriesRing(4);
    ring.push({ t: 1 });
    ring.push({ t: 2 });
    expect(ring.length).toBe(2);
    expect(values(ring.view('t'))).toEqual([1, 2]);
    expect(ring.last('t')).toBe(2);
  });

  it('drops the oldest row once full and still gives one contiguous view', () => {
    const ring = new SeriesRing(3);
    for (let t = 1; t <= 7; t++) ring.push({ t });
    expect(ring.length).toBe(3);
    expect(values(ring.view('t'))).toEqual([5, 6, 7]);
    expect(values(ring.view('t', 1))).toEqual([6, 7]);
  });

  it('stores null as a gap, not as zero', () => {
    const ring = new SeriesRing(3);
    ring.push({ gpu: 10 });
    ring.push({ gpu: null });
    expect(values(ring.view('gpu'))).toEqual([10, null]);
    expect(Number.isNaN(ring.last('gpu'))).toBe(true);
  });

  it('gives a column that appears later gaps for the rows before it', () => {
    const ring = new SeriesRing(4);
    ring.push({ t: 1 });
    ring.push({ t: 2, wifi: 5 });
    ring.push({ t: 3 });
    expect(values(ring.view('wifi'))).toEqual([null, 5, null]);
  });

  it('finds the first row at or after a time', () => {
    const ring = new SeriesRing(5);
    for (const t of [10, 20, 30, 40, 50, 60]) ring.push({ t });
    expect(ring.lowerBound('t', 35)).toBe(2);
    expect(ring.lowerBound('t', 0)).toBe(0);
    expect(ring.lowerBound('t', 99)).toBe(5);
  });

  it('does not grow past its capacity however many rows arrive', () => {
    const ring = new SeriesRing(3600);
    for (let i = 0; i < 20_000; i++) ring.push({ t: i, a: i % 7 });
    expect(ring.length).toBe(3600);
    expect(ring.view('t')[0]).toBe(20_000 - 3600);
    expect(ring.view('t').buffer.byteLength).toBe(3600 * 2 * 8);
  });

  it('answers empty views for unknown columns and rejects a bad capacity', () => {
    expect(new SeriesRing(2).view('nope').length).toBe(0);
    expect(() => new SeriesRing(0)).toThrow(RangeError);
  });
});
