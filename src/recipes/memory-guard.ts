/**
 * The memory guard: before a launch, the plan's need (weights + KV cache + runtime overhead)
 * against what the box really has. On GB10 CPU and GPU share one pool, and running out of it can
 * freeze the box until it is power-cycled, so an impossible launch is refused with the numbers
 * and what to change, and one near the edge is warned about.
 *
 * Available is MemAvailable (/proc/meminfo; page cache counts as available). Servers already
 * running are outside MemAvailable already; only what they have reserved but not yet taken
 * (a server still starting) is subtracted again. Engine fractions mean different things:
 * vLLM's --gpu-memory-utilization and SGLang's --mem-fraction-static are fractions of the WHOLE
 * pool (MemTotal on GB10), TensorRT-LLM's free_gpu_memory_fraction is of what is free after the
 * weights loaded.
 */
import { appError, type AppError } from '../contract/errors.js';
import type { MemorySample } from '../domain/telemetry.js';
import type { Meminfo } from '../remote/parsers/proc-meminfo.js';
import { quote } from '../remote/quote.js';
import { bytesPerParameter, engineOverheadBytes, fourBitFormats, weightsBytes, type WeightsSize } from './memory-model.js';
import type { ServeMemory } from './serve/serve-args.js';
import type { ServeEngineId } from './serve/serve-engines.js';

const GiB = 1024 ** 3;

export const memoryGuardLimits = {
  /** Kept free after any launch for DGX OS, its desktop and the kernel (what they already use is outside MemAvailable). Below a few GiB a GB10 thrashes and can freeze; our margin, not a vendor number. */
  osReserveBytes: 4 * GiB,
  /** Headroom under this after the launch is a warning: first requests and CUDA-graph capture grow past startup estimates by a few GiB (a Spark vLLM start fell 17–19 GiB of MemAvailable right after the weights loaded, HF nvidia/GLM-5.3-Flash-FP4-Local discussion #7). */
  warnHeadroomBytes: 6 * GiB,
  /** A bare CUDA context: `3150, python3, 218` MiB in --query-compute-apps on an MSI GB10 (formats README §1.4), rounded up for cuBLAS workspaces. */
  cudaContextBytes: 0.5 * GiB,
  /** Page cache the kernel must give back during the load above which dropping it first is advised: on GB10 cudaMemGetInfo does not count reclaimable cache (vllm-project/vllm#35313), so vLLM's startup check fails and allocations stall. */
  cacheReclaimWarnBytes: 2 * GiB,
  /** The smallest KV cache worth serving with: a few thousand tokens of a 30B-class model. */
  minKvCacheBytes: 1 * GiB,
} as const;

export type KvCacheSetting =
  /** A size: vLLM --kv-cache-memory, or a llama.cpp/Ollama context's KV estimate. `flag` names the setting in fixes. */
  | { readonly kind: 'bytes'; readonly bytes: number; readonly flag: string | null }
  /** vLLM --gpu-memory-utilization: the whole instance (weights, KV, activations) as a fraction of the whole pool. */
  | { readonly kind: 'vllm-gpu-memory-utilization'; readonly fraction: number }
  /** SGLang --mem-fraction-static: weights + KV pool as a fraction of the whole pool; activations come on top. */
  | { readonly kind: 'sglang-mem-fraction-static'; readonly fraction: number }
  /** TensorRT-LLM kv_cache_config.free_gpu_memory_fraction: KV as a fraction of what is free after the weights. */
  | { readonly kind: 'trtllm-free-gpu-memory-fraction'; readonly fraction: number };

/**
 * The guard's reading of how a launch sizes its KV cache (serveLaunch's `memory`). A llama.cpp
 * context needs the model's KV bytes per token (from its config) to become bytes; without them,
 * and for Ollama (whose daemon sizes a model as it loads it), there is nothing to judge: null.
 */
