/**
 * The reports folder on the box: each `NAME.nsys-rep` with its size and time, and beside it a
 * one-line `NAME.pgx.json` the app writes when it starts a capture (what was captured: mode,
 * command, traces, duration), so the list says what a report holds on any laptop.
 * File names from elsewhere may hold any byte but NUL: the listing is NUL-separated.
 */
import { z } from 'zod';
import { commandLine } from '../remote/commands/docker.js';
import { remotePath, sh } from '../remote/quote.js';
import { CaptureName, reportBase } from './profiler.js';

export const ReportMeta = z.object({
  mode: z.enum(['server', 'system', 'command']),
  /** The profiled command line as shown ('' for system-wide). */
  command: z.string(),
  traces: z.array(z.string()),
  gpuMetrics: z.boolean(),
  durationSeconds: z.number().nullable(),
  startedAt: z.number(),
});
export type ReportMeta = z.infer<typeof ReportMeta>;

export interface ReportFile {
  /** File name in the reports folder (`trtllm01.nsys-rep`). */
  readonly name: string;
  readonly sizeBytes: number;
  /** Modification time, ms since the epoch. */
  readonly modifiedAt: number;
  readonly meta: ReportMeta | null;
}

const metaMarker = 'PGX-META';

/**
 * Reports (`SIZE<TAB>MTIME<TAB>./NAME` NUL-terminated), the marker, then every sidecar as
 * `./NAME.pgx.json:{json}` lines. An absent folder prints nothing and succeeds.
 */
export const listReportsCommand = (dir: string): string =>
  [
    sh`cd ${remotePath(dir)} 2>/dev/null || exit 0`,
    `find . -maxdepth 1 -type f -name '*.nsys-rep' -print0 | xargs -0 -r stat --printf '%s\\t%Y\\t%n\\0'`,
    `printf '${metaMarker}\\0'`,
    `find . -maxdepth 1 -type f -name '*.pgx.json' -print0 | xargs -0 -r grep -sH ''`,
    'true',
  ].join('; ');

export const parseReportList = (output: string): ReportFile[] => {
  const records = output.split('\0');
  const marker = records.indexOf(metaMarker);
  const stats = marker < 0 ? records : records.slice(0, marker);
  const metaText = marker < 0 ? '' : records.slice(marker + 1).join('');
  const metas = new Map<string, ReportMeta>();
  for (const line of metaText.split('\n')) {
    const m = /^(?:\.\/)?([A-Za-z0-9][A-Za-z0-9_.-]*)\.pgx\.json:(.*)$/.exec(line);
    if (!m) continue;
    try {
      const parsed = ReportMeta.safeParse(JSON.parse(m[2]!));
      if (parsed.success) metas.set(m[1]!, parsed.data);
    } catch {
      // A sidecar that is not JSON says nothing about its report.
    }
  }
  const reports: ReportFile[] = [];
  for (const record of stats) {
    const m = /^(\d+)\t(\d+)\t(?:\.\/)?([\s\S]+)$/.exec(record.replace(/^\n+/, ''));
    if (!m) continue;
    const name = m[3]!;
    reports.push({ name, sizeBytes: Number(m[1]), modifiedAt: Number(m[2]) * 1000, meta: metas.get(name.replace(/\.nsys-rep$/, '')) ?? null });
  }
  return reports.sort((a, b) => b.modifiedAt - a.modifiedAt || a.name.localeCompare(b.name));
};

/** Writes the sidecar of a capture before it starts (the folder is made if missing). */
export const writeMetaCommand = (dir: string, name: string, meta: ReportMeta): string =>
  [sh`mkdir -p ${remotePath(dir)}`, sh`printf '%s\\n' ${JSON.stringify(ReportMeta.parse(meta))} > ${remotePath(`${reportBase(dir, name)}.pgx.json`)}`].join(' && ');

/** The report and what the app wrote beside it (.sqlite from nsys stats, the sidecar). */
export const deleteReportCommand = (dir: string, name: string): string => {
  const base = reportBase(dir, CaptureName.parse(name.replace(/\.nsys-rep$/, '')));
  return commandLine('rm', '-f', remotePath(`${base}.nsys-rep`), remotePath(`${base}.sqlite`), remotePath(`${base}.pgx.json`));
};
