/**
 * Approximate token counts, without the model's tokenizer: about one token per CJK character
 * (Qwen / Llama 3 BPE vocabularies hold most common Han characters whole or in pairs) and one per
 * four other characters (the usual English ratio). Good to size cutoff_len, not exact.
 */
import type { TokenHistogram } from '../../domain/finetune.js';

export const tokenMethod = '≈ 1 token per CJK character, 1 per 4 other characters (not the model’s tokenizer)';

const cjk = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

export const approximateTokens = (text: string): number => {
  let wide = 0;
  let other = 0;
  for (const c of text) {
    if (cjk.test(c)) wide += 1;
    else other += 1;
  }
  return wide + Math.ceil(other / 4);
};

/** A bin width of 1, 2 or 5 × 10^k giving at most `maxBins` bins up to `max`. */
const niceWidth = (max: number, maxBins: number): number => {
  const raw = Math.max(1, max / maxBins);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((w) => w >= raw) ?? 10 * power;
};

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export const tokenHistogram = (lengths: readonly number[], cutoffLen?: number, maxBins = 16): TokenHistogram => {
  const sorted = [...lengths].sort((a, b) => a - b);
  const min = sorted[0] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  const width = niceWidth(max + 1, maxBins);
  const first = Math.floor(min / width) * width;
  const bins: Array<{ from: number; to: number; count: number }> = [];
  for (let from = first; from <= max; from += width) bins.push({ from, to: from + width, count: 0 });
  for (const n of sorted) bins[Math.floor((n - first) / width)]!.count += 1;
  return {
    approximate: true,
    method: tokenMethod,
    min,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max,
    overCutoff: cutoffLen === undefined ? null : sorted.filter((n) => n > cutoffLen).length,
    bins,
  };
};
