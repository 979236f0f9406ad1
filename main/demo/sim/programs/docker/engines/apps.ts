/**
 * Servers that start in seconds: Ollama's server (no model loaded yet, so no GPU memory — a
 * loaded model is the Ollama family's business), llama.cpp's llama-server (the model is loaded
 * at start: gguf size + KV cache), JupyterLab (prints its token URL, which the app reads),
 * Open WebUI and LLaMA Factory's LlamaBoard / API.
 */
import { mixedHex } from '../../../box.js';
import { engineDefaults } from '../engine-args.js';
import { modelInfo } from '../model-info.js';
import { type EnginePlan, type PlanContext, Timeline, fixed } from './plan.js';

const ollamaFacts = { version: '0.12.3' } as const;

const logfmtTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1Z');

export const planOllama = (ctx: PlanContext): EnginePlan => {
  const t = new Timeline(ctx.start);
  const at = (f: number) => f * ctx.readyMs;
  const line = (f: number, source: string, msg: string) => t.add(at(f), `time=${logfmtTime(ctx.start + at(f))} level=INFO source=${source} msg=${msg}`, 'stderr');
  line(0, 'routes.go:1331', `"server config" env="map[CUDA_VISIBLE_DEVICES: GPU_DEVICE_ORDINAL: HTTPS_PROXY: HTTP_PROXY: NO_PROXY: OLLAMA_CONTEXT_LENGTH:4096 OLLAMA_DEBUG:INFO OLLAMA_FLASH_ATTENTION:false OLLAMA_HOST:http://0.0.0.0:${ctx.args.port} OLLAMA_KEEP_ALIVE:5m0s OLLAMA_MAX_LOADED_MODELS:0 OLLAMA_MAX_QUEUE:512 OLLAMA_MODELS:/root/.ollama/models OLLAMA_NUM_PARALLEL:1 OLLAMA_ORIGINS:[http://localhost https://localhost http://127.0.0.1 https://127.0.0.1 http://0.0.0.0 https://0.0.0.0 app://* file://* tauri://* vscode-webview://* vscode-file://*]]"`);
  line(0.1, 'images.go:477', '"total blobs: 0"');
  line(0.1, 'images.go:484', '"total unused blobs removed: 0"');
  line(0.2, 'routes.go:1384', `"Listening on [::]:${ctx.args.port} (version ${ollamaFacts.version})"`);
  line(0.3, 'gpu.go:217', '"looking for compatible GPUs"');
  if (ctx.hasGpu) {
    line(1, 'types.go:131', `"inference compute" id=GPU-${mixedHex('gb10-gpu', 8)}-${mixedHex('gb10-gpu-2', 4)}-${mixedHex('gb10-gpu-3', 4)}-${mixedHex('gb10-gpu-4', 4)}-${mixedHex('gb10-gpu-5', 12)} library=cuda variant=v13 compute=12.1 driver=13.0 name="NVIDIA GB10" total="${fixed(ctx.totalMiB / 1024, 1)} GiB" available="${fixed(ctx.freeMiB / 1024, 1)} GiB"`);
  } else {
    line(1, 'gpu.go:377', '"no compatible GPUs were discovered"');
    line(1, 'types.go:131', `"inference compute" id=0 library=cpu variant="" compute="" driver=0.0 name="" total="${fixed(ctx.totalMiB / 1024, 1)} GiB" available="${fixed(ctx.freeMiB / 1024, 1)} GiB"`);
  }
  return { lines: t.lines, gpuProcess: undefined, loadingCpuCores: 0, exit: undefined, serves: true };
};

export const planLlamaServer = (ctx: PlanContext): EnginePlan => {
  const { args } = ctx;
  const t = new Timeline(ctx.start);
  const at = (f: number) => f * ctx.readyMs;
  const info = modelInfo(ctx.fs, ctx.container, args.model);
  const ctxSize = args.ctxSize && args.ctxSize > 0 ? args.ctxSize : engineDefaults.llamaCtx;
  const offload = ctx.hasGpu && args.gpuLayers !== 0;
  const layers = 36;
  const weightsMiB = info.weightsBytes / 1024 ** 2;
  const kvMiB = (ctxSize * info.kvBytesPerToken) / 1024 ** 2;
  const parallel = args.maxConcurrency ?? engineDefaults.llamaParallel;
  if (offload) t.add(0, 'load_backend: loaded CUDA backend from /app/libggml-cuda.so', 'stderr');
  t.add(0, 'load_backend: loaded CPU backend from /app/libggml-cpu-armv9.2_2.so', 'stderr');
  t.add(0, 'build: 6850 (5cca2542) with cc (Ubuntu 13.3.0-6ubuntu2~24.04) 13.3.0 for aarch64-linux-gnu', 'stderr');
  t.add(0, 'system info: n_threads = 20, n_threads_batch = 20, total_threads = 20', 'stderr');
  t.add(at(0.05), 'main: binding port with default address family', 'stderr');
  t.add(at(0.05), `main: HTTP server is listening, hostname: 0.0.0.0, port: ${args.port}, http threads: 19`, 'stderr');
  t.add(at(0.05), 'main: loading model', 'stderr');
  t.add(at(0.06), `srv    load_model: loading model '${args.model}'`, 'stderr');
  if (offload) {
    t.add(at(0.1), `llama_model_load_from_file_impl: using device CUDA0 (NVIDIA GB10) (000f:01:00.0) - ${Math.round(ctx.freeMiB)} MiB free`, 'stderr');
    t.add(at(0.7), `load_tensors: offloaded ${layers + 1}/${layers + 1} layers to GPU`, 'stderr');
    t.add(at(0.7), `load_tensors:        CUDA0 model buffer size = ${fixed(weightsMiB, 2).padStart(10, ' ')} MiB`, 'stderr');
  } else t.add(at(0.7), `load_tensors:   CPU_Mapped model buffer size = ${fixed(weightsMiB, 2).padStart(10, ' ')} MiB`, 'stderr');
  t.add(at(0.75), `llama_context: n_ctx         = ${ctxSize}`, 'stderr');
  t.add(at(0.8), `llama_kv_cache: ${offload ? '     CUDA0' : '       CPU'} KV buffer size = ${fixed(kvMiB, 2).padStart(8, ' ')} MiB`, 'stderr');
  t.add(at(0.9), `srv    load_model: initializing slots, n_slots = ${parallel}`, 'stderr');
  t.add(at(0.95), 'main: model loaded', 'stderr');
  t.add(at(1), `main: server is listening on http://0.0.0.0:${args.port} - starting the main loop`, 'stderr');
  t.add(at(1), 'srv  update_slots: all slots are idle', 'stderr');
  if (ctx.neverReady) t.cutAfter(at(0.8));
  return {
    lines: t.lines,
    gpuProcess: offload ? { name: 'llama-server', memoryMiB: Math.round(weightsMiB + kvMiB + 512), fileCacheMiB: Math.round(weightsMiB), loadMs: Math.round(at(0.95)) } : undefined,
    loadingCpuCores: 1,
    exit: undefined,
    serves: true,
  };
};

