/**
 * The settings an engine or app takes from its command line and environment: the port it
 * listens on (inside the container), the model and the name clients use, and the memory knobs
 * that decide how much unified memory it takes (vLLM --gpu-memory-utilization /
 * --kv-cache-memory, SGLang --mem-fraction-static, TRT-LLM free_gpu_memory_fraction).
 */
import type { SimContainer, WorkloadKind } from '../../state.js';
import { mainCommand, runsServer, workloadOf } from './workload.js';

/** Defaults each engine documents (README §7, llama.cpp/SGLang/Ollama/Jupyter docs). */
export const engineDefaults = {
  /** vLLM and trtllm-serve listen on 8000 (Spark playbooks move TRT-LLM to 8355 with --port). */
  vllmPort: 8000,
  trtllmPort: 8000,
  sglangPort: 30000,
  ollamaPort: 11434,
  llamaServerPort: 8080,
  jupyterPort: 8888,
  openWebuiPort: 8080,
  llamaBoardPort: 7860,
  llamaFactoryApiPort: 8000,
  /** vLLM's --gpu-memory-utilization default. */
  gpuMemoryUtilization: 0.9,
  /** SGLang picks about this much of the GPU for weights + KV cache on large-memory GPUs. */
  memFractionStatic: 0.88,
  /** TRT-LLM kv_cache_config.free_gpu_memory_fraction default (README §7.5). */
  freeGpuMemoryFraction: 0.9,
  /** llama-server's default context and parallel slots. */
  llamaCtx: 4096,
  llamaParallel: 4,
  /** `vllm serve` with no model serves this one. */
  vllmModel: 'Qwen/Qwen3-0.6B',
} as const;

export interface EngineArgs {
  readonly kind: WorkloadKind;
  readonly serving: boolean;
  /** Port the program listens on inside the container (the box port with --network host). */
  readonly port: number;
  /** Model id or path as the engine was given it ('' for apps). */
  readonly model: string;
  readonly servedName: string;
  readonly maxConcurrency: number | undefined;
  readonly token: string | undefined;
  readonly gpuMemoryUtilization: number | undefined;
  readonly kvCacheMemoryBytes: number | undefined;
  readonly memFractionStatic: number | undefined;
  readonly freeGpuMemoryFraction: number | undefined;
  readonly extraOptionsFile: string | undefined;
  readonly maxModelLen: number | undefined;
  readonly ctxSize: number | undefined;
  readonly gpuLayers: number | undefined;
  readonly tensorParallel: number;
  /** The words of the engine's own command (after wrappers). */
  readonly words: readonly string[];
}

/** `--name value` or `--name=value`, the last one given. */
export const option = (words: readonly string[], ...names: string[]): string | undefined => {
  let found: string | undefined;
  words.forEach((word, i) => {
    for (const name of names) {
      if (word === name && i + 1 < words.length) found = words[i + 1];
      else if (word.startsWith(`${name}=`)) found = word.slice(name.length + 1);
    }
  });
  return found;
};

const number = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
};

/** Sizes as engines accept them: bytes, or `40G` / `40GiB` / `37.5GB` (binary, as vLLM reads them). */
export const parseByteSize = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(i?[bB])?$/.exec(text.trim());
  if (!match) return undefined;
  const power = { '': 0, k: 1, m: 2, g: 3, t: 4 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.round(Number(match[1]) * 1024 ** power);
};

/** The positional after a (sub)command word, skipping flags. */
const positionalAfter = (words: readonly string[], index: number): string | undefined => {
  const next = words[index + 1];
  return next !== undefined && !next.startsWith('-') ? next : undefined;
};

const envOf = (env: readonly string[], name: string): string | undefined => {
  const prefix = `${name}=`;
  return env.filter((e) => e.startsWith(prefix)).at(-1)?.slice(prefix.length);
};

/** The full argv of a container's main process. */
export const processArgv = (container: Pick<SimContainer, 'entrypoint' | 'command' | 'extras'>): string[] => [
  ...(container.extras?.entrypoint ?? (container.entrypoint ? container.entrypoint.split(' ') : [])),
  ...container.command,
];

