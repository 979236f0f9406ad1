/**
 * The model library from modelLibraryCommand's output (NUL-terminated fields, see
 * src/remote/commands/model-library.ts): one ModelEntry per model folder, loose GGUF file and
 * Ollama model, with what config.json, the file names and `ollama list` say about each.
 */
import type { GgufFile, ModelEntry, ModelSource } from '../../domain/model.js';
import { parseOllamaList } from './ollama-tables.js';
import { readModelConfig } from './model-config.js';
import { ggufQuantType, parametersFromName } from './model-names.js';

export type OllamaListing =
  | { readonly kind: 'ok' }
  | { readonly kind: 'missing' }
  /** `ollama list` failed (daemon down: "could not connect to ollama app, is it running?"). */
  | { readonly kind: 'error'; readonly message: string };

export interface ModelLibrary {
  readonly entries: readonly ModelEntry[];
  readonly ollama: OllamaListing;
  /** User folders that are not on the box. */
  readonly missingFolders: readonly string[];
  /** False when the output stopped before its `end` record (channel cut, timeout). */
  readonly complete: boolean;
}

const sources: Readonly<Record<string, ModelSource>> = { hf: 'huggingface', modelscope: 'modelscope', folder: 'folder' };

const baseName = (path: string): string => path.replace(/\/+$/, '').split('/').pop() ?? path;

/** `models--Qwen--Qwen3-0.6B` → `Qwen/Qwen3-0.6B`; ModelScope writes dots in names as `___`. */
const modelId = (source: ModelSource, path: string): string => {
  const parts = path.replace(/\/+$/, '').split('/');
  const name = parts.at(-1) ?? path;
  if (source === 'huggingface') return name.replace(/^models--/, '').replace('--', '/');
  if (source === 'modelscope') return `${parts.at(-2) ?? ''}/${name}`.replace(/___/g, '.');
  return name;
};

const size = (text: string | undefined): number | null => (text !== undefined && /^\d+$/.test(text) ? Number(text) : null);

const ggufFile = (path: string, bytes: string | undefined): GgufFile => ({ name: baseName(path), path, sizeBytes: size(bytes), quantType: ggufQuantType(baseName(path)) });

interface Folder {
  readonly source: ModelSource;
  readonly path: string;
  readonly content: string;
  readonly revision: string;
  readonly bytes: string | undefined;
  readonly config: string;
  readonly ggufs: GgufFile[];
}

const folderEntry = (folder: Folder): ModelEntry => {
  const id = modelId(folder.source, folder.path);
  const config = readModelConfig(folder.config);
  const gguf = folder.ggufs.length > 0 && config.architecture === null;
  return {
    id,
    source: folder.source,
    path: folder.path,
    servePath: folder.content,
    revision: folder.revision === '' ? null : folder.revision,
    sizeBytes: size(folder.bytes),
    architecture: config.architecture,
    modelType: config.modelType,
    parameters: config.parameters ?? parametersFromName(id),
    format: gguf ? { kind: 'gguf', files: folder.ggufs } : config.present ? { kind: 'safetensors', dtype: config.dtype, quantization: config.quantization } : { kind: 'unknown' },
  };
};

const ollamaEntries = (text: string): ModelEntry[] => {
  const table = parseOllamaList(text);
  if (!table.ok) return [];
  return table.rows.map((row) => ({
    id: row.name,
    source: 'ollama',
    path: null,
    servePath: null,
    revision: null,
    sizeBytes: row.sizeBytes,
    architecture: null,
    modelType: null,
    parameters: parametersFromName(row.name.replace(/:/g, '-')),
    format: { kind: 'ollama', id: row.id, quantType: ggufQuantType(row.name.split(':')[1] ?? '') },
  }));
};

export const parseModelLibrary = (output: string): ModelLibrary => {
  const fields = output.split('\0');
  fields.pop(); // what follows the last NUL is an unfinished field
  const folders: Folder[] = [];
  const loose: ModelEntry[] = [];
  const missingFolders: string[] = [];
  let ollamaRows: ModelEntry[] = [];
  let ollama: OllamaListing = { kind: 'missing' };
  let complete = false;
  const take = (n: number, at: number): string[] | undefined => (at + n <= fields.length ? fields.slice(at, at + n) : undefined);
  for (let i = 0; i < fields.length; ) {
    const tag = fields[i]!;
    i += 1;
    if (tag === 'dir') {
      const f = take(6, i);
      if (!f) break;
      i += 6;
      const source = sources[f[0]!];
      if (source) folders.push({ source, path: f[1]!, content: f[2]!, revision: f[3]!, bytes: f[4], config: f[5]!, ggufs: [] });
    } else if (tag === 'gguf') {
      const f = take(4, i);
      if (!f) break;
      i += 4;
      const file = ggufFile(f[2]!, f[3]);
      const owner = f[1] === '' ? undefined : folders.findLast((d) => d.content === f[1]);
      if (owner) owner.ggufs.push(file);
      else
        loose.push({
          id: file.name,
          source: sources[f[0]!] ?? 'folder',
          path: file.path,
          servePath: file.path,
          revision: null,
          sizeBytes: file.sizeBytes,
          architecture: null,
          modelType: null,
          parameters: parametersFromName(file.name),
          format: { kind: 'gguf', files: [file] },
        });
    } else if (tag === 'missing') {
      const f = take(1, i);
      if (!f) break;
      i += 1;
      missingFolders.push(f[0]!);
    } else if (tag === 'ollama') {
      const f = take(2, i);
      if (!f) break;
      i += 2;
      if (f[0] === '0') {
        ollama = { kind: 'ok' };
        ollamaRows = ollamaEntries(f[1]!);
      } else ollama = { kind: 'error', message: f[1]!.trim() };
    } else if (tag === 'ollama-missing') {
      ollama = { kind: 'missing' };
    } else if (tag === 'end') {
      complete = true;
    }
    // An unknown tag is skipped field by field: a newer script's records do not break an older app.
  }
  return { entries: [...folders.map(folderEntry), ...loose, ...ollamaRows], ollama, missingFolders, complete };
};
