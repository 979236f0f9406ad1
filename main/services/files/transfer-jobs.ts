/**
 * What one transfer does, start to end, resumable at any point: a file, or a folder walked into
 * its files. A download lands in "<name>.pgx-part" beside a small JSON note of which remote file
 * (path, size, mtime) it is a part of; a resume checks the note and goes on from the part's length.
 * An upload lands in "<name>.pgx-part" on the box and goes on from the acknowledged prefix the
 * transfer record keeps. A file is renamed into place only after its sha256 matched on both ends.
 */
import { mkdir, readFile, rename, rm, stat, statfs, utimes, writeFile, readdir } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { Attributes, SFTPWrapper, FileEntryWithStats } from 'ssh2';
import { parseSha256, sha256Command } from '../../../src/remote/commands/checksum.js';
import { partSuffix } from '../../../src/recipes/transfer-names.js';
import type { ExecResult } from '../../ssh/connection.js';
import { workerHasher } from './hasher.js';
import { localSize, pipeDownload, pipeUpload } from './transfer-engine.js';

export interface JobIo {
  readonly sftp: SFTPWrapper;
  readonly exec: (command: string) => Promise<ExecResult>;
  readonly signal: AbortSignal;
}

/** What a job reports as it goes: bytes of the whole transfer, files done, the phase. */
export interface JobProgress {
  sized(size: number, files: number): void;
  bytes(done: number): void;
  fileDone(): void;
  verifying(): void;
  checksum(local: string, remote: string): void;
}

/** A checksum that differs: the part is deleted, so a retry starts over. */
export class ChecksumMismatch extends Error {}

/** Not enough room on this computer for what is still to come (checked before a byte moves). */
export class NoRoomHere extends Error {
  constructor(
    readonly needed: number,
    readonly free: number,
    readonly dir: string,
  ) {
    super(`${dir} has ${free} bytes free, the download needs ${needed} more`);
  }
}

const ensureRoom = async (dir: string, needed: number): Promise<void> => {
  const fs = await statfs(dir).catch(() => null);
  if (!fs) return;
  const free = fs.bavail * fs.bsize;
  if (free < needed) throw new NoRoomHere(needed, free, dir);
};

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const isDir = (a: Attributes) => (a.mode & S_IFMT) === S_IFDIR;

export const sftpStat = (sftp: SFTPWrapper, path: string): Promise<Attributes> => new Promise((resolve, reject) => sftp.stat(path, (error, attrs) => (error ? reject(error) : resolve(attrs))));
const sftpReaddir = (sftp: SFTPWrapper, path: string): Promise<FileEntryWithStats[]> => new Promise((resolve, reject) => sftp.readdir(path, (error, list) => (error ? reject(error) : resolve(list))));
const sftpMkdir = (sftp: SFTPWrapper, path: string): Promise<void> =>
  new Promise((resolve, reject) =>
    sftp.mkdir(path, (error) => {
      if (!error) return resolve();
      // Already there (as a folder) is fine: a resumed upload of a folder makes it again.
      sftpStat(sftp, path).then((a) => (isDir(a) ? resolve() : reject(error)), () => reject(error));
    }),
  );
const sftpRename = (sftp: SFTPWrapper, from: string, to: string): Promise<void> => new Promise((resolve, reject) => sftp.rename(from, to, (error) => (error ? reject(error) : resolve())));
const sftpUnlink = (sftp: SFTPWrapper, path: string): Promise<void> => new Promise((resolve) => sftp.unlink(path, () => resolve()));

export const remoteExists = (sftp: SFTPWrapper, path: string): Promise<boolean> => sftpStat(sftp, path).then(() => true, () => false);

interface RemoteFile {
  readonly rel: string;
  readonly size: number;
  readonly mtime: number;
}

