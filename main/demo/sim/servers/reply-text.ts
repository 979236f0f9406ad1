/**
 * Deterministic "model output": words drawn from a small vocabulary seeded by the prompt, so a
 * reply is stable for a given prompt and a benchmark can count tokens exactly (one word = one
 * token; the first token carries no leading space, later ones do, like BPE output).
 */
const english = (
  'the box runs models locally with unified memory so weights and cache share one pool ' +
  'decode speed follows memory bandwidth while prefill follows compute and batching keeps ' +
  'the tensor cores busy when many requests arrive together latency stays low'
).split(' ');
const chinese = '统一 内存 让 模型 权重 与 缓存 共享 同一 资源 解码 速度 取决于 带宽 预填充 取决于 算力'.split(' ');

const hash = (text: string): number => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};

export const replyTokens = (prompt: string, count: number): string[] => {
  const vocabulary = /[\u4e00-\u9fff]/.test(prompt) ? chinese : english;
  const spacer = vocabulary === chinese ? '' : ' ';
  let state = hash(prompt) || 1;
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) {
    state = Math.imul(state ^ (state >>> 13), 1274126177) >>> 0;
    const word = vocabulary[state % vocabulary.length]!;
    tokens.push(i === 0 ? word : spacer + word);
  }
  return tokens;
};

/** Rough prompt token count (≈ 4 characters per token for English, 1 per CJK character). */
export const promptTokenCount = (text: string): number => {
  const cjk = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  return Math.max(1, cjk + Math.ceil((text.length - cjk) / 4));
};

const bigrams = (text: string): Set<string> => {
  const chars = [...text.replace(/\s+/g, ' ').trim().toLowerCase()];
  const set = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) set.add(`${chars[i]}${chars[i + 1]}`);
  return set;
};

/**
 * A tuned model's reply in its dataset's voice: the answer of the pair whose question is the
 * question asked, else the one sharing most character pairs with it, else one picked by the
 * question's hash. Cut into tokens as replyTokens does (CJK: a character each; else words), at
 * most `count`.
 */
export const voiceTokens = (pairs: ReadonlyArray<readonly [string, string]>, question: string, count: number): string[] => {
  if (pairs.length === 0) return replyTokens(question, count);
  const asked = question.trim();
  const wanted = bigrams(asked);
  let best = pairs.findIndex(([q]) => q.trim() === asked);
  if (best < 0) {
    let score = 0;
    pairs.forEach(([q], i) => {
      const shared = [...bigrams(q)].filter((b) => wanted.has(b)).length;
      if (shared > score) [best, score] = [i, shared];
    });
  }
  const answer = pairs[best >= 0 ? best : hash(asked) % pairs.length]![1];
  return (answer.match(/[\u2e80-\u9fff\uff00-\uffef]|\s*[^\s\u2e80-\u9fff\uff00-\uffef]+/g) ?? []).slice(0, count);
};