export const kvSettingOf = (engine: ServeEngineId, memory: ServeMemory, kvBytesPerToken?: number): KvCacheSetting | null => {
  switch (memory.kind) {
    case 'pool-fraction':
      return engine === 'sglang' ? { kind: 'sglang-mem-fraction-static', fraction: memory.fraction } : { kind: 'vllm-gpu-memory-utilization', fraction: memory.fraction };
    case 'kv-cache-bytes':
      return { kind: 'bytes', bytes: memory.bytes, flag: '--kv-cache-memory-bytes' };
    case 'free-fraction':
      return { kind: 'trtllm-free-gpu-memory-fraction', fraction: memory.fraction };
    case 'context-tokens':
      return kvBytesPerToken === undefined ? null : { kind: 'bytes', bytes: memory.tokens * kvBytesPerToken, flag: '-c' };
    case 'ollama-model':
      return null;
  }
};

export interface LaunchPlan {
  readonly engine: ServeEngineId;
  readonly weights: WeightsSize;
  readonly kvCache: KvCacheSetting;
  /** Overrides engineOverheadBytes[engine].activations. */
  readonly activationBytes?: number;
}

/** The box's memory facts, from /proc/meminfo. */
export interface BoxMemory {
  readonly totalBytes: number;
  readonly availableBytes: number;
  readonly freeBytes: number;
  /** Page cache (Cached + Buffers). */
  readonly cachedBytes: number;
}

export const boxMemoryFromMeminfo = (m: Meminfo): BoxMemory | null =>
  m.availableBytes === null
    ? null
    : { totalBytes: m.totalBytes, availableBytes: m.availableBytes, freeBytes: m.freeBytes, cachedBytes: (m.cachedBytes ?? 0) + (m.buffersBytes ?? 0) };

export const boxMemoryFromSample = (s: MemorySample): BoxMemory => ({
  totalBytes: s.totalBytes,
  availableBytes: s.totalBytes - s.usedBytes,
  freeBytes: s.freeBytes,
  cachedBytes: s.cacheBytes,
});

/** What another server has reserved: bytes, or a fraction of the whole pool (its vLLM/SGLang setting). */
export type Reservation = { readonly kind: 'bytes'; readonly bytes: number } | { readonly kind: 'fraction-of-total'; readonly fraction: number };

export type MemoryHolder =
  | {
      readonly kind: 'server';
      readonly name: string;
      /** What it holds now (nvidia-smi --query-compute-apps, which works on GB10); null when unknown. */
      readonly heldBytes: number | null;
      readonly reservation: Reservation | null;
      /** Still starting: what it reserved but has not taken yet is not missing from MemAvailable. */
      readonly starting: boolean;
    }
  /** A model Ollama keeps loaded (`ollama ps` SIZE). */
  | { readonly kind: 'ollama-model'; readonly name: string; readonly bytes: number };

export type MemoryTermKind = 'weights' | 'kv-cache' | 'activations' | 'cuda-context' | 'engine-process';

export interface MemoryTerm {
  readonly kind: MemoryTermKind;
  readonly bytes: number;
}

export interface HolderShare {
  readonly name: string;
  readonly kind: MemoryHolder['kind'];
  /** Already outside MemAvailable. */
  readonly heldBytes: number;
  /** Reserved but not yet taken: subtracted from the budget. */
  readonly pendingBytes: number;
}

export type MemoryFix =
  | { readonly kind: 'set-engine-setting'; readonly setting: string; readonly value: number; readonly text: string }
  | { readonly kind: 'stop-server'; readonly name: string; readonly freesBytes: number; readonly text: string }
  | { readonly kind: 'unload-ollama-model'; readonly name: string; readonly freesBytes: number; readonly command: string; readonly text: string }
  | { readonly kind: 'smaller-model'; readonly weightsBytes: number | null; readonly text: string }
  | { readonly kind: 'drop-page-cache'; readonly command: string; readonly text: string };

export type MemoryVerdict = 'ok' | 'warn' | 'refuse';
export type MemoryReason = 'fits' | 'near-edge' | 'page-cache' | 'does-not-fit' | 'no-room-for-kv-cache';

