/**
 * Prometheus text exposition (vLLM's /metrics, SGLang's): `name{label="v",…} value`, with
 * `# HELP` / `# TYPE` comments, histograms as `_bucket{le=…}` / `_sum` / `_count`, values in
 * exponent form (`5.291858e+06`), `NaN` and `+Inf`. Unreadable lines are skipped and counted.
 */

export interface MetricSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Metrics {
  readonly samples: MetricSample[];
  readonly types: Readonly<Record<string, string>>;
  readonly skipped: number;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

const numberOf = (text: string): number | null => {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  const n = Number(text);
  return Number.isNaN(n) ? null : n;
};

export const parsePrometheus = (text: string): Metrics => {
  const samples: MetricSample[] = [];
  const types: Record<string, string> = {};
  let skipped = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE (\S+) (\S+)/.exec(line);
      if (type) types[type[1]!] = type[2]!;
      continue;
    }
    const match = sampleLine.exec(line);
    const value = match ? numberOf(match[3]!) : null;
    if (!match || value === null) {
      skipped += 1;
      continue;
    }
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(labelPair)) labels[pair[1]!] = pair[2]!.replace(/\\(.)/g, '$1');
    samples.push({ name: match[1]!, labels, value });
  }
  return { samples, types, skipped };
};

/** The sum of a metric's samples whose labels include `where` (e.g. one model_name). */
export const metricValue = (metrics: Metrics, name: string, where: Readonly<Record<string, string>> = {}): number | null => {
  const matching = metrics.samples.filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v));
  return matching.length === 0 ? null : matching.reduce((sum, s) => sum + s.value, 0);
};

/** A histogram's mean (sum / count), null without observations. */
export const histogramMean = (metrics: Metrics, name: string, where: Readonly<Record<string, string>> = {}): number | null => {
  const sum = metricValue(metrics, `${name}_sum`, where);
  const count = metricValue(metrics, `${name}_count`, where);
  return sum === null || !count ? null : sum / count;
};
