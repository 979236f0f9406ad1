/** What a model's name says: its size (`30B-A3B`, `0.6B`, `1.7b`) and a GGUF quant type (`Q4_K_M`). */
import type { ParameterCount } from '../../domain/model.js';

/**
 * llama.cpp's file types as they appear in file names and Ollama tags: Q4_K_M, Q5_K_S, Q8_0,
 * IQ4_XS, TQ1_0, Unsloth's UD-Q4_K_XL, F16/BF16/F32, MXFP4. Case-insensitive (`q4_k_m`).
 */
const quantPattern = /(?:^|[-_.:])((?:UD-)?(?:I?Q\d(?:_K)?(?:_(?:XXS|XS|S|M|L|XL|NL|\d))?|TQ\d_\d|BF16|F16|F32|FP16|MXFP4))(?=$|[-_.])/i;

export const ggufQuantType = (name: string): string | null => {
  const match = quantPattern.exec(name.replace(/\.gguf$/i, ''));
  return match ? match[1]!.toUpperCase() : null;
};

/**
 * `Qwen3-30B-A3B` → 30e9 total, 3e9 active; `Qwen3-0.6B` → 0.6e9; `qwen3-30b-a3b` (an Ollama tag
 * with `:` made `-`) too. `e4b`-style effective sizes and `8x7B` are left alone (not a total).
 */
export const parametersFromName = (name: string): ParameterCount | null => {
  const base = name.split('/').pop() ?? name;
  const match = /(?:^|[-_.])(\d+(?:\.\d+)?)([BM])(?:[-_.]A(\d+(?:\.\d+)?)B)?(?=$|[-_.])/i.exec(base);
  if (!match) return null;
  const scale = match[2]!.toUpperCase() === 'M' ? 1e6 : 1e9;
  return { total: Number(match[1]) * scale, active: match[3] !== undefined ? Number(match[3]) * 1e9 : null, basis: 'name' };
};
