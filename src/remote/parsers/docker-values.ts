/**
 * Values shared by docker's output formats. Docker writes "no value" as `N/A`, `<none>`
 * (sometimes JSON-escaped `\u003cnone\u003e`, which JSON.parse turns back), `--` in stats rows
 * and `-- / --`; all of them are null here, never 0. Sizes come in two unit systems: decimal
 * (`62.3MB`, `13.3kB`: images, NET I/O, BLOCK I/O) and binary (`2.352MiB`, `119.7GiB`: MEM USAGE).
 */

const nullForms = new Set(['', 'n/a', '[n/a]', '<none>', '--', '-- / --']);

/** Text with the "no value" forms mapped to null. */
export const dockerText = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return nullForms.has(text.toLowerCase()) ? null : text;
};

const unitBytes: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  pib: 1024 ** 5,
};

/**
 * `62.3MB`, `2.352MiB`, `0B`, `119.7GiB`, and Go's `%.3g` overflow form `1e+03MB` → bytes.
 * Docker never writes a space between number and unit; one is tolerated.
 */
export const parseDockerBytes = (value: unknown): number | null => {
  const text = dockerText(value);
  if (text === null) return null;
  const match = /^([0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*([kKmMgGtTpP]?i?[bB])$/.exec(text);
  if (!match) return null;
  const factor = unitBytes[match[2]!.toLowerCase()];
  return factor === undefined ? null : Math.round(Number(match[1]) * factor);
};

/** `used / limit` pairs (MemUsage, NetIO, BlockIO); each side null when docker printed `--`. */
export const parseBytesPair = (value: unknown): { readonly first: number | null; readonly second: number | null } => {
  const text = dockerText(value);
  if (text === null) return { first: null, second: null };
  const [first = '', second = ''] = text.split('/').map((s) => s.trim());
  return { first: parseDockerBytes(first), second: parseDockerBytes(second) };
};

/** `0.03%`, `105.20%` → number; `--` → null. */
export const parsePercent = (value: unknown): number | null => {
  const text = dockerText(value);
  if (text === null) return null;
  const match = /^(-?[0-9]+(?:\.[0-9]+)?)\s*%$/.exec(text);
  return match ? Number(match[1]) : null;
};

/** A whole number written as a string (`"34"` PIDs, `"0"` LocalVolumes); null for `--`/`N/A`. */
export const parseCount = (value: unknown): number | null => {
  const text = dockerText(value);
  return text !== null && /^[0-9]+$/.test(text) ? Number(text) : null;
};

/**
 * Times docker prints: Go's time.String() (`2021-03-10 00:15:05 +0100 CET`, fraction optional,
 * a monotonic `m=+…` suffix ignored), a bare date (`2026-06-09`, seen in `images` output), and
 * RFC 3339 (`2026-11-25T09:00:00.123456789Z`, inspect). Epoch milliseconds, or null.
 */
export const parseDockerTime = (value: unknown): number | null => {
  const text = dockerText(value);
  if (text === null) return null;
  const go = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? ([+-])(\d{2})(\d{2})(?: [A-Za-z0-9+-]+)?(?: m=[+-][0-9.]+)?$/.exec(text);
  if (go) {
    const base = Date.parse(`${go[1]}T${go[2]}Z`);
    const fraction = go[3] ? Number(`0${go[3]}`) * 1000 : 0;
    const offset = (Number(go[5]) * 60 + Number(go[6])) * 60_000 * (go[4] === '-' ? -1 : 1);
    return Number.isNaN(base) ? null : Math.floor(base + fraction - offset);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(day) ? null : day;
  }
  const rfc = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (rfc) {
    if (rfc[1] === '0001-01-01T00:00:00') return null; // Go's zero time: "never"
    const ms = Date.parse(`${rfc[1]}${rfc[3]}`);
    return Number.isNaN(ms) ? null : ms + (rfc[2] ? Math.floor(Number(`0${rfc[2]}`) * 1000) : 0);
  }
  return null;
};

/** A line that could not be read, and why. */
export interface ParseIssue {
  /** 1-based line number in the output. */
  readonly line: number;
  readonly reason: string;
}

/** One JSON object per line (`--format '{{json .}}'`); blank lines are skipped, bad ones reported. */
export const parseJsonLines = (output: string): { readonly objects: ReadonlyArray<{ readonly line: number; readonly value: Record<string, unknown> }>; readonly issues: ParseIssue[] } => {
  const objects: Array<{ line: number; value: Record<string, unknown> }> = [];
  const issues: ParseIssue[] = [];
  output.split('\n').forEach((raw, index) => {
    const text = raw.replace(/\r$/, '').trim();
    if (text === '') return;
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) objects.push({ line: index + 1, value: value as Record<string, unknown> });
      else issues.push({ line: index + 1, reason: 'not a JSON object' });
    } catch {
      issues.push({ line: index + 1, reason: `not JSON: ${text.length > 80 ? `${text.slice(0, 77)}...` : text}` });
    }
  });
  return { objects, issues };
};

/** A string field of a parsed JSON object ('' when absent or not a string). */
export const field = (object: Record<string, unknown>, key: string): string => {
  const value = object[key];
  return typeof value === 'string' ? value : '';
};