export interface MemoryJudgement {
  readonly verdict: MemoryVerdict;
  readonly reason: MemoryReason;
  readonly needBytes: number;
  readonly terms: readonly MemoryTerm[];
  readonly totalBytes: number;
  readonly availableBytes: number;
  readonly osReserveBytes: number;
  /** Others' reservations not yet taken. */
  readonly pendingBytes: number;
  /** available − OS reserve − pending: what the launch may use. */
  readonly budgetBytes: number;
  /** budget − need; negative when it does not fit. */
  readonly headroomBytes: number;
  readonly holders: readonly HolderShare[];
  /** Page cache the kernel must give back for the launch (0 when MemFree covers it). */
  readonly cacheToReclaimBytes: number;
  readonly sentence: string;
  readonly fixes: readonly MemoryFix[];
}

/** Flushes the page cache (NVIDIA's advice for UMA on DGX Spark); needs the user's sudo password, so it is shown, never run behind their back. */
export const dropPageCacheCommand = 'sync; echo 3 | sudo tee /proc/sys/vm/drop_caches';

export const formatGiB = (bytes: number): string => `${(bytes / GiB).toFixed(1)} GiB`;

const floor2 = (x: number): number => Math.floor(x * 100 + 1e-9) / 100;
const ceil2 = (x: number): number => Math.ceil(x * 100 - 1e-9) / 100;

const holderShare = (holder: MemoryHolder, totalBytes: number): HolderShare => {
  if (holder.kind === 'ollama-model') return { name: holder.name, kind: holder.kind, heldBytes: holder.bytes, pendingBytes: 0 };
  const reserved = holder.reservation === null ? null : holder.reservation.kind === 'bytes' ? holder.reservation.bytes : holder.reservation.fraction * totalBytes;
  // A running server whose use nobody measured is taken to hold its reservation already.
  const held = holder.heldBytes ?? (holder.starting ? 0 : (reserved ?? 0));
  return { name: holder.name, kind: holder.kind, heldBytes: held, pendingBytes: reserved === null ? 0 : Math.max(0, reserved - held) };
};

interface Sized {
  readonly kvBytes: number;
  /** Engine bytes besides its process. */
  readonly engineBytes: number;
}

/** KV cache and the engine's footprint as its memory setting makes them. `base` is MemAvailable before the launch. */
const size = (plan: LaunchPlan, weights: number, activations: number, context: number, process: number, total: number, base: number): Sized => {
  const kv = plan.kvCache;
  const fixed = weights + activations + context;
  switch (kv.kind) {
    case 'bytes':
      return { kvBytes: kv.bytes, engineBytes: fixed + kv.bytes };
    case 'vllm-gpu-memory-utilization': {
      const instance = kv.fraction * total;
      return { kvBytes: instance - fixed, engineBytes: Math.max(instance, fixed) };
    }
    case 'sglang-mem-fraction-static': {
      const pool = kv.fraction * total;
      return { kvBytes: pool - weights, engineBytes: Math.max(pool, weights) + activations + context };
    }
    case 'trtllm-free-gpu-memory-fraction': {
      const freeAfterWeights = Math.max(0, base - fixed - process);
      const kvBytes = kv.fraction * freeAfterWeights;
      return { kvBytes, engineBytes: fixed + kvBytes };
    }
  }
};

