/**
 * `python3 -m sglang.launch_server` in a container. SGLang logs `[YYYY-MM-DD HH:MM:SS TP0]`
 * lines with "avail mem" in (binary) GB; readiness is uvicorn's lines then "The server is fired
 * up and ready to roll!". Memory: --mem-fraction-static (default ≈0.88 on a large GPU) of the
 * total; the GPU process is `sglang::scheduler` (README §1.4, MSI GB10 capture).
 */
import { modelInfo } from '../model-info.js';
import { engineDefaults } from '../engine-args.js';
import { type EnginePlan, type PlanContext, GiB, Timeline, fixed, isoStamp } from './plan.js';

export const planSglang = (ctx: PlanContext): EnginePlan => {
  const { args, readyMs } = ctx;
  const t = new Timeline(ctx.start);
  const at = (fraction: number) => fraction * readyMs;
  const line = (fraction: number, text: string, tp = true, stream: 'stdout' | 'stderr' = 'stdout') =>
    t.add(at(fraction), `[${isoStamp(ctx.start + at(fraction))}${tp ? ' TP0' : ''}] ${text}`, stream);
  const info = modelInfo(ctx.fs, ctx.container, args.model);
  const weightsGiB = info.weightsBytes / GiB;
  const totalGiB = ctx.totalMiB / 1024;
  const freeGiB = ctx.freeMiB / 1024;
  const fraction = args.memFractionStatic ?? engineDefaults.memFractionStatic;
  const processGiB = fraction * totalGiB;
  const kvGiB = processGiB - weightsGiB - 1.5;
  const contextLen = args.maxModelLen ?? info.maxModelLen;

  line(0, `server_args=ServerArgs(model_path='${args.model}', tokenizer_path='${args.model}', tokenizer_mode='auto', load_format='auto', trust_remote_code=False, dtype='auto', kv_cache_dtype='auto', quantization=None, context_length=${args.maxModelLen ?? 'None'}, device='cuda', served_model_name='${args.servedName}', host='0.0.0.0', port=${args.port}, mem_fraction_static=${fraction}, max_running_requests=${args.maxConcurrency ?? 'None'}, tp_size=${args.tensorParallel}, attention_backend=None)`, false);
  if (!ctx.hasGpu) {
    line(0.03, 'RuntimeError: No CUDA GPUs are available', false, 'stderr');
    return { lines: t.lines, gpuProcess: undefined, loadingCpuCores: 0, exit: { at: ctx.start + Math.round(at(0.03) + 200), code: 1 }, serves: false };
  }
  line(0.03, 'Attention backend not set. Use flashinfer backend by default.', false);
  line(0.06, 'Init torch distributed begin.');
  line(0.07, 'Init torch distributed ends. mem usage=0.00 GB');
  line(0.08, `Load weight begin. avail mem=${fixed(freeGiB, 2)} GB`);
  const fail = (fractionAt: number, message: string): EnginePlan => {
    line(fractionAt, 'Scheduler hit an exception: Traceback (most recent call last):', true, 'stderr');
    t.add(at(fractionAt), `RuntimeError: ${message}`, 'stderr');
    t.add(at(fractionAt) + 300, `[${isoStamp(ctx.start + at(fractionAt) + 300)}] Received sigquit from a child process. It usually means the child failed.`, 'stderr');
    return { lines: t.lines, gpuProcess: undefined, loadingCpuCores: 1, exit: { at: ctx.start + Math.round(at(fractionAt) + 500), code: 1 }, serves: false };
  };
  if (processGiB > freeGiB) return fail(0.1, `Not enough memory. Please try to increase --mem-fraction-static. Current value: mem_fraction_static=${fraction}`);
  t.add(at(0.35), `Loading safetensors checkpoint shards: 100% Completed | ${info.weightFiles}/${info.weightFiles} [00:0${Math.min(9, Math.round((at(0.35) - at(0.08)) / 1000))}<00:00,  1.71s/it]`, 'stderr');
  line(0.36, `Load weight end. type=${info.architecture}, dtype=torch.bfloat16, avail mem=${fixed(freeGiB - weightsGiB, 2)} GB, mem usage=${fixed(weightsGiB, 2)} GB.`);
  if (kvGiB <= 0) return fail(0.4, 'Not enough memory. Please try to increase --mem-fraction-static.');
  const tokens = Math.floor((kvGiB * GiB) / info.kvBytesPerToken);
  line(0.4, `KV Cache is allocated. #tokens: ${tokens}, K size: ${fixed(kvGiB / 2, 2)} GB, V size: ${fixed(kvGiB / 2, 2)} GB`);
  line(0.4, `Memory pool end. avail mem=${fixed(freeGiB - processGiB + 1.5, 2)} GB`);
  line(0.45, `Capture cuda graph begin. This can take up to several minutes. avail mem=${fixed(freeGiB - processGiB + 1.0, 2)} GB`);
  line(0.85, `Capture cuda graph end. Time elapsed: ${fixed((at(0.85) - at(0.45)) / 1000, 2)} s. mem usage=0.62 GB. avail mem=${fixed(freeGiB - processGiB + 0.4, 2)} GB.`);
  line(0.9, `max_total_num_tokens=${tokens}, chunked_prefill_size=8192, max_prefill_tokens=16384, max_running_requests=${args.maxConcurrency ?? 4096}, context_len=${contextLen}, available_gpu_mem=${fixed(freeGiB - processGiB + 0.4, 2)} GB`);
  for (const text of ['INFO:     Started server process [1]', 'INFO:     Waiting for application startup.', 'INFO:     Application startup complete.', `INFO:     Uvicorn running on http://0.0.0.0:${args.port} (Press CTRL+C to quit)`]) {
    line(1, text, false, 'stderr');
  }
  line(1, 'The server is fired up and ready to roll!', false);
  if (ctx.neverReady) t.cutAfter(at(0.45));

  return {
    lines: t.lines,
    gpuProcess: { name: args.tensorParallel > 1 ? 'sglang::scheduler_TP0' : 'sglang::scheduler', memoryMiB: Math.round(processGiB * 1024), fileCacheMiB: Math.round(weightsGiB * 1024), loadMs: Math.round(at(0.9)) },
    loadingCpuCores: 1,
    exit: undefined,
    serves: true,
  };
};