export const engineArgs = (container: Pick<SimContainer, 'image' | 'entrypoint' | 'command' | 'env' | 'extras'>): EngineArgs => {
  const argv = processArgv(container);
  const kind = workloadOf(container.image, argv);
  const words = mainCommand(argv);
  const serving = runsServer(kind, argv);
  const env = container.env;
  const common = {
    kind,
    serving,
    words,
    token: undefined,
    gpuMemoryUtilization: undefined,
    kvCacheMemoryBytes: undefined,
    memFractionStatic: undefined,
    freeGpuMemoryFraction: undefined,
    extraOptionsFile: undefined,
    maxModelLen: undefined,
    ctxSize: undefined,
    gpuLayers: undefined,
    tensorParallel: 1,
    maxConcurrency: undefined,
  };
  switch (kind) {
    case 'vllm': {
      const serveAt = words.indexOf('serve');
      const model = option(words, '--model') ?? (serveAt >= 0 ? positionalAfter(words, serveAt) : undefined) ?? engineDefaults.vllmModel;
      return {
        ...common,
        port: number(option(words, '--port')) ?? engineDefaults.vllmPort,
        model,
        servedName: option(words, '--served-model-name') ?? model,
        maxConcurrency: number(option(words, '--max-num-seqs')),
        gpuMemoryUtilization: number(option(words, '--gpu-memory-utilization')),
        kvCacheMemoryBytes: parseByteSize(option(words, '--kv-cache-memory', '--kv-cache-memory-bytes')),
        maxModelLen: number(option(words, '--max-model-len')),
        tensorParallel: number(option(words, '--tensor-parallel-size', '-tp')) ?? 1,
      };
    }
    case 'trtllm': {
      const at = words.findIndex((w) => w.split('/').pop() === 'trtllm-serve');
      const afterServe = words[at + 1] === 'serve' ? at + 1 : at;
      const model = positionalAfter(words, afterServe) ?? '';
      return {
        ...common,
        port: number(option(words, '--port')) ?? engineDefaults.trtllmPort,
        model,
        servedName: option(words, '--served_model_name', '--served-model-name') ?? model,
        maxConcurrency: number(option(words, '--max_batch_size')),
        freeGpuMemoryFraction: number(option(words, '--kv_cache_free_gpu_memory_fraction')),
        extraOptionsFile: option(words, '--extra_llm_api_options', '--config'),
        tensorParallel: number(option(words, '--tp_size')) ?? 1,
      };
    }
    case 'sglang': {
      const model = option(words, '--model-path', '--model') ?? '';
      return {
        ...common,
        port: number(option(words, '--port')) ?? engineDefaults.sglangPort,
        model,
        servedName: option(words, '--served-model-name') ?? model,
        maxConcurrency: number(option(words, '--max-running-requests')),
        memFractionStatic: number(option(words, '--mem-fraction-static')),
        maxModelLen: number(option(words, '--context-length')),
        tensorParallel: number(option(words, '--tp', '--tp-size')) ?? 1,
      };
    }
    case 'llama-server': {
      const model = option(words, '-m', '--model') ?? option(words, '-hf', '--hf-repo') ?? envOf(env, 'LLAMA_ARG_MODEL') ?? '';
      const alias = option(words, '-a', '--alias');
      return {
        ...common,
        port: number(option(words, '--port') ?? envOf(env, 'LLAMA_ARG_PORT')) ?? engineDefaults.llamaServerPort,
        model,
        servedName: alias ?? model,
        maxConcurrency: number(option(words, '-np', '--parallel')) ?? engineDefaults.llamaParallel,
        ctxSize: number(option(words, '-c', '--ctx-size')),
        gpuLayers: number(option(words, '-ngl', '--n-gpu-layers', '--gpu-layers')),
      };
    }
    case 'ollama': {
      const host = envOf(env, 'OLLAMA_HOST') ?? '';
      return { ...common, port: number(host.split(':').pop()) ?? engineDefaults.ollamaPort, model: '', servedName: '' };
    }
    case 'jupyter': {
      const token = option(words, '--ServerApp.token', '--NotebookApp.token', '--IdentityProvider.token') ?? envOf(env, 'JUPYTER_TOKEN');
      return {
        ...common,
        port: number(option(words, '--port', '--ServerApp.port', '--NotebookApp.port') ?? envOf(env, 'JUPYTER_PORT')) ?? engineDefaults.jupyterPort,
        model: '',
        servedName: '',
        token,
      };
    }
    case 'open-webui':
      return { ...common, port: number(envOf(env, 'PORT')) ?? engineDefaults.openWebuiPort, model: '', servedName: '' };
    case 'llamafactory': {
      const api = words[1] === 'api';
      const port = api ? (number(envOf(env, 'API_PORT')) ?? engineDefaults.llamaFactoryApiPort) : (number(envOf(env, 'GRADIO_SERVER_PORT')) ?? engineDefaults.llamaBoardPort);
      return { ...common, port, model: '', servedName: '' };
    }
    case 'pytorch':
    case 'generic':
    case 'dgx-dashboard':
      return { ...common, serving: false, port: 0, model: '', servedName: '' };
  }
};
