import { describe, expect, it } from 'vitest';
import { parseOllamaPs } from '../remote/parsers/ollama-tables.js';
import { parseMeminfo } from '../remote/parsers/proc-meminfo.js';
import {
  boxMemoryFromMeminfo,
  boxMemoryFromSample,
  type BoxMemory,
  dropPageCacheCommand,
  judgeLaunch,
  kvSettingOf,
  type LaunchPlan,
  memoryGuardError,
  type MemoryHolder,
} from './memory-guard.js';
import { weightsBytes } from './memory-model.js';
import { serveLaunch } from './serve/serve-launch.js';

const GiB = 1024 ** 3;
const kB = 1024;

/** MemTotal 125 513 944 kB is a captured GB10 value (formats README gotcha 6); 111.7 GiB free is the GB10 vLLM log's "Initial free memory". */
const box128: BoxMemory = { totalBytes: 125_513_944 * kB, availableBytes: 111.7 * GiB, freeBytes: 109 * GiB, cachedBytes: 3 * GiB };
/** The 64 GB model: no capture; about half the 128 GB box's figures. */
const box64: BoxMemory = { totalBytes: 62_756_972 * kB, availableBytes: 54 * GiB, freeBytes: 52 * GiB, cachedBytes: 2 * GiB };

/** Qwen3-30B-A3B in BF16 (30.5 B parameters ≈ 61 GB) with the review's --kv-cache-memory 34608345600. */
const qwenBf16: LaunchPlan = {
  engine: 'vllm',
  weights: { kind: 'parameters', parameters: 30.5e9, format: 'bf16' },
  kvCache: { kind: 'bytes', bytes: 34_608_345_600, flag: '--kv-cache-memory' },
};
const withKv = (bytes: number): LaunchPlan => ({ ...qwenBf16, kvCache: { kind: 'bytes', bytes, flag: '--kv-cache-memory' } });
const gib = (bytes: number): number => Math.round((bytes / GiB) * 10) / 10;

describe('judgeLaunch: the same plan on both boxes', () => {
  it('allows Qwen3-30B-A3B BF16 + the review KV cache on a 128 GB box, with the numbers', () => {
    const j = judgeLaunch(qwenBf16, box128);
    expect(j.verdict).toBe('ok');
    expect(weightsBytes(qwenBf16.weights)).toBe(61e9);
    expect(j.terms.map((t) => [t.kind, gib(t.bytes)])).toEqual([
      ['weights', 56.8],
      ['kv-cache', 32.2],
      ['activations', 2],
      ['cuda-context', 0.5],
      ['engine-process', 3],
    ]);
    expect(gib(j.needBytes)).toBe(94.5);
    expect(gib(j.budgetBytes)).toBe(107.7);
    expect(gib(j.headroomBytes)).toBe(13.2);
    expect(j.fixes).toEqual([]);
    expect(memoryGuardError(j)).toBeNull();
  });

  it('refuses it on a 64 GB box, short by the difference, and says to use a 4-bit model', () => {
    const j = judgeLaunch(qwenBf16, box64);
    expect(j.verdict).toBe('refuse');
    expect(j.reason).toBe('does-not-fit');
    expect(gib(j.headroomBytes)).toBe(-44.5);
    expect(j.sentence).toBe('The launch does not fit: it needs 94.5 GiB, 50.0 GiB can be used, 44.5 GiB short.');
    // Even the smallest KV cache cannot save it: no setting fix, only a smaller model.
    expect(j.fixes).toEqual([{ kind: 'smaller-model', weightsBytes: 30.5e9 * 0.5625, text: 'Use a 4-bit model (NVFP4 or AWQ): about 16.0 GiB of weights instead of 56.8 GiB.' }]);
    const error = memoryGuardError(j)!;
    expect(error.code).toBe('memory-guard');
    expect(error.details).toContain('need: 94.5 GiB');
    expect(error.details).toContain('weights: 56.8 GiB');
  });

  it('an NVFP4 build of the same model fits the 64 GB box', () => {
    const nvfp4: LaunchPlan = { ...qwenBf16, weights: { kind: 'parameters', parameters: 30.5e9, format: 'nvfp4' }, kvCache: { kind: 'bytes', bytes: 16 * GiB, flag: '--kv-cache-memory' } };
    expect(judgeLaunch(nvfp4, box64).verdict).toBe('ok');
  });

  it('suggests a smaller --kv-cache-memory when that alone makes it fit', () => {
    const j = judgeLaunch(withKv(60 * GiB), box128);
    expect(j.verdict).toBe('refuse');
    expect(j.fixes[0]).toEqual({ kind: 'set-engine-setting', setting: '--kv-cache-memory', value: 39 * GiB, text: `Lower --kv-cache-memory to ${39 * GiB}.` });
    expect(judgeLaunch(withKv(39 * GiB), box128).verdict).toBe('ok');
  });
});

