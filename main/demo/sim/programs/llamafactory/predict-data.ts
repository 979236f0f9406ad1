/**
 * The samples `do_predict` generates for: each eval_dataset read through its dataset_info.json
 * entry (alpaca: instruction + "\n" + input → output; sharegpt: the turns before the last
 * assistant turn → that turn), cut to max_samples per dataset as the loader does.
 */
import { posix } from 'node:path';
import type { SimIO } from '../../io.js';
import { num, resolveDatasets, str, type TrainConfig } from './config.js';

export interface Sample {
  readonly dataset: string;
  /** The data file's name, as `Loading dataset X...` shows it. */
  readonly file: string;
  readonly query: string;
  readonly response: string;
  readonly system: string | undefined;
}

type Entry = { file_name?: string; formatting?: string; columns?: Record<string, string>; tags?: Record<string, string> };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const parseRecords = (raw: string): unknown[] => {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return raw.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  }
};

const fromRecord = (dataset: string, file: string, entry: Entry, record: Record<string, unknown>): Sample | undefined => {
  const c = entry.columns ?? {};
  if (entry.formatting === 'sharegpt') {
    const t = { role: 'from', content: 'value', user: 'human', assistant: 'gpt', ...entry.tags } as Record<string, string>;
    const messages = record[c['messages'] ?? 'conversations'];
    if (!Array.isArray(messages)) return undefined;
    const turns = messages as Array<Record<string, unknown>>;
    const last = turns.map((m) => m[t['role_tag'] ?? t['role']!]).lastIndexOf(t['assistant_tag'] ?? t['assistant']);
    const user = turns.slice(0, Math.max(0, last)).reverse().find((m) => m[t['role_tag'] ?? t['role']!] === (t['user_tag'] ?? t['user']));
    if (last < 0 || !user) return undefined;
    const content = t['content_tag'] ?? t['content']!;
    return { dataset, file, query: text(user[content]), response: text(turns[last]![content]), system: text(record[c['system'] ?? 'system']) || undefined };
  }
  const instruction = text(record[c['prompt'] ?? 'instruction']);
  const input = text(record[c['query'] ?? 'input']);
  return { dataset, file, query: input ? `${instruction}\n${input}` : instruction, response: text(record[c['response'] ?? 'output']), system: text(record[c['system'] ?? 'system']) || undefined };
};

export const readSamples = (io: SimIO, config: TrainConfig): Sample[] => {
  const datasets = resolveDatasets(io, config, 'eval_dataset'); // raises the real errors for bad names/files
  const dir = str(config, 'dataset_dir') ?? 'data';
  const info = JSON.parse(io.fs.readText(io.fs.resolve(posix.join(dir, 'dataset_info.json'), io.cwd))) as Record<string, Entry>;
  const maxSamples = num(config, 'max_samples', Number.POSITIVE_INFINITY);
  return datasets.flatMap((d) => {
    const records = parseRecords(io.fs.readText(io.fs.resolve(d.file, io.cwd))).slice(0, maxSamples);
    return records.flatMap((r) => {
      const sample = r && typeof r === 'object' ? fromRecord(d.name, posix.basename(d.file), info[d.name] ?? {}, r as Record<string, unknown>) : undefined;
      return sample ? [sample] : [];
    });
  });
};
