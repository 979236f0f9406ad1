/**
 * The text helpers the real ollama CLI prints with: format.HumanBytes (decimal units),
 * format.HumanTime ("8 hours ago", "4 minutes from now", "Forever") and the tablewriter layout of
 * `list`/`ps` (no borders, cells padded to the column width, "    " after every row cell, one
 * space after the last header cell — cmd/cmd.go, olekukonko/tablewriter with NoWhiteSpace).
 */

/** format.HumanBytes: 2.7 GB, 274 MB, 1.5 KB, 120 B. */
export const humanBytes = (bytes: number): string => {
  const units: ReadonlyArray<readonly [number, string]> = [[1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'KB']];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      if (value >= 10) return `${Math.trunc(value)} ${unit}`;
      return value !== Math.trunc(value) ? `${value.toFixed(1)} ${unit}` : `${value} ${unit}`;
    }
  }
  return `${Math.trunc(bytes)} B`;
};

/** format.HumanDuration. */
export const humanDuration = (ms: number): string => {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(ms / 86_400_000 / 365)} years`;
};

/** format.HumanTime: past → "… ago", future → "… from now", over 20 years ahead → "Forever". */
export const humanTime = (at: number, now: number): string => {
  const delta = now - at;
  if (delta < -20 * 365 * 86_400_000) return 'Forever';
  if (delta < 0) return `${humanDuration(-delta)} from now`;
  return `${humanDuration(delta)} ago`;
};

export const table = (header: readonly string[], rows: ReadonlyArray<readonly string[]>): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const headerLine = header.map((h, i) => h.padEnd(widths[i]!) + (i === header.length - 1 ? ' ' : '    ')).join('');
  const lines = rows.map((r) => header.map((_, i) => `${(r[i] ?? '').padEnd(widths[i]!)}    `).join(''));
  return `${[headerLine, ...lines].join('\n')}\n`;
};
