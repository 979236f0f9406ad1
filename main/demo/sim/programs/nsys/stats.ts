/**
 * `nsys stats [--report R[,R…]]… [--format csv|column] [-o -|PREFIX] [--force-export true]
 * FILE.nsys-rep|FILE.sqlite` and `nsys export --type sqlite [-o OUT] [--force-overwrite true]
 * FILE.nsys-rep`. Like the real tool, stats first exports the .sqlite when it is missing
 * (`Generating SQLite file … from …`), then prints `Processing [….sqlite] with [….py]... `
 * before each report — the preamble parsers must skip to find the CSV header.
 */
import { exitWith } from '../downloads/args.js';
import type { SimIO } from '../../io.js';
import { fileExistsError } from './console.js';
import { isTrue, parseNsysOptions, positionals, usageLine } from './options.js';
import { readReportHeader, type ReportHeader } from './report-file.js';
import { exportSqlite, sqlitePath } from './report-output.js';
import { tableCsv, tableText } from './stats-format.js';
import { isStatsReport, statsFor, statsReports } from './stats-tables.js';

const reportScript = (io: SimIO, report: string): string => {
  const version = io.read().box.nsysVersion.split('.').slice(0, 3).join('.');
  return `/opt/nvidia/nsight-systems/${version}/host-linux-armv8/reports/${report}.py`;
};

/** The report header behind a .nsys-rep / .sqlite path, or the error line nsys would print. */
const openReport = (io: SimIO, file: string): ReportHeader | string => {
  const path = io.fs.resolve(file, io.cwd);
  // SYNTH: nsys's wording for a missing / foreign input file was not captured.
  if (!io.fs.exists(path)) return `ERROR: The file '${path}' does not exist.\n`;
  return readReportHeader(io, path) ?? `ERROR: '${file}' is not a valid Nsight Systems report.\n`;
};

export const nsysStats = async (io: SimIO, argv: readonly string[]): Promise<number> => {
  const parsed = parseNsysOptions(argv, false);
  if (!parsed.ok) return exitWith(io, `${parsed.error}${usageLine('stats')}`, 1);
  const { values } = parsed.options;
  const file = positionals(parsed.options)[0];
  if (file === undefined) return exitWith(io, `No input file was specified.${usageLine('stats')}`, 1);
  const reports = values.has('--report') ? (values.get('--report') ?? '').split(',').filter((r) => r !== '') : [...statsReports];
  const unknown = reports.find((r) => !isStatsReport(r));
  if (unknown) return exitWith(io, `ERROR: Report '${unknown}' could not be found.\n`, 1);
  const header = openReport(io, file);
  if (typeof header === 'string') return exitWith(io, header, 1);
  const format = values.get('--format') ?? 'column';
  const sqlite = file.endsWith('.sqlite') ? file : sqlitePath(file);
  const sqliteAbs = io.fs.resolve(sqlite, io.cwd);
  if (!file.endsWith('.sqlite') && (!io.fs.exists(sqliteAbs) || isTrue(values.get('--force-export')))) {
    io.write(`Generating SQLite file ${sqlite} from ${file}\n`);
    await exportSqlite(io, header, sqliteAbs);
  }
  const output = values.get('--output') ?? '-';
  for (const report of reports) {
    if (!isStatsReport(report)) continue;
    io.write(`Processing [${sqlite}] with [${reportScript(io, report)}]... \n`);
    const result = statsFor(report, header);
    if (result.kind === 'skipped') {
      io.write(`SKIPPED: ${sqlite} does not contain ${result.missing}.\n\n`);
      continue;
    }
    const text = format === 'csv' ? tableCsv(result.table) : tableText(result.table, report);
    if (output === '-') io.write(`\n${text}${format === 'csv' ? '\n' : ''}`);
    else io.fs.writeText(`${output}_${report}.${format === 'csv' ? 'csv' : 'txt'}`, text);
  }
  return 0;
};

export const nsysExport = async (io: SimIO, argv: readonly string[]): Promise<number> => {
  const parsed = parseNsysOptions(argv, false);
  if (!parsed.ok) return exitWith(io, `${parsed.error}${usageLine('export')}`, 1);
  const { values } = parsed.options;
  // `-t` is --type here (profile's -t is --trace; the option parser maps it to that).
  const type = values.get('--type') ?? values.get('--trace');
  const file = positionals(parsed.options)[0];
  if (file === undefined || type === undefined) return exitWith(io, `Both --type and an input file are required.${usageLine('export')}`, 1);
  // SYNTH: only the SQLite export is simulated; other types get this refusal.
  if (type !== 'sqlite') return exitWith(io, `ERROR: Export type '${type}' is not available in this installation.\n`, 1);
  const header = openReport(io, file);
  if (typeof header === 'string') return exitWith(io, header, 1);
  const given = values.get('--output');
  const out = io.fs.resolve(given === undefined ? sqlitePath(file) : given.endsWith('.sqlite') ? given : `${given}.sqlite`, io.cwd);
  if (io.fs.exists(out) && !isTrue(values.get('--force-overwrite'))) return exitWith(io, fileExistsError(out), 1);
  if (io.read().faults['disk-full'] === true) return exitWith(io, `Failed to create '${out}': No space left on device.\n`, 1);
  await exportSqlite(io, header, out);
  return 0;
};
