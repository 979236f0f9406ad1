/**
 * Report → uPlot data. Runs of a comparison have different x values (their own throughputs), so
 * every chart is built on the union of xs, each line null where it has no point (drawn with
 * spanGaps). A report keeps distributions, not every request: the latency distribution is the
 * percentile curve through min, the asked percentiles and max.
 */
import type { LevelSummary, LoadTestReport } from '../../src/domain/loadtest.js';
import type { LatencyMetric } from './metrics.js';

export interface XySeries {
  readonly label: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface AlignedXy {
  readonly xs: number[];
  readonly ys: Array<Array<number | null>>;
}

/** Lines on the union of their xs (sorted), null where a line has no point. */
export const alignSeries = (series: readonly XySeries[]): AlignedXy => {
  const xs = [...new Set(series.flatMap((s) => s.points.map(([x]) => x)))].filter(Number.isFinite).sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const out: Array<number | null> = xs.map(() => null);
    for (const [x, y] of s.points) {
      const i = index.get(x);
      if (i !== undefined && Number.isFinite(y)) out[i] = y;
    }
    return out;
  });
  return { xs, ys };
};

const succeeded = (levels: readonly LevelSummary[]) => levels.filter((l) => l.succeeded > 0);

/** Output tokens/s at each concurrency level. */
export const throughputVsConcurrency = (report: LoadTestReport): XySeries => ({
  label: report.name,
  points: succeeded(report.levels).map((l) => [l.parallel, l.outputTokensPerS] as const),
});

/** The throughput–latency curve: one point per level, x output tokens/s, y the metric's percentile (p50 = the median). */
export const latencyVsThroughput = (report: LoadTestReport, metric: LatencyMetric, percentile: string): XySeries => ({
  label: report.name,
  points: succeeded(report.levels).flatMap((l) => {
    const d = l[metric];
    const y = d ? (d.percentiles[percentile] ?? (percentile === 'p50' ? d.median : undefined)) : undefined;
    return y === undefined ? [] : [[l.outputTokensPerS, y] as const];
  }),
});

/** A level's percentile curve for a metric: x latency, y percent of requests at or under it. */
export const percentileCurve = (level: LevelSummary, metric: LatencyMetric): XySeries['points'] => {
  const d = level[metric];
  if (!d || d.count === 0) return [];
  const points: Array<readonly [number, number]> = [[d.min, 0]];
  for (const [key, value] of Object.entries(d.percentiles)) {
    const p = Number(key.slice(1));
    if (Number.isFinite(p)) points.push([value, p]);
  }
  if (!('p50' in d.percentiles)) points.push([d.median, 50]);
  points.push([d.max, 100]);
  // Sorted by percentile; a latency can only grow with it (ties kept).
  return points.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
};

/** GPU temperature and power during the run, seconds from its first sample. */
export const boxSeries = (report: LoadTestReport): { xs: number[]; temp: Array<number | null>; power: Array<number | null> } | null => {
  const rows = report.box.filter((r) => r.gpuTempC !== null || r.powerW !== null);
  if (rows.length < 2) return null;
  const t0 = rows[0]!.at;
  return { xs: rows.map((r) => (r.at - t0) / 1000), temp: rows.map((r) => r.gpuTempC), power: rows.map((r) => r.powerW) };
};
