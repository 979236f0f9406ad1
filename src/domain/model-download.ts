import { z } from 'zod';

/** Where a download comes from (the Models page's download dialog). */
export const DownloadSource = z.enum(['huggingface', 'modelscope', 'ollama']);
export type DownloadSource = z.infer<typeof DownloadSource>;

/**
 * queued: the job runs but has printed no progress yet; running: bytes move; done / failed:
 * it ended with that exit code; cancelled: stopped from here (partial files stay for a resume).
 */
export const DownloadPhase = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type DownloadPhase = z.infer<typeof DownloadPhase>;

/** What went wrong, as a sentence and what to do, with the log line that told us. */
export const DownloadProblemView = z.object({
  kind: z.string(),
  message: z.string(),
  hint: z.string(),
  line: z.string().nullable(),
});
export type DownloadProblemView = z.infer<typeof DownloadProblemView>;

/** One download job on the box, as its log reads now. */
export const DownloadView = z.object({
  /** The host job's id (its folder under ~/.pgx-companion/jobs). */
  id: z.string(),
  source: DownloadSource,
  /** `ORG/NAME` (hubs) or `name:tag` (Ollama). */
  model: z.string(),
  revision: z.string().nullable(),
  useToken: z.boolean(),
  phase: DownloadPhase,
  startedAt: z.number().nullable(),
  /** Bytes on disk of the files the log has shown so far (each file's latest frame). */
  bytesDone: z.number(),
  /** Known once every file (Ollama: every layer) has shown its size; null before. */
  bytesTotal: z.number().nullable(),
  filesDone: z.number().nullable(),
  filesTotal: z.number().nullable(),
  /** Bytes per second of the file moving now; null when nothing moves. */
  rate: z.number().nullable(),
  /** Seconds left: of the whole download when its size is known, else of the current file. */
  eta: z.number().nullable(),
  etaScope: z.enum(['download', 'file']).nullable(),
  currentFile: z.string().nullable(),
  /** Where the files landed (hf prints the snapshot folder). */
  path: z.string().nullable(),
  problem: DownloadProblemView.nullable(),
  /** The log's last lines, for a failure. */
  lastLines: z.array(z.string()),
});
export type DownloadView = z.infer<typeof DownloadView>;

/** A download the user asked for. */
export const DownloadRequest = z.object({
  source: DownloadSource,
  id: z.string().trim().min(1).max(200),
  revision: z.string().trim().min(1).max(200).optional(),
  useToken: z.boolean().default(false),
});
export type DownloadRequest = z.infer<typeof DownloadRequest>;
