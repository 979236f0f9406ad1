/**
 * Files between the laptop and the box over SFTP: what the file manager lists, and a transfer
 * (download or upload, a file or a folder) as the queue shows it.
 */
import { z } from 'zod';

export const FileKind = z.enum(['file', 'dir', 'link', 'other']);
export type FileKind = z.infer<typeof FileKind>;

/** One entry of a folder on the box. Names are bytes on Linux: shown as UTF-8, passed back as the path given here. */
export const FileEntry = z.object({
  name: z.string(),
  /** Absolute POSIX path on the box. */
  path: z.string(),
  kind: FileKind,
  /** A link's target kind when it points at a folder or file (so a link to a folder opens). */
  target: FileKind.nullable(),
  size: z.number(),
  /** Modification time, ms since the epoch. */
  mtime: z.number(),
  /** Permission bits (mode & 0o7777). */
  mode: z.number().int(),
});
export type FileEntry = z.infer<typeof FileEntry>;

export const TransferDirection = z.enum(['download', 'upload']);
export type TransferDirection = z.infer<typeof TransferDirection>;

/**
 * queued → running → verifying → done; running → retrying (the connection dropped: it goes on
 * from the bytes it has once the box is back) → running; failed and cancelled keep their partial
 * bytes, so Resume goes on from them.
 */
export const TransferState = z.enum(['queued', 'running', 'retrying', 'verifying', 'done', 'failed', 'cancelled']);
export type TransferState = z.infer<typeof TransferState>;

export const TransferError = z.object({ code: z.string(), message: z.string(), hint: z.string() });

export const TransferView = z.object({
  id: z.string(),
  deviceId: z.string(),
  direction: TransferDirection,
  /** What moves: a file, or a folder with everything under it. */
  kind: z.enum(['file', 'dir']),
  /** The name shown (the file's or folder's base name). */
  name: z.string(),
  remotePath: z.string(),
  /** Absolute path on the laptop (the file or folder it lands in, or is read from). */
  localPath: z.string(),
  /** Bytes moved so far, and in all (null while a folder is still being listed). */
  bytes: z.number(),
  size: z.number().nullable(),
  files: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
  /** Bytes per second over the last few seconds (0 when not running). */
  rate: z.number(),
  state: TransferState,
  /** Times it went on after a cut. */
  resumes: z.number().int(),
  /** sha256 of a file transfer, compared on both ends once the bytes are there. */
  checksum: z.object({ local: z.string().nullable(), remote: z.string().nullable(), match: z.boolean().nullable() }).nullable(),
  error: TransferError.nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type TransferView = z.infer<typeof TransferView>;

/** A folder on the box whose size the file manager shows, with what it holds and whether cleanup is offered. */
export const CacheFolder = z.object({
  key: z.enum(['huggingface', 'modelscope', 'ollama', 'nsys-reports', 'llamafactory-output', 'pgx-jobs']),
  path: z.string(),
  /** Bytes used (du), null when the folder does not exist. */
  bytes: z.number().nullable(),
});
export type CacheFolder = z.infer<typeof CacheFolder>;
