/**
 * Done-when 4: the metric definitions on a recorded vLLM stream (e2e/fixtures/captures/
 * vllm-sse-stream-0.28.txt), with arrival times chosen here and every expected value worked out
 * by hand below. The definitions follow `vllm bench serve` (vllm/benchmarks/serve.py,
 * calculate_metrics: TPOT = (latency − ttft) / (output_len − 1) for output_len > 1, ITL = all
 * gaps, throughput = totals / duration, goodput counts SLO ≥ value, np.percentile) and
 * `evalscope perf` (benchmark_util.py: the same TPOT, inter-chunk gaps as ITL; db_util.py takes
 * nearest-rank percentiles — see stats.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../domain/loadtest.js';
import { meetsSlo, summarizeLevel, tpotOf } from './metrics.js';
import { distribution, percentile } from './stats.js';
import { StreamMeter } from './stream-meter.js';

const capture = readFileSync(join(process.cwd(), 'e2e/fixtures/captures/vllm-sse-stream-0.28.txt'), 'utf8');
/** The `data:` payloads of section X of the capture, in order. */
const section = (letter: string): string[] =>
  capture
    .split(/^# --- /m)
    .find((s) => s.startsWith(`${letter})`))!
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice('data: '.length));

/** Feeds section X to a meter sent at `sentAt`, event i arriving at times[i]. */
const replay = (letter: string, sentAt: number, times: number[]) => {
  const events = section(letter);
  expect(events).toHaveLength(times.length);
  const meter = new StreamMeter(sentAt);
  events.forEach((data, i) => expect(meter.event(times[i]!, data).kind).toBe('more'));
  return meter;
};

