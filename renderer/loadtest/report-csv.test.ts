import { describe, expect, it } from 'vitest';
import { level, report } from './fixtures.js';
import { exportFileName, reportCsv } from './report-csv.js';

describe('reportCsv', () => {
  it('writes one row per level × metric with the percentile columns', () => {
    const csv = reportCsv(report('vLLM, NVFP4 "fast"', [level(1, 40, 1000), level(4, 120, 1400)]));
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('run,parallel,metric,unit,value,count,mean,median,min,max,p50,p90,p99,succeeded,failed');
    // 2 levels × (4 latency + 4 rate metrics) + header
    expect(rows).toHaveLength(1 + 2 * 8);
    expect(rows[1]).toBe('"vLLM, NVFP4 ""fast""",1,ttftMs,ms,,10,50,50,25,88,50,65,80,10,0');
    expect(rows).toContain('"vLLM, NVFP4 ""fast""",4,outputTokensPerS,tok/s,120,,,,,,,,,10,0');
    // goodput without SLOs is an empty cell, not 0
    expect(rows).toContain('"vLLM, NVFP4 ""fast""",4,goodputPerS,req/s,,,,,,,,,,10,0');
  });

  it('leaves the cells of a level with no successes empty', () => {
    const csv = reportCsv(report('r', [level(2, 0, 1, { succeeded: 0, failed: 10, ttftMs: null, tpotMs: null, itlMs: null, e2eMs: null })]));
    // No distribution anywhere: no percentile columns either.
    expect(csv.split('\r\n')[1]).toBe('r,2,ttftMs,ms,,0,,,,,0,10');
  });
});

describe('exportFileName', () => {
  it('keeps letters (any script), digits, dots and dashes', () => {
    expect(exportFileName('vLLM + NVFP4 / 64', 'csv')).toBe('vLLM-NVFP4-64.csv');
    expect(exportFileName('压测 1', 'png', 'curve')).toBe('压测-1-curve.png');
    expect(exportFileName('///', 'json')).toBe('loadtest.json');
  });
});
