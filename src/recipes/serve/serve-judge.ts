/**
 * A serve launch judged by the memory guard: the launch's memory setting and the model's weights
 * become a LaunchPlan; without a size for the weights there is nothing to judge and the review
 * step says so. Ollama's model is judged by its size on disk and its default context.
 */
import type { MemoryJudgementView } from '../../domain/serve.js';
import { type BoxMemory, judgeLaunch, type KvCacheSetting, kvSettingOf, memoryGuardLimits, type MemoryHolder, type MemoryJudgement } from '../memory-guard.js';
import type { WeightsSize } from '../memory-model.js';
import type { ServeLaunch } from './serve-launch.js';

/**
 * Ollama loads a model with its default 4096-token context: Qwen3-30B-A3B's KV cache at that size
 * is 4096 × 48 layers × 4 KV heads × 128 × 2 (K and V) × 2 bytes = 384 MiB, so the guard's
 * smallest KV cache (1 GiB) covers the library's models up to that class. The weights are the
 * model's size on disk (the GGUF blob, as `ollama list` says).
 */
const ollamaKvCache: KvCacheSetting = { kind: 'bytes', bytes: memoryGuardLimits.minKvCacheBytes, flag: null };

export type ServeJudgement = { readonly judgement: MemoryJudgement; readonly unjudged: null } | { readonly judgement: null; readonly unjudged: string };

export const judgeServeLaunch = (launch: ServeLaunch, weights: WeightsSize | null, box: BoxMemory | null, others: readonly MemoryHolder[]): ServeJudgement => {
  if (box === null) return { judgement: null, unjudged: 'The box’s memory could not be read (/proc/meminfo has no MemAvailable): the memory guard cannot judge this launch.' };
  if (weights === null) {
    return launch.engine === 'ollama'
      ? { judgement: null, unjudged: 'The model’s size is unknown until Ollama has pulled it (it is not in the model library or `ollama list`): the memory guard cannot judge this launch.' }
      : { judgement: null, unjudged: 'The model’s size is unknown (not in the model library, and its name gives no parameter count): the memory guard cannot judge this launch.' };
  }
  const kvCache = launch.engine === 'ollama' ? ollamaKvCache : kvSettingOf(launch.engine, launch.memory);
  if (kvCache === null) return { judgement: null, unjudged: 'The KV cache of this context size is unknown without the model’s config: the memory guard cannot judge this launch.' };
  return { judgement: judgeLaunch({ engine: launch.engine, weights, kvCache }, box, others), unjudged: null };
};

/** The judgement as the contract carries it. */
export const judgementView = (j: MemoryJudgement): MemoryJudgementView => ({
  ...j,
  terms: j.terms.map((t) => ({ ...t })),
  holders: j.holders.map((h) => ({ ...h })),
  fixes: j.fixes.map((f) => {
    const { kind, text, ...facts } = f;
    return { kind, text, ...facts };
  }),
});
