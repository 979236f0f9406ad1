/**
 * What a server serves: a folder on the box (the review's `/data/llm-model/...`), a Hugging Face
 * id read from the box's cache, a GGUF file for llama-server, or an Ollama model name. Values
 * reach the engine as single quoted words, but a word starting with `-` would still be read as
 * an option and `:` splits docker's -v, so each form is checked here with a sentence saying what
 * it must look like.
 */
import { z } from 'zod';

/** Control characters (newlines, tabs, escapes): no model folder or served name needs them. */
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/;

/** Hugging Face's repo id rule: `owner/name`, letters, digits, `-`, `_`, `.`, at most 96 each. */
const hfIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/** `qwen3:30b`, `library/qwen3`, `hf.co/unsloth/Qwen3-30B-A3B-GGUF:Q4_K_M`. */
const ollamaNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*){0,2}(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?$/;

const isBoxPath = (text: string): boolean => text.startsWith('/') || text.startsWith('~/');

const boxPathProblem = (text: string): string | null => {
  if (controlCharacters.test(text)) return 'a model path without control characters (newlines, tabs)';
  if (text.includes(':')) return 'a model path without ":" (docker -v splits on it)';
  if (text.replace(/\/+$/, '') === '' || text.replace(/\/+$/, '') === '~') return 'a model folder, not / or ~ itself';
  return null;
};

const limited = z.string().max(4096, 'at most 4096 characters');

/** A folder on the box (absolute or ~/…) or a Hugging Face id. */
export const ModelRef = limited.superRefine((text, ctx) => {
  if (isBoxPath(text)) {
    const problem = boxPathProblem(text);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  } else if (!hfIdPattern.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'a folder on the box (/… or ~/…) or a Hugging Face id like nvidia/Qwen3-30B-A3B-NVFP4' });
  }
});

/** A .gguf file on the box (absolute or ~/…). */
export const GgufPath = limited.superRefine((text, ctx) => {
  const problem = isBoxPath(text) ? boxPathProblem(text) : 'a GGUF file on the box: an absolute path or ~/…';
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  else if (!/\.gguf$/i.test(text)) ctx.addIssue({ code: 'custom', message: 'a .gguf file (llama-server reads GGUF only)' });
});

export const OllamaModelName = z.string().max(300).regex(ollamaNamePattern, 'an Ollama model name like qwen3:30b or hf.co/owner/repo:Q4_K_M');

/** What clients put in "model": free text, but never read as an option or broken over lines. */
export const ServedModelName = z
  .string()
  .min(1, 'a served model name')
  .max(200, 'at most 200 characters')
  .refine((s) => !controlCharacters.test(s), 'a served model name without control characters (newlines, tabs)')
  .refine((s) => !s.startsWith('-'), 'a served model name that does not start with "-" (the engine would read it as an option)')
  .refine((s) => s.trim() === s, 'a served model name without leading or trailing spaces');

export type ModelSource = { readonly kind: 'box-path'; readonly path: string } | { readonly kind: 'hf-id'; readonly id: string };

/** Which form a parsed ModelRef is. */
export const modelSource = (model: string): ModelSource => (isBoxPath(model) ? { kind: 'box-path', path: model.replace(/(.)\/+$/, '$1') } : { kind: 'hf-id', id: model });

/** The last part of a path (`/data/x/Qwen3-30B/` → `Qwen3-30B`). */
export const baseName = (path: string): string => path.replace(/\/+$/, '').split('/').pop() ?? path;

/** The folder a file is in (`~/models/x.gguf` → `~/models`, `/x.gguf` → `/`). */
export const folderOf = (path: string): string => {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
};

/** A Hugging Face cache snapshot folder (`…/hub/models--ORG--NAME/snapshots/COMMIT`) names its repo; hub ids never hold `--`. */
const hubSnapshot = /(?:^|\/)models--([^/]+?)--([^/]+)\/snapshots\/[^/]+\/?$/;

/** The name clients use when none is given: the repo id of a hub cache snapshot, a folder's or file's name, or the Hugging Face id. */
export const defaultServedName = (model: string): string => {
  const source = modelSource(model);
  if (source.kind === 'hf-id') return source.id;
  const snapshot = hubSnapshot.exec(source.path);
  return snapshot ? `${snapshot[1]}/${snapshot[2]}` : baseName(source.path).replace(/\.gguf$/i, '');
};