/** Every file under a folder on the box (links are not followed: a link loop cannot trap the walk). */
const walkRemote = async (sftp: SFTPWrapper, root: string, rel = ''): Promise<{ files: RemoteFile[]; dirs: string[] }> => {
  const files: RemoteFile[] = [];
  const dirs: string[] = [rel];
  for (const entry of await sftpReaddir(sftp, rel ? posix.join(root, rel) : root)) {
    const childRel = rel ? posix.join(rel, entry.filename) : entry.filename;
    if (isDir(entry.attrs)) {
      const sub = await walkRemote(sftp, root, childRel);
      files.push(...sub.files);
      dirs.push(...sub.dirs);
    } else if ((entry.attrs.mode & S_IFMT) === 0o100000) files.push({ rel: childRel, size: entry.attrs.size, mtime: entry.attrs.mtime });
  }
  return { files, dirs };
};

const walkLocal = async (root: string, rel = ''): Promise<{ files: RemoteFile[]; dirs: string[] }> => {
  const files: RemoteFile[] = [];
  const dirs: string[] = [rel];
  for (const entry of await readdir(rel ? join(root, rel) : root, { withFileTypes: true })) {
    const childRel = rel ? posix.join(rel, entry.name) : entry.name;
    if (entry.isDirectory()) {
      const sub = await walkLocal(root, childRel);
      files.push(...sub.files);
      dirs.push(...sub.dirs);
    } else if (entry.isFile()) {
      const s = await stat(join(root, childRel));
      files.push({ rel: childRel, size: s.size, mtime: Math.floor(s.mtimeMs / 1000) });
    }
  }
  return { files, dirs };
};

interface PartNote {
  readonly remotePath: string;
  readonly size: number;
  readonly mtime: number;
}

/** Downloads one file into `target`; `base` is the bytes of the transfer before this file. */
const downloadOne = async (io: JobIo, remotePath: string, target: string, file: { size: number; mtime: number }, base: number, verify: boolean, progress: JobProgress): Promise<void> => {
  const part = `${target}${partSuffix}`;
  const notePath = `${part}.json`;
  const note: PartNote = { remotePath, size: file.size, mtime: file.mtime };
  const kept = await readFile(notePath, 'utf8').then((t) => JSON.parse(t) as PartNote, () => null);
  const same = kept !== null && kept.remotePath === note.remotePath && kept.size === note.size && kept.mtime === note.mtime;
  const from = same ? Math.min(await localSize(part), file.size) : 0;
  if (!same) await writeFile(notePath, JSON.stringify(note));
  progress.bytes(base + from);
  const hasher = workerHasher();
  try {
    if (from > 0) hasher.updateFromFile(part, from);
    // The box hashes its copy while the bytes travel (its cores are otherwise idle).
    const remoteSum = verify ? io.exec(sha256Command(remotePath)).catch(() => null) : null;
    await pipeDownload({ sftp: io.sftp, remotePath, localPath: part, from, size: file.size, hash: hasher, signal: io.signal, progress: (done) => progress.bytes(base + done) });
    if (verify) {
      progress.verifying();
      const local = await hasher.digest();
      const remote = parseSha256((await remoteSum)?.stdout ?? '') ?? parseSha256((await io.exec(sha256Command(remotePath))).stdout);
      if (remote === null) throw new Error('sha256sum on the box gave no checksum');
      progress.checksum(local, remote);
      if (local !== remote) {
        await rm(part, { force: true });
        await rm(notePath, { force: true });
        throw new ChecksumMismatch(`the downloaded copy’s sha256 (${local.slice(0, 12)}…) differs from the box’s (${remote.slice(0, 12)}…)`);
      }
    } else hasher.dispose();
    await rename(part, target);
    await utimes(target, file.mtime, file.mtime).catch(() => {});
    await rm(notePath, { force: true });
  } finally {
    hasher.dispose();
  }
};

