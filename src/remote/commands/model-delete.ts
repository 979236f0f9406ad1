/**
 * Deleting a model the library found: the folder or file its scan named (never a path from the
 * renderer), or `ollama rm` for an Ollama model. Paths too short to be a model's own folder
 * (`/`, `/data`, the home folder) are refused whatever the scan said.
 */
import type { ModelEntry } from '../../domain/model.js';
import { sh } from '../quote.js';
import { InvalidDockerArgument } from './docker-names.js';

/** `/data/llm-model/X` has three parts; a model's own folder is never fewer than two deep. */
const minimumDepth = 2;

export const modelDeleteCommand = (entry: Pick<ModelEntry, 'source' | 'id' | 'path'>): string => {
  if (entry.source === 'ollama') {
    // A name from `ollama list` never starts with `-`; one that did would read as an option.
    if (entry.id === '' || entry.id.startsWith('-')) throw new InvalidDockerArgument(`"${entry.id}" is not an Ollama model name.`);
    return sh`ollama rm ${entry.id}`;
  }
  const path = entry.path;
  if (path === null || !path.startsWith('/') || path.includes('\0')) throw new InvalidDockerArgument('This model has no folder of its own to delete.');
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length < minimumDepth || parts.includes('..') || /^\/home\/[^/]+\/?$/.test(path) || path === '/root') {
    throw new InvalidDockerArgument(`${path} is not a model's own folder; delete it by hand if you mean it.`);
  }
  return sh`rm -rf -- ${path}`;
};
