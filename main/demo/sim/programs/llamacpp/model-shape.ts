/**
 * A transformer's shape, read from config.json (Hugging Face) or GGUF metadata, and the GGUF
 * tensor list llama.cpp derives from it (names, dimensions, per-layer counts). The counts match
 * real conversions: Qwen3-1.7B → 311 tensors (the capture's `n_tensors = 311`), Qwen3-30B-A3B
 * → 579, Llama-3.1-8B → 292, gpt-oss → 687.
 */
import type { GgufValue } from './gguf-file.js';

export interface ModelShape {
  /** GGUF architecture name: qwen3, qwen3moe, llama, gpt-oss, … */
  readonly arch: string;
  readonly layers: number;
  readonly hidden: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  /** Dense feed-forward width (0 when every layer is MoE). */
  readonly ff: number;
  readonly vocab: number;
  readonly context: number;
  readonly experts: number;
  readonly expertsUsed: number;
  readonly expertFf: number;
  readonly ropeTheta: number;
  readonly rmsEps: number;
}

export type TensorRole = 'embd' | 'output' | 'norm' | 'matrix' | 'router' | 'experts' | 'bias' | 'rope';

export interface TensorSpec {
  readonly name: string;
  /** GGUF order: ne0 (the row length) first. */
  readonly dims: readonly number[];
  readonly role: TensorRole;
}

const archOf: Record<string, string> = { qwen3: 'qwen3', qwen3_moe: 'qwen3moe', llama: 'llama', gpt_oss: 'gpt-oss', qwen2: 'qwen2', mistral: 'llama' };

const num = (config: Readonly<Record<string, unknown>>, key: string, fallback = 0): number => {
  const value = config[key];
  return typeof value === 'number' ? value : fallback;
};

export const shapeFromConfig = (config: Readonly<Record<string, unknown>>): ModelShape | undefined => {
  const modelType = typeof config['model_type'] === 'string' ? config['model_type'] : '';
  const arch = archOf[modelType];
  if (!arch) return undefined;
  const hidden = num(config, 'hidden_size');
  const heads = num(config, 'num_attention_heads', 1);
  const moe = arch === 'qwen3moe' || arch === 'gpt-oss';
  return {
    arch,
    layers: num(config, 'num_hidden_layers'),
    hidden,
    heads,
    kvHeads: num(config, 'num_key_value_heads', heads),
    headDim: num(config, 'head_dim', Math.floor(hidden / heads)),
    ff: arch === 'gpt-oss' ? 0 : num(config, 'intermediate_size'),
    vocab: num(config, 'vocab_size'),
    context: num(config, 'max_position_embeddings', 4096),
    experts: moe ? num(config, 'num_experts', num(config, 'num_local_experts')) : 0,
    expertsUsed: moe ? num(config, 'num_experts_per_tok', num(config, 'experts_per_token')) : 0,
    expertFf: arch === 'gpt-oss' ? num(config, 'intermediate_size') : num(config, 'moe_intermediate_size'),
    ropeTheta: num(config, 'rope_theta', 10000),
    rmsEps: num(config, 'rms_norm_eps', 1e-6),
  };
};

export const shapeToGguf = (s: ModelShape): Record<string, GgufValue> => ({
  [`${s.arch}.context_length`]: s.context,
  [`${s.arch}.embedding_length`]: s.hidden,
  [`${s.arch}.block_count`]: s.layers,
  [`${s.arch}.feed_forward_length`]: s.ff,
  [`${s.arch}.attention.head_count`]: s.heads,
  [`${s.arch}.attention.head_count_kv`]: s.kvHeads,
  [`${s.arch}.attention.key_length`]: s.headDim,
  [`${s.arch}.rope.freq_base`]: s.ropeTheta,
  [`${s.arch}.attention.layer_norm_rms_epsilon`]: s.rmsEps,
  [`${s.arch}.expert_count`]: s.experts,
  [`${s.arch}.expert_used_count`]: s.expertsUsed,
  [`${s.arch}.expert_feed_forward_length`]: s.expertFf,
  [`${s.arch}.vocab_size`]: s.vocab,
});

