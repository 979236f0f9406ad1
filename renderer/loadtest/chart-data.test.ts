import { describe, expect, it } from 'vitest';
import { alignSeries, boxSeries, latencyVsThroughput, percentileCurve, throughputVsConcurrency } from './chart-data.js';
import { dist, level, report } from './fixtures.js';

describe('chart data', () => {
  it('aligns lines with different xs on their union, null where a line has no point', () => {
    const a = { label: 'a', points: [[10, 1], [30, 3]] as const };
    const b = { label: 'b', points: [[20, 2], [10, 5]] as const };
    expect(alignSeries([a, b])).toEqual({ xs: [10, 20, 30], ys: [[1, null, 3], [5, 2, null]] });
  });

  it('draws throughput per concurrency and the throughput–latency curve, leaving out levels with no success', () => {
    const r = report('sweep', [level(1, 40, 1000), level(2, 75, 1100), level(4, 0, 0, { succeeded: 0, e2eMs: null })]);
    expect(throughputVsConcurrency(r).points).toEqual([[1, 40], [2, 75]]);
    expect(latencyVsThroughput(r, 'e2eMs', 'p99').points).toEqual([[40, 1500], [75, 1650]]);
    expect(latencyVsThroughput(r, 'e2eMs', 'p50').points).toEqual([[40, 1000], [75, 1100]]);
  });

  it('turns a distribution into its percentile curve from min (0 %) to max (100 %)', () => {
    expect(percentileCurve(level(1, 1, 1, { tpotMs: dist(20, 40) }), 'tpotMs')).toEqual([[10, 0], [20, 50], [30, 90], [40, 99], [44, 100]]);
    expect(percentileCurve(level(1, 1, 1, { tpotMs: dist(20, 40, { percentiles: { p99: 40 } }) }), 'tpotMs')).toEqual([[10, 0], [20, 50], [40, 99], [44, 100]]);
    expect(percentileCurve(level(1, 1, 1, { tpotMs: null }), 'tpotMs')).toEqual([]);
  });

  it("gives the box's temperature and power in seconds from the first sample", () => {
    const r = { ...report('r', [level(1, 1, 1)]), box: [{ at: 5000, gpuTempC: 60, powerW: 90, gpuUtil: 1 }, { at: 7000, gpuTempC: null, powerW: 95, gpuUtil: 1 }] };
    expect(boxSeries(r)).toEqual({ xs: [0, 2], temp: [60, null], power: [90, 95] });
    expect(boxSeries(report('none', [level(1, 1, 1)]))).toBeNull();
  });
});
