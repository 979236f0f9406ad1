/**
 * `nvidia-smi --query-*=… --format=csv[,noheader][,nounits]` output, read against the field list
 * that was asked for. Works with and without the header line and with and without units
 * (`11.17 W` / `11.17`); every null form (`[N/A]`, `[Not Supported]`, …) becomes null.
 */
import { type QueryField, splitFieldList } from './nvidia-smi-fields.js';
import { outputLines, parseNumberCell, parseTextCell, smiErrorLine } from './nvidia-smi-values.js';

export type QueryValue = number | string | null;
export type QueryRow = Readonly<Record<string, QueryValue>>;

export interface SmiCsv {
  /** The fields as they were asked for; rows are keyed by these names. */
  readonly fields: readonly string[];
  readonly hadHeader: boolean;
  /** Whether values carried their units (`0 %`), i.e. `nounits` was not given. */
  readonly hadUnits: boolean;
  readonly rows: readonly QueryRow[];
  /** Lines that did not have the right number of values. */
  readonly rejected: readonly string[];
}

export type SmiCsvResult = { readonly ok: true; readonly csv: SmiCsv } | { readonly ok: false; readonly reason: string };

const stripHeaderUnit = (cell: string): string => cell.replace(/\s*\[[^\]]*\]$/, '');

/**
 * If the cells are a header line, the requested field each column holds (a header names every
 * field once, by its canonical name or as asked); undefined for a data line.
 */
const headerOrder = (cells: readonly string[], names: readonly string[], resolved: readonly QueryField[]): number[] | undefined => {
  if (cells.length !== names.length) return undefined;
  const order = cells.map((cell) => {
    const label = stripHeaderUnit(cell);
    return names.findIndex((name, i) => label === resolved[i]!.canonical || label === name);
  });
  return order.every((i) => i >= 0) && new Set(order).size === order.length ? order : undefined;
};

const unitsIn = (cells: readonly string[], resolved: readonly QueryField[]): boolean =>
  cells.some((cell, i) => resolved[i]?.unit !== null && resolved[i]?.unit !== undefined && /\d\s+\S+$/.test(cell));

/**
 * Free-text fields may themselves contain ", " (a process name); extra cells are folded back
 * into the first text field so the numeric ones keep their places.
 */
const fitCells = (cells: string[], resolved: readonly QueryField[]): string[] | undefined => {
  if (cells.length === resolved.length) return cells;
  if (cells.length < resolved.length) return undefined;
  const textAt = resolved.findIndex((f) => f.canonical === 'process_name' || f.canonical === 'name');
  if (textAt < 0) return undefined;
  const extra = cells.length - resolved.length;
  return [...cells.slice(0, textAt), cells.slice(textAt, textAt + extra + 1).join(', '), ...cells.slice(textAt + extra + 1)];
};

export const parseSmiCsv = (
  output: string,
  fieldList: string | readonly string[],
  table: ReadonlyMap<string, QueryField>,
): SmiCsvResult => {
  const names = typeof fieldList === 'string' ? splitFieldList(fieldList) : [...fieldList];
  if (names.length === 0) return { ok: false, reason: 'No fields were asked for.' };
  const error = smiErrorLine(output);
  if (error !== undefined) return { ok: false, reason: error };
  const resolved = names.map((name) => table.get(name) ?? { canonical: name, unit: null, kind: 'text' as const });
  const lines = outputLines(output).filter((line) => line.trim().length > 0);
  const split = (line: string) => line.split(',').map((cell) => cell.trim());
  let hadHeader = false;
  let hadUnits = false;
  // Columns follow the header when there is one (it is the tool's own statement of the order).
  let order = names.map((_, i) => i);
  const rows: QueryRow[] = [];
  const rejected: string[] = [];
  lines.forEach((line, lineIndex) => {
    const cells = split(line);
    // Loops (-l) print the header once; a header anywhere is recognised and skipped.
    const header = headerOrder(cells, names, resolved);
    if (header) {
      if (lineIndex === 0) hadHeader = true;
      order = header;
      return;
    }
    const inFieldOrder: string[] = [];
    const fittedRaw = fitCells(cells, order.map((i) => resolved[i]!));
    fittedRaw?.forEach((cell, column) => (inFieldOrder[order[column]!] = cell));
    const fitted = fittedRaw ? inFieldOrder : undefined;
    if (!fitted) {
      rejected.push(line);
      return;
    }
    if (unitsIn(fitted, resolved)) hadUnits = true;
    const row: Record<string, QueryValue> = {};
    names.forEach((name, i) => {
      const cell = fitted[i];
      row[name] = resolved[i]!.kind === 'number' ? parseNumberCell(cell) : parseTextCell(cell);
    });
    rows.push(row);
  });
  if (rows.length === 0 && rejected.length > 0) return { ok: false, reason: `Unexpected output: ${rejected[0]}` };
  return { ok: true, csv: { fields: names, hadHeader, hadUnits, rows, rejected } };
};

/** A number field of a row (null when absent, N/A or not a number). */
export const rowNumber = (row: QueryRow, field: string): number | null => {
  const value = row[field];
  return typeof value === 'number' ? value : null;
};

/** A text field of a row (null when absent or N/A). */
export const rowText = (row: QueryRow, field: string): string | null => {
  const value = row[field];
  return value === null || value === undefined ? null : String(value);
};
