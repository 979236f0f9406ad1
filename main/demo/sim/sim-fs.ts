import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { posix } from 'node:path';
import { SimFsError, type SimFs, type SimStat } from './io.js';

const asSimError = (error: unknown, path: string): never => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ENOSPC' || code === 'EACCES' || code === 'ENOTEMPTY') {
    throw new SimFsError(code, path);
  }
  throw error;
};

/**
 * A SimFs over a real folder. root '/' is the real file system (shim mode); any other root
 * makes that folder the box's '/' (demo mode), with box paths always POSIX.
 */
export const rootedFs = (options: { root: string; home: string; diskFull?: () => boolean }): SimFs => {
  const { root, home } = options;
  const resolve = (path: string, cwd = home): string => {
    const expanded = path === '~' ? home : path.startsWith('~/') ? posix.join(home, path.slice(2)) : path;
    return posix.resolve(cwd, expanded);
  };
  const hostPath = (path: string): string => {
    const boxPath = resolve(path);
    return root === '/' ? boxPath : join(root, ...boxPath.split('/').filter(Boolean));
  };
  const guardSpace = (path: string) => {
    if (options.diskFull?.()) throw new SimFsError('ENOSPC', path);
  };
  return {
    home,
    resolve,
    hostPath,
    readText: (path) => {
      try {
        return readFileSync(hostPath(path), 'utf8');
      } catch (error) {
        return asSimError(error, resolve(path));
      }
    },
    writeText: (path, text, opts = {}) => {
      guardSpace(resolve(path));
      const target = hostPath(path);
      try {
        mkdirSync(dirname(target), { recursive: true });
        if (opts.append) appendFileSync(target, text);
        else writeFileSync(target, text);
        if (opts.mode !== undefined) chmodSync(target, opts.mode);
      } catch (error) {
        asSimError(error, resolve(path));
      }
    },
    exists: (path) => existsSync(hostPath(path)),
    stat: (path): SimStat => {
      try {
        const s = statSync(hostPath(path));
        return { size: s.size, mtimeMs: s.mtimeMs, isDirectory: s.isDirectory(), mode: s.mode };
      } catch (error) {
        return asSimError(error, resolve(path));
      }
    },
    mkdirp: (path) => {
      try {
        mkdirSync(hostPath(path), { recursive: true });
      } catch (error) {
        asSimError(error, resolve(path));
      }
    },
    list: (path) => {
      try {
        return readdirSync(hostPath(path)).sort();
      } catch (error) {
        return asSimError(error, resolve(path));
      }
    },
    remove: (path, opts = {}) => {
      try {
        rmSync(hostPath(path), { recursive: opts.recursive ?? false, force: false });
      } catch (error) {
        asSimError(error, resolve(path));
      }
    },
    rename: (from, to) => {
      try {
        mkdirSync(dirname(hostPath(to)), { recursive: true });
        renameSync(hostPath(from), hostPath(to));
      } catch (error) {
        asSimError(error, resolve(from));
      }
    },
  };
};
