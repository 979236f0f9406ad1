/**
 * How `nsys stats` prints a table. CSV: plain numbers, names double-quoted when they contain a
 * comma or a quote. Text (the default, and `--stats=true`'s output): a ` ** Title (report):`
 * line, headers centred over dashed rules, numbers right-aligned with thousands separators,
 * names cut at 100 characters with `…` — the layout of the capture.
 */
import type { ColumnKind, StatsTable } from './stats-tables.js';

/** nsys truncates text-table names to this many characters (the capture's rows end in `…`). */
const maxTextName = 100;

const plain = (value: string | number, kind: ColumnKind): string => {
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'pct':
    case 'dec':
      return value.toFixed(1);
    case 'mb':
      return value.toFixed(3);
    case 'int':
      return String(Math.round(value));
    case 'text':
      return String(value);
  }
};

const csvField = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export const tableCsv = (table: StatsTable): string => {
  const header = table.columns.map(([name]) => name).join(',');
  const rows = table.rows.map((row) => row.map((v, i) => csvField(plain(v, table.columns[i]?.[1] ?? 'text'))).join(','));
  return `${[header, ...rows].join('\n')}\n`;
};

const grouped = (text: string): string => {
  const [whole = '', fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const withCommas = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${withCommas}${fraction === undefined ? '' : `.${fraction}`}`;
};

/** Header centred in its column, the odd space going right (` Max (ns) ` over 9 dashes → `Max (ns) `). */
const centre = (text: string, width: number): string => {
  const pad = Math.max(0, width - text.length);
  const left = Math.floor(pad / 2);
  return ' '.repeat(left) + text + ' '.repeat(pad - left);
};

export const tableText = (table: StatsTable, report: string): string => {
  const cells = table.rows.map((row) =>
    row.map((v, i) => {
      const kind = table.columns[i]?.[1] ?? 'text';
      if (kind === 'text') {
        const text = String(v);
        return text.length > maxTextName ? `${text.slice(0, maxTextName - 1)}…` : text;
      }
      return kind === 'mb' ? plain(v, kind) : grouped(plain(v, kind));
    }),
  );
  const widths = table.columns.map(([name], i) => Math.max(name.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const last = table.columns.length - 1;
  const line = (parts: string[]) => ` ${parts.join('  ')}`.replace(/\s+$/, '');
  const header = line(table.columns.map(([name], i) => (i === last ? name : centre(name, widths[i]!))));
  const rule = line(widths.map((w) => '-'.repeat(w)));
  const body = cells.map((row) => line(row.map((c, i) => (table.columns[i]?.[1] === 'text' ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))));
  return ` ** ${table.title.replace(` (${report})`, '')} (${report}):\n\n${[header, rule, ...body].join('\n')}\n\n`;
};
