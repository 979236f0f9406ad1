/**
 * Load-test metrics from the requests of one concurrency level, with the definitions of
 * `vllm bench serve` (vllm/benchmarks/serve.py, calculate_metrics) and `evalscope perf`
 * (evalscope/perf/utils/benchmark_util.py, db_util.py). The formula text the page shows is in
 * formulas.ts. Only succeeded requests feed the latency and token numbers; failures are counted
 * with their reason and message.
 *
 * - TTFT: send → first chunk with content (vLLM: first chunk with `choices`, which on vLLM is the
 *   role chunk sent in the same engine step as the first token; evalscope: first chunk).
 * - ITL: every gap between consecutive content chunks, all requests' gaps in one list (both tools).
 * - TPOT per request: (E2EL − TTFT) / (output tokens − 1); a one-token reply has none and is left
 *   out of TPOT (both tools), but counts as meeting a TPOT SLO (vLLM treats its TPOT as 0).
 * - E2EL: send → last event of the reply (vLLM: the last data chunk before [DONE]).
 * - requests/s, output tok/s, total tok/s: succeeded requests, their output tokens, and their
 *   prompt + output tokens, over the level's duration (first send → last reply), as vLLM's
 *   benchmark duration and evalscope's wall time.
 * - goodput: succeeded requests within every SLO given (≤ the limit, as vLLM) per second.
 */
import type { LevelSummary, LoadTestSettings, RequestRecord } from '../domain/loadtest.js';
import { distribution } from './stats.js';

/** TPOT of one request in ms, or undefined for a reply of fewer than two tokens. */
export const tpotOf = (record: Pick<RequestRecord, 'ttftMs' | 'e2eMs' | 'outputTokens'>): number | undefined =>
  record.outputTokens > 1 && record.ttftMs !== null ? (record.e2eMs - record.ttftMs) / (record.outputTokens - 1) : undefined;

/** Whether a succeeded request met every SLO given (a missing TTFT or TPOT limit is no limit). */
export const meetsSlo = (record: RequestRecord, slo: LoadTestSettings['slo']): boolean => {
  if (!record.ok) return false;
  if (slo.ttftMs !== null && (record.ttftMs === null || record.ttftMs > slo.ttftMs)) return false;
  const tpot = tpotOf(record) ?? 0;
  return slo.tpotMs === null || tpot <= slo.tpotMs;
};

const failureGroups = (records: readonly RequestRecord[]): LevelSummary['failures'] => {
  const groups = new Map<string, LevelSummary['failures'][number]>();
  for (const r of records) {
    if (r.ok || !r.failure) continue;
    const key = `${r.failure.reason}\n${r.failure.message}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { reason: r.failure.reason, message: r.failure.message, count: 1 });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
};

export interface LevelInput {
  readonly parallel: number;
  /** First send → last reply of the level, seconds. */
  readonly durationS: number;
  readonly records: readonly RequestRecord[];
  readonly slo: LoadTestSettings['slo'];
  readonly percentiles: readonly number[];
  /**
   * False for the running summary of a level in progress: it leaves out ITL (null), whose tens of
   * thousands of token gaps would be sorted on the event loop that is stamping the streams' bytes
   * (some 10 ms each time, which showed as +0.3 ms ITL and −2 % throughput in bench/loadtest-truth).
   * The live view does not show ITL; the level's report has it.
   */
  readonly gaps?: boolean;
}

export const summarizeLevel = ({ parallel, durationS, records, slo, percentiles, gaps = true }: LevelInput): LevelSummary => {
  const ok = records.filter((r) => r.ok);
  const perS = (n: number) => (durationS > 0 ? n / durationS : 0);
  let output = 0;
  let prompt = 0;
  for (const r of ok) {
    output += r.outputTokens;
    prompt += r.promptTokens ?? 0;
  }
  const tpots = ok.map(tpotOf).filter((t): t is number => t !== undefined);
  const sloSet = slo.ttftMs !== null || slo.tpotMs !== null;
  return {
    parallel,
    durationS,
    total: records.length,
    succeeded: ok.length,
    failed: records.length - ok.length,
    failures: failureGroups(records),
    requestsPerS: perS(ok.length),
    outputTokensPerS: perS(output),
    totalTokensPerS: perS(prompt + output),
    goodputPerS: sloSet ? perS(ok.filter((r) => meetsSlo(r, slo)).length) : null,
    ttftMs: distribution(
      ok.map((r) => r.ttftMs).filter((t): t is number => t !== null),
      percentiles,
    ),
    tpotMs: distribution(tpots, percentiles),
    itlMs: gaps
      ? distribution(
          ok.flatMap((r) => r.itlMs),
          percentiles,
        )
      : null,
    e2eMs: distribution(
      ok.map((r) => r.e2eMs),
      percentiles,
    ),
    countedByChunks: ok.some((r) => r.countedBy === 'chunks'),
  };
};
