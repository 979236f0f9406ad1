/**
 * `vllm serve` in a container. The log follows a V1-engine startup on a GB10 (template:
 * vllm-startup-tail-gb10.log — APIServer/EngineCore prefixes, kv_cache_utils lines, launcher.py
 * 99/105 around uvicorn's lines). Memory: --gpu-memory-utilization × total unified memory, or
 * weights + --kv-cache-memory (then the GB10 capture's "Initial free memory … skipped memory
 * profiling" line). Startup fails the way vLLM does when that much memory is not free, when
 * the KV cache would be empty, or when the container has no GPU. The version is the image's
 * (vllm-version.ts); before 0.12 an NVFP4 MoE model dies in its first forward pass after the
 * weights load with "Failed to initialize GEMM" (vllm-nvfp4.ts), as the review saw on GB10.
 */
import { modelInfo } from '../model-info.js';
import { type EnginePlan, type PlanContext, GiB, Timeline, fixed, grouped, vllmStamp } from './plan.js';
import { failsNvfp4Moe, modelQuantFacts } from './vllm-nvfp4.js';
import { nvfp4MoeFrames, shortFrames } from './vllm-traceback.js';
import { majorMinor, vllmVersionOf } from './vllm-version.js';

/** Numbers with a reason: what vLLM needs besides weights and KV cache, and its log's version. */
const vllmFacts = {
  /** Activation peak + CUDA graphs + torch overhead, GiB (GB10 logs: ~1–3 GiB). */
  overheadGiB: 2.2,
  /** In-container pids: the API server is PID 1 (vllm is the entrypoint), the engine a child. */
  apiPid: 1,
  enginePid: 187,
  /** Share of the startup spent before weights finish loading; the rest is compile/KV/graphs. */
  weightsDoneAt: 0.45,
  /** When the profiling run (the first forward pass, after torch.compile) reaches the MoE kernels. */
  profileRunAt: 0.63,
} as const;

const routes = [
  '/openapi.json, Methods: GET, HEAD',
  '/docs, Methods: GET, HEAD',
  '/health, Methods: GET',
  '/load, Methods: GET',
  '/ping, Methods: POST',
  '/ping, Methods: GET',
  '/tokenize, Methods: POST',
  '/detokenize, Methods: POST',
  '/v1/models, Methods: GET',
  '/version, Methods: GET',
  '/v1/responses, Methods: POST',
  '/v1/chat/completions, Methods: POST',
  '/v1/completions, Methods: POST',
  '/v1/messages, Methods: POST',
  '/v1/messages/count_tokens, Methods: POST',
  '/metrics, Methods: GET',
  '/scale_elastic_ep, Methods: POST',
  '/is_scaling_elastic_ep, Methods: POST',
  '/inference/v1/generate, Methods: POST',
];

const pyRepr = (value: string | number): string => (typeof value === 'number' ? String(value) : `'${value}'`);

