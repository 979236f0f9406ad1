import { col, netKey } from './columns.js';
import { bytesPerGiB, bytesPerMB } from './format.js';
import type { SeriesRing } from './ring.js';

interface CsvColumn {
  readonly header: string;
  readonly key: string;
  /** Stored value → the number written (unit conversion). */
  readonly scale: number;
  readonly digits: number;
  readonly prefix?: string;
}

const fixedColumns: readonly CsvColumn[] = [
  { header: 'gpu_util_percent', key: col.gpuUtil, scale: 1, digits: 0 },
  { header: 'gpu_temp_c', key: col.gpuTemp, scale: 1, digits: 0 },
  { header: 'gpu_power_w', key: col.power, scale: 1, digits: 2 },
  { header: 'gpu_clock_mhz', key: col.clock, scale: 1, digits: 0 },
  { header: 'gpu_pstate', key: col.pstate, scale: 1, digits: 0, prefix: 'P' },
  { header: 'mem_used_gib', key: col.memUsed, scale: 1 / bytesPerGiB, digits: 3 },
  { header: 'mem_cache_gib', key: col.memCache, scale: 1 / bytesPerGiB, digits: 3 },
  { header: 'mem_total_gib', key: col.memTotal, scale: 1 / bytesPerGiB, digits: 3 },
  { header: 'swap_used_gib', key: col.swapUsed, scale: 1 / bytesPerGiB, digits: 3 },
  { header: 'cpu_busy_percent', key: col.cpu, scale: 1, digits: 1 },
  { header: 'load_1m', key: col.load1, scale: 1, digits: 2 },
];

/** RFC 4180: quote a field that holds a comma, quote or line break. */
export const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * The buffered samples as CSV, oldest first: one row per sample, time in ISO 8601 UTC, memory in
 * GiB, throughput in MB/s. A value the box did not report is an empty field, not a zero.
 */
export const samplesCsv = (ring: SeriesRing, netNames: readonly string[]): string => {
  const columns: CsvColumn[] = [...fixedColumns];
  for (const name of netNames) {
    columns.push({ header: `net_${name}_rx_mb_s`, key: netKey(name, 'rx'), scale: 1 / bytesPerMB, digits: 3 });
    columns.push({ header: `net_${name}_tx_mb_s`, key: netKey(name, 'tx'), scale: 1 / bytesPerMB, digits: 3 });
  }
  const times = ring.view(col.at);
  const views = columns.map((c) => ring.view(c.key));
  const lines = [['time', ...columns.map((c) => c.header)].map(csvField).join(',')];
  for (let i = 0; i < times.length; i++) {
    const fields = [new Date(times[i]!).toISOString()];
    columns.forEach((c, j) => {
      const v = views[j]![i];
      fields.push(v === undefined || Number.isNaN(v) ? '' : `${c.prefix ?? ''}${(v * c.scale).toFixed(c.digits)}`);
    });
    lines.push(fields.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
};

/** A file name that sorts by time and survives every OS: box name cleaned, local time stamp. */
export const csvFileName = (box: string, now: Date) => {
  const safe = box.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'box';
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `pgx-telemetry-${safe}-${stamp}.csv`;
};
