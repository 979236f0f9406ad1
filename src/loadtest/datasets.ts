/**
 * The prompts a load test sends: bundled open questions (English or Chinese), random prompts of
 * about N tokens, or a user's file (one prompt per line, or ShareGPT JSON), always in a seeded
 * order so a run can be repeated.
 */
import type { LoadTestDataset } from '../domain/loadtest.js';
import { chinesePrompts } from './prompts-zh.js';
import { englishPrompts } from './prompts-en.js';
import { seededRandom, shuffled, type Random } from './rng.js';

/**
 * Short, common English words: each is one token in the tokenizers of the usual models (Llama,
 * Qwen, Gemma, GPT), and a leading space keeps it one. So a prompt of N words is about N tokens —
 * approximate: the chat template adds a few, and a tokenizer may merge or split now and then.
 * The server's usage chunk says the exact count, and the report uses that.
 */
const words = ('the of and to in is was for on are with as at be by this had not but from or have an they which one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three')
  .split(' ');

/** A random prompt of about `tokens` tokens (one common word ≈ one token; see above). */
export const randomPrompt = (tokens: number, random: Random): string => {
  const out: string[] = [];
  for (let i = 0; i < tokens; i += 1) out.push(words[Math.floor(random() * words.length)]!);
  return out.join(' ');
};

/** `count` prompts of the dataset in a seeded order (a dataset smaller than `count` repeats, reshuffled each round). */
export const datasetPrompts = (dataset: LoadTestDataset, count: number, seed: number): string[] => {
  const random = seededRandom(seed);
  if (dataset.kind === 'random') return Array.from({ length: count }, () => randomPrompt(dataset.inputTokens, random));
  const pool = dataset.kind === 'bundled' ? (dataset.language === 'en' ? englishPrompts : chinesePrompts) : dataset.prompts;
  const out: string[] = [];
  while (out.length < count) out.push(...shuffled(pool, random).slice(0, count - out.length));
  return out;
};

export type PromptFile = { readonly ok: true; readonly prompts: string[]; readonly format: 'lines' | 'sharegpt' } | { readonly ok: false; readonly message: string };

const shareGptPrompts = (value: unknown): string[] | string => {
  if (!Array.isArray(value)) return 'it is JSON but not a list';
  const prompts: string[] = [];
  for (const [i, item] of value.entries()) {
    const turns = (item as { conversations?: unknown } | null)?.conversations;
    if (!Array.isArray(turns)) return `entry ${i + 1} has no "conversations" list`;
    const human = turns.find((t: unknown) => (t as { from?: unknown } | null)?.from === 'human') as { value?: unknown } | undefined;
    // ShareGPT dumps hold conversations that open with the model; those are skipped, as vLLM's loader does.
    if (human && typeof human.value === 'string' && human.value.trim() !== '') prompts.push(human.value);
  }
  return prompts;
};

/**
 * A user's prompt file: ShareGPT JSON (`[{conversations: [{from: 'human', value}]}]`, the first
 * human turn of each) when it starts with `[`, else one prompt per non-empty line.
 */
export const parsePromptFile = (name: string, text: string): PromptFile => {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { ok: false, message: `${name} is empty: a prompt file needs one prompt per line, or ShareGPT JSON.` };
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      value = undefined;
    }
    if (value !== undefined) {
      const prompts = shareGptPrompts(value);
      if (typeof prompts === 'string') return { ok: false, message: `${name} is not ShareGPT JSON (${prompts}): use [{"conversations": [{"from": "human", "value": "…"}]}], or one prompt per line.` };
      if (prompts.length === 0) return { ok: false, message: `${name} has no conversation with a human turn.` };
      return { ok: true, prompts, format: 'sharegpt' };
    }
    if (trimmed.startsWith('{')) return { ok: false, message: `${name} looks like JSON but does not parse: ShareGPT JSON is one list [{"conversations": …}], or give one prompt per line.` };
  }
  const prompts = trimmed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return { ok: true, prompts, format: 'lines' };
};