/** The memory setting that leaves `target` headroom (or the least KV that works), when one exists. */
const settingFix = (plan: LaunchPlan, s: { weights: number; activations: number; context: number; process: number; total: number; budget: number; base: number; pending: number; osReserve: number; kvBytes: number }): MemoryFix | null => {
  const { weights, activations, context, process, total, budget } = s;
  const target = memoryGuardLimits.warnHeadroomBytes;
  const minKv = memoryGuardLimits.minKvCacheBytes;
  const kv = plan.kvCache;
  const set = (setting: string, value: number, verb: string): MemoryFix => ({ kind: 'set-engine-setting', setting, value, text: `${verb} ${setting} to ${value}.` });
  switch (kv.kind) {
    case 'bytes': {
      const most = budget - target - (weights + activations + context + process);
      if (most < minKv || most >= kv.bytes) return null;
      const bytes = Math.floor(most / GiB) * GiB;
      return kv.flag === null
        ? { kind: 'set-engine-setting', setting: 'kv-cache-bytes', value: bytes, text: `Use a shorter context: a KV cache of at most ${formatGiB(bytes)}.` }
        : set(kv.flag, bytes, 'Lower');
    }
    case 'vllm-gpu-memory-utilization': {
      const least = ceil2((weights + activations + context + minKv) / total);
      const most = floor2((budget - target - process) / total);
      if (least > most) return null;
      if (s.kvBytes < minKv) return set('--gpu-memory-utilization', least, 'Raise');
      return most < kv.fraction ? set('--gpu-memory-utilization', most, 'Lower') : null;
    }
    case 'sglang-mem-fraction-static': {
      const least = ceil2((weights + minKv) / total);
      const most = floor2((budget - target - activations - context - process) / total);
      if (least > most) return null;
      if (s.kvBytes < minKv) return set('--mem-fraction-static', least, 'Raise');
      return most < kv.fraction ? set('--mem-fraction-static', most, 'Lower') : null;
    }
    case 'trtllm-free-gpu-memory-fraction': {
      const freeAfterWeights = s.base - weights - activations - context - process;
      if (freeAfterWeights <= 0) return null;
      const most = floor2(1 - (target + s.osReserve + s.pending) / freeAfterWeights);
      return most * freeAfterWeights >= minKv && most < kv.fraction ? set('free_gpu_memory_fraction', most, 'Lower') : null;
    }
  }
};

const smallerModelFix = (plan: LaunchPlan, weights: number): MemoryFix | null => {
  const format = plan.weights.format;
  if (format !== null && fourBitFormats.includes(format)) return null;
  if (format === null) return { kind: 'smaller-model', weightsBytes: null, text: 'Use a 4-bit model (NVFP4 or AWQ) or a smaller one.' };
  const fourBit = (weights / bytesPerParameter[format]) * bytesPerParameter.nvfp4;
  return { kind: 'smaller-model', weightsBytes: fourBit, text: `Use a 4-bit model (NVFP4 or AWQ): about ${formatGiB(fourBit)} of weights instead of ${formatGiB(weights)}.` };
};

const holderFix = (share: HolderShare): MemoryFix => {
  const frees = share.heldBytes + share.pendingBytes;
  return share.kind === 'ollama-model'
    ? { kind: 'unload-ollama-model', name: share.name, freesBytes: frees, command: `ollama stop ${quote(share.name)}`, text: `Unload ${share.name} from Ollama (holds ${formatGiB(frees)}).` }
    : { kind: 'stop-server', name: share.name, freesBytes: frees, text: `Stop server ${share.name} (holds ${formatGiB(frees)}).` };
};

