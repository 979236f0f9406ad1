/**
 * SFTP for the demo box: the file manager, uploads and report downloads work against the demo
 * box's folder exactly as against a real box's internal-sftp. Box paths are POSIX; each maps to
 * a real file under the demo root through SimFs.hostPath.
 */
import { closeSync, fstatSync, ftruncateSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmdirSync, statSync, unlinkSync, utimesSync, writeSync, type Stats } from 'node:fs';
import { join, posix } from 'node:path';
// ssh2 is CommonJS and stays outside the bundle: named ESM imports of it fail.
import ssh2 from 'ssh2';
import type { Attributes, SFTPWrapper } from 'ssh2';
import type { SimFs } from './sim/io.js';

const { utils } = ssh2;

const { OPEN_MODE, STATUS_CODE } = utils.sftp;

type Handle = { kind: 'file'; fd: number; path: string } | { kind: 'dir'; path: string; entries: string[] | undefined };

const attrsOf = (s: Stats): Attributes => ({
  mode: s.mode,
  uid: 1000,
  gid: 1000,
  size: s.size,
  atime: Math.floor(s.atimeMs / 1000),
  mtime: Math.floor(s.mtimeMs / 1000),
});

const longname = (name: string, s: Stats): string => {
  const type = s.isDirectory() ? 'd' : s.isSymbolicLink() ? 'l' : '-';
  const perms = ['r', 'w', 'x', 'r', 'w', 'x', 'r', 'w', 'x'].map((c, i) => (s.mode & (1 << (8 - i)) ? c : '-')).join('');
  const date = new Date(s.mtimeMs).toUTCString().slice(5, 16);
  return `${type}${perms}    1 demo     demo     ${String(s.size).padStart(12)} ${date} ${name}`;
};

const statusOf = (error: unknown): number => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return STATUS_CODE.NO_SUCH_FILE;
  if (code === 'EACCES' || code === 'EPERM') return STATUS_CODE.PERMISSION_DENIED;
  return STATUS_CODE.FAILURE;
};

const toFlags = (flags: number): string => {
  const read = (flags & OPEN_MODE.READ) !== 0;
  const write = (flags & OPEN_MODE.WRITE) !== 0;
  if (flags & OPEN_MODE.APPEND) return read ? 'a+' : 'a';
  if (write && flags & OPEN_MODE.TRUNC) return read ? 'w+' : 'w';
  if (write && flags & OPEN_MODE.CREAT) return flags & OPEN_MODE.EXCL ? (read ? 'wx+' : 'wx') : read ? 'r+' : 'r+';
  if (write) return 'r+';
  return 'r';
};

