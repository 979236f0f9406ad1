/**
 * Hugging Face / ModelScope repositories the simulator knows: sizes, config.json and file lists
 * close to the real repos (shard counts, totals and config keys as published), so a download,
 * a GGUF conversion and a serving recipe agree about the same model. Anything not listed here
 * is "not found" on the simulated hubs.
 *
 * Byte sizes are the published totals rounded to the megabyte and spread over the shards the
 * way the real repos split them (equal shards, a short last one): close enough for memory-fit
 * estimates and progress bars, not a byte-exact mirror.
 */
import { createHash } from 'node:crypto';

/**
 * Deterministic hex ids from a seed (commits, blob names). box.ts's stableHex only mixes the
 * first few characters of its seed, so ids that share a prefix would collide; hash it all.
 */
export const digestHex = (seed: string, length: number): string => {
  let out = '';
  for (let round = 0; out.length < length; round += 1) out += createHash('sha256').update(`${round}:${seed}`).digest('hex');
  return out.slice(0, length);
};

export interface CatalogueFile {
  readonly name: string;
  readonly sizeBytes: number;
  /** Weights are LFS objects (sha256 blob names in the HF cache); small files are git blobs (sha1). */
  readonly lfs: boolean;
}

export type CatalogueQuantization = 'bf16' | 'nvfp4' | 'awq' | 'mxfp4';

export interface CatalogueModel {
  /** The Hugging Face repo id, canonical spelling. */
  readonly id: string;
  /** Commit of `main` (the snapshot folder name in the HF cache). */
  readonly revision: string;
  /** Needs an accepted licence and a token (meta-llama/*). */
  readonly gated: boolean;
  /** Where ModelScope hosts the same weights, when it does. */
  readonly modelscopeId: string | undefined;
  /** Sum of the weight files (*.safetensors). */
  readonly sizeBytes: number;
  readonly parameterCount: number;
  /** config.json `architectures[0]`. */
  readonly architecture: string;
  readonly quantization: CatalogueQuantization;
  readonly config: Readonly<Record<string, unknown>>;
  readonly files: readonly CatalogueFile[];
}

/** `model-00001-of-00005.safetensors` …; gpt-oss numbers its shards from zero (as published). */
const shardNames = (count: number, fromZero = false): string[] => {
  const last = fromZero ? count - 1 : count;
  const pad = (n: number) => String(n).padStart(5, '0');
  return Array.from({ length: count }, (_, i) => `model-${pad(fromZero ? i : i + 1)}-of-${pad(last)}.safetensors`);
};

/** Splits a total over shards like the published repos: full shards, then the remainder. */
const shards = (total: number, count: number, fromZero = false): CatalogueFile[] => {
  const full = Math.ceil(total / count / 1_000_000) * 1_000_000;
  return shardNames(count, fromZero).map((name, i) => ({
    name,
    sizeBytes: i < count - 1 ? full : total - full * (count - 1),
    lfs: true,
  }));
};

const small = (name: string, sizeBytes: number): CatalogueFile => ({ name, sizeBytes, lfs: false });

/** Tokenizer and metadata files of a Qwen3 repo (sizes as published). */
const qwenFiles = (): CatalogueFile[] => [
  small('.gitattributes', 1_570),
  small('LICENSE', 11_343),
  small('README.md', 16_912),
  small('config.json', 726),
  small('generation_config.json', 239),
  small('merges.txt', 1_671_853),
  small('model.safetensors.index.json', 32_914),
  { name: 'tokenizer.json', sizeBytes: 11_422_654, lfs: true },
  small('tokenizer_config.json', 9_732),
  small('vocab.json', 2_776_833),
];

const qwen3Dense = (hidden: number, layers: number, heads: number, intermediate: number, tie: boolean, maxPos = 40_960) => ({
  architectures: ['Qwen3ForCausalLM'],
  attention_bias: false,
  attention_dropout: 0.0,
  bos_token_id: 151643,
  eos_token_id: 151645,
  head_dim: 128,
  hidden_act: 'silu',
  hidden_size: hidden,
  initializer_range: 0.02,
  intermediate_size: intermediate,
  max_position_embeddings: maxPos,
  max_window_layers: layers,
  model_type: 'qwen3',
  num_attention_heads: heads,
  num_hidden_layers: layers,
  num_key_value_heads: 8,
  rms_norm_eps: 1e-6,
  rope_scaling: null,
  rope_theta: 1_000_000,
  sliding_window: null,
  tie_word_embeddings: tie,
  torch_dtype: 'bfloat16',
  transformers_version: '4.51.0',
  use_cache: true,
  use_sliding_window: false,
  vocab_size: 151936,
});