describe('judgeLaunch: other holders of memory', () => {
  it('a second server already holding 40 GiB turns the ok into a refusal naming it', () => {
    const others: MemoryHolder[] = [{ kind: 'server', name: 'pgx-vllm-qwen3-vl', heldBytes: 40 * GiB, reservation: { kind: 'fraction-of-total', fraction: 0.33 }, starting: false }];
    // It is running: its 40 GiB are already missing from MemAvailable.
    const j = judgeLaunch(qwenBf16, { ...box128, availableBytes: box128.availableBytes - 40 * GiB, freeBytes: 60 * GiB }, others);
    expect(j.verdict).toBe('refuse');
    expect(j.holders).toEqual([{ name: 'pgx-vllm-qwen3-vl', kind: 'server', heldBytes: 40 * GiB, pendingBytes: 0 }]); // 0.33 × 119.7 GiB < 40 GiB: all taken
    expect(j.fixes).toContainEqual(expect.objectContaining({ kind: 'stop-server', name: 'pgx-vllm-qwen3-vl', text: 'Stop server pgx-vllm-qwen3-vl (holds 40.0 GiB).' }));
  });

  it('a server still starting counts what it reserved but has not taken yet', () => {
    const starting: MemoryHolder = { kind: 'server', name: 'sglang-a', heldBytes: 2 * GiB, reservation: { kind: 'bytes', bytes: 32 * GiB }, starting: true };
    const j = judgeLaunch(qwenBf16, box128, [starting]);
    expect(j.pendingBytes).toBe(30 * GiB);
    expect(j.verdict).toBe('refuse');
    // Running and measured at its reservation: nothing pending, MemAvailable already says it all.
    expect(judgeLaunch(qwenBf16, box128, [{ ...starting, heldBytes: 32 * GiB, starting: false }]).pendingBytes).toBe(0);
  });

  it('a model Ollama keeps loaded (`ollama ps` SIZE) pushes a launch into the warn band, with the unload command', () => {
    const ps = parseOllamaPs(['  NAME           ID              SIZE     PROCESSOR    CONTEXT    UNTIL   ', '  qwen3.8:27b    22130167c4c2    17 GB    100% GPU     98304      Forever'].join('\n'));
    if (!ps.ok) throw new Error(ps.reason);
    const loaded = ps.rows.map((r): MemoryHolder => ({ kind: 'ollama-model', name: r.name, bytes: r.sizeBytes! }));
    const plan = withKv(25 * GiB);
    expect(judgeLaunch(plan, box128).verdict).toBe('ok');
    const j = judgeLaunch(plan, { ...box128, availableBytes: box128.availableBytes - 17e9 }, loaded);
    expect(j.verdict).toBe('warn');
    expect(j.reason).toBe('near-edge');
    expect(j.fixes).toContainEqual({ kind: 'unload-ollama-model', name: 'qwen3.8:27b', freesBytes: 17e9, command: 'ollama stop qwen3.8:27b', text: 'Unload qwen3.8:27b from Ollama (holds 15.8 GiB).' });
  });

  it('quotes a hostile Ollama model name in the unload command', () => {
    const j = judgeLaunch(qwenBf16, box64, [{ kind: 'ollama-model', name: "x'; rm -rf ~ $(id)", bytes: 2 * GiB }]);
    const fix = j.fixes.find((f) => f.kind === 'unload-ollama-model');
    expect(fix && 'command' in fix ? fix.command : null).toBe(`ollama stop 'x'\\''; rm -rf ~ $(id)'`);
  });
});