export const serveSftp = (sftp: SFTPWrapper, fs: SimFs, options: { diskFull: () => boolean }): void => {
  const handles = new Map<number, Handle>();
  let next = 1;
  const handleBuffer = (id: number) => {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(id, 0);
    return buffer;
  };
  const lookup = (buffer: Buffer): Handle | undefined => (buffer.length === 4 ? handles.get(buffer.readUInt32BE(0)) : undefined);
  const host = (path: string) => fs.hostPath(posix.resolve(fs.home, path));
  const guard = (reqid: number, work: () => void) => {
    try {
      work();
    } catch (error) {
      sftp.status(reqid, statusOf(error));
    }
  };

  sftp.on('OPEN', (reqid, filename, flags) =>
    guard(reqid, () => {
      if (flags & OPEN_MODE.WRITE && options.diskFull()) return sftp.status(reqid, STATUS_CODE.FAILURE, 'No space left on device');
      const mode = toFlags(flags);
      const path = host(filename);
      if (mode.startsWith('r+') && flags & OPEN_MODE.CREAT) {
        try {
          statSync(path);
        } catch {
          closeSync(openSync(path, 'w'));
        }
      }
      const fd = openSync(path, mode);
      const id = next++;
      handles.set(id, { kind: 'file', fd, path });
      sftp.handle(reqid, handleBuffer(id));
    }),
  );
  sftp.on('READ', (reqid, handle, offset, length) =>
    guard(reqid, () => {
      const h = lookup(handle);
      if (!h || h.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE);
      const buffer = Buffer.alloc(Math.min(length, 256 * 1024));
      const read = readSync(h.fd, buffer, 0, buffer.length, offset);
      if (read === 0) return sftp.status(reqid, STATUS_CODE.EOF);
      sftp.data(reqid, buffer.subarray(0, read));
    }),
  );
  sftp.on('WRITE', (reqid, handle, offset, data) =>
    guard(reqid, () => {
      const h = lookup(handle);
      if (!h || h.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE);
      if (options.diskFull()) return sftp.status(reqid, STATUS_CODE.FAILURE, 'No space left on device');
      writeSync(h.fd, data, 0, data.length, offset);
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );
  sftp.on('FSTAT', (reqid, handle) =>
    guard(reqid, () => {
      const h = lookup(handle);
      if (!h || h.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE);
      sftp.attrs(reqid, attrsOf(fstatSync(h.fd)));
    }),
  );
  sftp.on('FSETSTAT', (reqid, handle, attrs) =>
    guard(reqid, () => {
      const h = lookup(handle);
      if (!h || h.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE);
      if (typeof attrs.size === 'number') ftruncateSync(h.fd, attrs.size);
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );
  sftp.on('CLOSE', (reqid, handle) =>
    guard(reqid, () => {
      const h = lookup(handle);
      if (!h) return sftp.status(reqid, STATUS_CODE.FAILURE);
      handles.delete(handle.readUInt32BE(0));
      if (h.kind === 'file') closeSync(h.fd);
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );
  sftp.on('OPENDIR', (reqid, path) =>
    guard(reqid, () => {
      const real = host(path);
      if (!statSync(real).isDirectory()) return sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE);
      const id = next++;
      handles.set(id, { kind: 'dir', path: real, entries: undefined });
      sftp.handle(reqid, handleBuffer(id));
    }),
  );
  sftp.on('READDIR', (reqid, handle) =>
    guard(reqid, () => {
      const h = lookup(handle);
      if (!h || h.kind !== 'dir') return sftp.status(reqid, STATUS_CODE.FAILURE);
      if (h.entries === undefined) h.entries = ['.', '..', ...readdirSync(h.path)];
      if (h.entries.length === 0) return sftp.status(reqid, STATUS_CODE.EOF);
      const batch = h.entries.splice(0, 100);
      sftp.name(
        reqid,
        batch.map((name) => {
          const s = lstatSync(join(h.path, name));
          return { filename: name, longname: longname(name, s), attrs: attrsOf(s) };
        }),
      );
    }),
  );
  const stat = (reqid: number, path: string, link: boolean) => guard(reqid, () => sftp.attrs(reqid, attrsOf(link ? lstatSync(host(path)) : statSync(host(path)))));
  sftp.on('STAT', (reqid, path) => stat(reqid, path, false));
  sftp.on('LSTAT', (reqid, path) => stat(reqid, path, true));
  sftp.on('REMOVE', (reqid, path) => guard(reqid, () => (unlinkSync(host(path)), sftp.status(reqid, STATUS_CODE.OK))));
  sftp.on('RMDIR', (reqid, path) => guard(reqid, () => (rmdirSync(host(path)), sftp.status(reqid, STATUS_CODE.OK))));
  sftp.on('MKDIR', (reqid, path) => guard(reqid, () => (mkdirSync(host(path)), sftp.status(reqid, STATUS_CODE.OK))));
  sftp.on('RENAME', (reqid, from, to) => guard(reqid, () => (renameSync(host(from), host(to)), sftp.status(reqid, STATUS_CODE.OK))));
  sftp.on('SETSTAT', (reqid, path, attrs) =>
    guard(reqid, () => {
      if (typeof attrs.mtime === 'number') utimesSync(host(path), attrs.atime ?? attrs.mtime, attrs.mtime);
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );
  sftp.on('REALPATH', (reqid, path) =>
    guard(reqid, () => {
      const resolved = posix.resolve(fs.home, path === '.' || path === '' ? fs.home : path);
      sftp.name(reqid, [{ filename: resolved, longname: resolved, attrs: {} as Attributes }]);
    }),
  );
  sftp.on('READLINK', (reqid) => sftp.status(reqid, STATUS_CODE.OP_UNSUPPORTED));
  sftp.on('SYMLINK', (reqid) => sftp.status(reqid, STATUS_CODE.OP_UNSUPPORTED));
  sftp.on('close', () => {
    for (const h of handles.values()) if (h.kind === 'file') closeSync(h.fd);
    handles.clear();
  });
};
