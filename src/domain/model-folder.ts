import { z } from 'zod';

/**
 * A folder on the box the model library scans besides the hub caches (Settings → Model folders).
 * Only full paths: `/data/llm-model`, or `~/models` (`~` is the box user's home, expanded on the
 * box). A relative path would depend on where the scan's shell starts; `..` makes a path say
 * something other than what it reads; a newline or NUL cannot be a folder the user typed.
 */
export const modelFolderLimits = {
  /** Longer than Linux's PATH_MAX (4096) cannot be opened anyway. */
  maxLength: 4096,
  /** Each folder is one argument of the scan's command line and one `du` walk; a few are normal. */
  maxFolders: 32,
} as const;

export type ModelFolderProblem = 'not-absolute' | 'bad-characters' | 'too-long';

/** Why a typed folder is refused, or null when it is a folder the scan can take. */
export const modelFolderProblem = (folder: string): ModelFolderProblem | null => {
  if (folder.length > modelFolderLimits.maxLength) return 'too-long';
  if (/[\0\n\r]/.test(folder)) return 'bad-characters';
  if (!(folder.startsWith('/') || folder === '~' || folder.startsWith('~/'))) return 'not-absolute';
  if (folder.split('/').includes('..')) return 'not-absolute';
  return null;
};

/** The same folder written once: no trailing slash (except `/` itself), no doubled slashes. */
export const normalizeModelFolder = (folder: string): string => {
  const collapsed = folder.trim().replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/+$/, '') : collapsed;
};

export const ModelFolder = z
  .string()
  .trim()
  .min(1)
  .max(modelFolderLimits.maxLength)
  .refine((f) => modelFolderProblem(f) === null, { message: 'A model folder is a full path on the box: starting with / or ~/, without .. or line breaks.' });

export const ModelFolders = z.array(ModelFolder).max(modelFolderLimits.maxFolders);
