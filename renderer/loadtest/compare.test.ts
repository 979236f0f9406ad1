import { describe, expect, it } from 'vitest';
import { bestIndex, commonLevels, headlineMetrics, headlineValue, levelAt } from './compare.js';
import { level, report } from './fixtures.js';

// The review's three-way comparison, shaped like it: TRT-LLM fastest, vLLM + AWQ slowest.
const trt = report('TRT-LLM + NVFP4', [level(1, 60, 900), level(8, 400, 1300), level(64, 1200, 3000)]);
const vllm = report('vLLM + NVFP4', [level(1, 55, 950), level(8, 380, 1350), level(64, 1000, 3400)]);
const awq = report('vLLM + AWQ', [level(1, 45, 1100), level(8, 300, 1600)]);

describe('compare', () => {
  it('takes each run at its peak throughput or at a common concurrency', () => {
    expect(levelAt(trt, 'peak')?.parallel).toBe(64);
    expect(levelAt(awq, 'peak')?.parallel).toBe(8);
    expect(levelAt(awq, 64)).toBeUndefined();
    expect(commonLevels([trt, vllm, awq])).toEqual([1, 8]);
  });

  it('marks the best run per metric: highest rate, lowest latency; none on a tie or a single value', () => {
    const at8 = [trt, vllm, awq].map((r) => levelAt(r, 8));
    const out = headlineMetrics.find((h) => h.id === 'outputTokensPerS')!;
    const e2eP99 = headlineMetrics.find((h) => h.id === 'e2eMs' && h.pick === 'p99')!;
    expect(at8.map((l) => headlineValue(l, out))).toEqual([400, 380, 300]);
    expect(bestIndex(at8.map((l) => headlineValue(l, out)), 'outputTokensPerS')).toBe(0);
    expect(at8.map((l) => headlineValue(l, e2eP99))).toEqual([1950, 2025, 2400]);
    expect(bestIndex([2400, 1950, null], 'e2eMs')).toBe(1);
    expect(bestIndex([5, 5], 'ttftMs')).toBeNull();
    expect(bestIndex([5, null], 'ttftMs')).toBeNull();
  });
});
