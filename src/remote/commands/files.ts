/**
 * The file manager's shell commands (SFTP does the rest): deleting a folder with everything in it,
 * and the sizes of the folders that grow on a GB10 box, read with one `du -sb` over all of them.
 */
import type { CacheFolder } from '../../domain/transfer.js';
import { sh } from '../quote.js';
import { InvalidDockerArgument } from './docker-names.js';

type CacheKey = CacheFolder['key'];

/**
 * Where each folder is, as a shell expression. The model caches honour the same variables as the
 * model library (model-library.ts); Ollama's system service keeps its models under
 * /usr/share/ollama (the installer's user), a user-run `ollama serve` under ~/.ollama.
 */
interface FolderShell {
  /** The path when no variable says otherwise. */
  readonly fallback: string;
  /** Variables that move it, weakest first: `[NAME, the path it gives]`. */
  readonly overrides?: readonly (readonly [string, string])[];
}

// Plain `[ -n ]` tests rather than `${A:-${B:-…}}`: the same on every shell a box may run (and the demo box's).
const cacheFolderShell: Readonly<Record<CacheKey, FolderShell>> = {
  huggingface: { fallback: '$HOME/.cache/huggingface/hub', overrides: [['HF_HOME', '$HF_HOME/hub'], ['HUGGINGFACE_HUB_CACHE', '$HUGGINGFACE_HUB_CACHE'], ['HF_HUB_CACHE', '$HF_HUB_CACHE']] },
  modelscope: { fallback: '$HOME/.cache/modelscope/hub', overrides: [['MODELSCOPE_CACHE', '$MODELSCOPE_CACHE']] },
  ollama: { fallback: '$HOME/.ollama/models', overrides: [['OLLAMA_MODELS', '$OLLAMA_MODELS']] },
  'nsys-reports': { fallback: '$HOME/pgx-companion/profiles' },
  'llamafactory-output': { fallback: '$HOME/LLaMA-Factory/saves' },
  'pgx-jobs': { fallback: '$HOME/.pgx-companion/jobs' },
};

/** One shell variable per folder. */
const variable = (key: CacheKey): string => `d_${key.replace(/-/g, '_')}`;

export const cacheFolderKeys = Object.keys(cacheFolderShell) as CacheKey[];

const pathsMarker = '--- du ---';

/**
 * Prints `key=path` for every folder, a marker, then `du -sb` of them all. Each path is given to
 * du with a trailing slash so a folder that is a symlink (a cache moved to a bigger disk) is
 * measured where it points; a missing folder prints nothing on stdout (its error is dropped).
 */
export const cacheSizesCommand = (): string => {
  const lines = [
    ...cacheFolderKeys.flatMap((key) => {
      const { fallback, overrides = [] } = cacheFolderShell[key];
      return [`${variable(key)}="${fallback}"`, ...overrides.map(([name, path]) => `[ -n "$${name}" ] && ${variable(key)}="${path}"`)];
    }),
    `[ -d "$d_ollama" ] || d_ollama=/usr/share/ollama/.ollama/models`,
    `printf '%s\\n' ${cacheFolderKeys.map((key) => `"${key}=$${variable(key)}"`).join(' ')}`,
    `echo '${pathsMarker}'`,
    `du -sb -- ${cacheFolderKeys.map((key) => `"$${variable(key)}/"`).join(' ')} 2>/dev/null`,
    // du exits 1 when a folder is missing: that is an answer here, not a failure.
    'true',
  ];
  return lines.join('\n');
};

/** Reads cacheSizesCommand's output; null when it is not that output at all. */
export const parseCacheSizes = (stdout: string): CacheFolder[] | null => {
  const [head, tail] = stdout.split(`\n${pathsMarker}\n`);
  if (tail === undefined || head === undefined) return null;
  const paths = new Map<CacheKey, string>();
  for (const line of head.split('\n')) {
    const at = line.indexOf('=');
    const key = line.slice(0, at) as CacheKey;
    if (at > 0 && cacheFolderKeys.includes(key)) paths.set(key, line.slice(at + 1));
  }
  const sizes = new Map<string, number>();
  for (const line of tail.split('\n')) {
    const match = /^(\d+)\t(.*)$/.exec(line);
    if (match) sizes.set(match[2]!.replace(/\/+$/, ''), Number(match[1]));
  }
  if (paths.size !== cacheFolderKeys.length) return null;
  return cacheFolderKeys.map((key) => {
    const path = paths.get(key)!;
    return { key, path, bytes: sizes.get(path.replace(/\/+$/, '')) ?? null };
  });
};

/**
 * `rm -rf` of one file or folder on the box. `/`, the folders right under it and the home folder
 * itself are refused whatever the renderer asked: nobody means that from a file manager.
 */
export const deleteTreeCommand = (path: string, home: string): string => {
  if (!path.startsWith('/') || path.includes('\0')) throw new InvalidDockerArgument(`${path} is not an absolute path on the box.`);
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  const trimmed = `/${parts.join('/')}`;
  if (parts.length < 2 || parts.includes('..') || trimmed === home.replace(/\/+$/, '')) {
    throw new InvalidDockerArgument(`${trimmed} is too close to the root of the box to delete from here; delete it in a terminal if you mean it.`);
  }
  return sh`rm -rf -- ${path}`;
};
