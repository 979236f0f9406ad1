/** Reports for the renderer's load-test tests: a three-level sweep with hand-picked numbers. */
import type { Distribution, LevelSummary, LoadTestReport } from '../../src/domain/loadtest.js';
import { exampleSettings } from '../../src/loadtest/settings-example.js';

export const dist = (median: number, p99: number, extra: Partial<Distribution> = {}): Distribution => ({
  count: 10,
  mean: median,
  median,
  min: median / 2,
  max: p99 * 1.1,
  percentiles: { p50: median, p90: (median + p99) / 2, p99 },
  ...extra,
});

export const level = (parallel: number, outTps: number, e2eMedian: number, extra: Partial<LevelSummary> = {}): LevelSummary => ({
  parallel,
  durationS: 10,
  total: 10,
  succeeded: 10,
  failed: 0,
  failures: [],
  requestsPerS: parallel / 2,
  outputTokensPerS: outTps,
  totalTokensPerS: outTps * 2,
  goodputPerS: null,
  ttftMs: dist(50 * parallel, 80 * parallel),
  tpotMs: dist(20 + parallel, 30 + parallel),
  itlMs: dist(20 + parallel, 40 + parallel),
  e2eMs: dist(e2eMedian, e2eMedian * 1.5),
  countedByChunks: false,
  ...extra,
});

export const report = (name: string, levels: LevelSummary[], id = name): LoadTestReport => ({
  id,
  name,
  createdAt: 1_750_000_000_000,
  settings: exampleSettings({ requests: 10, parallel: levels.map((l) => l.parallel), maxTokens: 128 }),

  server: null,
  box: [],
  levels,
  state: 'done',
});
