/**
 * The file manager's view of the box over SFTP: list a folder, make one, rename, delete (a folder
 * with one `rm -rf` built by a pure function), and the sizes of the caches that fill a GB10's disk.
 * Every call uses the connection's one shared SFTP session (never ended here).
 */
import { posix } from 'node:path';
import type { Attributes, FileEntry as SftpDirEntry, SFTPWrapper, Stats } from 'ssh2';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { CacheFolder, FileEntry, FileKind } from '../../../src/domain/transfer.js';
import { cacheSizesCommand, deleteTreeCommand, parseCacheSizes } from '../../../src/remote/commands/files.js';
import { InvalidDockerArgument } from '../../../src/remote/commands/docker-names.js';
import type { SshConnection } from '../../ssh/connection.js';

/** ssh2's SFTP status codes (utils.sftp.STATUS_CODE) that say something a user can act on. */
const sftpStatus = { noSuchFile: 2, permissionDenied: 3 } as const;

export const browseTiming = {
  /** `du` over a 500 GB Hugging Face cache reads metadata only: seconds, even on a busy disk. */
  cacheSizesTimeoutMs: 60_000,
  /** `rm -rf` of a model folder with thousands of files. */
  deleteTimeoutMs: 120_000,
} as const;

const kindOf = (attrs: Attributes | Stats): FileKind => {
  const type = attrs.mode & 0o170000;
  if (type === 0o040000) return 'dir';
  if (type === 0o100000) return 'file';
  if (type === 0o120000) return 'link';
  return 'other';
};

/** What an SFTP error means for `path`, as a sentence and what to do. */
export const sftpFailure = (error: unknown, path: string, doing: string): AppFailure => {
  if (error instanceof AppFailure) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === sftpStatus.noSuchFile) return new AppFailure(appError('not-found', `${path} does not exist on the box.`, 'It may have been moved or deleted: go up a folder and look again.'));
  if (code === sftpStatus.permissionDenied) return new AppFailure(appError('io-error', `Permission denied: could not ${doing} ${path}.`, 'Your user on the box cannot do this here; use a folder you own, or change its permissions in a terminal.'));
  return new AppFailure(appError('io-error', `Could not ${doing} ${path}: ${message}.`, 'Check the connection and try again; a terminal on the box shows more.'));
};

/** Paths from the renderer name a place on the box absolutely; anything else is a mistake upstream. */
const absolute = (path: string): string => {
  if (!path.startsWith('/')) throw new AppFailure(appError('bad-request', `${path} is not an absolute path on the box.`, 'Open the folder from the path bar and try again.'));
  return path;
};