const qwen3Moe = {
  ...qwen3Dense(2048, 48, 32, 6144, false),
  architectures: ['Qwen3MoeForCausalLM'],
  decoder_sparse_step: 1,
  model_type: 'qwen3_moe',
  moe_intermediate_size: 768,
  mlp_only_layers: [],
  norm_topk_prob: true,
  num_experts: 128,
  num_experts_per_tok: 8,
  num_key_value_heads: 4,
  output_router_logits: false,
  router_aux_loss_coef: 0.001,
};

const model = (m: Omit<CatalogueModel, 'revision' | 'sizeBytes' | 'architecture'> & { revision?: string }): CatalogueModel => {
  const architectures = m.config['architectures'];
  return {
    ...m,
    revision: m.revision ?? digestHex(`revision:${m.id}`, 40),
    sizeBytes: m.files.filter((f) => f.name.endsWith('.safetensors')).reduce((sum, f) => sum + f.sizeBytes, 0),
    architecture: Array.isArray(architectures) && typeof architectures[0] === 'string' ? architectures[0] : 'unknown',
  };
};

export const catalogue: readonly CatalogueModel[] = [
  model({
    id: 'Qwen/Qwen3-30B-A3B',
    gated: false,
    modelscopeId: 'Qwen/Qwen3-30B-A3B',
    parameterCount: 30_532_122_624,
    quantization: 'bf16',
    config: qwen3Moe,
    files: [...qwenFiles(), ...shards(61_064 * 1_000_000, 16)],
  }),
  model({
    id: 'nvidia/Qwen3-30B-A3B-NVFP4',
    gated: false,
    modelscopeId: undefined,
    parameterCount: 30_532_122_624,
    quantization: 'nvfp4',
    config: {
      ...qwen3Moe,
      quantization_config: {
        quant_method: 'modelopt',
        quant_algo: 'NVFP4',
        kv_cache_quant_algo: null,
        group_size: 16,
        exclude_modules: ['lm_head', 'model.layers.*.mlp.gate'],
      },
    },
    files: [...qwenFiles(), small('hf_quant_config.json', 298), ...shards(17_832 * 1_000_000, 4)],
  }),
  model({
    id: 'Qwen/Qwen3-30B-A3B-AWQ',
    gated: false,
    modelscopeId: undefined,
    parameterCount: 30_532_122_624,
    quantization: 'awq',
    config: {
      ...qwen3Moe,
      torch_dtype: 'float16',
      quantization_config: { bits: 4, group_size: 128, modules_to_not_convert: ['gate'], quant_method: 'awq', version: 'gemm', zero_point: true },
    },
    files: [...qwenFiles(), ...shards(17_214 * 1_000_000, 4)],
  }),
  model({
    id: 'Qwen/Qwen3-8B',
    gated: false,
    modelscopeId: 'Qwen/Qwen3-8B',
    parameterCount: 8_190_735_360,
    quantization: 'bf16',
    config: qwen3Dense(4096, 36, 32, 12288, false),
    files: [...qwenFiles(), ...shards(16_381 * 1_000_000, 5)],
  }),
  model({
    id: 'Qwen/Qwen3-4B-Base',
    gated: false,
    modelscopeId: 'Qwen/Qwen3-4B-Base',
    parameterCount: 4_022_468_096,
    quantization: 'bf16',
    config: qwen3Dense(2560, 36, 32, 9728, true, 32_768),
    files: [...qwenFiles(), ...shards(8_045 * 1_000_000, 3)],
  }),
  model({
    id: 'Qwen/Qwen3-1.7B',
    gated: false,
    modelscopeId: 'Qwen/Qwen3-1.7B',
    // 4.06 GB of bf16 weights: the converter's `Writing: … 4.06G/4.06G` in the llama.cpp capture.
    parameterCount: 2_031_739_904,
    quantization: 'bf16',
    config: qwen3Dense(2048, 28, 16, 6144, true),
    files: [...qwenFiles(), ...shards(4_063 * 1_000_000, 2)],
  }),
  model({
    id: 'meta-llama/Llama-3.1-8B-Instruct',
    gated: true,
    modelscopeId: 'LLM-Research/Meta-Llama-3.1-8B-Instruct',
    parameterCount: 8_030_261_248,
    quantization: 'bf16',
    config: {
      architectures: ['LlamaForCausalLM'],
      attention_bias: false, attention_dropout: 0.0, bos_token_id: 128000, eos_token_id: [128001, 128008, 128009],
      hidden_act: 'silu', hidden_size: 4096, initializer_range: 0.02, intermediate_size: 14336, max_position_embeddings: 131072,
      mlp_bias: false, model_type: 'llama', num_attention_heads: 32, num_hidden_layers: 32, num_key_value_heads: 8, pretraining_tp: 1,
      rms_norm_eps: 1e-5,
      rope_scaling: { factor: 8.0, low_freq_factor: 1.0, high_freq_factor: 4.0, original_max_position_embeddings: 8192, rope_type: 'llama3' },
      rope_theta: 500000.0, tie_word_embeddings: false, torch_dtype: 'bfloat16', transformers_version: '4.43.0.dev0', use_cache: true, vocab_size: 128256,
    },
    files: [
      small('.gitattributes', 1_519),
      small('LICENSE', 7_627),
      small('README.md', 44_044),
      small('USE_POLICY.md', 4_691),
      small('config.json', 855),
      small('generation_config.json', 184),
      small('model.safetensors.index.json', 23_950),
      { name: 'tokenizer.json', sizeBytes: 9_085_657, lfs: true },
      small('tokenizer_config.json', 55_351),
      small('special_tokens_map.json', 296),
      ...shards(16_061 * 1_000_000, 4),
    ],
  }),
  model({
    id: 'openai/gpt-oss-120b',
    // The snapshot folder seen in the trtllm-serve capture.
    revision: 'b5c939de8f754692c1647ca79fbf85e8c1e70f8a',
    gated: false,
    modelscopeId: 'openai-mirror/gpt-oss-120b',
    parameterCount: 116_829_156_672,
    quantization: 'mxfp4',
    config: {
      architectures: ['GptOssForCausalLM'],
      attention_bias: true, attention_dropout: 0.0, eos_token_id: 200002, experts_per_token: 4, head_dim: 64, hidden_act: 'silu',
      hidden_size: 2880, initial_context_length: 4096, initializer_range: 0.02, intermediate_size: 2880,
      layer_types: Array.from({ length: 36 }, (_, i) => (i % 2 === 0 ? 'sliding_attention' : 'full_attention')),
      max_position_embeddings: 131072, model_type: 'gpt_oss', num_attention_heads: 64, num_experts_per_tok: 4, num_hidden_layers: 36,
      num_key_value_heads: 8, num_local_experts: 128, output_router_logits: false, pad_token_id: 199999,
      quantization_config: {
        modules_to_not_convert: ['model.layers.*.self_attn', 'model.layers.*.mlp.router', 'model.embed_tokens', 'lm_head'],
        quant_method: 'mxfp4',
      },
      rms_norm_eps: 1e-5,
      rope_scaling: { beta_fast: 32.0, beta_slow: 1.0, factor: 32.0, original_max_position_embeddings: 4096, rope_type: 'yarn', truncate: false },
      rope_theta: 150000, router_aux_loss_coef: 0.9, sliding_window: 128, swiglu_limit: 7.0, tie_word_embeddings: false,
      transformers_version: '4.55.0.dev0', use_cache: true, vocab_size: 201088,
    },
    files: [
      small('.gitattributes', 1_570),
      small('LICENSE', 11_357),
      small('README.md', 7_088),
      small('USAGE_POLICY', 200),
      small('chat_template.jinja', 16_738),
      small('config.json', 1_806),
      small('generation_config.json', 177),
      small('model.safetensors.index.json', 55_725),
      small('special_tokens_map.json', 98),
      { name: 'tokenizer.json', sizeBytes: 27_868_174, lfs: true },
      small('tokenizer_config.json', 4_200),
      ...shards(65_249 * 1_000_000, 15, true),
    ],
  }),
];

/** Hub ids are case-insensitive (the Hub redirects); the catalogue answers with the canonical entry. */
export const findCatalogueModel = (id: string): CatalogueModel | undefined => {
  const wanted = id.trim().replace(/\/+$/, '').toLowerCase();
  return catalogue.find((m) => m.id.toLowerCase() === wanted);
};

export const findModelscopeModel = (id: string): CatalogueModel | undefined => {
  const wanted = id.trim().replace(/\/+$/, '').toLowerCase();
  return catalogue.find((m) => m.modelscopeId?.toLowerCase() === wanted);
};

/** The model whose config.json this is (how the converter recognises a downloaded folder). */
export const findCatalogueModelByConfig = (config: Readonly<Record<string, unknown>>): CatalogueModel | undefined => {
  const text = JSON.stringify(config);
  return catalogue.find((m) => JSON.stringify(m.config) === text);
};

/** Blob name in the HF cache: sha256 for LFS objects, the git sha1 for small files. */
export const blobName = (model: CatalogueModel, file: CatalogueFile): string =>
  digestHex(`blob:${model.id}:${model.revision}:${file.name}`, file.lfs ? 64 : 40);
