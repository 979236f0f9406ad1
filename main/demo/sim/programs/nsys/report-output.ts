/**
 * Report names and report generation, shared by `nsys profile` (when its collection ends) and
 * `nsys stop`. Output names follow the user guide: `-o name` gets `.nsys-rep` appended,
 * `%p` (pid), `%h` (hostname), `%q{ENV}` (an environment variable) and `%%` expand; without
 * `-o` the first free `reportN.nsys-rep` in the working directory is used.
 */
import type { SimIO } from '../../io.js';
import { basename, generatedBlock, printFrames, qdstrmName } from './console.js';
import { reportBytes, reportSizing, writeReportFile, type ReportHeader } from './report-file.js';
import { statsFor, statsReports } from './stats-tables.js';
import { tableText } from './stats-format.js';

export const generationTiming = {
  /** Post-processing a report takes a moment; the frames are spread over this. */
  framesMs: 350,
} as const;

export const resolveOutput = (io: SimIO, given: string | undefined, pid: number): string => {
  if (given === undefined) {
    for (let n = 1; ; n += 1) {
      const candidate = io.fs.resolve(`report${n}.nsys-rep`, io.cwd);
      if (!io.fs.exists(candidate)) return candidate;
    }
  }
  const hostname = io.read().box.hostname;
  const expanded = given.replace(/%(%|p|h|q\{([^}]*)\})/g, (_, what: string, env: string | undefined) =>
    what === '%' ? '%' : what === 'p' ? String(pid) : what === 'h' ? hostname : (io.env[env ?? ''] ?? ''),
  );
  const withExtension = /\.(nsys-rep|qdrep)$/.test(expanded) ? expanded : `${expanded}.nsys-rep`;
  return io.fs.resolve(withExtension, io.cwd);
};

export const sqlitePath = (report: string): string => report.replace(/\.(nsys-rep|qdrep)$/, '') + '.sqlite';

/** Writes the .sqlite export of a report (same header, larger body). */
export const exportSqlite = async (io: SimIO, header: ReportHeader, path: string): Promise<void> =>
  writeReportFile(io, path, header, Math.round(reportBytes(io, header.seconds) * reportSizing.sqliteFactor));

/** The `--stats=true` part: one `[k/8] Executing '…' stats report` block per default report. */
const printStats = (io: SimIO, header: ReportHeader, sqlite: string): void => {
  statsReports.forEach((report, i) => {
    io.write(`[${i + 3}/8] Executing '${report}' stats report\n`);
    const result = statsFor(report, header);
    io.write(result.kind === 'skipped' ? `SKIPPED: ${sqlite} does not contain ${result.missing}.\n` : `\n${tableText(result.table, report)}`);
  });
};

/**
 * Writes the report (and with stats the .sqlite and the summary tables), printing the console
 * tail. Returns the exit code: 0, 1 when the disk is full, 130 when interrupted.
 */
export const generateReport = async (io: SimIO, path: string, header: ReportHeader, stats: boolean): Promise<number> => {
  io.write(`Generating '${qdstrmName(`${path}:${header.createdAt}`)}'\n`);
  if (io.read().faults['disk-full'] === true) {
    // SYNTH: nsys's wording for a failed write, in the form of its "Failed to create" line.
    io.error(`Failed to create '${path}': No space left on device.\n`);
    return 1;
  }
  const steps = stats ? 8 : 1;
  const name = basename(path);
  io.write('\n');
  if (stats) io.write(`[1/8] [0%                          ] ${name}Processing events...\n\n`);
  await writeReportFile(io, path, header, reportBytes(io, header.seconds));
  if (!(await printFrames(io, `[1/${steps}]`, name, stats ? generationTiming.framesMs / 2 : generationTiming.framesMs))) return 130;
  if (!stats) {
    io.write(generatedBlock([path]));
    return 0;
  }
  const sqlite = sqlitePath(path);
  await exportSqlite(io, header, sqlite);
  if (!(await printFrames(io, '[2/8]', basename(sqlite), generationTiming.framesMs / 2))) return 130;
  printStats(io, header, sqlite);
  io.write(generatedBlock([path, sqlite]));
  return 0;
};

