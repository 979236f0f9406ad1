/**
 * llama.cpp's startup log on a GB10 (CUDA init line as GB10 builds print it: `Device 0: NVIDIA
 * GB10, compute capability 12.1, VMM: yes`), shared by llama-server and llama-quantize, and
 * llama-server's load/ready lines up to `main: server is listening on http://… - starting the
 * main loop` (the playbook's readiness marker).
 */
import type { ModelShape } from './model-shape.js';

/** A build of the CUDA 13 era with -DCMAKE_CUDA_ARCHITECTURES=121a-real. */
export const llamaBuild = { number: 6819, commit: '19a5a3ed', compiler: 'cc (Ubuntu 13.3.0-6ubuntu2~24.04) 13.3.0', target: 'aarch64-linux-gnu' } as const;

export const llamaBuildInfo = `build: ${llamaBuild.number} (${llamaBuild.commit}) with ${llamaBuild.compiler} for ${llamaBuild.target}\n`;

export const cudaInitLines = [
  'ggml_cuda_init: GGML_CUDA_FORCE_MMQ:    no',
  'ggml_cuda_init: GGML_CUDA_FORCE_CUBLAS: no',
  'ggml_cuda_init: found 1 CUDA devices:',
  '  Device 0: NVIDIA GB10, compute capability 12.1, VMM: yes',
].join('\n');

export interface ServerLogInput {
  readonly modelPath: string;
  readonly shape: ModelShape | undefined;
  readonly kvPairs: number;
  readonly tensors: number;
  readonly fileType: string;
  readonly fileMiB: number;
  readonly bpw: number;
  readonly freeMiB: number;
  readonly ctx: number;
  readonly slots: number;
  readonly kvMiB: number;
}

/** Up to the model load: CUDA init, build, the HTTP listener. */
export const serverPreludeLines = (s: { host: string; port: number; modelPath: string }): string =>
  [
    cudaInitLines,
    llamaBuildInfo.trimEnd(),
    'system info: n_threads = 20, n_threads_batch = 20, total_threads = 20',
    '',
    'system_info: n_threads = 20 (n_threads_batch = 20) / 20 | CUDA : ARCHS = 1210 | USE_GRAPHS = 1 | PEER_MAX_BATCH_SIZE = 128 | CPU : NEON = 1 | ARM_FMA = 1 | FP16_VA = 1 | DOTPROD = 1 | SVE = 1 | MATMUL_INT8 = 1 | SVE_CNT = 16 | OPENMP = 1 | REPACK = 1 | ',
    '',
    'main: binding port with default address family',
    `main: HTTP server is listening, hostname: ${s.host}, port: ${s.port}, http threads: 19`,
    'main: loading model',
    `srv    load_model: loading model '${s.modelPath}'`,
    '',
  ].join('\n');

/** The model load itself: device, loader, tensors offloaded, context and KV cache. */
export const serverLoadLines = (s: ServerLogInput): string => {
  const layers = s.shape?.layers ?? 0;
  return [
    `llama_model_load_from_file_impl: using device CUDA0 (NVIDIA GB10) (000f:01:00.0) - ${Math.round(s.freeMiB)} MiB free`,
    `llama_model_loader: loaded meta data with ${s.kvPairs} key-value pairs and ${s.tensors} tensors from ${s.modelPath} (version GGUF V3 (latest))`,
    'print_info: file format = GGUF V3 (latest)',
    `print_info: file type   = ${s.fileType}`,
    `print_info: file size   = ${(s.fileMiB / 1024).toFixed(2)} GiB (${s.bpw.toFixed(2)} BPW) `,
    `print_info: arch             = ${s.shape?.arch ?? 'unknown'}`,
    `print_info: n_ctx_train      = ${s.shape?.context ?? 0}`,
    `print_info: n_embd           = ${s.shape?.hidden ?? 0}`,
    `print_info: n_layer          = ${layers}`,
    `print_info: n_head           = ${s.shape?.heads ?? 0}`,
    `print_info: n_head_kv        = ${s.shape?.kvHeads ?? 0}`,
    `load_tensors: offloading ${layers} repeating layers to GPU`,
    'load_tensors: offloading output layer to GPU',
    `load_tensors: offloaded ${layers + 1}/${layers + 1} layers to GPU`,
    `load_tensors:        CUDA0 model buffer size = ${(s.fileMiB * 0.95).toFixed(2).padStart(8)} MiB`,
    `load_tensors:   CPU_Mapped model buffer size = ${(s.fileMiB * 0.05).toFixed(2).padStart(8)} MiB`,
    'llama_context: constructing llama_context',
    `llama_context: n_seq_max     = ${s.slots}`,
    `llama_context: n_ctx         = ${s.ctx}`,
    'llama_context: flash_attn    = auto',
    `llama_kv_cache:      CUDA0 KV buffer size = ${s.kvMiB.toFixed(2).padStart(8)} MiB`,
    '',
  ].join('\n');
};

export const serverReadyLines = (s: { host: string; port: number; slots: number; ctx: number }): string =>
  [
    `srv          init: initializing slots, n_slots = ${s.slots}`,
    ...Array.from({ length: s.slots }, (_, i) => `slot         init: id  ${i} | task -1 | new slot, n_ctx = ${s.ctx}`),
    'main: model loaded',
    "main: chat template, chat_template: {%- for message in messages %}…{%- endfor %}, example_format: '<|im_start|>system",
    'You are a helpful assistant<|im_end|>',
    '<|im_start|>user',
    'Hello<|im_end|>',
    '<|im_start|>assistant',
    "'",
    `main: server is listening on http://${s.host}:${s.port} - starting the main loop`,
    'srv  update_slots: all slots are idle',
    '',
  ].join('\n');

export const modelLoadFailure = (path: string): string =>
  [
    `gguf_init_from_file: failed to open GGUF file '${path}'`,
    `llama_model_load: error loading model: llama_model_loader: failed to load model from ${path}`,
    'llama_model_load_from_file_impl: failed to load model',
    `common_init_from_params: failed to load model '${path}'`,
    `srv    load_model: failed to load model, '${path}'`,
    'srv   operator(): operator(): cleaning up before exit...',
    'main: exiting due to model loading error',
    '',
  ].join('\n');
