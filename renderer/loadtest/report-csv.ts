/**
 * A report as CSV: one row per level × metric. Latency rows fill the distribution columns, rate
 * rows the value column. Quoted per RFC 4180 so a model name with a comma stays one cell.
 */
import type { LoadTestReport } from '../../src/domain/loadtest.js';
import { latencyMetrics, metricUnit, percentileKeys, rateMetrics } from './metrics.js';

const cell = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const reportCsv = (report: LoadTestReport): string => {
  const pKeys = percentileKeys(report.levels);
  const header = ['run', 'parallel', 'metric', 'unit', 'value', 'count', 'mean', 'median', 'min', 'max', ...pKeys, 'succeeded', 'failed'];
  const rows: string[] = [header.map(cell).join(',')];
  for (const level of report.levels) {
    const tail = [level.succeeded, level.failed];
    for (const metric of latencyMetrics) {
      const d = level[metric];
      rows.push([report.name, level.parallel, metric, metricUnit[metric], null, d?.count ?? 0, d?.mean, d?.median, d?.min, d?.max, ...pKeys.map((k) => d?.percentiles[k]), ...tail].map(cell).join(','));
    }
    for (const metric of rateMetrics) {
      rows.push([report.name, level.parallel, metric, metricUnit[metric], level[metric], null, null, null, null, null, ...pKeys.map(() => null), ...tail].map(cell).join(','));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
};

/** A file name from the run's name: letters, digits, dots and dashes. */
export const exportFileName = (name: string, ext: 'json' | 'csv' | 'png', suffix = ''): string => {
  const base = name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'loadtest';
  return `${base}${suffix ? `-${suffix}` : ''}.${ext}`;
};
