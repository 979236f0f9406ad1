/**
 * Each engine's own command line, as words (quoted later, once, by the container builder), with
 * the memory settings resolved from the box class's presets, the mounts its model needs, and
 * what the memory guard is told about the memory it will take.
 */
import type { VolumeMount } from '../container-run.js';
import { serveImages, serveMounts, boxHfCache, vllmServeEntrypointRepos, serveFolder } from './serve-engines.js';
import { servePresets } from './serve-presets.js';
import { baseName, defaultServedName, folderOf, modelSource } from './serve-model.js';
import type { LlamaServerServeSpec, SglangServeSpec, TrtllmServeSpec, VllmServeSpec } from './serve-spec.js';

/** How an engine sizes its memory, for the memory guard. */
export type ServeMemory =
  /** vLLM --gpu-memory-utilization, SGLang --mem-fraction-static: weights + KV cache within this share of the whole pool. */
  | { readonly kind: 'pool-fraction'; readonly fraction: number }
  /** vLLM --kv-cache-memory-bytes: the weights, plus exactly this much KV cache. */
  | { readonly kind: 'kv-cache-bytes'; readonly bytes: number }
  /** TRT-LLM free_gpu_memory_fraction: the weights, plus this share of what is free after them. */
  | { readonly kind: 'free-fraction'; readonly fraction: number }
  /** llama-server: the weights, plus KV cache for this many tokens. */
  | { readonly kind: 'context-tokens'; readonly tokens: number }
  /** Ollama: the model's size and context when it loads; the daemon unloads after keep-alive. */
  | { readonly kind: 'ollama-model'; readonly keepAlive: string };

/** A file the launch writes on the box before the container starts. */
export interface ServeFile {
  /** On the box (~/…). */
  readonly boxPath: string;
  /** Where the engine reads it. */
  readonly containerPath: string;
  readonly text: string;
}

