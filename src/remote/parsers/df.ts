/**
 * `df` output, read by its header so every layout works: `-B1 --output=source,size,used,avail,target`
 * (`Filesystem 1B-blocks Used Avail Mounted on`), `-P` (`1024-blocks … Available Capacity`), plain
 * `df` (`1K-blocks … Available Use%`) and `-h` (`Size Used Avail Use%`, rounded up by df, so
 * the bytes are approximate and flagged as such).
 */
import { outputLines } from './nvidia-smi-values.js';

export interface DfRow {
  readonly source: string | null;
  readonly fstype: string | null;
  readonly sizeBytes: number | null;
  readonly usedBytes: number | null;
  readonly availBytes: number | null;
  /** `Use%` / `Capacity`, null when df printed `-` (size 0). */
  readonly usePercent: number | null;
  readonly inodes: number | null;
  readonly inodesUsed: number | null;
  readonly inodesFree: number | null;
  readonly target: string | null;
}

export interface Df {
  readonly rows: readonly DfRow[];
  /** False for -h/-H output: sizes were rounded by df. */
  readonly exact: boolean;
  /** Bytes per block of the size columns (1 for -B1, 1024 for -k/-P); null for -h. */
  readonly blockSize: number | null;
}

export type DfResult = { readonly ok: true; readonly df: Df } | { readonly ok: false; readonly reason: string };

type Column = 'source' | 'fstype' | 'size' | 'used' | 'avail' | 'pcent' | 'itotal' | 'iused' | 'iavail' | 'ipcent' | 'target' | 'file';

const headerColumns: ReadonlyArray<readonly [RegExp, Column]> = [
  [/^Filesystem$/, 'source'],
  [/^Type$/, 'fstype'],
  [/^(\d+[KMGTPE]?B?|[KMGTPE]B?)-blocks$|^Size$/, 'size'],
  [/^Used$/, 'used'],
  [/^(Avail|Available)$/, 'avail'],
  [/^(Use%|Capacity)$/, 'pcent'],
  [/^Inodes$/, 'itotal'],
  [/^IUsed$/, 'iused'],
  [/^IFree$/, 'iavail'],
  [/^IUse%$/, 'ipcent'],
  [/^Mounted$/, 'target'],
  [/^File$/, 'file'],
];

const suffixPower: Readonly<Record<string, number>> = { K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

/** `1B` → 1, `1K` → 1024, `1024` → 1024, `1MB` → 1e6 (df's own SIZE syntax). */
const blockBytes = (label: string): number | null => {
  const match = /^(\d*)([KMGTPE]?)(B?)-blocks$/.exec(label);
  if (!match) return null;
  const count = match[1] ? Number(match[1]) : 1;
  const power = match[2] ? suffixPower[match[2]]! : 0;
  const base = match[2] && match[3] === 'B' ? 1000 : 1024;
  return count * base ** power;
};

/** `3.7T` → bytes (base 1024, as df -h prints), `0` → 0. */
const humanBytes = (text: string): number | null => {
  const match = /^(\d+(?:\.\d+)?)([KMGTPE]?)$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 1024 ** (match[2] ? suffixPower[match[2]]! : 0);
};

const percent = (text: string | undefined): number | null => {
  const match = /^(\d+)%$/.exec(text ?? '');
  return match ? Number(match[1]) : null;
};

export const parseDf = (output: string): DfResult => {
  const lines = outputLines(output).filter((line) => line.trim() !== '');
  const headerAt = lines.findIndex((line) => /^(Filesystem|Type|Mounted on|Size|\d+\S*-blocks)\b/.test(line.trim()) && /\b(Used|Avail|Mounted|Use%|IUsed|Filesystem)\b/.test(line));
  if (headerAt < 0) return { ok: false, reason: lines[0]?.startsWith('df:') ? lines[0] : 'No df header line in the output.' };
  const labels = lines[headerAt]!.trim().replace('Mounted on', 'Mounted').split(/\s+/);
  const columns: Column[] = [];
  let blockSize: number | null = null;
  let human = false;
  for (const label of labels) {
    const found = headerColumns.find(([pattern]) => pattern.test(label));
    if (!found) return { ok: false, reason: `Unknown df column "${label}".` };
    columns.push(found[1]);
    if (found[1] === 'size') {
      if (label === 'Size') human = true;
      else blockSize = blockBytes(label);
    }
  }
  // Without a size column (`--output=used,avail -h`) only the values tell -h output apart.
  if (lines.slice(headerAt + 1).some((line) => /\s\d+(?:\.\d+)?[KMGTPE]\s/.test(` ${line} `))) human = true;
  const amount = (text: string | undefined): number | null => {
    if (text === undefined || text === '-') return null;
    if (/^\d+$/.test(text)) return human ? Number(text) : Number(text) * (blockSize ?? 1024);
    return humanBytes(text);
  };
  const rows: DfRow[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    if (line.startsWith('df:')) continue;
    const words = line.trim().split(/\s+/);
    // The mount point is free text: when it is the last column it takes the rest of the line.
    const values: Partial<Record<Column, string>> = {};
    columns.forEach((column, i) => {
      values[column] = i === columns.length - 1 && (column === 'target' || column === 'file') ? words.slice(i).join(' ') : words[i];
    });
    rows.push({
      source: values.source ?? null,
      fstype: values.fstype ?? null,
      sizeBytes: amount(values.size),
      usedBytes: amount(values.used),
      availBytes: amount(values.avail),
      usePercent: percent(values.pcent),
      inodes: values.itotal && /^\d+$/.test(values.itotal) ? Number(values.itotal) : null,
      inodesUsed: values.iused && /^\d+$/.test(values.iused) ? Number(values.iused) : null,
      inodesFree: values.iavail && /^\d+$/.test(values.iavail) ? Number(values.iavail) : null,
      target: values.target ?? null,
    });
  }
  return { ok: true, df: { rows, exact: !human, blockSize: human ? null : (blockSize ?? 1024) } };
};
