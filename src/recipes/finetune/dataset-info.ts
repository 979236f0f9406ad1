/**
 * Registering a dataset in LLaMA Factory's data/dataset_info.json: the new entry merged into the
 * file as it is (every other entry kept whole, unknown keys included, order kept), a name already
 * there refused before anything is written, and the write atomic on the box: a temp file beside
 * it, then mv — only if the file still has the bytes that were merged into (sha256), so an edit
 * made in between is never lost.
 */
import type { DatasetCheck, DatasetFormat } from '../../domain/finetune.js';
import { raw, remotePath, sh } from '../../remote/quote.js';

export interface NewDatasetEntry {
  readonly name: string;
  /** Relative to the data folder. */
  readonly fileName: string;
  readonly format: DatasetFormat;
  readonly columns: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>> | null;
}

/** The entry as LLaMA Factory documents it (data/README.md): formatting only for sharegpt, columns always spelled out. */
export const datasetInfoEntry = (e: NewDatasetEntry): Record<string, unknown> => ({
  file_name: e.fileName,
  ...(e.format === 'sharegpt' ? { formatting: 'sharegpt' } : {}),
  columns: { ...e.columns },
  ...(e.tags ? { tags: { ...e.tags } } : {}),
});

export const entryFromCheck = (name: string, fileName: string, check: DatasetCheck, format?: DatasetFormat): NewDatasetEntry | null => {
  const f = format ?? check.format;
  if (f === null) return null;
  return { name, fileName, format: f, columns: check.columns, tags: f === 'sharegpt' ? check.tags : null };
};

export type MergeResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'exists' | 'not-an-object' | 'not-json'; readonly message: string };

/**
 * `current` is the file's text, or null when it does not exist yet. The result is 2-space JSON
 * (the upstream file's own layout) with non-ASCII kept, ending in a newline.
 */
export const mergeDatasetInfo = (current: string | null, entry: NewDatasetEntry): MergeResult => {
  let info: Record<string, unknown> = {};
  if (current !== null && current.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(current.replace(/^\uFEFF/, ''));
    } catch (error) {
      return { ok: false, reason: 'not-json', message: `dataset_info.json is not valid JSON (${(error as Error).message}); fix it by hand first.` };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'not-an-object', message: 'dataset_info.json is not a JSON object of datasets.' };
    info = parsed as Record<string, unknown>;
  }
  if (Object.prototype.hasOwnProperty.call(info, entry.name)) return { ok: false, reason: 'exists', message: `A dataset named “${entry.name}” is already registered in dataset_info.json.` };
  // A plain object would treat "__proto__" as the prototype: build the result with defineProperty.
  const merged: Record<string, unknown> = {};
  for (const [k, v] of [...Object.entries(info), [entry.name, datasetInfoEntry(entry)] as const]) Object.defineProperty(merged, k, { value: v, enumerable: true, writable: true, configurable: true });
  return { ok: true, text: `${JSON.stringify(merged, null, 2)}\n` };
};

/** Prints a marker line saying whether the file exists, then the file. Plain `&&`/`||` lists: the demo box's shell has no `if`. */
export const readDatasetInfoCommand = (dataDir: string): string => {
  const f = remotePath(`${dataDir}/dataset_info.json`);
  return sh`test -e ${f} && echo PGX-EXISTS && cat ${f}; test -e ${f} || echo PGX-MISSING`;
};

export const parseDatasetInfoRead = (output: string): string | null => {
  if (output.startsWith('PGX-MISSING')) return null;
  if (output.startsWith('PGX-EXISTS\n')) return output.slice('PGX-EXISTS\n'.length);
  throw new Error('unexpected output reading dataset_info.json');
};

/** What writeDatasetInfoCommand prints once the new file is in place. */
export const datasetInfoWritten = 'PGX-WRITTEN';

/**
 * Writes its stdin as dataset_info.json atomically: a temp file in the same folder, then mv over
 * the file — only if the file is still as read (`readSha256` of its bytes; null: it did not exist
 * and must still not exist). Prints datasetInfoWritten when it did; the temp file never stays.
 */
export const writeDatasetInfoCommand = (dataDir: string, readSha256: string | null, tempSuffix: string): string => {
  if (!/^[a-z0-9-]{1,40}$/.test(tempSuffix)) throw new Error('bad temp suffix');
  if (readSha256 !== null && !/^[0-9a-f]{64}$/.test(readSha256)) throw new Error('bad sha256');
  const dir = remotePath(dataDir);
  const temp = `.dataset_info.json.pgx-${tempSuffix}`;
  const unchanged = readSha256 === null ? 'test ! -e dataset_info.json' : sh`printf '%s  dataset_info.json\\n' ${readSha256} | sha256sum -c --status -`;
  return sh`mkdir -p ${dir} && cd ${dir} && cat > ${temp} && ${raw(unchanged)} && mv -f ${temp} dataset_info.json && echo ${datasetInfoWritten}; rm -f ${remotePath(`${dataDir}/${temp}`)}`;
};

/** The name a file gets in the data folder: its own name when free of path tricks. */
export const dataFileName = (path: string): string => {
  const base = path.split('/').pop() ?? '';
  return base === '' || base === '.' || base === '..' ? 'dataset.json' : base;
};

/** Copies a file into the data folder; prints PGX-EXISTS and copies nothing when one of that name is there. */
export const copyIntoDataDirCommand = (from: string, dataDir: string, fileName: string): string => {
  const to = remotePath(`${dataDir}/${fileName}`);
  return sh`test -e ${to} && echo PGX-EXISTS; test -e ${to} || mkdir -p ${remotePath(dataDir)} && test ! -e ${to} && cp ${remotePath(from)} ${to}`;
};
