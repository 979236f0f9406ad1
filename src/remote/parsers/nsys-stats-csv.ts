/**
 * `nsys stats --format csv` output. Quirks from the capture: non-CSV preamble lines come first
 * (`Generating SQLite file …`, `Processing [….sqlite] with [….py]... `), one section per
 * report; names containing commas are double-quoted; `SKIPPED: ….sqlite does not contain …`
 * replaces a report without data; nsys 2022.4's `gpukernsum` had extra GridXYZ/BlockXYZ
 * columns; the memory-size report has `Total (MB)` instead of times.
 */
import { parseNsysSkipped, type NsysSkipped } from './nsys-console.js';

export interface NsysStatsSection {
  /** The report name from the `Processing [...] with [.../cuda_gpu_kern_sum.py]` line, when present. */
  readonly report: string | null;
  readonly header: string[];
  readonly rows: string[][];
}

export type NsysStatsCsv =
  | { readonly ok: true; readonly sections: NsysStatsSection[]; readonly skipped: Array<NsysSkipped & { readonly report: string | null }> }
  | { readonly ok: false; readonly reason: string };

/** One CSV record (RFC 4180 quoting: `"a, b"`, `""` inside quotes). */
export const splitCsvLine = (line: string): string[] => {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
};

/** A header row of an nsys report: several columns, the known ones named with units. */
const isHeader = (cells: string[]): boolean =>
  cells.length >= 3 && cells.some((c) => /^(Time \(%\)|Total \(MB\)|Total Time \(ns\)|Count|Instances|Num Calls)$/.test(c.trim()));

const reportOf = (line: string): string | null => /with \[[^\]]*?([\w.-]+)\.py\]/.exec(line)?.[1] ?? null;

export const parseNsysStatsCsv = (text: string): NsysStatsCsv => {
  const lines = text.split(/\r?\n/);
  const sections: NsysStatsSection[] = [];
  const skipped: Array<NsysSkipped & { report: string | null }> = [];
  let report: string | null = null;
  let current: NsysStatsSection | null = null;
  for (const line of lines) {
    if (line.startsWith('Processing [')) {
      report = reportOf(line);
      current = null;
      continue;
    }
    const skip = parseNsysSkipped(line);
    if (skip) {
      skipped.push({ ...skip, report });
      current = null;
      continue;
    }
    if (line.trim() === '') {
      current = null;
      continue;
    }
    const cells = splitCsvLine(line);
    if (current && cells.length === current.header.length) {
      current.rows.push(cells);
      continue;
    }
    if (isHeader(cells)) {
      current = { report, header: cells.map((c) => c.trim()), rows: [] };
      sections.push(current);
      continue;
    }
    current = null; // preamble or a stray line: a following CSV block needs its own header
  }
  if (sections.length === 0 && skipped.length === 0) return { ok: false, reason: 'No nsys stats CSV header (e.g. `Time (%),Total Time (ns),…`) was found.' };
  return { ok: true, sections, skipped };
};

export interface NsysSummaryRow {
  readonly timePercent: number | null;
  readonly totalNs: number | null;
  /** Instances (kernels, NVTX), Num Calls (APIs), Count (memory ops). */
  readonly count: number | null;
  readonly avgNs: number | null;
  readonly medNs: number | null;
  readonly minNs: number | null;
  readonly maxNs: number | null;
  readonly stdDevNs: number | null;
  /** Name, Range or Operation. */
  readonly name: string;
  /** Only in nsys 2022.4's gpukernsum. */
  readonly gridXYZ: string | null;
  readonly blockXYZ: string | null;
}

const num = (text: string | undefined): number | null => {
  if (text === undefined) return null;
  const t = text.trim().replace(/,/g, '');
  if (t === '' || /^(n\/a|-)$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
};

/** Typed rows of a time-based summary (kernels, APIs, OS runtime, NVTX, memory ops by time). */
export const summaryRows = (section: NsysStatsSection): NsysSummaryRow[] => {
  const col = (...names: string[]) => section.header.findIndex((h) => names.includes(h));
  const i = {
    time: col('Time (%)', 'Time(%)'),
    total: col('Total Time (ns)', 'Total Time'),
    count: col('Instances', 'Num Calls', 'Count', 'Calls'),
    avg: col('Avg (ns)', 'Average', 'Avg'),
    med: col('Med (ns)', 'Median', 'Med'),
    min: col('Min (ns)', 'Minimum', 'Min'),
    max: col('Max (ns)', 'Maximum', 'Max'),
    sd: col('StdDev (ns)', 'StdDev'),
    name: col('Name', 'Range', 'Operation'),
    grid: col('GridXYZ'),
    block: col('BlockXYZ'),
  };
  const cell = (row: string[], at: number) => (at >= 0 ? row[at] : undefined);
  return section.rows.map((row) => ({
    timePercent: num(cell(row, i.time)),
    totalNs: num(cell(row, i.total)),
    count: num(cell(row, i.count)),
    avgNs: num(cell(row, i.avg)),
    medNs: num(cell(row, i.med)),
    minNs: num(cell(row, i.min)),
    maxNs: num(cell(row, i.max)),
    stdDevNs: num(cell(row, i.sd)),
    name: cell(row, i.name >= 0 ? i.name : row.length - 1) ?? '',
    gridXYZ: i.grid >= 0 ? (row[i.grid]?.trim() ?? null) : null,
    blockXYZ: i.block >= 0 ? (row[i.block]?.trim() ?? null) : null,
  }));
};

/** The kernel summary in a stats output (by report name, else the first section with Instances and Name). */
export const kernelSummary = (parsed: NsysStatsCsv): NsysSummaryRow[] | null => {
  if (!parsed.ok) return null;
  const section =
    parsed.sections.find((s) => s.report === 'cuda_gpu_kern_sum' || s.report === 'gpukernsum') ??
    parsed.sections.find((s) => s.report === null && s.header.includes('Instances') && s.header.includes('Name'));
  return section ? summaryRows(section) : null;
};
