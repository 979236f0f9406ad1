/**
 * The serving wizard's pure parts: which engines suit a model (and why not the others), the
 * settings form with the box class's presets, and the spec the form makes.
 */
import type { ModelEntry } from '../../../src/domain/model.js';
import type { ServeModelInfo } from '../../../src/domain/serve.js';
import { type ServeEngineId, servePorts } from '../../../src/recipes/serve/serve-engines.js';
import { type BoxClass, servePresets } from '../../../src/recipes/serve/serve-presets.js';
import type { ServeSpecInput } from '../../../src/recipes/serve/serve-spec.js';

export const wizardEngines: readonly ServeEngineId[] = ['trtllm', 'vllm', 'sglang', 'llama-server', 'ollama'];

/** What the wizard serves: a library entry, or a typed HF id / box path. */
export interface WizardModel {
  /** What the engine is given (the snapshot folder, a GGUF file, the HF id). */
  readonly ref: string;
  readonly label: string;
  readonly kind: 'safetensors' | 'gguf' | 'ollama' | 'unknown';
  /** NVFP4, FP8, AWQ … */
  readonly quantization: string | null;
  /** A mixture of experts, as the library's config.json estimate says (active parameters); null when not known. */
  readonly moe: boolean | null;
  readonly info: ServeModelInfo | undefined;
}

export const modelFromEntry = (entry: ModelEntry): WizardModel => {
  const format = entry.format;
  const gguf = format.kind === 'gguf' ? format.files[0] : undefined;
  const ref = format.kind === 'ollama' ? entry.id : (gguf?.path ?? entry.servePath ?? entry.path ?? entry.id);
  const quantization = format.kind === 'safetensors' ? (format.quantization?.label ?? null) : format.kind === 'gguf' ? (gguf?.quantType ?? null) : format.kind === 'ollama' ? format.quantType : null;
  return {
    ref,
    label: entry.id,
    kind: format.kind,
    quantization,
    moe: entry.parameters ? entry.parameters.active !== null : null,
    info: {
      sizeBytes: gguf?.sizeBytes ?? entry.sizeBytes,
      parameters: entry.parameters?.total ?? null,
      quantization: format.kind === 'safetensors' ? (format.quantization?.label ?? format.quantization?.method ?? null) : quantization,
      dtype: format.kind === 'safetensors' ? format.dtype : null,
      format: format.kind,
    },
  };
};

/** A typed Hugging Face id or box path. */
export const modelFromText = (text: string): WizardModel => {
  const ref = text.trim();
  return { ref, label: ref, kind: /\.gguf$/i.test(ref) ? 'gguf' : 'unknown', quantization: null, moe: null, info: undefined };
};

/** Why an engine does not suit the model (an i18n key under serve.engineWhy), or null when it does. */
export const engineUnsuited = (engine: ServeEngineId, model: WizardModel): string | null => {
  if (engine === 'ollama') return model.kind === 'ollama' || model.kind === 'unknown' ? null : 'ollamaLibraryOnly';
  if (model.kind === 'ollama') return 'ollamaModel';
  if (model.kind === 'gguf') return engine === 'llama-server' ? null : 'ggufOnlyLlama';
  if (engine === 'llama-server') return 'llamaGgufOnly';
  if (engine === 'sglang' && /nvfp4/i.test(model.quantization ?? model.ref)) return 'nvfp4TrtVllm';
  return null;
};

export interface SettingsForm {
  servedModelName: string;
  port: string;
  shareOnLan: boolean;
  trustRemoteCode: boolean;
  vllmMemory: 'utilization' | 'kv-cache-bytes';
  fraction: string;
  kvCacheGiB: string;
  maxModelLen: string;
  dtype: string;
  maxBatchSize: string;
  kvFraction: string;
  ctxSize: string;
  /** vLLM's image; empty for the recipe's default. */
  image: string;
}

export const presetForm = (engine: ServeEngineId, boxClass: BoxClass): SettingsForm => {
  const p = servePresets[boxClass];
  const memory = engine === 'sglang' ? p.sglang.memFractionStatic : p.vllm.gpuMemoryUtilization;
  return {
    servedModelName: '',
    port: String(servePorts[engine]),
    shareOnLan: false,
    trustRemoteCode: false,
    vllmMemory: 'utilization',
    fraction: String(memory),
    kvCacheGiB: '16',
    maxModelLen: String(engine === 'sglang' ? p.sglang.contextLength : p.vllm.maxModelLen),
    dtype: 'auto',
    maxBatchSize: String(p.trtllm.maxBatchSize),
    kvFraction: String(p.trtllm.kvCacheFreeGpuMemoryFraction),
    ctxSize: String(p['llama-server'].ctxSize),
    image: '',
  };
};

const num = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));
const GiB = 1024 ** 3;

/** The spec the form makes; ServeSpec (in main) checks every field and says what is wrong. */
export const specOf = (engine: ServeEngineId, model: WizardModel, form: SettingsForm, boxClass: BoxClass): ServeSpecInput => {
  const common = { model: model.ref, boxClass, port: num(form.port), shareOnLan: form.shareOnLan, trustRemoteCode: form.trustRemoteCode };
  const served = form.servedModelName.trim() === '' ? {} : { servedModelName: form.servedModelName.trim() };
  switch (engine) {
    case 'vllm':
      return {
        engine,
        ...common,
        ...served,
        memory: form.vllmMemory === 'utilization' ? { kind: 'utilization', fraction: num(form.fraction) ?? 0 } : { kind: 'kv-cache-bytes', bytes: Math.round((num(form.kvCacheGiB) ?? 0) * GiB) },
        maxModelLen: num(form.maxModelLen),
        dtype: form.dtype as 'auto',
        ...(form.image.trim() === '' ? {} : { image: form.image.trim() }),
      };
    case 'trtllm':
      return { engine, ...common, maxBatchSize: num(form.maxBatchSize), kvCacheFreeGpuMemoryFraction: num(form.kvFraction) };
    case 'sglang':
      return { engine, ...common, ...served, memFractionStatic: num(form.fraction), contextLength: num(form.maxModelLen) };
    case 'llama-server':
      return { engine, model: model.ref, boxClass, port: num(form.port), shareOnLan: form.shareOnLan, ...served, ctxSize: num(form.ctxSize) };
    case 'ollama':
      return { engine, model: model.ref, boxClass, port: num(form.port) };
  }
};

/** The hash query's preselected model: `#/serve?model=<path-or-id>`. */
export const preselectedModel = (hash: string): string | null => {
  const query = hash.split('?')[1];
  return query === undefined ? null : new URLSearchParams(query).get('model');
};
