import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { timeGaps } from './chart-options.js';

// A plot stand-in: one canvas pixel per second of x.
const plot = (xs: number[]) => ({ data: [xs], valToPos: (v: number) => v / 1000 }) as unknown as uPlot;

describe('time gaps', () => {
  it('break the line where samples are further apart than the limit, merged with null gaps', () => {
    const refine = timeGaps(5_000);
    const xs = [0, 1_000, 2_000, 60_000, 61_000, 200_000];
    expect(refine(plot(xs), 1, 0, xs.length - 1, [])).toEqual([
      [2, 60],
      [61, 200],
    ]);
    // A null gap overlapping a time gap becomes one gap; the null gaps come back untouched when no time gap exists.
    expect(refine(plot(xs), 1, 0, xs.length - 1, [[1, 3]])).toEqual([
      [1, 60],
      [61, 200],
    ]);
    expect(refine(plot([0, 1_000, 2_000]), 1, 0, 2, [[0, 1]])).toEqual([[0, 1]]);
  });

  it('look only at the visible window', () => {
    const xs = [0, 100_000, 101_000, 102_000];
    expect(timeGaps(5_000)(plot(xs), 1, 1, 3, [])).toEqual([]);
  });
});
