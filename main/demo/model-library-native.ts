/**
 * The demo box's twin of the model-library script (src/remote/commands/model-library.ts): the
 * same records, in the same order, from the same files, because the demo box's shell runs no
 * loops. Sizes are what GNU `du -sb` prints over the simulator's folder (apparent sizes of every
 * directory, file and link, each inode once); globs skip dot names and sort bytewise as under
 * LC_ALL=C; `${VAR:-default}` treats an empty variable as unset. `ollama list` is the simulated one.
 */
import { lstatSync, openSync, readSync, closeSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Program, SimIO } from './sim/io.js';
import { programs } from './sim/programs/index.js';
import { configBytes } from '../../src/remote/commands/model-library.js';

const field = (text: string | number): string => `${text}\0`;

const tryStat = (host: string, follow: boolean): Stats | undefined => {
  try {
    return follow ? statSync(host) : lstatSync(host);
  } catch {
    return undefined;
  }
};

/** `du -sb PATH` (follow = false) or `du -sLb PATH` (follow = true), as a number of bytes. */
const duBytes = (host: string, follow: boolean): number => {
  const seen = new Set<string>();
  const walk = (path: string, top: boolean): number => {
    const s = tryStat(path, follow || top);
    if (!s) return 0;
    if (!s.isDirectory() && s.nlink > 1) {
      const key = `${s.dev}:${s.ino}`;
      if (seen.has(key)) return 0;
      seen.add(key);
    }
    if (!s.isDirectory()) return s.size;
    let sum = s.size;
    for (const name of readdirSync(path)) sum += walk(join(path, name), false);
    return sum;
  };
  return walk(host, true);
};

/** The names a `DIR/*` glob yields, in C-locale order. */
const glob = (io: SimIO, dir: string): string[] => {
  try {
    return io.fs
      .list(io.fs.resolve(dir, io.cwd))
      .filter((n) => !n.startsWith('.'))
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  } catch {
    return [];
  }
};

export const modelLibraryNative: Program = async (io) => {
  const host = (path: string) => io.fs.hostPath(io.fs.resolve(path, io.cwd));
  const isDir = (path: string) => tryStat(host(path), true)?.isDirectory() === true;
  const isFile = (path: string) => tryStat(host(path), true)?.isFile() === true;
  const env = (name: string): string | undefined => (io.env[name] === '' ? undefined : io.env[name]);
  const home = io.env['HOME'] ?? io.fs.home;
  const ggufNames = (dir: string) => glob(io, dir).filter((n) => n.endsWith('.gguf') && isFile(`${dir}/${n}`));
  const hasModel = (dir: string) => isFile(`${dir}/config.json`) || ggufNames(dir).length > 0;

  const config = (path: string): string => {
    if (!isFile(path)) return '';
    const buffer = Buffer.alloc(configBytes);
    const fd = openSync(host(path), 'r');
    try {
      const n = readSync(fd, buffer, 0, configBytes, 0);
      return buffer.subarray(0, n).toString('utf8').replace(/\0/g, '');
    } finally {
      closeSync(fd);
    }
  };
  const model = (source: string, path: string, content: string, revision: string): void => {
    io.write(['dir', source, path, content, revision, duBytes(host(path), false)].map(field).join('') + field(config(`${content}/config.json`)));
    for (const name of ggufNames(content)) io.write(['gguf', source, content, `${content}/${name}`, duBytes(host(`${content}/${name}`), true)].map(field).join(''));
  };

  const hub = env('HF_HUB_CACHE') ?? env('HUGGINGFACE_HUB_CACHE') ?? `${env('HF_HOME') ?? `${home}/.cache/huggingface`}/hub`;
  for (const name of glob(io, hub).filter((n) => n.startsWith('models--'))) {
    const repo = `${hub}/${name}`;
    if (!isDir(`${repo}/snapshots`)) continue;
    let revision = isFile(`${repo}/refs/main`) ? (io.fs.readText(io.fs.resolve(`${repo}/refs/main`, io.cwd)).split('\n')[0] ?? '') : '';
    if (revision === '' || !isDir(`${repo}/snapshots/${revision}`)) revision = glob(io, `${repo}/snapshots`).filter((s) => isDir(`${repo}/snapshots/${s}`)).at(-1) ?? '';
    if (revision !== '') model('hf', repo, `${repo}/snapshots/${revision}`, revision);
  }

  const ms = env('MODELSCOPE_CACHE') ?? `${home}/.cache/modelscope/hub`;
  for (const org of glob(io, `${ms}/models`)) {
    for (const name of glob(io, `${ms}/models/${org}`)) {
      const dir = `${ms}/models/${org}/${name}`;
      if (isDir(dir) && hasModel(dir)) model('modelscope', dir, dir, '');
    }
  }

  for (const given of io.argv) {
    const top = given === '~' ? home : given.startsWith('~/') ? `${home}/${given.slice(2)}` : given;
    if (!isDir(top)) {
      io.write(['missing', top].map(field).join(''));
      continue;
    }
    if (isFile(`${top}/config.json`)) {
      model('folder', top, top, '');
      continue;
    }
    for (const name of glob(io, top)) {
      const path = `${top}/${name}`;
      if (isDir(path)) {
        if (hasModel(path)) model('folder', path, path, '');
      } else if (name.endsWith('.gguf') && isFile(path)) io.write(['gguf', 'folder', '', path, duBytes(host(path), true)].map(field).join(''));
    }
  }

  const ollama = programs['ollama'];
  if (!ollama) io.write(field('ollama-missing'));
  else {
    let out = '';
    const status = await ollama({ ...io, program: 'ollama', argv: ['list'], write: (t) => (out += t), error: (t) => (out += t), stdin: async () => '' });
    // $(…) drops the trailing newlines.
    io.write(['ollama', status, out.replace(/\n+$/, '')].map(field).join(''));
  }
  io.write(field('end'));
  return 0;
};
