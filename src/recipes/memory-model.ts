/**
 * What a model and its engine take of the box's memory, before any setting: weights by size on
 * disk or parameters × bytes per parameter (block scales included), and each engine's own
 * process and activations. The memory guard (memory-guard.ts) adds the KV cache and judges.
 */
import type { ServeEngineId } from './serve/serve-engines.js';

const GiB = 1024 ** 3;


/**
 * What an engine costs besides weights and KV cache. `process`: the engine's own CPU-side memory,
 * which on GB10 comes out of the same pool (vLLM's APIServer + EngineCore Python processes,
 * torch, tokenizer; llama.cpp is one C++ process). `activations`: peak activation and CUDA-graph
 * buffers at the engines' default batch sizes. Our estimates for 30B-class models; a plan can
 * override `activations`.
 */
export const engineOverheadBytes: Readonly<Record<ServeEngineId, { readonly process: number; readonly activations: number }>> = {
  vllm: { process: 3 * GiB, activations: 2 * GiB },
  trtllm: { process: 3 * GiB, activations: 2 * GiB },
  sglang: { process: 3 * GiB, activations: 2 * GiB },
  'llama-server': { process: 0.5 * GiB, activations: 1 * GiB },
  ollama: { process: 0.5 * GiB, activations: 1 * GiB },
};

export type WeightFormat = 'fp32' | 'bf16' | 'fp16' | 'fp8' | 'int8' | 'nvfp4' | 'mxfp4' | 'awq' | 'gptq-int4';

/** Bytes per parameter including block scales; unquantized embeddings and norms make real checkpoints a little larger, so prefer size on disk. */
export const bytesPerParameter: Readonly<Record<WeightFormat, number>> = {
  fp32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  nvfp4: 0.5 + 1 / 16, // 4-bit values + one FP8 scale per 16
  mxfp4: 0.5 + 1 / 32, // 4-bit values + one E8M0 scale per 32
  awq: 0.5 + 2.5 / 128, // 4-bit values + FP16 scale and 4-bit zero per group of 128
  'gptq-int4': 0.5 + 2.5 / 128,
};

export const fourBitFormats: readonly WeightFormat[] = ['nvfp4', 'mxfp4', 'awq', 'gptq-int4'];

/** Size on disk (safetensors folder, GGUF file: the weights as loaded), or parameters × bytes per parameter. */
export type WeightsSize =
  | { readonly kind: 'on-disk'; readonly bytes: number; readonly format: WeightFormat | null }
  | { readonly kind: 'parameters'; readonly parameters: number; readonly format: WeightFormat };

export const weightsBytes = (weights: WeightsSize): number =>
  weights.kind === 'on-disk' ? weights.bytes : weights.parameters * bytesPerParameter[weights.format];
