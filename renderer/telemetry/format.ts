/** How the dashboard writes numbers. Null (the box did not say) is a dash, never a zero. */
export const missing = '—';

export const bytesPerGiB = 1024 ** 3;
/** Network throughput is written in decimal megabytes per second, as link speeds are decimal. */
export const bytesPerMB = 1_000_000;

const fixed = (value: number, digits: number) => {
  const text = value.toFixed(digits);
  // -0.0 reads as a bug on a dashboard.
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
};

const unit = (value: number | null, digits: number, suffix: string) =>
  value === null || !Number.isFinite(value) ? missing : `${fixed(value, digits)} ${suffix}`;

export const formatPercent = (value: number | null) => unit(value, 0, '%');
export const formatCelsius = (value: number | null) => unit(value, 0, '°C');
export const formatWatts = (value: number | null) => unit(value, 1, 'W');
export const formatMHz = (value: number | null) => unit(value, 0, 'MHz');
export const toGiB = (bytes: number) => bytes / bytesPerGiB;
export const formatGiB = (bytes: number | null, digits = 1) => unit(bytes === null ? null : toGiB(bytes), digits, 'GiB');
export const formatMBps = (bytesPerSec: number | null) => unit(bytesPerSec === null ? null : bytesPerSec / bytesPerMB, 1, 'MB/s');
export const formatLoad = (value: number | null) => (value === null || !Number.isFinite(value) ? missing : fixed(value, 2));

/** NaN is how the ring stores a missing value; this is the one place that turns it back. */
export const fromStored = (value: number): number | null => (Number.isNaN(value) ? null : value);

export interface UptimeParts {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

export const uptimeParts = (seconds: number): UptimeParts => {
  const total = Math.max(0, Math.floor(seconds / 60));
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
};

/** Share of a whole in percent, clamped to 0 … 100 (a bar never overflows its box). */
export const shareOf = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.max(0, (part / whole) * 100)) : 0);