/** Judges a planned launch against the box; pure, numbers in bytes. */
export const judgeLaunch = (plan: LaunchPlan, box: BoxMemory, others: readonly MemoryHolder[] = []): MemoryJudgement => {
  const overhead = engineOverheadBytes[plan.engine];
  const weights = weightsBytes(plan.weights);
  const activations = plan.activationBytes ?? overhead.activations;
  const context = memoryGuardLimits.cudaContextBytes;
  const process = overhead.process;
  const total = box.totalBytes;
  const osReserve = memoryGuardLimits.osReserveBytes;

  const holders = others.map((h) => holderShare(h, total));
  const pending = holders.reduce((sum, h) => sum + h.pendingBytes, 0);
  const budget = box.availableBytes - osReserve - pending;
  const { kvBytes, engineBytes } = size(plan, weights, activations, context, process, total, box.availableBytes);
  const need = engineBytes + process;
  const headroom = budget - need;
  const terms: MemoryTerm[] = [
    { kind: 'weights', bytes: weights },
    { kind: 'kv-cache', bytes: Math.max(0, kvBytes) },
    { kind: 'activations', bytes: activations },
    { kind: 'cuda-context', bytes: context },
    { kind: 'engine-process', bytes: process },
  ];
  const cacheToReclaim = Math.max(0, Math.min(box.cachedBytes, need + osReserve + pending - box.freeBytes));

  const noKv = kvBytes < memoryGuardLimits.minKvCacheBytes;
  const reason: MemoryReason = noKv
    ? 'no-room-for-kv-cache'
    : headroom < 0
      ? 'does-not-fit'
      : headroom < memoryGuardLimits.warnHeadroomBytes
        ? 'near-edge'
        : cacheToReclaim > memoryGuardLimits.cacheReclaimWarnBytes
          ? 'page-cache'
          : 'fits';
  const verdict: MemoryVerdict = reason === 'fits' ? 'ok' : reason === 'near-edge' || reason === 'page-cache' ? 'warn' : 'refuse';

  const fixes: MemoryFix[] = [];
  if (verdict !== 'ok') {
    const setting = settingFix(plan, { weights, activations, context, process, total, budget, base: box.availableBytes, pending, osReserve, kvBytes });
    if (setting) fixes.push(setting);
    // Dropping the cache cannot make room MemAvailable does not already count: offered only for a launch that fits.
    if (verdict === 'warn' && cacheToReclaim > memoryGuardLimits.cacheReclaimWarnBytes) {
      const drop: MemoryFix = { kind: 'drop-page-cache', command: dropPageCacheCommand, text: `Drop the page cache first (${formatGiB(box.cachedBytes)} of file cache stands in the way; needs sudo).` };
      if (reason === 'page-cache') fixes.unshift(drop);
      else fixes.push(drop);
    }
    for (const share of [...holders].sort((a, b) => b.heldBytes + b.pendingBytes - (a.heldBytes + a.pendingBytes))) {
      if (share.heldBytes + share.pendingBytes >= 0.5 * GiB) fixes.push(holderFix(share));
    }
    if (reason !== 'page-cache') {
      const smaller = smallerModelFix(plan, weights);
      if (smaller) fixes.push(smaller);
    }
  }

  const numbers = `needs ${formatGiB(need)}, ${formatGiB(budget)} can be used`;
  const sentence =
    reason === 'fits'
      ? `The launch fits: it ${numbers}, leaving ${formatGiB(headroom)} spare.`
      : reason === 'near-edge'
        ? `The launch fits only just: it ${numbers}, leaving ${formatGiB(headroom)} spare.`
        : reason === 'page-cache'
          ? `The launch fits (it ${numbers}), but ${formatGiB(cacheToReclaim)} of page cache must be given back while it loads, which GB10 engines handle badly.`
          : reason === 'does-not-fit'
            ? `The launch does not fit: it ${numbers}, ${formatGiB(-headroom)} short.`
            : `The memory setting leaves no room for the KV cache: ${formatGiB(weights)} of weights take it all.`;

  return {
    verdict,
    reason,
    needBytes: need,
    terms,
    totalBytes: total,
    availableBytes: box.availableBytes,
    osReserveBytes: osReserve,
    pendingBytes: pending,
    budgetBytes: budget,
    headroomBytes: headroom,
    holders,
    cacheToReclaimBytes: cacheToReclaim,
    sentence,
    fixes,
  };
};

/** The judgement as the app's error (code memory-guard) when it refuses or warns; null when it is ok. */
export const memoryGuardError = (j: MemoryJudgement): AppError | null => {
  if (j.verdict === 'ok') return null;
  const hint = j.fixes.map((f) => ('command' in f ? `${f.text} Run: ${f.command}` : f.text)).join(' ');
  const details = [
    ...j.terms.map((t) => `${t.kind}: ${formatGiB(t.bytes)}`),
    `need: ${formatGiB(j.needBytes)}`,
    `available (MemAvailable): ${formatGiB(j.availableBytes)} of ${formatGiB(j.totalBytes)}`,
    `kept for the OS: ${formatGiB(j.osReserveBytes)}`,
    ...(j.pendingBytes > 0 ? [`reserved by starting servers: ${formatGiB(j.pendingBytes)}`] : []),
    `headroom: ${formatGiB(j.headroomBytes)}`,
  ];
  return appError('memory-guard', j.sentence, hint || 'Free memory on the box first.', details);
};
