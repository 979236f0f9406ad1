/**
 * The metrics a report shows, in the order `vllm bench serve` prints them: the latency
 * distributions and the per-level rates, each with its unit and which way is better (for the
 * comparison's highlight).
 */
import type { Distribution, LevelSummary } from '../../src/domain/loadtest.js';

export const latencyMetrics = ['ttftMs', 'itlMs', 'tpotMs', 'e2eMs'] as const;
export type LatencyMetric = (typeof latencyMetrics)[number];

export const rateMetrics = ['requestsPerS', 'outputTokensPerS', 'totalTokensPerS', 'goodputPerS'] as const;
export type RateMetric = (typeof rateMetrics)[number];

export type MetricId = LatencyMetric | RateMetric;

export const metricUnit: Readonly<Record<MetricId, string>> = {
  ttftMs: 'ms',
  itlMs: 'ms',
  tpotMs: 'ms',
  e2eMs: 'ms',
  requestsPerS: 'req/s',
  outputTokensPerS: 'tok/s',
  totalTokensPerS: 'tok/s',
  goodputPerS: 'req/s',
};

/** Latencies are better low, rates high. */
export const higherIsBetter = (metric: MetricId): boolean => (rateMetrics as readonly string[]).includes(metric);

export const distributionOf = (level: LevelSummary, metric: LatencyMetric): Distribution | null => level[metric];

export const rateOf = (level: LevelSummary, metric: RateMetric): number | null => level[metric];

/** Percentile keys in the report ("p50", "p99.9"), sorted by their number. */
export const percentileKeys = (levels: readonly LevelSummary[]): readonly string[] => {
  const keys = new Set<string>();
  for (const level of levels) for (const metric of latencyMetrics) for (const key of Object.keys(level[metric]?.percentiles ?? {})) keys.add(key);
  return [...keys].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
};

/** A number as the tables show it: three significant digits below 100, whole above. */
export const formatNumber = (value: number | null | undefined): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
};

/** Our metric ids → src/loadtest/formulas.ts's, whose formula strings sit beside each metric. */
export const formulaIdOf = {
  ttftMs: 'ttft',
  itlMs: 'itl',
  tpotMs: 'tpot',
  e2eMs: 'e2el',
  requestsPerS: 'requestsPerS',
  outputTokensPerS: 'outputTokensPerS',
  totalTokensPerS: 'totalTokensPerS',
  goodputPerS: 'goodput',
} as const satisfies Record<MetricId, string>;