describe('one request from a recorded stream', () => {
  // A) a tool-call stream without a usage chunk: role (""), tool name, 3 argument fragments, finish, [DONE].
  //    Sent at 0; events at 50, 80, 95, 112, 130, 131, 132.
  //    The role chunk adds nothing, so the first content chunk is the tool name: TTFT = 80 − 0 = 80.
  //    ITL = [95 − 80, 112 − 95, 130 − 112] = [15, 17, 18].
  //    E2EL = last JSON event (the finish chunk at 131) − 0 = 131 ([DONE] is not an event of the reply, as vLLM).
  //    No usage: tokens counted from content chunks = 4. TPOT = (131 − 80) / (4 − 1) = 51 / 3 = 17.
  const a = replay('A', 0, [50, 80, 95, 112, 130, 131, 132]).done(132, 0);
  // B) a tail with the usage chunk (choices: []): " mercure" at 1120, finish 1135, usage 1136, [DONE] 1137; sent at 1000.
  //    TTFT = 1120 − 1000 = 120; ITL = [] (one content chunk); E2EL = 1136 − 1000 = 136 (the usage chunk);
  //    output tokens from usage = 22, prompt 34; TPOT = (136 − 120) / (22 − 1) = 16 / 21 = 0.761904…
  const b = replay('B', 1000, [1120, 1135, 1136, 1137]).done(1137, 1000);
  // C) the whole reply in one chunk with finish_reason: role at 30, text at 60, [DONE] 61; sent at 0.
  //    TTFT = 60, ITL = [], E2EL = 60, one token counted from chunks: no TPOT.
  const c = replay('C', 0, [30, 60, 61]).done(61, 0);

  it('A: TTFT, every ITL gap, E2EL, chunk-counted tokens, TPOT', () => {
    expect(a).toMatchObject({ ok: true, ttftMs: 80, itlMs: [15, 17, 18], e2eMs: 131, outputTokens: 4, promptTokens: null, countedBy: 'chunks' });
    expect(tpotOf(a)).toBe(17);
  });

  it('B: tokens from the usage chunk whose choices is empty', () => {
    expect(b).toMatchObject({ ok: true, ttftMs: 120, itlMs: [], e2eMs: 136, outputTokens: 22, promptTokens: 34, countedBy: 'usage' });
    expect(tpotOf(b)).toBeCloseTo(16 / 21, 12);
  });

  it('C: a one-token reply has no TPOT', () => {
    expect(c).toMatchObject({ ok: true, ttftMs: 60, itlMs: [], e2eMs: 60, outputTokens: 1, countedBy: 'chunks' });
    expect(tpotOf(c)).toBeUndefined();
  });

  it('D: a stream cut before finish_reason or [DONE] is not finished', () => {
    const meter = replay('D', 0, [10, 20, 30]);
    expect(meter.finished).toBe(false);
    expect(meter.failed(40, 0, 'dropped', 200, 'cut')).toMatchObject({ ok: false, ttftMs: 20, failure: { reason: 'dropped' } });
  });

  it('an error object in the stream is reported, not counted as text', () => {
    const meter = new StreamMeter(0);
    expect(meter.event(5, '{"error":{"message":"EngineCore encountered an issue.","code":500}}')).toEqual({ kind: 'error', message: 'EngineCore encountered an issue.' });
  });

  it('the level summary of A, B, C over 2 s', () => {
    const failed: RequestRecord = { ok: false, failure: { reason: 'http', status: 500, message: 'boom' }, sentAtMs: 0, ttftMs: null, itlMs: [], e2eMs: 3, promptTokens: null, outputTokens: 0, countedBy: 'chunks' };
    const level = summarizeLevel({ parallel: 4, durationS: 2, records: [a, b, c, failed, failed], slo: { ttftMs: 100, tpotMs: 10 }, percentiles: [50, 90, 99] });
    // 3 succeeded, 2 failed (one group: http "boom" × 2).
    expect(level).toMatchObject({ total: 5, succeeded: 3, failed: 2, failures: [{ reason: 'http', message: 'boom', count: 2 }], countedByChunks: true });
    // requests/s = 3 / 2 = 1.5; output = 4 + 22 + 1 = 27 → 13.5 tok/s; total = 27 + 34 (only B said) = 61 → 30.5 tok/s.
    expect(level.requestsPerS).toBe(1.5);
    expect(level.outputTokensPerS).toBe(13.5);
    expect(level.totalTokensPerS).toBe(30.5);
    // Goodput, TTFT ≤ 100 and TPOT ≤ 10: A (80, 17) misses TPOT; B (120) misses TTFT; C (60, none) meets both → 1 / 2 s = 0.5.
    expect(level.goodputPerS).toBe(0.5);
    // TTFT [60, 80, 120]: mean 260 / 3; median 80; p99: h = 2 · 0.99 = 1.98 → 80 + 0.98 · 40 = 119.2.
    expect(level.ttftMs!.mean).toBeCloseTo(260 / 3, 12);
    expect(level.ttftMs!.median).toBe(80);
    expect(level.ttftMs!.percentiles['p99']).toBeCloseTo(119.2, 12);
    // ITL [15, 17, 18] (only A has gaps): mean 50 / 3; p90: h = 1.8 → 17 + 0.8 · 1 = 17.8.
    expect(level.itlMs!.mean).toBeCloseTo(50 / 3, 12);
    expect(level.itlMs!.percentiles['p90']).toBeCloseTo(17.8, 12);
    // TPOT [16/21, 17] (C left out): mean = median = (16/21 + 17) / 2.
    expect(level.tpotMs!.count).toBe(2);
    expect(level.tpotMs!.median).toBeCloseTo((16 / 21 + 17) / 2, 12);
    // E2EL [131, 136, 60]: min 60, max 136.
    expect(level.e2eMs).toMatchObject({ min: 60, max: 136 });
    // The running summary (gaps: false) is the same level without ITL.
    const running = summarizeLevel({ parallel: 4, durationS: 2, records: [a, b, c, failed, failed], slo: { ttftMs: 100, tpotMs: 10 }, percentiles: [50, 90, 99], gaps: false });
    expect(running).toEqual({ ...level, itlMs: null });
  });
});

describe('statistics', () => {
  it('percentiles interpolate linearly as numpy (np.percentile([1, 2, 3, 4], 25) = 1.75)', () => {
    expect(percentile([4, 1, 3, 2], 25)).toBe(1.75);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    // Negative values and ties sort numerically (a typed array's sort), never as strings.
    expect(distribution([10, -2, 9, 10, 1], [50])).toMatchObject({ min: -2, max: 10, median: 9 });
  });

  it('no values → no distribution; keys as p99.9', () => {
    expect(distribution([], [50])).toBeNull();
    expect(Object.keys(distribution([1, 2], [99.9])!.percentiles)).toEqual(['p99.9']);
  });

  it('no SLO → no goodput; a failed request never meets an SLO', () => {
    const level = summarizeLevel({ parallel: 1, durationS: 0, records: [], slo: { ttftMs: null, tpotMs: null }, percentiles: [50] });
    expect(level).toMatchObject({ goodputPerS: null, requestsPerS: 0, ttftMs: null, succeeded: 0 });
    expect(meetsSlo({ ok: false, failure: null, sentAtMs: 0, ttftMs: 1, itlMs: [], e2eMs: 1, promptTokens: null, outputTokens: 0, countedBy: 'chunks' }, { ttftMs: 100, tpotMs: null })).toBe(false);
  });
});
