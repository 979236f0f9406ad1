/**
 * How the docker CLI (Go) turns numbers, sizes, times and JSON into text. Each function copies
 * one piece of docker/cli 28.5.1 or a library it vendors (go-units, encoding/json, fmt, time,
 * text/tabwriter), so the simulator's output has the same quirks: `%.3g` sizes that can print
 * `1e+03MB`, "About an hour", `\u003c` in `{{json .}}`, columns padded by three spaces.
 */

/** Go's `%.<precision>g`: shortest of fixed and exponent form, trailing zeros dropped. */
export const goG = (value: number, precision: number): string => {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  const [mantissa = '0', exponentText = '0'] = value.toExponential(Math.max(0, precision - 1)).split('e');
  const exponent = Number(exponentText);
  const trim = (digits: string) => (digits.includes('.') ? digits.replace(/0+$/, '').replace(/\.$/, '') : digits);
  if (exponent < -4 || exponent >= precision) {
    const sign = exponent < 0 ? '-' : '+';
    return `${trim(mantissa)}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return trim(value.toFixed(Math.max(0, precision - 1 - exponent)));
};

const decimalUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;
const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] as const;

const sizeAndUnit = (size: number, base: number, units: readonly string[]): [number, string] => {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i += 1;
  }
  return [size, units[i]!];
};

/** go-units HumanSizeWithPrecision: decimal units (`62.3MB`), as `docker images` and NET I/O show. */
export const humanSize = (bytes: number, precision = 4): string => {
  const [size, unit] = sizeAndUnit(bytes, 1000, decimalUnits);
  return `${goG(size, precision)}${unit}`;
};

/** go-units BytesSize: binary units with `%.4g` (`2.352MiB`, `119.7GiB`), as MEM USAGE shows. */
export const bytesSize = (bytes: number): string => {
  const [size, unit] = sizeAndUnit(bytes, 1024, binaryUnits);
  return `${goG(size, 4)}${unit}`;
};

/** go-units HumanDuration: "Less than a second", "About a minute", "3 weeks" … */
export const humanDuration = (ms: number): string => {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)} years`;
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The box runs in UTC (DGX OS default), so Go's time.String() ends in `+0000 UTC`. */
export const goTimeString = (ms: number): string => {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000 UTC`;
};

/**
 * Nanoseconds below the millisecond: the daemon records times in ns, the simulator in ms, so a
 * stable 6-digit tail is derived from the value itself (same input, same text).
 */
const subMillisecond = (ms: number): string => String(Math.abs(Math.imul(Math.floor(ms), 2654435761) >>> 0) % 1_000_000).padStart(6, '0');

const isoSeconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);

/** RFC3339Nano as the daemon's JSON has it (`2026-11-25T09:00:00.123456789Z`, zeros trimmed). */
export const rfc3339Nano = (ms: number): string => {
  const fraction = `${pad3(ms)}${subMillisecond(ms)}`.replace(/0+$/, '');
  return `${isoSeconds(ms)}${fraction ? `.${fraction}` : ''}Z`;
};

/** RFC3339NanoFixed (`docker logs -t`): always nine digits. */
export const rfc3339NanoFixed = (ms: number): string => `${isoSeconds(ms)}.${pad3(ms)}${subMillisecond(ms)}Z`;

const pad3 = (ms: number) => String(((Math.floor(ms) % 1000) + 1000) % 1000).padStart(3, '0');

/** The zero time.Time the daemon prints for "never" (FinishedAt of a running container). */
export const goZeroTime = '0001-01-01T00:00:00Z';

/** formatter.Ellipsis for plain ASCII-width text: cut to `max` columns ending in '…'. */
export const ellipsis = (text: string, max: number): string => {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
};

/** formatter.TruncateID: drop `sha256:` and keep 12 characters. */
export const truncateId = (id: string): string => {
  const bare = id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
  return bare.slice(0, 12);
};

/** strconv.Quote for the printable text docker shows (commands): JSON escaping matches it. */
export const goQuote = (text: string): string => JSON.stringify(text);

/**
 * encoding/json output. `escapeHtml` is json.Marshal's default (docker's `{{json .}}` on list
 * rows goes through it and prints `\u003c`); the templates' `json` function turns it off.
 * U+2028 and U+2029 are always escaped by Go.
 */
export const goJson = (value: unknown, options: { escapeHtml: boolean }): string => {
  let text = JSON.stringify(value) ?? 'null';
  text = text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  if (options.escapeHtml) text = text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return text;
};

/** json.MarshalIndent with four spaces, as `docker inspect` prints (literal `<` `>`: the daemon does not escape). */
export const goJsonIndent = (value: unknown): string => (JSON.stringify(value, null, 4) ?? 'null').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * text/tabwriter as docker's formatter configures it (minwidth 10, padding 3, spaces): every
 * tab-terminated cell is padded to its column's width; the last cell of a line is not.
 */
export const tabwrite = (text: string, options: { minWidth: number; padding: number } = { minWidth: 10, padding: 3 }): string => {
  const lines = text.split('\n');
  const cells = lines.map((line) => line.split('\t'));
  const widths: number[] = [];
  for (const row of cells) {
    row.slice(0, -1).forEach((cell, i) => {
      const width = Math.max(options.minWidth, [...cell].length + options.padding);
      widths[i] = Math.max(widths[i] ?? 0, width);
    });
  }
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...cell].length))))
        .join(''),
    )
    .join('\n');
};
