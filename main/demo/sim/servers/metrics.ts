/**
 * Prometheus exposition in vLLM's V1 names (vllm-metrics-excerpt capture): gauges for running and
 * waiting requests and KV-cache use, counters for tokens and finished requests, histograms for
 * TTFT, inter-token latency and end-to-end latency. Newer builds label everything engine="0".
 */
const ttftBuckets = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const itlBuckets = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5];
const e2eBuckets = [0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60];

class Histogram {
  readonly counts: number[];
  sum = 0;
  count = 0;
  constructor(readonly buckets: readonly number[]) {
    this.counts = buckets.map(() => 0);
  }
  observe(seconds: number) {
    this.sum += seconds;
    this.count += 1;
    this.buckets.forEach((le, i) => {
      if (seconds <= le) this.counts[i]! += 1;
    });
  }
}

export class EngineMetrics {
  promptTokens = 0;
  generationTokens = 0;
  readonly finished = { stop: 0, length: 0, abort: 0 };
  readonly ttft = new Histogram(ttftBuckets);
  readonly itl = new Histogram(itlBuckets);
  readonly e2e = new Histogram(e2eBuckets);

  render(model: string, running: number, waiting: number, kvUsage: number): string {
    const labels = `engine="0",model_name="${model.replace(/["\\]/g, '\\$&')}"`;
    const number = (n: number) => (Number.isInteger(n) ? `${n}.0` : String(n));
    const lines: string[] = [];
    const gauge = (name: string, help: string, value: number) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name}{${labels}} ${number(value)}`);
    const counter = (name: string, help: string, value: number) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name}{${labels}} ${number(value)}`);
    const histogram = (name: string, help: string, h: Histogram) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
      h.buckets.forEach((le, i) => lines.push(`${name}_bucket{${labels},le="${le}"} ${number(h.counts[i]!)}`));
      lines.push(`${name}_bucket{${labels},le="+Inf"} ${number(h.count)}`, `${name}_count{${labels}} ${number(h.count)}`, `${name}_sum{${labels}} ${h.sum}`);
    };
    gauge('vllm:num_requests_running', 'Number of requests in model execution batches.', running);
    gauge('vllm:num_requests_waiting', 'Number of requests waiting to be processed.', waiting);
    gauge('vllm:kv_cache_usage_perc', 'KV-cache usage. 1 means 100 percent usage.', kvUsage);
    counter('vllm:prompt_tokens_total', 'Number of prefill tokens processed.', this.promptTokens);
    counter('vllm:generation_tokens_total', 'Number of generation tokens processed.', this.generationTokens);
    lines.push('# HELP vllm:request_success_total Count of successfully processed requests.', '# TYPE vllm:request_success_total counter');
    for (const reason of ['stop', 'length', 'abort'] as const) {
      lines.push(`vllm:request_success_total{${labels},finished_reason="${reason}"} ${number(this.finished[reason])}`);
    }
    histogram('vllm:time_to_first_token_seconds', 'Histogram of time to first token in seconds.', this.ttft);
    histogram('vllm:inter_token_latency_seconds', 'Histogram of inter-token latency in seconds.', this.itl);
    histogram('vllm:e2e_request_latency_seconds', 'Histogram of e2e request latency in seconds.', this.e2e);
    return lines.join('\n') + '\n';
  }
}