describe('judgeLaunch: engine fractions', () => {
  const weights = { kind: 'parameters', parameters: 30.5e9, format: 'bf16' } as const;

  it('vLLM --gpu-memory-utilization is a fraction of the whole pool: 0.9 is refused, the suggested value fits', () => {
    const plan: LaunchPlan = { engine: 'vllm', weights, kvCache: { kind: 'vllm-gpu-memory-utilization', fraction: 0.9 } };
    const j = judgeLaunch(plan, box128);
    expect(j.verdict).toBe('refuse');
    expect(gib(j.needBytes)).toBe(110.7); // 0.9 × 119.7 GiB + the engine's own process
    expect(j.fixes[0]).toEqual({ kind: 'set-engine-setting', setting: '--gpu-memory-utilization', value: 0.82, text: 'Lower --gpu-memory-utilization to 0.82.' });
    expect(judgeLaunch({ ...plan, kvCache: { kind: 'vllm-gpu-memory-utilization', fraction: 0.82 } }, box128).verdict).toBe('ok');
  });

  it('vLLM with a fraction too small for the weights is refused: no room for the KV cache, raise it', () => {
    const j = judgeLaunch({ engine: 'vllm', weights, kvCache: { kind: 'vllm-gpu-memory-utilization', fraction: 0.5 } }, box128);
    expect(j.reason).toBe('no-room-for-kv-cache');
    expect(j.verdict).toBe('refuse');
    expect(j.fixes[0]).toMatchObject({ setting: '--gpu-memory-utilization', value: 0.51, text: 'Raise --gpu-memory-utilization to 0.51.' });
  });

  it('SGLang --mem-fraction-static covers weights + KV; activations come on top', () => {
    const j = judgeLaunch({ engine: 'sglang', weights, kvCache: { kind: 'sglang-mem-fraction-static', fraction: 0.85 } }, box128);
    expect(j.verdict).toBe('warn');
    expect(gib(j.terms.find((t) => t.kind === 'kv-cache')!.bytes)).toBe(44.9); // 0.85 × 119.7 − 56.8
    expect(j.fixes[0]).toMatchObject({ setting: '--mem-fraction-static', value: 0.8 });
  });

  it('TensorRT-LLM free_gpu_memory_fraction is of what is free after the weights: the playbook 0.9 is near the edge, not over it', () => {
    const plan: LaunchPlan = { engine: 'trtllm', weights, kvCache: { kind: 'trtllm-free-gpu-memory-fraction', fraction: 0.9 } };
    const j = judgeLaunch(plan, box128);
    expect(j.verdict).toBe('warn');
    expect(gib(j.headroomBytes)).toBe(0.9); // 10 % of (111.7 − 62.3) GiB, less the OS reserve
    expect(j.fixes[0]).toMatchObject({ setting: 'free_gpu_memory_fraction', value: 0.79 });
    expect(judgeLaunch({ ...plan, kvCache: { kind: 'trtllm-free-gpu-memory-fraction', fraction: 0.79 } }, box128).verdict).toBe('ok');
    // Where the weights leave nothing free, no fraction helps.
    expect(judgeLaunch(plan, box64).reason).toBe('no-room-for-kv-cache');
  });
});

describe('judgeLaunch: page cache', () => {
  it('warns and offers the drop-caches command when page cache must be reclaimed during the load', () => {
    const cached: BoxMemory = { ...box128, freeBytes: 40 * GiB, cachedBytes: 70 * GiB };
    const j = judgeLaunch(qwenBf16, cached);
    expect(j.verdict).toBe('warn');
    expect(j.reason).toBe('page-cache');
    expect(gib(j.cacheToReclaimBytes)).toBe(58.5);
    expect(j.fixes[0]).toEqual({ kind: 'drop-page-cache', command: 'sync; echo 3 | sudo tee /proc/sys/vm/drop_caches', text: 'Drop the page cache first (70.0 GiB of file cache stands in the way; needs sudo).' });
    expect(memoryGuardError(j)!.hint).toContain(`Run: ${dropPageCacheCommand}`);
  });

  it('does not offer it when the launch does not fit anyway (cache is already counted as available)', () => {
    const j = judgeLaunch(qwenBf16, { ...box64, freeBytes: 10 * GiB, cachedBytes: 40 * GiB });
    expect(j.verdict).toBe('refuse');
    expect(j.fixes.some((f) => f.kind === 'drop-page-cache')).toBe(false);
  });

  it('near the edge with cache in the way: the setting first, then the drop-caches command', () => {
    const j = judgeLaunch({ engine: 'sglang', weights: { kind: 'parameters', parameters: 30.5e9, format: 'bf16' }, kvCache: { kind: 'sglang-mem-fraction-static', fraction: 0.85 } }, { ...box128, freeBytes: 60 * GiB, cachedBytes: 50 * GiB });
    expect(j.reason).toBe('near-edge');
    expect(j.fixes.map((f) => f.kind)).toEqual(['set-engine-setting', 'drop-page-cache', 'smaller-model']);
  });
});

