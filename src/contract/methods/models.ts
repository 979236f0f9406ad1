import { z } from 'zod';
import { Empty, Id } from '../schema-helpers.js';
import { ModelEntry, ModelSource } from '../../domain/model.js';
import { DownloadRequest, DownloadSource, DownloadView } from '../../domain/model-download.js';

const JobId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

/**
 * Something a library scan could not read, as a code the renderer words in the user's language
 * (`path`: the missing folder; `detail`: what Ollama said), and the English sentence as a fallback.
 */
export const ModelScanProblem = z.object({
  code: z.enum(['incomplete', 'folder-missing', 'ollama-error']),
  path: z.string().nullable(),
  detail: z.string().nullable(),
  message: z.string(),
});
export type ModelScanProblem = z.infer<typeof ModelScanProblem>;

export const modelsMethods = {
  /** Every model on the box (hub caches, the user's model folders, Ollama), read now. */
  'models:list': {
    request: z.strictObject({ deviceId: Id }),
    response: z.object({ models: z.array(ModelEntry), scannedAt: z.number(), problems: z.array(ModelScanProblem) }),
  },
  /** Deletes a model of the last scan (its folder from that scan, or `ollama rm`); answers the space freed. */
  'models:delete': {
    request: z.strictObject({ deviceId: Id, id: z.string().min(1).max(400), source: ModelSource }),
    response: z.object({ freedBytes: z.number().nullable() }),
  },
  /** Starts a download as a job on the box, after a disk-space check. Progress arrives as models:downloads-changed. */
  'models:download': {
    request: z.strictObject({ deviceId: Id, ...DownloadRequest.shape }),
    response: DownloadView,
  },
  /** The box's download jobs, read from their job folders. */
  'models:downloads': {
    request: z.strictObject({ deviceId: Id }),
    response: z.array(DownloadView),
  },
  /** Stops a running download; its partial files stay for a resume. */
  'models:download-cancel': {
    request: z.strictObject({ deviceId: Id, jobId: JobId }),
    response: Empty,
  },
  /** Runs a stopped or failed download again; the tools go on from their partial files. */
  'models:download-resume': {
    request: z.strictObject({ deviceId: Id, jobId: JobId }),
    response: DownloadView,
  },
  /** Forgets a download that is not running (its job folder and log; downloaded files stay). */
  'models:download-remove': {
    request: z.strictObject({ deviceId: Id, jobId: JobId }),
    response: Empty,
  },
  /** Whether a hub token is kept (never the token itself). */
  'models:token-status': {
    request: Empty,
    response: z.object({ huggingface: z.boolean(), modelscope: z.boolean() }),
  },
  /** Keeps a hub token in the secret store, or clears it (null). */
  'models:token-set': {
    request: z.strictObject({ source: DownloadSource.exclude(['ollama']), token: z.string().trim().min(1).max(4096).nullable() }),
    response: Empty,
  },
} as const;
