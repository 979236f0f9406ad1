import { z } from 'zod';
import { Empty, Id } from '../schema-helpers.js';
import { ExportPreview, ExportSettings, ExportView, LlamaCppTools } from '../../domain/export.js';
import { TransferView } from '../../domain/transfer.js';

const ExportId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'an export id');
const EditedText = z.string().min(1).max(256 * 1024);

/**
 * The export chain: merge → GGUF → quantize → Modelfile → `ollama create` → a test prompt, as one
 * detached job on the box that skips the steps already done. Exports change as export:changed.
 */
export const exportMethods = {
  /** The chain for these settings as it would run: its files (merge YAML, Modelfile), its script, llama.cpp's tools, the disk it needs. */
  'export:plan': {
    request: z.strictObject({ deviceId: Id, settings: ExportSettings }),
    response: ExportPreview,
  },
  /**
   * Starts the chain with the merge YAML and Modelfile as edited. Refused when the disk is short
   * (disk-space) or llama.cpp is missing (tool-missing).
   */
  'export:start': {
    request: z.strictObject({ deviceId: Id, settings: ExportSettings, mergeYaml: EditedText.nullable(), modelfile: EditedText }),
    response: ExportView,
  },
  /** Every export on the box, newest first. */
  'export:list': {
    request: z.strictObject({ deviceId: Id }),
    response: z.array(ExportView),
  },
  /** One export with the job's last lines and its files as written. */
  'export:get': {
    request: z.strictObject({ deviceId: Id, exportId: ExportId, tail: z.number().int().min(1).max(10_000).default(300) }),
    response: z.object({ export: ExportView, log: z.string(), script: z.string(), modelfile: z.string() }),
  },
  /** Runs a failed or stopped chain again: the steps already done are skipped. */
  'export:retry': {
    request: z.strictObject({ deviceId: Id, exportId: ExportId }),
    response: ExportView,
  },
  'export:stop': {
    request: z.strictObject({ deviceId: Id, exportId: ExportId }),
    response: Empty,
  },
  /** Forgets an export that is not running; `deleteFiles` also removes its folder (merged model, GGUFs). */
  'export:remove': {
    request: z.strictObject({ deviceId: Id, exportId: ExportId, deleteFiles: z.boolean().default(false) }),
    response: Empty,
  },
  /** llama.cpp's tools on the box, and our build job's state. */
  'export:tools': {
    request: z.strictObject({ deviceId: Id }),
    response: LlamaCppTools,
  },
  /** Starts the llama.cpp build shown in tools.buildCommand as a detached job (asked first on the page). */
  'export:build-tools': {
    request: z.strictObject({ deviceId: Id }),
    response: LlamaCppTools,
  },
  /** Takes the export's GGUF or Modelfile home: a download in the transfer queue (progress, resume, sha256). */
  'export:download': {
    request: z.strictObject({ deviceId: Id, exportId: ExportId, file: z.enum(['gguf', 'modelfile']) }),
    response: TransferView,
  },
} as const;