describe('box memory adapters', () => {
  it('reads /proc/meminfo (SYNTH: kernel-standard layout around the captured GB10 MemTotal)', () => {
    const text = ['MemTotal:       125513944 kB', 'MemFree:        104857600 kB', 'MemAvailable:   117125120 kB', 'Buffers:           65536 kB', 'Cached:          9437184 kB', 'HugePages_Total:       0'].join('\n');
    const parsed = parseMeminfo(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(boxMemoryFromMeminfo(parsed.meminfo)).toEqual({ totalBytes: 125_513_944 * kB, availableBytes: 117_125_120 * kB, freeBytes: 104_857_600 * kB, cachedBytes: (9_437_184 + 65_536) * kB });
  });

  it('gives null without MemAvailable, and takes a telemetry sample', () => {
    const parsed = parseMeminfo('MemTotal: 1000 kB\nMemFree: 500 kB');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(boxMemoryFromMeminfo(parsed.meminfo)).toBeNull();
    expect(boxMemoryFromSample({ totalBytes: 100, usedBytes: 30, cacheBytes: 20, freeBytes: 50, swapTotalBytes: 0, swapUsedBytes: 0 })).toEqual({ totalBytes: 100, availableBytes: 70, freeBytes: 50, cachedBytes: 20 });
  });
});

describe('a serving launch, judged', () => {
  it('the review’s vLLM launch of Qwen3-30B-A3B (BF16 weights here) fits 128 GB, not 64 GB; its KV flag is the launch’s own', () => {
    const launch = serveLaunch({ engine: 'vllm', model: '/data/llm-model/Qwen/Qwen3-30B-A3B', memory: { kind: 'kv-cache-bytes', bytes: 34_608_345_600 } });
    const kvCache = kvSettingOf(launch.engine, launch.memory);
    expect(kvCache).toEqual({ kind: 'bytes', bytes: 34_608_345_600, flag: '--kv-cache-memory-bytes' });
    const plan: LaunchPlan = { engine: launch.engine, weights: qwenBf16.weights, kvCache: kvCache! };
    expect(judgeLaunch(plan, box128).verdict).toBe('ok');
    expect(judgeLaunch(plan, box64).verdict).toBe('refuse');
  });

  it('reads each engine’s memory setting as that engine means it', () => {
    expect(kvSettingOf('vllm', { kind: 'pool-fraction', fraction: 0.7 })).toEqual({ kind: 'vllm-gpu-memory-utilization', fraction: 0.7 });
    expect(kvSettingOf('sglang', { kind: 'pool-fraction', fraction: 0.7 })).toEqual({ kind: 'sglang-mem-fraction-static', fraction: 0.7 });
    expect(kvSettingOf('trtllm', { kind: 'free-fraction', fraction: 0.9 })).toEqual({ kind: 'trtllm-free-gpu-memory-fraction', fraction: 0.9 });
    expect(kvSettingOf('llama-server', { kind: 'context-tokens', tokens: 8192 }, 98_304)).toEqual({ kind: 'bytes', bytes: 8192 * 98_304, flag: '-c' });
    expect(kvSettingOf('llama-server', { kind: 'context-tokens', tokens: 8192 })).toBeNull();
    expect(kvSettingOf('ollama', { kind: 'ollama-model', keepAlive: '5m' })).toBeNull();
  });
});
