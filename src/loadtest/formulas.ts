/**
 * The definition of each load-test metric, as the Benchmark page shows it beside the number.
 * Kept with metrics.ts, which computes exactly these.
 */
export type MetricId = 'ttft' | 'itl' | 'tpot' | 'e2el' | 'requestsPerS' | 'outputTokensPerS' | 'totalTokensPerS' | 'goodput' | 'percentile';

export interface MetricFormula {
  readonly name: string;
  readonly formula: string;
  readonly note: string;
}

export const metricFormulas: Record<MetricId, MetricFormula> = {
  ttft: { name: 'TTFT', formula: 'TTFT = t(first content chunk) − t(send)', note: 'Time to first token, per request, on a monotonic clock.' },
  itl: { name: 'ITL', formula: 'ITL = t(chunk i) − t(chunk i−1), every gap of every request', note: 'Inter-token latency: all gaps in one list, as vLLM and evalscope; a chunk carrying several tokens is one gap.' },
  tpot: { name: 'TPOT', formula: 'TPOT = (E2EL − TTFT) / (output tokens − 1)', note: 'Time per output token after the first, per request; replies of one token have none.' },
  e2el: { name: 'E2EL', formula: 'E2EL = t(last event) − t(send)', note: 'End-to-end latency of a request.' },
  requestsPerS: { name: 'Requests/s', formula: 'succeeded requests / duration', note: 'Duration: first send to last reply of the level.' },
  outputTokensPerS: { name: 'Output tok/s', formula: 'Σ output tokens / duration', note: 'Output tokens from the usage chunk, else counted chunks.' },
  totalTokensPerS: { name: 'Total tok/s', formula: 'Σ (prompt + output tokens) / duration', note: 'Prompt tokens as the server counted them (usage).' },
  goodput: { name: 'Goodput', formula: 'requests with TTFT ≤ SLO and TPOT ≤ SLO / duration', note: 'Only the SLOs given count; a one-token reply meets any TPOT SLO.' },
  percentile: { name: 'Percentile', formula: 'pX = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), h = (n − 1)·X/100', note: 'Linear interpolation, as numpy (vLLM); evalscope takes the nearest rank instead.' },
};
