/**
 * `nvidia-smi dmon` (and `pmon`-like) output: two `#` header lines (names, then units), then one
 * row per GPU per interval. Columns differ by driver and by `-s` (older drivers lack `jpg ofa`),
 * so rows are read by the header's names. `-` means unavailable (GB10: `mtemp`, `mclk`). With
 * `-o D`/`-o T`/`-o DT` the first columns are `Date` (YYYYMMDD) and `Time` (HH:MM:SS).
 */
import { outputLines, smiErrorLine } from './nvidia-smi-values.js';

export interface DmonColumn {
  readonly name: string;
  readonly unit: string | null;
}

export interface DmonRow {
  readonly date: string | null;
  readonly time: string | null;
  readonly gpu: number;
  /** By column name (`pwr`, `gtemp`, `sm`, `mclk`, …); null for `-`. */
  readonly values: Readonly<Record<string, number | null>>;
}

export interface Dmon {
  readonly columns: readonly DmonColumn[];
  readonly rows: readonly DmonRow[];
}

export type DmonResult = { readonly ok: true; readonly dmon: Dmon } | { readonly ok: false; readonly reason: string };

const tokens = (line: string): string[] => line.replace(/^#/, ' ').trim().split(/\s+/).filter(Boolean);

export const parseDmon = (output: string): DmonResult => {
  const error = smiErrorLine(output);
  if (error !== undefined) return { ok: false, reason: error };
  const lines = outputLines(output).filter((line) => line.trim() !== '');
  const headerAt = lines.findIndex((line) => line.startsWith('#') && /\bgpu\b/.test(line));
  if (headerAt < 0) return { ok: false, reason: 'No dmon header line (# gpu …) in the output.' };
  const names = tokens(lines[headerAt]!);
  const unitLine = lines[headerAt + 1];
  const units = unitLine?.startsWith('#') && /\bIdx\b/.test(unitLine) ? tokens(unitLine) : [];
  const columns = names.map((name, i) => ({ name, unit: units[i] ?? null }));
  const gpuAt = names.indexOf('gpu');
  const dateAt = names.indexOf('Date');
  const timeAt = names.indexOf('Time');
  const rows: DmonRow[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    // dmon repeats its header now and then; every '#' line is a header.
    if (line.startsWith('#')) continue;
    const cells = tokens(line);
    if (cells.length !== names.length) continue;
    const gpu = Number(cells[gpuAt]);
    if (!Number.isInteger(gpu)) continue;
    const values: Record<string, number | null> = {};
    names.forEach((name, i) => {
      if (i === gpuAt || i === dateAt || i === timeAt) return;
      const cell = cells[i]!;
      values[name] = /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : null;
    });
    rows.push({ date: dateAt >= 0 ? cells[dateAt]! : null, time: timeAt >= 0 ? cells[timeAt]! : null, gpu, values });
  }
  return { ok: true, dmon: { columns, rows } };
};

export interface PmonRow {
  readonly gpu: number;
  /** Null on the placeholder row pmon prints when nothing runs (`-`). */
  readonly pid: number | null;
  readonly type: string | null;
  /** comm of the process: basename, at most 15 characters (`sglang::schedul`). */
  readonly command: string | null;
  /** sm, mem, enc, dec, jpg, ofa (and fb, ccpm on some drivers); null for `-`. */
  readonly values: Readonly<Record<string, number | null>>;
}

export type PmonResult = { readonly ok: true; readonly rows: readonly PmonRow[] } | { readonly ok: false; readonly reason: string };

/** `nvidia-smi pmon`: read by header names like dmon; `type` and `command` stay text. */
export const parsePmon = (output: string): PmonResult => {
  const error = smiErrorLine(output);
  if (error !== undefined) return { ok: false, reason: error };
  const lines = outputLines(output).filter((line) => line.trim() !== '');
  const header = lines.find((line) => line.startsWith('#') && /\bpid\b/.test(line) && /\bcommand\b/.test(line));
  if (!header) return { ok: false, reason: 'No pmon header line (# gpu pid type … command) in the output.' };
  const names = tokens(header);
  const commandAt = names.indexOf('command');
  const rows: PmonRow[] = [];
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    const cells = tokens(line);
    if (cells.length < names.length) continue;
    const gpu = Number(cells[names.indexOf('gpu')]);
    if (!Number.isInteger(gpu)) continue;
    const at = (name: string) => cells[names.indexOf(name)];
    const values: Record<string, number | null> = {};
    names.forEach((name, i) => {
      if (['gpu', 'pid', 'type', 'command'].includes(name)) return;
      values[name] = /^\d+(\.\d+)?$/.test(cells[i]!) ? Number(cells[i]) : null;
    });
    const pid = at('pid');
    const type = at('type');
    const command = cells.slice(commandAt).join(' ');
    rows.push({
      gpu,
      pid: pid !== undefined && /^\d+$/.test(pid) ? Number(pid) : null,
      type: type === undefined || type === '-' ? null : type,
      command: command === '-' || command === '' ? null : command,
      values,
    });
  }
  return { ok: true, rows };
};