const call = <T>(work: (done: (error: Error | null | undefined, value: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => work((error, value) => (error ? reject(error) : resolve(value))));

const lstatOrNull = async (sftp: SFTPWrapper, path: string): Promise<Stats | null> => {
  try {
    return await call<Stats>((done) => sftp.lstat(path, done));
  } catch (error) {
    if ((error as { code?: unknown }).code === sftpStatus.noSuchFile) return null;
    throw sftpFailure(error, path, 'read');
  }
};

/** Folders first, then by name as a person reads it (numbers in order, case folded). */
export const compareEntries = (a: FileEntry, b: FileEntry): number => {
  const folder = (e: FileEntry) => (e.kind === 'dir' || (e.kind === 'link' && e.target === 'dir') ? 0 : 1);
  return folder(a) - folder(b) || a.name.localeCompare(b.name, 'en', { numeric: true, sensitivity: 'base' }) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
};

export class BrowseService {
  /** Each connection's home folder, once asked (realpath of "."). */
  private readonly homes = new WeakMap<SshConnection, string>();

  constructor(private readonly connection: (deviceId: string) => SshConnection) {}

  private async session(deviceId: string): Promise<{ sftp: SFTPWrapper; home: string; connection: SshConnection }> {
    const connection = this.connection(deviceId);
    const sftp = await connection.sftp();
    let home = this.homes.get(connection);
    if (home === undefined) {
      home = await call<string>((done) => sftp.realpath('.', done)).catch((error: unknown) => {
        throw sftpFailure(error, '~', 'open');
      });
      this.homes.set(connection, home);
    }
    return { sftp, home, connection };
  }

  /** `~`, `~/x`, a relative path (from home) or an absolute one, as an absolute path. */
  private static expand(path: string, home: string): string {
    if (path === '~') return home;
    if (path.startsWith('~/')) return posix.join(home, path.slice(2));
    return posix.resolve(home, path);
  }

  private static entry(name: string, path: string, attrs: Attributes | Stats, target: FileKind | null): FileEntry {
    return { name, path, kind: kindOf(attrs), target, size: attrs.size, mtime: attrs.mtime * 1000, mode: attrs.mode & 0o7777 };
  }

  async list(deviceId: string, requested: string): Promise<{ path: string; parent: string | null; entries: FileEntry[] }> {
    const { sftp, home } = await this.session(deviceId);
    const wanted = BrowseService.expand(requested, home);
    const path = await call<string>((done) => sftp.realpath(wanted, done)).catch((error: unknown) => {
      throw sftpFailure(error, wanted, 'open');
    });
    const raw = await call<SftpDirEntry[]>((done) => sftp.readdir(path, done)).catch((error: unknown) => {
      throw sftpFailure(error, path, 'list');
    });
    const entries = await Promise.all(
      raw
        .filter((e) => e.filename !== '.' && e.filename !== '..')
        .map(async (e) => {
          const full = posix.join(path, e.filename);
          if (kindOf(e.attrs) !== 'link') return BrowseService.entry(e.filename, full, e.attrs, null);
          // A link shows as what it points at, so a link to a folder opens; a broken one has no target.
          const target = await call<Stats>((done) => sftp.stat(full, done)).then(kindOf, () => null);
          return BrowseService.entry(e.filename, full, e.attrs, target);
        }),
    );
    return { path, parent: path === '/' ? null : posix.dirname(path), entries: entries.sort(compareEntries) };
  }

  private async describe(sftp: SFTPWrapper, path: string): Promise<FileEntry> {
    const attrs = await lstatOrNull(sftp, path);
    if (!attrs) throw new AppFailure(appError('not-found', `${path} is gone from the box.`, 'Refresh the folder.'));
    const target = kindOf(attrs) === 'link' ? await call<Stats>((done) => sftp.stat(path, done)).then(kindOf, () => null) : null;
    return BrowseService.entry(posix.basename(path), path, attrs, target);
  }

  private static refuseExisting = async (sftp: SFTPWrapper, path: string, name: string): Promise<void> => {
    if (await lstatOrNull(sftp, path)) throw new AppFailure(appError('conflict', `“${name}” already exists in ${posix.dirname(path)}.`, 'Pick another name, or rename or delete the one that is there first.'));
  };

  async mkdir(deviceId: string, dir: string, name: string): Promise<FileEntry> {
    const { sftp } = await this.session(deviceId);
    const path = posix.join(absolute(dir), name);
    await BrowseService.refuseExisting(sftp, path, name);
    await call<undefined>((done) => sftp.mkdir(path, (error) => done(error, undefined))).catch((error: unknown) => {
      throw sftpFailure(error, path, 'create');
    });
    return this.describe(sftp, path);
  }

  /** Renames within the folder; an existing entry of that name is never replaced. */
  async rename(deviceId: string, path: string, name: string): Promise<FileEntry> {
    const { sftp } = await this.session(deviceId);
    const to = posix.join(posix.dirname(absolute(path)), name);
    if (to === path) return this.describe(sftp, path);
    await BrowseService.refuseExisting(sftp, to, name);
    await call<undefined>((done) => sftp.rename(path, to, (error) => done(error, undefined))).catch((error: unknown) => {
      throw sftpFailure(error, path, 'rename');
    });
    return this.describe(sftp, to);
  }

  /** A file or link is unlinked over SFTP; a folder goes with everything in it (one `rm -rf`). */
  async delete(deviceId: string, path: string): Promise<void> {
    const { sftp, home, connection } = await this.session(deviceId);
    const attrs = await lstatOrNull(sftp, absolute(path));
    if (!attrs) return;
    if (kindOf(attrs) !== 'dir') {
      await call<undefined>((done) => sftp.unlink(path, (error) => done(error, undefined))).catch((error: unknown) => {
        throw sftpFailure(error, path, 'delete');
      });
      return;
    }
    let command: string;
    try {
      command = deleteTreeCommand(path, home);
    } catch (error) {
      if (error instanceof InvalidDockerArgument) throw new AppFailure(appError('bad-request', error.message, 'Open the folder and delete what is inside it instead.'));
      throw error;
    }
    const result = await connection.exec(command, { timeoutMs: browseTiming.deleteTimeoutMs });
    if (result.code !== 0) {
      const line = result.stderr.trim().split('\n').filter(Boolean).at(-1) ?? (result.code === null ? 'no answer in time' : `exit status ${result.code}`);
      const denied = /Permission denied|Operation not permitted/.test(result.stderr);
      throw new AppFailure(
        appError('remote-command-failed', `Could not delete all of ${path}: ${line}`, denied ? 'Some files belong to another user (often root, written by a container): delete them in a terminal with sudo.' : 'Refresh to see what is left, then try again.'),
      );
    }
  }

  async cacheSizes(deviceId: string): Promise<CacheFolder[]> {
    const result = await this.connection(deviceId).exec(cacheSizesCommand(), { timeoutMs: browseTiming.cacheSizesTimeoutMs });
    const folders = result.code === 0 ? parseCacheSizes(result.stdout) : null;
    if (!folders) {
      throw new AppFailure(appError('remote-command-failed', 'Could not measure the folders on the box.', result.code === null ? 'du did not finish in time: try again when the disk is less busy.' : 'Check that du (coreutils) works in a terminal on the box.'));
    }
    return folders;
  }
}
