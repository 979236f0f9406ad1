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
