/**
 * What a model folder's config.json says: architecture, model type, dtype, quantisation and an
 * estimate of the parameter count from its shapes. The text may be cut (the listing sends the
 * first 64 KiB) or broken; then the few fields we need are picked out of it by pattern.
 */
import { z } from 'zod';
import type { ParameterCount, Quantization } from '../../domain/model.js';

/** Each field is read on its own: one odd value does not discard the rest of the config. */
const count = z.number().int().positive().optional().catch(undefined);

const Shape = z.object({
  hidden_size: count,
  num_hidden_layers: count,
  intermediate_size: count,
  vocab_size: count,
  num_attention_heads: count,
  num_key_value_heads: count,
  head_dim: count,
  tie_word_embeddings: z.boolean().optional().catch(undefined),
  // Mixture of experts, as Qwen3-MoE / Mixtral / gpt-oss / DeepSeek spell it.
  num_experts: count,
  num_local_experts: count,
  n_routed_experts: count,
  num_experts_per_tok: count,
  experts_per_token: count,
  moe_intermediate_size: count,
  n_shared_experts: count,
  shared_expert_intermediate_size: count,
  first_k_dense_replace: z.number().int().nonnegative().optional().catch(undefined),
});
type Shape = z.infer<typeof Shape>;

const ModelConfig = Shape.extend({
  architectures: z.array(z.string()).optional().catch(undefined),
  model_type: z.string().optional().catch(undefined),
  torch_dtype: z.string().optional().catch(undefined),
  dtype: z.string().optional().catch(undefined),
  quantization_config: z.record(z.string(), z.unknown()).optional().catch(undefined),
  /** Multimodal models (Gemma 3, Qwen-VL) keep the language model's shapes here. */
  text_config: Shape.optional().catch(undefined),
});

export interface ConfigFacts {
  /** Whether there was a config.json at all. */
  readonly present: boolean;
  readonly architecture: string | null;
  readonly modelType: string | null;
  readonly dtype: string | null;
  readonly quantization: Quantization | null;
  readonly parameters: ParameterCount | null;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** quantization_config → what people call the format. */
export const quantizationOf = (qc: Readonly<Record<string, unknown>>): Quantization | null => {
  const method = str(qc['quant_method'])?.toLowerCase();
  if (method === undefined) return qc['load_in_4bit'] === true ? { method: 'bitsandbytes', label: 'bitsandbytes 4-bit' } : null;
  const bits = typeof qc['bits'] === 'number' ? qc['bits'] : 4;
  const format = str(qc['format'])?.toLowerCase() ?? '';
  switch (method) {
    case 'modelopt':
      return { method, label: str(qc['quant_algo'])?.toUpperCase() ?? 'ModelOpt' };
    case 'awq':
      return { method, label: `AWQ ${bits}-bit` };
    case 'gptq':
      return { method, label: `GPTQ ${bits}-bit` };
    case 'compressed-tensors':
      return {
        method,
        label: format.includes('nvfp4') ? 'NVFP4' : format.includes('float') ? 'FP8' : format === 'pack-quantized' ? 'W4A16' : format === 'int-quantized' ? 'INT8' : 'compressed-tensors',
      };
    case 'bitsandbytes':
      return { method, label: qc['load_in_4bit'] === true ? 'bitsandbytes 4-bit' : 'bitsandbytes 8-bit' };
    default:
      return { method, label: method.toUpperCase() };
  }
};

/**
 * Parameters from the shapes: embeddings (twice unless tied), attention (q, k, v, o) and the MLP
 * or the experts (plus router and shared experts) per layer. Norms and biases are left out (well
 * under 0.1 %). Qwen3-8B gives 8.19e9, Qwen3-30B-A3B 30.5e9 (3.3e9 active), gpt-oss-120b 116.8e9.
 * Active counts the embeddings too (Qwen's convention; OpenAI's 5.1B for gpt-oss-120b leaves the
 * input embeddings out, ours reads 5.7B).
 */
export const estimateParameters = (s: Shape): ParameterCount | null => {
  const { hidden_size: hidden, num_hidden_layers: layers, vocab_size: vocab, num_attention_heads: heads } = s;
  if (!hidden || !layers || !vocab || !heads) return null;
  const headDim = s.head_dim ?? hidden / heads;
  const kvHeads = s.num_key_value_heads ?? heads;
  const attention = 2 * hidden * heads * headDim + 2 * hidden * kvHeads * headDim;
  const embeddings = vocab * hidden * (s.tie_word_embeddings === true ? 1 : 2);
  const experts = s.num_experts ?? s.num_local_experts ?? s.n_routed_experts;
  const expertSize = s.moe_intermediate_size ?? s.intermediate_size;
  if (experts && expertSize) {
    const perExpert = 3 * hidden * expertSize;
    const shared = (s.n_shared_experts ?? 0) * perExpert + (s.shared_expert_intermediate_size ? 3 * hidden * s.shared_expert_intermediate_size : 0);
    const denseLayers = Math.min(layers, s.first_k_dense_replace ?? 0);
    const dense = s.intermediate_size ? 3 * hidden * s.intermediate_size : perExpert;
    const perToken = s.num_experts_per_tok ?? s.experts_per_token ?? 1;
    const moeLayers = layers - denseLayers;
    const base = embeddings + layers * attention + denseLayers * dense + moeLayers * (hidden * experts + shared);
    return { total: base + moeLayers * experts * perExpert, active: base + moeLayers * perToken * perExpert, basis: 'config' };
  }
  if (!s.intermediate_size) return null;
  return { total: embeddings + layers * (attention + 3 * hidden * s.intermediate_size), active: null, basis: 'config' };
};

const pick = (text: string, key: string): string | undefined => new RegExp(`"${key}"\\s*:\\s*\\[?\\s*"([^"]*)"`).exec(text)?.[1];

/** A config cut short or broken: the names that matter, by pattern. */
const fromFragment = (text: string): ConfigFacts => {
  const method = pick(text, 'quant_method');
  const algo = pick(text, 'quant_algo');
  return {
    present: true,
    architecture: pick(text, 'architectures') ?? null,
    modelType: pick(text, 'model_type') ?? null,
    dtype: pick(text, 'torch_dtype') ?? pick(text, 'dtype') ?? null,
    quantization: method ? quantizationOf({ quant_method: method, ...(algo ? { quant_algo: algo } : {}) }) : null,
    parameters: null,
  };
};

export const readModelConfig = (text: string): ConfigFacts => {
  if (text.trim() === '') return { present: false, architecture: null, modelType: null, dtype: null, quantization: null, parameters: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fromFragment(text);
  }
  const parsed = ModelConfig.safeParse(json);
  if (!parsed.success) return fromFragment(text);
  const c = parsed.data;
  const shape = c.hidden_size === undefined && c.text_config ? c.text_config : c;
  return {
    present: true,
    architecture: c.architectures?.[0] ?? null,
    modelType: c.model_type ?? null,
    dtype: c.torch_dtype ?? c.dtype ?? null,
    quantization: c.quantization_config ? quantizationOf(c.quantization_config) : null,
    parameters: estimateParameters(shape),
  };
};
