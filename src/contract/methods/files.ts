import { z } from 'zod';
import { Empty, Id, payloadLimits } from '../schema-helpers.js';
import { CacheFolder, FileEntry, TransferView } from '../../domain/transfer.js';

/** An absolute path on the box or the laptop; any bytes but NUL (a newline in a file name is legal). */
export const AbsPath = z.string().min(1).max(payloadLimits.pathLength).refine((p) => !p.includes('\0'), 'a path cannot contain a NUL character');
/** One path component: no slash, not "." or "..". */
export const FileName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !n.includes('/') && !n.includes('\0') && n !== '.' && n !== '..', 'a name cannot contain “/” and cannot be “.” or “..”');
const TransferId = z.string().regex(/^[a-z0-9-]{1,64}$/);
const StageId = z.string().regex(/^[a-z0-9-]{1,64}$/);

export const stageLimits = {
  /** One chunk of a staged upload: 4 MiB of bytes as base64, well under the 32 MiB WebSocket message cap. */
  chunkBytes: 4 * 1024 * 1024,
  chunkBase64: Math.ceil((4 * 1024 * 1024) / 3) * 4,
  /** Staging copies the file on this computer's disk first; past this the desktop app (no copy) is the way. */
  maxBytes: 32 * 1024 ** 3,
} as const;

export const filesMethods = {
  /** A folder on the box, folders first then by name; `~` or a path under it is expanded. */
  'files:list': {
    request: z.strictObject({ deviceId: Id, path: z.string().min(1).max(payloadLimits.pathLength) }),
    response: z.object({ path: z.string(), parent: z.string().nullable(), entries: z.array(FileEntry) }),
  },
  'files:mkdir': {
    request: z.strictObject({ deviceId: Id, dir: AbsPath, name: FileName }),
    response: FileEntry,
  },
  /** Renames within its folder; refuses to replace an existing entry. */
  'files:rename': {
    request: z.strictObject({ deviceId: Id, path: AbsPath, name: FileName }),
    response: FileEntry,
  },
  /** Deletes a file, or a folder with everything in it (the renderer asks first). */
  'files:delete': {
    request: z.strictObject({ deviceId: Id, path: AbsPath }),
    response: Empty,
  },
  /** Sizes of the folders that grow on a GB10 box (model caches, reports, fine-tune outputs). */
  'files:cache-sizes': {
    request: z.strictObject({ deviceId: Id }),
    response: z.array(CacheFolder),
  },
  /**
   * Queues a download of a file or folder from the box into `localDir` (default: the downloads
   * folder of Settings). Progress arrives as files:transfers-changed.
   */
  'files:download': {
    request: z.strictObject({ deviceId: Id, remotePath: AbsPath, localDir: AbsPath.optional() }),
    response: TransferView,
  },
  /** Queues an upload of a laptop file or folder into a folder on the box. */
  'files:upload': {
    request: z.strictObject({ deviceId: Id, localPath: AbsPath, remoteDir: AbsPath }),
    response: TransferView,
  },
  /** Every transfer of this session and the unfinished ones of earlier sessions, newest first. */
  'files:transfers': {
    request: Empty,
    response: z.array(TransferView),
  },
  /** Stops a transfer; its partial bytes stay for a resume. */
  'files:cancel': {
    request: z.strictObject({ id: TransferId }),
    response: Empty,
  },
  /** Goes on with a failed or cancelled transfer from the bytes it has. */
  'files:resume': {
    request: z.strictObject({ id: TransferId }),
    response: TransferView,
  },
  /** Forgets a transfer that is not running (a partial file is deleted with it). */
  'files:remove': {
    request: z.strictObject({ id: TransferId }),
    response: Empty,
  },
  /** Shows a downloaded file in the laptop's file browser (Electron), or answers that it cannot (browser mode on another machine). */
  'files:reveal': {
    request: z.strictObject({ localPath: AbsPath }),
    response: z.object({ shown: z.boolean(), path: z.string() }),
  },
  /** Where downloads land on this computer. */
  'files:downloads-dir': {
    request: Empty,
    response: z.object({ path: z.string() }),
  },
  /**
   * Browser mode's uploads: a browser has no paths, so a picked file's bytes are copied into the
   * backend's staging folder in order (stage-begin, stage-chunk…, stage-end → a laptop path for
   * files:upload). The copy is deleted once its upload is done or removed, or by stage-discard.
   */
  'files:stage-begin': {
    request: z.strictObject({ name: FileName, size: z.number().int().min(0).max(stageLimits.maxBytes) }),
    response: z.object({ stageId: StageId }),
  },
  'files:stage-chunk': {
    request: z.strictObject({ stageId: StageId, offset: z.number().int().min(0), data: z.string().max(stageLimits.chunkBase64) }),
    response: z.object({ bytes: z.number() }),
  },
  'files:stage-end': {
    request: z.strictObject({ stageId: StageId }),
    response: z.object({ localPath: z.string() }),
  },
  'files:stage-discard': {
    request: z.strictObject({ stageId: StageId }),
    response: Empty,
  },
} as const;