export const planVllm = (ctx: PlanContext): EnginePlan => {
  const { args, readyMs } = ctx;
  const t = new Timeline(ctx.start);
  const api = `(APIServer pid=${vllmFacts.apiPid}) `;
  const engine = `(EngineCore pid=${vllmFacts.enginePid}) `;
  const at = (fraction: number) => fraction * readyMs;
  const stamp = (fraction: number) => vllmStamp(ctx.start + at(fraction));
  const info = modelInfo(ctx.fs, ctx.container, args.model);
  const weightsGiB = info.weightsBytes / GiB;
  const totalGiB = ctx.totalMiB / 1024;
  const freeGiB = ctx.freeMiB / 1024;
  const utilization = args.gpuMemoryUtilization ?? 0.9;
  const maxLen = args.maxModelLen ?? info.maxModelLen;
  const image = ctx.state.images.find((i) => i.id === ctx.container.imageId);
  const version = image ? vllmVersionOf(image.repository, image.tag) : vllmVersionOf('', '');
  const quant = modelQuantFacts(ctx.fs, ctx.container, args.model);

  const nonDefault: Array<[string, string | number]> = [['model_tag', args.model], ['model', args.model]];
  if (args.port !== 8000) nonDefault.push(['port', args.port]);
  if (args.gpuMemoryUtilization !== undefined) nonDefault.push(['gpu_memory_utilization', args.gpuMemoryUtilization]);
  if (args.kvCacheMemoryBytes !== undefined) nonDefault.push(['kv_cache_memory_bytes', args.kvCacheMemoryBytes]);
  if (args.maxModelLen !== undefined) nonDefault.push(['max_model_len', args.maxModelLen]);
  if (args.servedName !== args.model) nonDefault.push(['served_model_name', `['${args.servedName}']`]);

  const fail = (fraction: number, error: string, frames: readonly string[]): EnginePlan => {
    const when = at(fraction);
    const prefix = `${engine}ERROR ${stamp(fraction)} [core.py:718] `;
    t.add(when, `${prefix}EngineCore failed to start.`, 'stderr');
    t.add(when, `${prefix}Traceback (most recent call last):`, 'stderr');
    for (const frame of frames) t.add(when, `${prefix}${frame}`, 'stderr');
    t.add(when, `${prefix}${error}`, 'stderr');
    t.add(when + 400, `${api}Traceback (most recent call last):`, 'stderr');
    t.add(when + 400, `${api}  File "/usr/local/bin/vllm", line 8, in <module>`, 'stderr');
    t.add(when + 400, `${api}    sys.exit(main())`, 'stderr');
    t.add(when + 400, `${api}RuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {}`, 'stderr');
    return { lines: t.lines, gpuProcess: undefined, loadingCpuCores: 1, exit: { at: ctx.start + Math.round(when + 600), code: 1 }, serves: false };
  };

  if (!ctx.hasGpu) {
    t.add(0, `INFO ${stamp(0)} [__init__.py:241] No platform detected, vLLM is running on UnspecifiedPlatform`);
    t.add(at(0.02), `${api}INFO ${stamp(0.02)} [api_server.py:1896] vLLM API server version ${version}`);
    t.add(at(0.05), `${api}Traceback (most recent call last):`, 'stderr');
    t.add(at(0.05), `${api}RuntimeError: Failed to infer device type, please set the environment variable \`VLLM_LOGGING_LEVEL=DEBUG\` to turn on verbose logging to help debug the issue.`, 'stderr');
    return { lines: t.lines, gpuProcess: undefined, loadingCpuCores: 0, exit: { at: ctx.start + Math.round(at(0.05) + 200), code: 1 }, serves: false };
  }

  t.add(0, `INFO ${stamp(0)} [__init__.py:216] Automatically detected platform cuda.`);
  t.add(at(0.02), `${api}INFO ${stamp(0.02)} [api_server.py:1896] vLLM API server version ${version}`);
  t.add(at(0.02), `${api}INFO ${stamp(0.02)} [utils.py:328] non-default args: {${nonDefault.map(([k, v]) => `'${k}': ${k === 'served_model_name' ? String(v) : pyRepr(v)}`).join(', ')}}`);
  t.add(at(0.05), `${api}INFO ${stamp(0.05)} [__init__.py:742] Resolved architecture: ${info.architecture}`);
  // modelopt.py's warning (captured from a 2026 build; the line number is that build's).
  if (quant.nvfp4) t.add(at(0.05), `${api}WARNING ${stamp(0.05)} [modelopt.py:1014] Detected ModelOpt NVFP4 checkpoint. Please note that the format is experimental and could change in future.`);
  t.add(at(0.05), `${api}INFO ${stamp(0.05)} [__init__.py:1815] Using max model len ${maxLen}`);
  t.add(at(0.06), `${api}INFO ${stamp(0.06)} [scheduler.py:222] Chunked prefill is enabled with max_num_batched_tokens=8192.`);
  t.add(at(0.1), `${engine}INFO ${stamp(0.1)} [core.py:654] Waiting for init message from front-end.`);
  t.add(at(0.1), `${engine}INFO ${stamp(0.1)} [core.py:73] Initializing a V1 LLM engine (v${version}) with config: model='${args.model}', speculative_config=None, tokenizer='${args.model}', skip_tokenizer_init=False, tokenizer_mode=auto, trust_remote_code=False, dtype=torch.bfloat16, max_seq_len=${maxLen}, download_dir=None, load_format=auto, tensor_parallel_size=${args.tensorParallel}, served_model_name=${args.servedName}`);

  // The memory check happens when the worker initialises the device, before weights load.
  const requestedGiB = args.kvCacheMemoryBytes !== undefined ? undefined : utilization * totalGiB;
  if (requestedGiB !== undefined && requestedGiB > freeGiB) {
    return fail(
      0.15,
      `ValueError: Free memory on device (${fixed(freeGiB, 2)}/${fixed(totalGiB, 2)} GiB) on startup is less than desired GPU memory utilization (${utilization}, ${fixed(requestedGiB, 2)} GiB). Decrease GPU memory utilization or reduce GPU memory used by other processes.`,
      shortFrames('v1/worker/gpu_worker.py", line 173, in init_device'),
    );
  }

  t.add(at(0.15), `${engine}INFO ${stamp(0.15)} [parallel_state.py:1134] rank 0 in world size 1 is assigned as DP rank 0, PP rank 0, TP rank 0, EP rank 0`);
  t.add(at(0.16), `${engine}INFO ${stamp(0.16)} [gpu_model_runner.py:1953] Starting to load model ${args.model}...`);
  t.add(at(0.17), `${engine}INFO ${stamp(0.17)} [cuda.py:328] Using Flash Attention backend on V1 engine.`);
  const shards = info.weightFiles;
  const loadSeconds = (at(vllmFacts.weightsDoneAt) - at(0.18)) / 1000;
  for (let i = 0; i <= shards; i += 1) {
    const fraction = 0.18 + ((vllmFacts.weightsDoneAt - 0.18) * i) / shards;
    const percent = String(Math.floor((100 * i) / shards)).padStart(3, ' ');
    const elapsed = Math.round((loadSeconds * i) / shards);
    t.add(at(fraction), `${engine}Loading safetensors checkpoint shards: ${percent}% Completed | ${i}/${shards} [00:${String(elapsed).padStart(2, '0')}<00:${String(Math.round(loadSeconds - elapsed)).padStart(2, '0')}, ${fixed(loadSeconds / shards, 2)}s/it]`, 'stderr');
  }
  t.add(at(vllmFacts.weightsDoneAt), `${engine}INFO ${stamp(vllmFacts.weightsDoneAt)} [default_loader.py:262] Loading weights took ${fixed(loadSeconds, 2)} seconds`);
  t.add(at(vllmFacts.weightsDoneAt), `${engine}INFO ${stamp(vllmFacts.weightsDoneAt)} [gpu_model_runner.py:2007] Model loading took ${fixed(weightsGiB, 4)} GiB and ${fixed(loadSeconds + 0.7, 6)} seconds`);
  t.add(at(0.5), `${engine}INFO ${stamp(0.5)} [backends.py:548] Using cache directory: /root/.cache/vllm/torch_compile_cache/3f1a9c2d7e/rank_0_0/backbone for vLLM's torch.compile`);
  t.add(at(0.62), `${engine}INFO ${stamp(0.62)} [monitor.py:34] torch.compile takes ${fixed((at(0.62) - at(0.5)) / 1000, 2)} s in total`);
  // The review: CUTLASS's FP4 grouped GEMM cannot initialise on SM 12.1 before 0.12 (plain TORCH_CHECK text, no status then).
  if (failsNvfp4Moe(quant, majorMinor(version))) return fail(vllmFacts.profileRunAt, 'RuntimeError: Failed to initialize GEMM', nvfp4MoeFrames());

  let kvGiB: number;
  let processGiB: number;
  if (args.kvCacheMemoryBytes !== undefined) {
    kvGiB = args.kvCacheMemoryBytes / GiB;
    processGiB = weightsGiB + kvGiB + vllmFacts.overheadGiB;
    t.add(
      at(0.7),
      `${engine}INFO ${stamp(0.7)} [gpu_worker.py:491] Initial free memory ${fixed(freeGiB, 1)} GiB, reserved ${fixed(kvGiB, 2)} GiB memory for KV Cache as specified by kv_cache_memory_bytes config and skipped memory profiling. This does not respect the gpu_memory_utilization config. Only use kv_cache_memory_bytes config when you want manual control of KV cache memory size. If OOM'ed, check the difference of initial free memory between the current run and the previous run where kv_cache_memory_bytes is suggested and update it correspondingly.`,
    );
  } else {
    processGiB = requestedGiB ?? 0;
    kvGiB = processGiB - weightsGiB - vllmFacts.overheadGiB;
    if (kvGiB <= 0) {
      return fail(0.7, 'ValueError: No available memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing the engine.', shortFrames('v1/engine/core.py", line 191, in _initialize_kv_caches'));
    }
    t.add(at(0.7), `${engine}INFO ${stamp(0.7)} [gpu_worker.py:276] Available KV cache memory: ${fixed(kvGiB, 2)} GiB`);
  }
  const tokens = Math.floor((kvGiB * GiB) / info.kvBytesPerToken);
  t.add(at(0.7), `${engine}INFO ${stamp(0.7)} [kv_cache_utils.py:2235] GPU KV cache size: ${grouped(tokens)} tokens`);
  t.add(at(0.7), `${engine}INFO ${stamp(0.7)} [kv_cache_utils.py:2236] Maximum concurrency for ${grouped(maxLen)} tokens per request: ${fixed(tokens / maxLen, 2)}x`);
  t.add(at(0.85), `${engine}Capturing CUDA graphs (mixed prefill-decode, PIECEWISE): 100%|██████████| 67/67 [00:0${Math.min(9, Math.round((at(0.85) - at(0.72)) / 1000))}<00:00, 12.81it/s]`, 'stderr');
  t.add(at(0.86), `${engine}INFO ${stamp(0.86)} [gpu_model_runner.py:2708] Graph capturing finished in ${Math.max(1, Math.round((at(0.86) - at(0.72)) / 1000))} secs, took 0.56 GiB`);
  t.add(at(0.88), `${engine}INFO ${stamp(0.88)} [core.py:214] init engine (profile, create kv cache, warmup model) took ${fixed((at(0.88) - at(0.5)) / 1000, 2)} seconds`);
  t.add(at(0.92), `${api}INFO ${stamp(0.92)} [loggers.py:142] Engine 000: vllm cache_config_info with initialization after num_gpu_blocks is: ${Math.floor(tokens / 16)}`);
  t.add(at(0.95), `${api}INFO ${stamp(0.95)} [api_server.py:1634] Supported_tasks: ['generate']`);
  t.add(at(0.97), `${api}INFO ${stamp(0.97)} [api_server.py:1912] Starting vLLM API server 0 on http://0.0.0.0:${args.port}`);
  t.add(at(0.97), `${api}INFO ${stamp(0.97)} [launcher.py:37] Available routes are:`);
  for (const route of routes) t.add(at(0.97), `${api}INFO ${stamp(0.97)} [launcher.py:46] Route: ${route}`);
  t.add(at(1), `${api}INFO ${stamp(1)} [launcher.py:99] API server: waiting for HTTP server to start`);
  t.add(at(1), `${api}INFO:     Started server process [${vllmFacts.apiPid}]`, 'stderr');
  t.add(at(1), `${api}INFO:     Waiting for application startup.`, 'stderr');
  t.add(at(1), `${api}INFO:     Application startup complete.`, 'stderr');
  t.add(at(1), `${api}INFO ${stamp(1)} [launcher.py:105] API server: HTTP server started`);
  // server-never-ready: the engine hangs in torch.compile and never reaches its API server.
  if (ctx.neverReady) t.cutAfter(at(0.62));

  return {
    lines: t.lines,
    gpuProcess: { name: 'VLLM::EngineCore', memoryMiB: Math.round(processGiB * 1024), fileCacheMiB: Math.round(weightsGiB * 1024), loadMs: Math.round(at(0.88)) },
    loadingCpuCores: 1,
    exit: undefined,
    serves: true,
  };
};
