/**
 * `trtllm-serve` (PyTorch backend) in a container. Template: trtllm-serve.txt (version banner,
 * `[MM/DD/YYYY-HH:MM:SS] [TRT-LLM] [I]` lines, the `[TensorRT-LLM][INFO]` KV cache lines, the
 * "Setting PyTorch memory fraction" line, the two snapshot-path lines and uvicorn's readiness).
 * Memory: weights + free_gpu_memory_fraction (default 0.9, from --kv_cache_free_gpu_memory_fraction
 * or the --extra_llm_api_options/--config YAML when it is on a mounted path) of what is free after
 * the weights.
 */
import { parse as parseYaml } from 'yaml';
import { mixedHex } from '../../../box.js';
import { boxPathOf, modelInfo } from '../model-info.js';
import { engineDefaults } from '../engine-args.js';
import { type EnginePlan, type PlanContext, GiB, Timeline, fixed, trtStamp } from './plan.js';

const trtFacts = {
  version: '1.3.0rc13',
  /** trtllm-serve runs as a child of the image's entrypoint shell: pid 41 in the capture. */
  serverPid: 41,
  tokensPerBlock: 64,
} as const;

/** free_gpu_memory_fraction from the extra options file, when the engine could read it from a mount. */
const fractionFromOptions = (ctx: PlanContext): number | undefined => {
  const file = ctx.args.extraOptionsFile;
  if (!file) return undefined;
  const boxPath = file.startsWith('/') ? boxPathOf(ctx.container, file) : undefined;
  if (!boxPath || !ctx.fs.exists(boxPath)) return undefined;
  try {
    const options = parseYaml(ctx.fs.readText(boxPath)) as { kv_cache_config?: { free_gpu_memory_fraction?: unknown } } | null;
    const value = options?.kv_cache_config?.free_gpu_memory_fraction;
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
};

export const planTrtllm = (ctx: PlanContext): EnginePlan => {
  const { args, readyMs } = ctx;
  const t = new Timeline(ctx.start);
  const at = (fraction: number) => fraction * readyMs;
  const line = (fraction: number, text: string) => t.add(at(fraction), `[${trtStamp(ctx.start + at(fraction))}] [TRT-LLM] [I] ${text}`);
  const info = modelInfo(ctx.fs, ctx.container, args.model);
  const weightsGiB = info.weightsBytes / GiB;
  const freeGiB = ctx.freeMiB / 1024;
  const totalGiB = ctx.totalMiB / 1024;
  const fraction = args.freeGpuMemoryFraction ?? fractionFromOptions(ctx) ?? engineDefaults.freeGpuMemoryFraction;
  const kvGiB = Math.max(0, (freeGiB - weightsGiB) * fraction);
  const processGiB = weightsGiB + kvGiB;

  t.add(0, `[TensorRT-LLM] TensorRT LLM version: ${trtFacts.version}`);
  if (!ctx.hasGpu) {
    t.add(at(0.03), 'RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx', 'stderr');
    return { lines: t.lines, gpuProcess: undefined, loadingCpuCores: 0, exit: { at: ctx.start + Math.round(at(0.03) + 200), code: 1 }, serves: false };
  }
  line(0.02, 'Using LLM with PyTorch backend');
  line(0.02, 'Set nccl_plugin to None.');
  line(0.03, 'neither checkpoint_format nor checkpoint_loader were provided, checkpoint_format will be set to HF.');
  line(0.45, `Memory used after loading model weights (inside torch) in memory usage profiling: ${fixed(weightsGiB, 2)} GiB`);
  const maxSeq = Math.min(info.maxModelLen, 16_384);
  const blocks = Math.floor((kvGiB * GiB) / info.kvBytesPerToken / trtFacts.tokensPerBlock);
  t.add(at(0.6), `[TensorRT-LLM][INFO] Max KV cache blocks per sequence: ${Math.ceil(maxSeq / trtFacts.tokensPerBlock)} [window size=${maxSeq}], tokens per block=${trtFacts.tokensPerBlock}, primary blocks=${blocks}, secondary blocks=0, max sequence length=${maxSeq}`);
  t.add(at(0.6), `[TensorRT-LLM][INFO] Number of tokens per block: ${trtFacts.tokensPerBlock}.`);
  t.add(at(0.6), `[TensorRT-LLM][INFO] [MemUsageChange] Allocated ${fixed(kvGiB, 2)} GiB for max tokens in paged KV cache (${blocks * trtFacts.tokensPerBlock}).`);
  for (const size of [2, 1]) line(0.8 + (2 - size) * 0.02, `Run generation only CUDA graph warmup for batch size=${size}, draft_len=0`);
  line(0.85, `Setting PyTorch memory fraction to ${processGiB / totalGiB} (${processGiB} GiB)`);
  const repo = /^([\w.-]+)\/([\w.-]+)$/.exec(args.model);
  if (repo) {
    const snapshot = `/root/.cache/huggingface/hub/models--${repo[1]}--${repo[2]}/snapshots/${mixedHex(`rev:${args.model}`, 40)}`;
    t.add(at(0.95), snapshot);
    t.add(at(0.95), snapshot);
  }
  const host = ctx.args.words.includes('--host') ? (ctx.args.words[ctx.args.words.indexOf('--host') + 1] ?? '0.0.0.0') : '0.0.0.0';
  t.add(at(1), `INFO:     Started server process [${trtFacts.serverPid}]`, 'stderr');
  t.add(at(1), 'INFO:     Waiting for application startup.', 'stderr');
  t.add(at(1), 'INFO:     Application startup complete.', 'stderr');
  t.add(at(1), `INFO:     Uvicorn running on http://${host}:${args.port} (Press CTRL+C to quit)`, 'stderr');
  if (ctx.neverReady) t.cutAfter(at(0.85));

  return {
    lines: t.lines,
    gpuProcess: { name: 'python3', memoryMiB: Math.round(processGiB * 1024), fileCacheMiB: Math.round(weightsGiB * 1024), loadMs: Math.round(at(0.85)) },
    loadingCpuCores: 1,
    exit: undefined,
    serves: true,
  };
};
