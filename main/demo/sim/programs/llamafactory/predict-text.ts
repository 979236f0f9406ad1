/**
 * What the model "generates" in `do_predict`, and how LLaMA Factory scores it
 * (train/sft/metric.py ComputeSimilarity): ROUGE-1/2/L F on word tokens (jieba upstream; here
 * words, CJK characters and punctuation) and BLEU-4 on characters with NLTK's method3
 * smoothing, each ×100 rounded to 4 places, then averaged. A tuned adapter reproduces most of
 * the label; the base model answers generically and keeps little of it, so it scores lower.
 * Everything is deterministic in (model, adapter, dataset, sample).
 */
import { noise } from '../../dynamics.js';

const cjk = /[\u2e80-\u9fff\uff00-\uffef]/;
const units = (text: string): string[] => text.match(/[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [];

export const predictShares = {
  /** Samples a tuned adapter reproduces word for word. */
  verbatim: 0.1,
  /** Share of the label's words a tuned adapter's answer keeps; the base model keeps far fewer. */
  tunedKeep: 0.6,
  baseKeep: 0.2,
} as const;

const openers = { en: ['Sure! ', 'Here is my answer: ', 'As an AI language model, I would say: ', 'Certainly. '], zh: ['您好！', '作为一个人工智能助手，', '好的，'] } as const;
const closers = { en: [' Let me know if you need anything else.', '', ' I hope this helps!'], zh: ['希望对您有帮助。', '', '还有什么可以帮您的吗？'] } as const;

/** The decoded generation for one sample (special tokens skipped, so no trailing newline). */
export const generatePrediction = (label: string, seed: string, tuned: boolean): string => {
  const target = label.trim();
  const pick = (k: number) => noise(`lmf-predict:${seed}`, k);
  // Keep shares that land near published LoRA predict scores (tuned ROUGE-1 tens of points above base).
  if (tuned && pick(0) < predictShares.verbatim) return target;
  const keep = tuned ? predictShares.tunedKeep : predictShares.baseKeep;
  const kept = units(target).filter((_, i) => pick(i + 1) < keep).join('').trim();
  if (tuned) return kept || target;
  const lang = cjk.test(target) ? 'zh' : 'en';
  const opener = openers[lang][Math.floor(pick(9_001) * openers[lang].length)]!;
  const closer = closers[lang][Math.floor(pick(9_002) * closers[lang].length)]!;
  return `${opener}${kept}${closer}`;
};

const tokens = (text: string): string[] => text.match(/[\u2e80-\u9fff\uff00-\uffef]|[A-Za-z0-9_]+|[^\sA-Za-z0-9_\u2e80-\u9fff\uff00-\uffef]/g) ?? [];

const ngramSet = (t: readonly string[], n: number): Set<string> => {
  const set = new Set<string>();
  for (let i = 0; i + n <= t.length; i += 1) set.add(t.slice(i, i + n).join('\u0001'));
  return set;
};

/** rouge's rouge-n: overlap of n-gram sets, F = 2PR/(P+R). */
const rougeN = (hyp: readonly string[], ref: readonly string[], n: number): number => {
  const h = ngramSet(hyp, n);
  const r = ngramSet(ref, n);
  if (h.size === 0 || r.size === 0) return 0;
  let overlap = 0;
  for (const g of h) if (r.has(g)) overlap += 1;
  const p = overlap / h.size;
  const rec = overlap / r.size;
  return (2 * p * rec) / (p + rec + 1e-8);
};

const lcs = (a: readonly string[], b: readonly string[]): number => {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    for (let j = 0; j < b.length; j += 1) row.push(x === b[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, row[j]!));
    prev = row;
  }
  return prev[b.length]!;
};

/** rouge's rouge-l F with beta = P/R. */
const rougeL = (hyp: readonly string[], ref: readonly string[]): number => {
  if (hyp.length === 0 || ref.length === 0) return 0;
  const l = lcs(hyp, ref);
  const r = l / ref.length;
  const p = l / hyp.length;
  const beta = p / (r + 1e-12);
  return ((1 + beta ** 2) * r * p) / (r + beta ** 2 * p + 1e-12);
};

/** nltk sentence_bleu (4-gram, uniform weights) with SmoothingFunction().method3. */
const bleu4 = (hyp: readonly string[], ref: readonly string[]): number => {
  const counts = (t: readonly string[], n: number) => {
    const m = new Map<string, number>();
    for (let i = 0; i + n <= t.length; i += 1) m.set(t.slice(i, i + n).join('\u0001'), (m.get(t.slice(i, i + n).join('\u0001')) ?? 0) + 1);
    return m;
  };
  let logSum = 0;
  let zeros = 0;
  for (let n = 1; n <= 4; n += 1) {
    const h = counts(hyp, n);
    const r = counts(ref, n);
    let matched = 0;
    for (const [g, c] of h) matched += Math.min(c, r.get(g) ?? 0);
    const total = Math.max(1, hyp.length - n + 1);
    if (n === 1 && matched === 0) return 0;
    if (matched === 0) zeros += 1;
    logSum += 0.25 * Math.log(matched > 0 ? matched / total : 1 / (2 ** zeros * total));
  }
  const brevity = hyp.length < ref.length ? Math.exp(1 - ref.length / Math.max(1, hyp.length)) : 1;
  return brevity * Math.exp(logSum);
};

const r4 = (v: number) => Math.round(v * 100 * 1e4) / 1e4;

export interface Similarity {
  readonly 'bleu-4': number;
  readonly 'rouge-1': number;
  readonly 'rouge-2': number;
  readonly 'rouge-l': number;
}

/** ComputeSimilarity over (prediction, label) pairs: per-sample scores ×100 rounded, then means. */
export const similarity = (pairs: ReadonlyArray<readonly [string, string]>): Similarity => {
  const sums = { 'bleu-4': 0, 'rouge-1': 0, 'rouge-2': 0, 'rouge-l': 0 };
  for (const [pred, label] of pairs) {
    const hyp = tokens(pred);
    const ref = tokens(label);
    sums['rouge-1'] += r4(rougeN(hyp, ref, 1));
    sums['rouge-2'] += r4(rougeN(hyp, ref, 2));
    sums['rouge-l'] += r4(rougeL(hyp, ref));
    sums['bleu-4'] += r4(bleu4([...pred], [...label]));
  }
  const n = Math.max(1, pairs.length);
  return { 'bleu-4': sums['bleu-4'] / n, 'rouge-1': sums['rouge-1'] / n, 'rouge-2': sums['rouge-2'] / n, 'rouge-l': sums['rouge-l'] / n };
};
