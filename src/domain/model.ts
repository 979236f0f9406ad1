import { z } from 'zod';

/** Where a model on the box was found (the Models page groups by it). */
export const ModelSource = z.enum(['huggingface', 'modelscope', 'folder', 'ollama']);
export type ModelSource = z.infer<typeof ModelSource>;

/**
 * How the weights are quantised: `method` is config.json's `quant_method` (modelopt, awq, gptq,
 * mxfp4, fp8, compressed-tensors, bitsandbytes …), `label` what people call it (NVFP4, FP8, AWQ 4-bit).
 */
export const Quantization = z.object({ method: z.string(), label: z.string() });
export type Quantization = z.infer<typeof Quantization>;

export const GgufFile = z.object({
  name: z.string(),
  path: z.string(),
  sizeBytes: z.number().nullable(),
  /** Q4_K_M, Q8_0, F16 … read from the file name (null when it names none). */
  quantType: z.string().nullable(),
});
export type GgufFile = z.infer<typeof GgufFile>;

export const ModelFormat = z.discriminatedUnion('kind', [
  /** A transformers folder; quantization null means the plain `torch_dtype` weights. */
  z.object({ kind: z.literal('safetensors'), dtype: z.string().nullable(), quantization: Quantization.nullable() }),
  z.object({ kind: z.literal('gguf'), files: z.array(GgufFile) }),
  z.object({ kind: z.literal('ollama'), id: z.string(), quantType: z.string().nullable() }),
  z.object({ kind: z.literal('unknown') }),
]);
export type ModelFormat = z.infer<typeof ModelFormat>;

/**
 * Parameters: `config` is our estimate from config.json's shapes (embeddings, attention, MLP or
 * experts), `name` what the name says (`30B-A3B`, `0.6B`). Always an estimate, never the exact
 * count of the checkpoint. `active` is per token, for mixture-of-experts models.
 */
export const ParameterCount = z.object({
  total: z.number(),
  active: z.number().nullable(),
  basis: z.enum(['config', 'name']),
});
export type ParameterCount = z.infer<typeof ParameterCount>;

/** One model on the box, as the model library lists it. */
export const ModelEntry = z.object({
  /** `ORG/NAME` for hub caches, the folder or file name for user folders, `name:tag` for Ollama. */
  id: z.string(),
  source: ModelSource,
  /** What deleting it removes (the HF repo folder, the model folder, the GGUF file); null for Ollama. */
  path: z.string().nullable(),
  /** The folder an engine is pointed at (the HF snapshot folder); null for Ollama. */
  servePath: z.string().nullable(),
  /** HF snapshot commit; null elsewhere. */
  revision: z.string().nullable(),
  /** Apparent size on disk (`du -sb`); Ollama's is its rounded `ollama list` size. */
  sizeBytes: z.number().nullable(),
  /** config.json `architectures[0]` (Qwen3MoeForCausalLM). */
  architecture: z.string().nullable(),
  /** config.json `model_type` (qwen3_moe). */
  modelType: z.string().nullable(),
  parameters: ParameterCount.nullable(),
  format: ModelFormat,
});
export type ModelEntry = z.infer<typeof ModelEntry>;
