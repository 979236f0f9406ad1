/**
 * Saved runs side by side: a headline per run at a chosen concurrency (or each run's peak
 * throughput level), and which run is best per metric. Pure, so the highlight is tested.
 */
import type { LevelSummary, LoadTestReport } from '../../src/domain/loadtest.js';
import { higherIsBetter, type MetricId } from './metrics.js';

export const headlineMetrics = [
  { id: 'outputTokensPerS', pick: 'value' },
  { id: 'requestsPerS', pick: 'value' },
  { id: 'ttftMs', pick: 'median' },
  { id: 'tpotMs', pick: 'median' },
  { id: 'itlMs', pick: 'median' },
  { id: 'e2eMs', pick: 'median' },
  { id: 'e2eMs', pick: 'p99' },
] as const satisfies ReadonlyArray<{ id: MetricId; pick: 'value' | 'median' | 'p99' }>;
export type Headline = (typeof headlineMetrics)[number];

/** 'peak': each run's level with the most output tokens/s; a number: that concurrency. */
export type CompareAt = 'peak' | number;

export const levelAt = (report: LoadTestReport, at: CompareAt): LevelSummary | undefined => {
  if (at !== 'peak') return report.levels.find((l) => l.parallel === at);
  return report.levels.filter((l) => l.succeeded > 0).reduce<LevelSummary | undefined>((best, l) => (!best || l.outputTokensPerS > best.outputTokensPerS ? l : best), undefined);
};

/** Concurrency levels every run measured. */
export const commonLevels = (reports: readonly LoadTestReport[]): readonly number[] => {
  if (reports.length === 0) return [];
  const [first, ...rest] = reports;
  return first!.levels.map((l) => l.parallel).filter((p) => rest.every((r) => r.levels.some((l) => l.parallel === p)));
};

export const headlineValue = (level: LevelSummary | undefined, h: Headline): number | null => {
  if (!level) return null;
  if (h.pick === 'value') {
    if (h.id === 'outputTokensPerS' || h.id === 'requestsPerS') return level[h.id];
    return null;
  }
  const d = h.id === 'ttftMs' || h.id === 'tpotMs' || h.id === 'itlMs' || h.id === 'e2eMs' ? level[h.id] : null;
  if (!d) return null;
  return h.pick === 'median' ? d.median : (d.percentiles['p99'] ?? null);
};

/** The index of the best value (null when fewer than two runs have one, or all tie). */
export const bestIndex = (values: ReadonlyArray<number | null>, metric: MetricId): number | null => {
  const present = values.map((v, i) => [v, i] as const).filter((p): p is readonly [number, number] => p[0] !== null);
  if (present.length < 2) return null;
  const up = higherIsBetter(metric);
  const best = present.reduce((a, b) => ((up ? b[0] > a[0] : b[0] < a[0]) ? b : a));
  return present.every(([v]) => v === best[0]) ? null : best[1];
};