export const planJupyter = (ctx: PlanContext): EnginePlan => {
  const t = new Timeline(ctx.start);
  const at = (f: number) => f * ctx.readyMs;
  const stamp = (f: number) => new Date(ctx.start + at(f)).toISOString().replace('T', ' ').slice(0, 23);
  const line = (f: number, text: string, level = 'I') => t.add(at(f), `[${level} ${stamp(f)} ServerApp] ${text}`, 'stderr');
  const token = jupyterToken(ctx.container.id, ctx.args.token);
  const query = token ? `?token=${token}` : '';
  for (const extension of ['jupyter_lsp', 'jupyter_server_terminals', 'jupyterlab', 'notebook_shim']) line(0.2, `${extension} | extension was successfully linked.`);
  line(0.6, `Serving notebooks from local directory: ${ctx.container.extras?.workingDir || '/workspace'}`);
  line(1, 'Jupyter Server 2.16.0 is running at:');
  line(1, `http://${ctx.hostname}:${ctx.args.port}/lab${query}`);
  line(1, `    http://127.0.0.1:${ctx.args.port}/lab${query}`);
  line(1, 'Use Control-C to stop this server and shut down all kernels (twice to skip confirmation).');
  t.add(at(1), `[C ${stamp(1)} ServerApp] `, 'stderr');
  for (const text of [
    '    ',
    '    To access the server, open this file in a browser:',
    '        file:///root/.local/share/jupyter/runtime/jpserver-1-open.html',
    '    Or copy and paste one of these URLs:',
    `        http://${ctx.hostname}:${ctx.args.port}/lab${query}`,
    `        http://127.0.0.1:${ctx.args.port}/lab${query}`,
  ]) {
    t.add(at(1), text, 'stderr');
  }
  if (ctx.neverReady) t.cutAfter(at(0.6));
  return {
    lines: t.lines,
    gpuProcess: undefined,
    loadingCpuCores: 0,
    exit: undefined,
    serves: true,
  };
};

/** The token JupyterLab prints: the one given, or one it generated (stable per container). */
export const jupyterToken = (containerId: string, given: string | undefined): string => given ?? mixedHex(`jupyter-token:${containerId}`, 48);

export const planOpenWebui = (ctx: PlanContext): EnginePlan => {
  const t = new Timeline(ctx.start);
  const at = (f: number) => f * ctx.readyMs;
  t.add(0, 'Loading WEBUI_SECRET_KEY from file, not provided as an environment variable.');
  t.add(0, 'Generating WEBUI_SECRET_KEY');
  t.add(0, 'Loading WEBUI_SECRET_KEY from .webui_secret_key');
  t.add(at(0.3), 'INFO:     Started server process [1]', 'stderr');
  t.add(at(0.3), 'INFO:     Waiting for application startup.', 'stderr');
  t.add(at(1), 'INFO:     Application startup complete.', 'stderr');
  t.add(at(1), `INFO:     Uvicorn running on http://0.0.0.0:${ctx.args.port} (Press CTRL+C to quit)`, 'stderr');
  if (ctx.neverReady) t.cutAfter(at(0.3));
  return { lines: t.lines, gpuProcess: undefined, loadingCpuCores: 0.5, exit: undefined, serves: true };
};

export const planLlamaFactory = (ctx: PlanContext): EnginePlan => {
  const t = new Timeline(ctx.start);
  const at = (f: number) => f * ctx.readyMs;
  if (ctx.args.words[1] === 'api') {
    t.add(at(1), 'INFO:     Started server process [1]', 'stderr');
    t.add(at(1), 'INFO:     Waiting for application startup.', 'stderr');
    t.add(at(1), 'INFO:     Application startup complete.', 'stderr');
    t.add(at(1), `INFO:     Uvicorn running on http://0.0.0.0:${ctx.args.port} (Press CTRL+C to quit)`, 'stderr');
    t.add(at(1), `Visit http://localhost:${ctx.args.port}/docs for API document.`);
  } else {
    t.add(at(1), `* Running on local URL:  http://0.0.0.0:${ctx.args.port}`);
    t.add(at(1), '* To create a public link, set `share=True` in `launch()`.');
  }
  if (ctx.neverReady) t.cutAfter(at(0.5));
  return { lines: t.lines, gpuProcess: undefined, loadingCpuCores: 0, exit: undefined, serves: true };
};
