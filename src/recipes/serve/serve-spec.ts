/**
 * What the serving wizard fills in, one zod schema per engine, discriminated by `engine`. Memory
 * settings left out come from the box class's presets (serve-presets.ts) when the launch is
 * built; everything a user types is checked here, before any command exists.
 */
import { z } from 'zod';
import { isContainerName, isImageReference } from '../../remote/commands/docker-names.js';
import { boxClasses } from './serve-presets.js';
import { defaultServedName, GgufPath, ModelRef, OllamaModelName, ServedModelName } from './serve-model.js';

const port = z.number().int().min(1).max(65535);
const image = z.string().refine(isImageReference, 'an image reference like nvcr.io/nvidia/vllm:25.09-py3');
/** A fraction of memory: above 0, at most 0.95 (all of it would leave the OS nothing: the box freezes). */
const fraction = z.number().gt(0, 'above 0').max(0.95, 'at most 0.95: the OS shares this memory');
const tokens = z.number().int().min(256).max(1_048_576);

/** Settings every container engine has. */
const containerCommon = {
  model: ModelRef,
  boxClass: z.enum(boxClasses).default('128'),
  /** Where it answers; inside the container too (the program listens on the same number). */
  port: port.optional(),
  name: z.string().refine(isContainerName, 'letters, digits, _ . - (at least two, not first a symbol)').optional(),
  image: image.optional(),
  /** bridge: published on the box; host: the box's network, as the review runs TRT-LLM. */
  network: z.enum(['bridge', 'host']).default('bridge'),
  /** Off: only 127.0.0.1 on the box (the app's tunnel reaches it); on: the whole LAN. */
  shareOnLan: z.boolean().default(false),
  trustRemoteCode: z.boolean().default(false),
};

export const TrtllmServeSpec = z.object({
  engine: z.literal('trtllm'),
  ...containerCommon,
  maxBatchSize: z.number().int().min(1).max(4096).optional(),
  /** kv_cache_config.free_gpu_memory_fraction in the options YAML; null: no YAML (the engine's 0.9). */
  kvCacheFreeGpuMemoryFraction: fraction.nullable().optional(),
});

/** vLLM sizes memory one of two ways: a share of the whole pool, or the KV cache in bytes (the review). */
export const VllmMemory = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('utilization'), fraction }),
  z.object({ kind: z.literal('kv-cache-bytes'), bytes: z.number().int().min(1 << 20).max(2 ** 40) }),
]);
export type VllmMemory = z.infer<typeof VllmMemory>;

export const vllmDtypes = ['auto', 'bfloat16', 'float16', 'half', 'float', 'float32'] as const;

export const VllmServeSpec = z.object({
  engine: z.literal('vllm'),
  ...containerCommon,
  servedModelName: ServedModelName.optional(),
  memory: VllmMemory.optional(),
  /** null: the model's own maximum (left out, as in the review); unset: the preset. */
  maxModelLen: tokens.nullable().optional(),
  dtype: z.enum(vllmDtypes).optional(),
  /** serve: `vllm serve MODEL`; api-server: `python3 -m vllm.entrypoints.openai.api_server --model MODEL` (the review's). */
  launcher: z.enum(['serve', 'api-server']).default('serve'),
});

export const SglangServeSpec = z.object({
  engine: z.literal('sglang'),
  ...containerCommon,
  servedModelName: ServedModelName.optional(),
  memFractionStatic: fraction.optional(),
  /** null: the model's own maximum; unset: the preset. */
  contextLength: tokens.nullable().optional(),
});

export const LlamaServerServeSpec = z.object({
  engine: z.literal('llama-server'),
  ...containerCommon,
  model: GgufPath,
  servedModelName: ServedModelName.optional(),
  ctxSize: tokens.optional(),
  parallel: z.number().int().min(1).max(64).optional(),
  /** Layers on the GPU: 999 puts all of them there (GB10's GPU sees all memory). */
  gpuLayers: z.number().int().min(0).max(999).default(999),
});

/** The box's Ollama daemon: nothing to start, the model is pulled and loaded. */
export const OllamaServeSpec = z.object({
  engine: z.literal('ollama'),
  model: OllamaModelName,
  boxClass: z.enum(boxClasses).default('128'),
  port: port.optional(),
  keepAlive: z
    .string()
    .regex(/^(-1|0|\d{1,6}(ms|s|m|h))$/, 'a duration like 30m, 2h, 0 (unload at once) or -1 (keep loaded)')
    .optional(),
});

const namedEngines = ['vllm', 'sglang', 'llama-server'];

export const ServeSpec = z.discriminatedUnion('engine', [TrtllmServeSpec, VllmServeSpec, SglangServeSpec, OllamaServeSpec, LlamaServerServeSpec]).superRefine((spec, ctx) => {
  // With no name given, the folder's or file's name is served; it must be a name an engine takes.
  const modelValid = (spec.engine === 'llama-server' ? GgufPath : ModelRef).safeParse(spec.model).success;
  if (modelValid && namedEngines.includes(spec.engine) && !('servedModelName' in spec && spec.servedModelName !== undefined)) {
    const derived = defaultServedName(spec.model);
    if (!ServedModelName.safeParse(derived).success) {
      ctx.addIssue({ code: 'custom', path: ['servedModelName'], message: `"${derived}" cannot be served as a model name (it starts with "-" or has control characters): give a served model name` });
    }
  }
});
export type ServeSpec = z.infer<typeof ServeSpec>;
export type ServeSpecInput = z.input<typeof ServeSpec>;
export type TrtllmServeSpec = z.infer<typeof TrtllmServeSpec>;
export type VllmServeSpec = z.infer<typeof VllmServeSpec>;
export type SglangServeSpec = z.infer<typeof SglangServeSpec>;
export type LlamaServerServeSpec = z.infer<typeof LlamaServerServeSpec>;
export type OllamaServeSpec = z.infer<typeof OllamaServeSpec>;
