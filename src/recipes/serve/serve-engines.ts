/**
 * The five serving engines and what does not depend on the box's size: the image each runs in
 * (arm64 builds; the demo box's simulator knows them too), the port it listens on, where it
 * says it is up, and how long a first start may take before the wizard calls it stuck.
 */

export const serveEngineIds = ['trtllm', 'vllm', 'sglang', 'ollama', 'llama-server'] as const;
export type ServeEngineId = (typeof serveEngineIds)[number];

export const serveImages = {
  /** NVIDIA's DGX Spark TRT-LLM playbook pins this release (arm64, sm_121); DGX OS has it pulled. */
  trtllm: 'nvcr.io/nvidia/tensorrt-llm/release:1.3.0rc13',
  /**
   * NGC vLLM as DGX OS ships it pulled. It is vLLM 0.10: NVFP4 MoE models need an image with
   * vLLM ≥ 0.12 (the review's "Failed to initialize GEMM", explained by engine-failures.ts); the serving wizard (not built yet) is to offer a newer tag then.
   */
  vllmNgc: 'nvcr.io/nvidia/vllm:25.09-py3',
  /** Upstream vLLM; its entrypoint is already `vllm serve` (see vllmArgs). */
  vllmUpstream: 'vllm/vllm-openai:v0.12.0',
  /** LMSYS's DGX Spark build of SGLang. */
  sglang: 'lmsysorg/sglang:spark',
  /** llama.cpp's CUDA server image; its entrypoint is /app/llama-server. */
  llamaServer: 'ghcr.io/ggml-org/llama.cpp:server-cuda',
} as const;

/** Repositories whose entrypoint is `vllm serve` rather than NGC's shell wrapper. */
export const vllmServeEntrypointRepos = ['vllm/vllm-openai', 'docker.io/vllm/vllm-openai'] as const;

export const servePorts = {
  /** vLLM's and trtllm-serve's own default (the review serves on 8000). */
  trtllm: 8000,
  vllm: 8000,
  /** SGLang's launch_server default. */
  sglang: 30000,
  /** The Ollama daemon's OLLAMA_HOST default, on DGX OS as a service. */
  ollama: 11434,
  /** llama-server's default. */
  'llama-server': 8080,
} as const satisfies Record<ServeEngineId, number>;

export interface ServeReadiness {
  /** Answers 200 once the engine can take requests (llama-server: 503 while it loads). */
  readonly healthPath: string;
  /** Lists the served model; checked after health, so the name clients use is known to work. */
  readonly modelsPath: string;
  /** Before "it did not come up": the wizard then shows the explanation and the last log lines. */
  readonly startupMs: number;
}

export const serveReadiness = {
  /** trtllm-serve docs list /health and /v1/models; a 30B NVFP4 first start on GB10 takes minutes (load + CUDA graph warmup). */
  trtllm: { healthPath: '/health', modelsPath: '/v1/models', startupMs: 20 * 60_000 },
  /** vLLM: weights from disk, torch.compile and CUDA graphs on first start; 100 GB models load for many minutes. */
  vllm: { healthPath: '/health', modelsPath: '/v1/models', startupMs: 15 * 60_000 },
  sglang: { healthPath: '/health', modelsPath: '/v1/models', startupMs: 15 * 60_000 },
  /** The daemon is already up; the time is for `ollama pull` of a missing model and the first load. */
  ollama: { healthPath: '/api/version', modelsPath: '/api/tags', startupMs: 30 * 60_000 },
  /** llama.cpp mmaps the GGUF: fast, but big files still read at disk speed. */
  'llama-server': { healthPath: '/health', modelsPath: '/v1/models', startupMs: 5 * 60_000 },
} as const satisfies Record<ServeEngineId, ServeReadiness>;

/** Where the box's files appear inside an engine's container. */
export const serveMounts = {
  /** The review mounts its model folder here. */
  model: '/workspace/model',
  /** llama-server: the GGUF file's folder (split GGUFs need their siblings). */
  ggufFolder: '/workspace/models',
  /** NGC and SGLang images run as root: the Hugging Face cache they read and download into. */
  hfCache: '/root/.cache/huggingface',
  /** The TRT-LLM extra LLM-API options file. */
  trtllmOptions: '/workspace/extra-llm-api-options.yml',
} as const;

/** The box's own Hugging Face cache (models downloaded by the app or by any tool). */
export const boxHfCache = '~/.cache/huggingface';

/** Where files the app writes for a server live on the box (the options YAML). */
export const serveFolder = (containerName: string): string => `~/.pgx-companion/serve/${containerName}`;