export const shapeFromGguf = (metadata: Readonly<Record<string, GgufValue>>): ModelShape | undefined => {
  const arch = metadata['general.architecture'];
  if (typeof arch !== 'string') return undefined;
  const n = (key: string) => {
    const value = metadata[`${arch}.${key}`];
    return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : 0;
  };
  return {
    arch,
    layers: n('block_count'),
    hidden: n('embedding_length'),
    heads: n('attention.head_count'),
    kvHeads: n('attention.head_count_kv'),
    headDim: n('attention.key_length'),
    ff: n('feed_forward_length'),
    vocab: n('vocab_size'),
    context: n('context_length'),
    experts: n('expert_count'),
    expertsUsed: n('expert_used_count'),
    expertFf: n('expert_feed_forward_length'),
    ropeTheta: n('rope.freq_base'),
    rmsEps: n('attention.layer_norm_rms_epsilon'),
  };
};

/** The tensors in llama.cpp's order: embeddings, per-block tensors, then the head. */
export const tensorList = (s: ModelShape): TensorSpec[] => {
  const t = (name: string, dims: number[], role: TensorRole): TensorSpec => ({ name, dims, role });
  const q = s.heads * s.headDim;
  const kv = s.kvHeads * s.headDim;
  const out: TensorSpec[] = [t('token_embd.weight', [s.hidden, s.vocab], 'embd')];
  const gptOss = s.arch === 'gpt-oss';
  for (let i = 0; i < s.layers; i += 1) {
    const b = `blk.${i}`;
    out.push(t(`${b}.attn_norm.weight`, [s.hidden], 'norm'));
    out.push(t(`${b}.attn_q.weight`, [s.hidden, q], 'matrix'), t(`${b}.attn_k.weight`, [s.hidden, kv], 'matrix'), t(`${b}.attn_v.weight`, [s.hidden, kv], 'matrix'));
    out.push(t(`${b}.attn_output.weight`, [q, s.hidden], 'matrix'));
    if (gptOss) {
      out.push(t(`${b}.attn_q.bias`, [q], 'bias'), t(`${b}.attn_k.bias`, [kv], 'bias'), t(`${b}.attn_v.bias`, [kv], 'bias'), t(`${b}.attn_output.bias`, [s.hidden], 'bias'));
      out.push(t(`${b}.attn_sinks.weight`, [s.heads], 'bias'), t(`${b}.post_attention_norm.weight`, [s.hidden], 'norm'));
    } else if (s.arch.startsWith('qwen3')) {
      out.push(t(`${b}.attn_q_norm.weight`, [s.headDim], 'norm'), t(`${b}.attn_k_norm.weight`, [s.headDim], 'norm'));
    }
    if (!gptOss) out.push(t(`${b}.ffn_norm.weight`, [s.hidden], 'norm'));
    if (s.experts > 0) {
      out.push(t(`${b}.ffn_gate_inp.weight`, [s.hidden, s.experts], 'router'));
      if (gptOss) out.push(t(`${b}.ffn_gate_inp.bias`, [s.experts], 'bias'));
      for (const name of ['ffn_gate_exps', 'ffn_up_exps', 'ffn_down_exps']) {
        const dims = name === 'ffn_down_exps' ? [s.expertFf, s.hidden, s.experts] : [s.hidden, s.expertFf, s.experts];
        out.push(t(`${b}.${name}.weight`, dims, 'experts'));
        if (gptOss) out.push(t(`${b}.${name}.bias`, [dims[1]!, s.experts], 'bias'));
      }
    } else {
      out.push(t(`${b}.ffn_gate.weight`, [s.hidden, s.ff], 'matrix'), t(`${b}.ffn_up.weight`, [s.hidden, s.ff], 'matrix'), t(`${b}.ffn_down.weight`, [s.ff, s.hidden], 'matrix'));
    }
  }
  out.push(t('output_norm.weight', [s.hidden], 'norm'), t('output.weight', [s.hidden, s.vocab], 'output'));
  if (s.arch === 'llama') out.push(t('rope_freqs.weight', [s.headDim / 2], 'rope'));
  return out;
};

export const elements = (tensor: TensorSpec): number => tensor.dims.reduce((a, b) => a * b, 1);

/** `1.7B`-style label as gguf-py's size_label writes it. */
export const sizeLabel = (parameters: number): string => {
  if (parameters >= 1e12) return `${(parameters / 1e12).toFixed(1)}T`;
  if (parameters >= 1e9) return `${(parameters / 1e9).toFixed(1)}B`;
  return `${(parameters / 1e6).toFixed(0)}M`;
};