/** A download of a file or a folder from the box into `target` (the path it lands at). */
export const runDownload = async (io: JobIo, remotePath: string, target: string, progress: JobProgress): Promise<void> => {
  const attrs = await sftpStat(io.sftp, remotePath);
  if (!isDir(attrs)) {
    progress.sized(attrs.size, 1);
    await ensureRoom(dirname(target), attrs.size - (await localSize(`${target}${partSuffix}`)));
    await downloadOne(io, remotePath, target, { size: attrs.size, mtime: attrs.mtime }, 0, true, progress);
    progress.fileDone();
    return;
  }
  const { files, dirs } = await walkRemote(io.sftp, remotePath);
  progress.sized(
    files.reduce((n, f) => n + f.size, 0),
    files.length,
  );
  await mkdir(target, { recursive: true });
  await ensureRoom(target, files.reduce((n, f) => n + f.size, 0));
  for (const dir of dirs) await mkdir(join(target, dir), { recursive: true });
  let base = 0;
  for (const file of files) {
    const local = join(target, file.rel);
    // A file a cut transfer already finished is there with the box's size and time: not again.
    const there = await stat(local).catch(() => null);
    if (!(there && there.size === file.size && Math.floor(there.mtimeMs / 1000) === file.mtime)) {
      await downloadOne(io, posix.join(remotePath, file.rel), local, file, base, false, progress);
    }
    base += file.size;
    progress.bytes(base);
    progress.fileDone();
  }
};

/** Where an upload of one file stands: the part on the box and its acknowledged prefix. */
export interface UploadMark {
  readonly remotePart: string;
  readonly acked: number;
}

const uploadOne = async (io: JobIo, localPath: string, remoteTarget: string, size: number, base: number, mark: { get(): UploadMark | null; set(mark: UploadMark | null): void }, verify: boolean, progress: JobProgress): Promise<void> => {
  const remotePart = `${remoteTarget}${partSuffix}`;
  const kept = mark.get();
  let from = 0;
  if (kept && kept.remotePart === remotePart) {
    const there = await sftpStat(io.sftp, remotePart).catch(() => null);
    if (there && there.size >= kept.acked) from = Math.min(kept.acked, size);
  }
  mark.set({ remotePart, acked: from });
  progress.bytes(base + from);
  const hasher = workerHasher();
  try {
    if (from > 0) hasher.updateFromFile(localPath, from);
    await pipeUpload({
      sftp: io.sftp,
      remotePath: remotePart,
      localPath,
      from,
      size,
      hash: hasher,
      signal: io.signal,
      progress: (acked) => {
        mark.set({ remotePart, acked });
        progress.bytes(base + acked);
      },
    });
    if (verify) {
      progress.verifying();
      const local = await hasher.digest();
      const remote = parseSha256((await io.exec(sha256Command(remotePart))).stdout);
      if (remote === null) throw new Error('sha256sum on the box gave no checksum');
      progress.checksum(local, remote);
      if (local !== remote) {
        await sftpUnlink(io.sftp, remotePart);
        mark.set(null);
        throw new ChecksumMismatch(`the box’s copy has sha256 ${remote.slice(0, 12)}…, this computer’s file ${local.slice(0, 12)}…`);
      }
    }
    await sftpRename(io.sftp, remotePart, remoteTarget);
    mark.set(null);
  } finally {
    hasher.dispose();
  }
};

/** An upload of a file or folder from this computer to `remoteTarget` (the path it lands at on the box). */
export const runUpload = async (io: JobIo, localPath: string, remoteTarget: string, mark: { get(): UploadMark | null; set(mark: UploadMark | null): void }, progress: JobProgress): Promise<void> => {
  const s = await stat(localPath);
  if (!s.isDirectory()) {
    progress.sized(s.size, 1);
    await uploadOne(io, localPath, remoteTarget, s.size, 0, mark, true, progress);
    progress.fileDone();
    return;
  }
  const { files, dirs } = await walkLocal(localPath);
  progress.sized(
    files.reduce((n, f) => n + f.size, 0),
    files.length,
  );
  for (const dir of dirs) await sftpMkdir(io.sftp, dir ? posix.join(remoteTarget, dir) : remoteTarget);
  let base = 0;
  for (const file of files) {
    const remote = posix.join(remoteTarget, file.rel);
    const there = await sftpStat(io.sftp, remote).catch(() => null);
    if (!(there && !isDir(there) && there.size === file.size)) await uploadOne(io, join(localPath, file.rel), remote, file.size, base, mark, false, progress);
    base += file.size;
    progress.bytes(base);
    progress.fileDone();
  }
};
