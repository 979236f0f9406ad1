/**
 * `nvidia-smi dmon` rows in the 580 layout of the GX10 capture: `# gpu` then 7-wide columns,
 * two `#` header lines (names, units), `-` where GB10 has no reading (mtemp, mclk, fb). Groups
 * print in dmon's fixed order whatever order `-s` lists them in.
 */
import { clockTime, compactDate } from './clock-format.js';
import type { GpuSnapshot } from './gpu-snapshot.js';

interface DmonColumn {
  readonly name: string;
  readonly unit: string;
  readonly value: (s: GpuSnapshot) => string;
}

const dash = () => '-';
const zero = () => '0';

/** Metric groups by their -s letter, in output order. */
export const dmonGroups: ReadonlyArray<readonly [letter: string, columns: readonly DmonColumn[]]> = [
  ['p', [
    { name: 'pwr', unit: 'W', value: (s) => String(Math.round(s.powerDrawW)) },
    { name: 'gtemp', unit: 'C', value: (s) => String(s.temperatureC) },
    { name: 'mtemp', unit: 'C', value: dash },
  ]],
  ['u', [
    { name: 'sm', unit: '%', value: (s) => String(s.utilizationPercent) },
    // GB10 reports memory utilization as 0 in dmon too (llama-swap issue #782).
    { name: 'mem', unit: '%', value: zero },
    { name: 'enc', unit: '%', value: zero },
    { name: 'dec', unit: '%', value: zero },
    { name: 'jpg', unit: '%', value: zero },
    { name: 'ofa', unit: '%', value: zero },
  ]],
  ['c', [
    { name: 'mclk', unit: 'MHz', value: dash },
    { name: 'pclk', unit: 'MHz', value: (s) => String(s.graphicsClockMHz) },
  ]],
  ['v', [
    { name: 'pviol', unit: '%', value: zero },
    { name: 'tviol', unit: 'bool', value: zero },
  ]],
  ['m', [
    { name: 'fb', unit: 'MB', value: dash },
    { name: 'bar1', unit: 'MB', value: dash },
    { name: 'ccpm', unit: 'MB', value: dash },
  ]],
  ['e', [
    { name: 'sbecc', unit: 'errs', value: dash },
    { name: 'dbecc', unit: 'errs', value: dash },
    { name: 'pci', unit: 'errs', value: zero },
  ]],
  ['t', [
    { name: 'rxpci', unit: 'MB/s', value: dash },
    { name: 'txpci', unit: 'MB/s', value: dash },
  ]],
];

export const dmonLetters = new Set(dmonGroups.map(([letter]) => letter));

/** dmon's default metric groups. */
export const defaultDmonGroups = 'puc';

export interface DmonLayout {
  readonly columns: readonly DmonColumn[];
  readonly date: boolean;
  readonly time: boolean;
}

export const dmonLayout = (groups: string, options: string): DmonLayout => ({
  columns: dmonGroups.filter(([letter]) => groups.includes(letter)).flatMap(([, columns]) => columns),
  date: options.toUpperCase().includes('D'),
  time: options.toUpperCase().includes('T'),
});

/**
 * The `-o D`/`-o T` columns: the date 12 wide, the time 10 (` 20210102   19:12:31  `). The first
 * column of a line carries dmon's lead character: '#' on header lines, a space on data rows.
 */
const stamps = (layout: DmonLayout, lead: string, date: string, time: string): string => {
  const cells: Array<readonly [string, number]> = [];
  if (layout.date) cells.push([date, 12]);
  if (layout.time) cells.push([time, 10]);
  return cells.map(([text, width], i) => (i === 0 ? `${lead}${text.padEnd(width - 1)}` : text.padEnd(width))).join('');
};

const headerLine = (layout: DmonLayout, date: string, time: string, gpu: string, cell: (c: DmonColumn) => string): string => {
  const stamped = layout.date || layout.time;
  return `${stamps(layout, '#', date, time)}${stamped ? ' ' : '#'} ${gpu}${layout.columns.map((c) => cell(c).padStart(7)).join('')}`;
};

export const dmonHeader = (layout: DmonLayout): string =>
  `${headerLine(layout, 'Date', 'Time', 'gpu', (c) => c.name)}\n${headerLine(layout, 'YYYYMMDD', 'HH:MM:SS', 'Idx', (c) => c.unit)}\n`;

export const dmonRow = (layout: DmonLayout, s: GpuSnapshot): string =>
  `${stamps(layout, ' ', compactDate(s.at), clockTime(s.at))}${String(s.index).padStart(5)}${layout.columns.map((c) => c.value(s).padStart(7)).join('')}\n`;