export interface EngineRun {
  readonly image: string;
  readonly entrypoint?: string;
  readonly command: readonly (string | number)[];
  readonly volumes: readonly VolumeMount[];
  readonly servedModelName: string;
  readonly memory: ServeMemory;
  readonly file: ServeFile | null;
  /** The settings as resolved (presets filled in): the recipe label carries them. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/** Where the engine listens and under which container name. */
export interface RunPlace {
  readonly port: number;
  readonly listenHost: '0.0.0.0' | '127.0.0.1';
  readonly containerName: string;
}

/** The engine's model argument and the mounts behind it: a folder read-only, or the HF cache. */
const modelMount = (model: string): { readonly arg: string; readonly volumes: VolumeMount[] } => {
  const source = modelSource(model);
  if (source.kind === 'box-path') return { arg: serveMounts.model, volumes: [{ host: source.path, container: serveMounts.model, readOnly: true }] };
  // Read-write: an engine downloads a model missing from the cache.
  return { arg: source.id, volumes: [{ host: boxHfCache, container: serveMounts.hfCache, readOnly: false }] };
};

/** The options YAML: numbers only, so no user text is ever written into it. */
export const trtllmOptionsYaml = (freeGpuMemoryFraction: number): string => `kv_cache_config:\n  free_gpu_memory_fraction: ${freeGpuMemoryFraction}\n`;

export const trtllmRun = (spec: TrtllmServeSpec, place: RunPlace): EngineRun => {
  const preset = servePresets[spec.boxClass].trtllm;
  const maxBatchSize = spec.maxBatchSize ?? preset.maxBatchSize;
  const fraction = spec.kvCacheFreeGpuMemoryFraction === undefined ? preset.kvCacheFreeGpuMemoryFraction : spec.kvCacheFreeGpuMemoryFraction;
  const model = modelMount(spec.model);
  const file = fraction === null ? null : { boxPath: `${serveFolder(place.containerName)}/extra-llm-api-options.yml`, containerPath: serveMounts.trtllmOptions, text: trtllmOptionsYaml(fraction) };
  return {
    image: spec.image ?? serveImages.trtllm,
    command: [
      'trtllm-serve', model.arg, '--backend', 'pytorch', '--max_batch_size', maxBatchSize,
      ...(spec.trustRemoteCode ? ['--trust_remote_code'] : []),
      '--host', place.listenHost, '--port', place.port,
      ...(file !== null ? ['--extra_llm_api_options', file.containerPath] : []),
    ],
    volumes: [...model.volumes, ...(file !== null ? [{ host: file.boxPath, container: file.containerPath, readOnly: true }] : [])],
    // trtllm-serve lists the model under the argument it was given. Its serve command read here (TensorRT-LLM
    // tensorrt_llm/commands/serve.py at 00209af) has no served-name option; later docs list --served_model_name,
    // not yet confirmed for the 1.3.0rc13 image, so it is not passed.
    servedModelName: model.arg,
    // Without the YAML, TRT-LLM's own default of 0.9 applies.
    memory: { kind: 'free-fraction', fraction: fraction ?? 0.9 },
    file,
    settings: { maxBatchSize, kvCacheFreeGpuMemoryFraction: fraction },
  };
};

const imageRepository = (image: string): string => image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');

export const vllmRun = (spec: VllmServeSpec, place: RunPlace): EngineRun => {
  const preset = servePresets[spec.boxClass].vllm;
  const memory = spec.memory ?? { kind: 'utilization' as const, fraction: preset.gpuMemoryUtilization };
  const maxModelLen = spec.maxModelLen === undefined ? preset.maxModelLen : spec.maxModelLen;
  const image = spec.image ?? serveImages.vllmNgc;
  const model = modelMount(spec.model);
  const servedModelName = spec.servedModelName ?? defaultServedName(spec.model);
  const flags = [
    '--served-model-name', servedModelName,
    ...(spec.trustRemoteCode ? ['--trust-remote-code'] : []),
    ...(spec.dtype !== undefined ? ['--dtype', spec.dtype] : []),
    // The review writes --kv-cache-memory, which argparse completes to this, vLLM's full name.
    ...(memory.kind === 'kv-cache-bytes' ? ['--kv-cache-memory-bytes', memory.bytes] : ['--gpu-memory-utilization', memory.fraction]),
    ...(maxModelLen !== null ? ['--max-model-len', maxModelLen] : []),
    '--host', place.listenHost, '--port', place.port,
  ];
  // Upstream images start `vllm serve` themselves; NGC's start a shell wrapper that runs what it is given.
  const servesItself = (vllmServeEntrypointRepos as readonly string[]).includes(imageRepository(image));
  const apiServer = ['-m', 'vllm.entrypoints.openai.api_server', '--model', model.arg, ...flags];
  const launch =
    spec.launcher === 'api-server'
      ? servesItself ? { entrypoint: 'python3', command: apiServer } : { command: ['python3', ...apiServer] }
      : { command: servesItself ? [model.arg, ...flags] : ['vllm', 'serve', model.arg, ...flags] };
  return {
    image,
    ...launch,
    volumes: model.volumes,
    servedModelName,
    memory: memory.kind === 'kv-cache-bytes' ? memory : { kind: 'pool-fraction', fraction: memory.fraction },
    file: null,
    settings: { memory, maxModelLen },
  };
};

export const sglangRun = (spec: SglangServeSpec, place: RunPlace): EngineRun => {
  const preset = servePresets[spec.boxClass].sglang;
  const memFractionStatic = spec.memFractionStatic ?? preset.memFractionStatic;
  const contextLength = spec.contextLength === undefined ? preset.contextLength : spec.contextLength;
  const model = modelMount(spec.model);
  const servedModelName = spec.servedModelName ?? defaultServedName(spec.model);
  return {
    image: spec.image ?? serveImages.sglang,
    command: [
      'python3', '-m', 'sglang.launch_server', '--model-path', model.arg, '--served-model-name', servedModelName,
      ...(spec.trustRemoteCode ? ['--trust-remote-code'] : []),
      '--mem-fraction-static', memFractionStatic,
      ...(contextLength !== null ? ['--context-length', contextLength] : []),
      '--host', place.listenHost, '--port', place.port,
    ],
    volumes: model.volumes,
    servedModelName,
    memory: { kind: 'pool-fraction', fraction: memFractionStatic },
    file: null,
    settings: { memFractionStatic, contextLength },
  };
};

/** llama-server: the image's entrypoint is the server, so the words are its options. */
export const llamaServerRun = (spec: LlamaServerServeSpec, place: RunPlace): EngineRun => {
  const preset = servePresets[spec.boxClass]['llama-server'];
  const ctxSize = spec.ctxSize ?? preset.ctxSize;
  const parallel = spec.parallel ?? preset.parallel;
  const servedModelName = spec.servedModelName ?? defaultServedName(spec.model);
  return {
    image: spec.image ?? serveImages.llamaServer,
    command: ['-m', `${serveMounts.ggufFolder}/${baseName(spec.model)}`, '--alias', servedModelName, '--host', place.listenHost, '--port', place.port, '-c', ctxSize, '-np', parallel, '-ngl', spec.gpuLayers],
    volumes: [{ host: folderOf(spec.model), container: serveMounts.ggufFolder, readOnly: true }],
    servedModelName,
    memory: { kind: 'context-tokens', tokens: ctxSize },
    file: null,
    settings: { ctxSize, parallel },
  };
};
