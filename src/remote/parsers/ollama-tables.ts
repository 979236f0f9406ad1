/**
 * `ollama list` (NAME ID SIZE MODIFIED) and `ollama ps` (NAME ID SIZE PROCESSOR CONTEXT UNTIL).
 * tablewriter pads cells with spaces and leaves trailing spaces (sometimes stripped by whoever
 * copied the output); cells themselves contain single spaces ("2.7 GB", "4 minutes from now"),
 * so columns are cut at the header's column starts, not split on whitespace.
 */

export interface OllamaListRow {
  readonly name: string;
  readonly id: string;
  /** Decimal bytes as displayed (`2.7 GB` → 2.7e9); null when unreadable. */
  readonly sizeBytes: number | null;
  readonly sizeText: string;
  readonly modified: string;
}

export type OllamaProcessor =
  | { readonly kind: 'gpu' }
  | { readonly kind: 'cpu' }
  | { readonly kind: 'split'; readonly cpuPercent: number; readonly gpuPercent: number }
  | { readonly kind: 'unknown'; readonly text: string };

export interface OllamaPsRow {
  readonly name: string;
  readonly id: string;
  readonly sizeBytes: number | null;
  readonly sizeText: string;
  readonly processor: OllamaProcessor;
  readonly context: number | null;
  /** `Forever`, `Stopping...`, `4 minutes from now` as printed. */
  readonly until: string;
  /** Milliseconds until the model unloads (approximate); null for Forever/Stopping/unknown. */
  readonly untilMs: number | null;
}

export type OllamaTableResult<Row> = { readonly ok: true; readonly rows: readonly Row[] } | { readonly ok: false; readonly reason: string };

const units: Readonly<Record<string, number>> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

export const parseHumanBytes = (text: string): number | null => {
  const match = /^([\d.]+)\s*(B|KB|MB|GB|TB)$/.exec(text.trim());
  return match ? Math.round(Number(match[1]) * units[match[2]!]!) : null;
};

const durations: Readonly<Record<string, number>> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000, month: 2_592_000_000, year: 31_536_000_000 };

/** "4 minutes from now" → 240000; "About a minute from now" → 60000; others null. */
export const parseUntil = (text: string): number | null => {
  const match = /^(About an?|\d+)\s+(second|minute|hour|day|week|month|year)s?\s+from now$/i.exec(text.trim());
  if (!match) return /^Less than a second from now$/i.test(text.trim()) ? 0 : null;
  const n = /^\d+$/.test(match[1]!) ? Number(match[1]) : 1;
  return n * durations[match[2]!.toLowerCase()]!;
};

const parseProcessor = (text: string): OllamaProcessor => {
  if (text === '100% GPU') return { kind: 'gpu' };
  if (text === '100% CPU') return { kind: 'cpu' };
  const split = /^(\d+)%\/(\d+)% CPU\/GPU$/.exec(text);
  if (split) return { kind: 'split', cpuPercent: Number(split[1]), gpuPercent: Number(split[2]) };
  return { kind: 'unknown', text };
};

/** Column starts of a header line, or null when the line is not the header. */
const headerStarts = (line: string, columns: readonly string[]): number[] | null => {
  const found = columns.map((c) => new RegExp(`(^|\\s)${c}(\\s|$)`).exec(line));
  if (found.some((m) => m === null) || !line.trim().startsWith(columns[0]!)) return null;
  return found.map((m) => m!.index + (m![1] === '' ? 0 : 1));
};

/** Cuts every line at the column starts of the header above it (output may hold several tables). */
const cutTable = (text: string, columns: readonly string[]): { ok: true; cells: string[][] } | { ok: false; reason: string } => {
  const lines = text.replace(/\r/g, '').split('\n').filter((l) => l.trim() !== '');
  let at: number[] | null = null;
  const cells: string[][] = [];
  for (const line of lines) {
    const starts = headerStarts(line, columns);
    if (starts) at = starts;
    else if (at) cells.push(at.map((start, i) => line.slice(start, at![i + 1] ?? line.length).trim()));
  }
  if (!at) return { ok: false, reason: `no ${columns.join(' ')} header` };
  return { ok: true, cells };
};

export const parseOllamaList = (text: string): OllamaTableResult<OllamaListRow> => {
  const table = cutTable(text, ['NAME', 'ID', 'SIZE', 'MODIFIED']);
  if (!table.ok) return table;
  return {
    ok: true,
    rows: table.cells.map(([name = '', id = '', size = '', modified = '']) => ({ name, id, sizeBytes: parseHumanBytes(size), sizeText: size, modified })),
  };
};

export const parseOllamaPs = (text: string): OllamaTableResult<OllamaPsRow> => {
  const table = cutTable(text, ['NAME', 'ID', 'SIZE', 'PROCESSOR', 'CONTEXT', 'UNTIL']);
  if (!table.ok) return table;
  return {
    ok: true,
    rows: table.cells.map(([name = '', id = '', size = '', processor = '', context = '', until = '']) => ({
      name,
      id,
      sizeBytes: parseHumanBytes(size),
      sizeText: size,
      processor: parseProcessor(processor),
      context: /^\d+$/.test(context) ? Number(context) : null,
      until,
      untilMs: parseUntil(until),
    })),
  };
};
