import { z } from 'zod';
import { Id } from '../schema-helpers.js';
import { AbsPath } from './files.js';
import { CaptureName, CaptureSpec, statsReportNames } from '../../recipes/profiler.js';
import { ReportMeta } from '../../recipes/profiler-reports.js';

/** What the box's nsys is and where its reports go. */
export const ProfilerProbe = z.object({
  /** `2025.3.2.474`; null when nsys is not installed. */
  nsysVersion: z.string().nullable(),
  /** The reports folder, absolute. */
  reportsDir: z.string(),
});

/** A mode 2 / 3 capture running as a job on the box (or just ended). */
export const CaptureView = z.object({
  id: z.string(),
  kind: z.enum(['system', 'command']),
  name: z.string(),
  command: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.number(),
  /** The report's path once written. */
  report: z.string().nullable(),
  /** Report generation (0–100) once nsys writes it, else null. */
  percent: z.number().nullable(),
  /** Why it failed (or, when done, why the profiled command stopped with an error), as a sentence and a fix. */
  error: z.object({ message: z.string(), hint: z.string() }).nullable(),
});
export type CaptureView = z.infer<typeof CaptureView>;

/** A live nsys session: on the box, or in a profiled server's container. */
export const SessionView = z.object({
  name: z.string(),
  /** The server container it lives in; null for one on the box itself. */
  container: z.string().nullable(),
  state: z.string().nullable(),
  collecting: z.boolean(),
  seconds: z.number().nullable(),
});
export type SessionView = z.infer<typeof SessionView>;

export const ReportView = z.object({
  name: z.string(),
  path: z.string(),
  sizeBytes: z.number(),
  modifiedAt: z.number(),
  meta: ReportMeta.nullable(),
});
export type ReportView = z.infer<typeof ReportView>;

export const StatsRow = z.object({
  timePercent: z.number().nullable(),
  totalNs: z.number().nullable(),
  count: z.number().nullable(),
  avgNs: z.number().nullable(),
  medNs: z.number().nullable(),
  minNs: z.number().nullable(),
  maxNs: z.number().nullable(),
  name: z.string(),
});
export type StatsRow = z.infer<typeof StatsRow>;

export const StatsTable = z.object({
  report: z.enum(statsReportNames),
  rows: z.array(StatsRow),
  /** nsys's own line when the report holds no such data (`… does not contain CUDA trace data`). */
  skipped: z.string().nullable(),
});
export type StatsTable = z.infer<typeof StatsTable>;

export const profilerMethods = {
  /** nsys's version on the box (null: not installed) and the reports folder. */
  'profiler:probe': {
    request: z.strictObject({ deviceId: Id }),
    response: ProfilerProbe,
  },
  /** The exact command a capture runs (the page shows it before it runs), and what it cannot see. */
  'profiler:preview': {
    request: z.strictObject({ deviceId: Id, spec: CaptureSpec }),
    response: z.object({ command: z.string(), caveat: z.string().nullable() }),
  },
  /**
   * Starts a capture: a server under `nsys launch` in its container (mode 1; windows then open
   * with profiler:start-window), or a detached `nsys profile` job (modes 2, 3) whose progress
   * arrives as profiler:captures-changed.
   */
  'profiler:capture': {
    request: z.strictObject({ deviceId: Id, spec: CaptureSpec }),
    response: z.object({ command: z.string(), capture: CaptureView.nullable() }),
  },
  /** Mode 2 / 3 captures of this box (running and ended in this session). */
  'profiler:captures': {
    request: z.strictObject({ deviceId: Id }),
    response: z.array(CaptureView),
  },
  /** Live sessions: `nsys sessions list` on the box and in every profiled server's container. */
  'profiler:sessions': {
    request: z.strictObject({ deviceId: Id }),
    response: z.array(SessionView),
  },
  /** Opens a collection window in a server's session (`nsys start … -o REPORT`). */
  'profiler:start-window': {
    request: z.strictObject({ deviceId: Id, container: z.string().min(1).max(128), session: CaptureName, name: CaptureName, gpuMetricsFrequency: z.number().int().min(10).max(200_000).optional() }),
    response: z.object({ command: z.string() }),
  },
  /** Ends a session's collection (`nsys stop`), which writes its report. */
  'profiler:stop': {
    request: z.strictObject({ deviceId: Id, container: z.string().min(1).max(128).nullable(), session: CaptureName }),
    response: z.object({ command: z.string(), report: z.string().nullable() }),
  },
  /** The reports on the box, newest first, with what each captured. */
  'profiler:reports': {
    request: z.strictObject({ deviceId: Id }),
    response: z.object({ dir: z.string(), reports: z.array(ReportView) }),
  },
  /** Deletes a report (and the .sqlite and notes beside it). */
  'profiler:delete': {
    request: z.strictObject({ deviceId: Id, name: z.string().min(1).max(255) }),
    response: z.object({}),
  },
  /** `nsys stats` on the box: the GPU kernel, CUDA API, OS runtime and NVTX summaries of a report. */
  'profiler:stats': {
    request: z.strictObject({ deviceId: Id, path: AbsPath }),
    response: z.object({ tables: z.array(StatsTable) }),
  },
  /** Opens a downloaded report in Nsight Systems on this computer, or says it is not installed. */
  'profiler:open': {
    request: z.strictObject({ localPath: AbsPath }),
    response: z.object({ opened: z.boolean(), app: z.string().nullable(), downloadUrl: z.string() }),
  },
} as const;
