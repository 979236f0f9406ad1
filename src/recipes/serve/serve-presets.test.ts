import { describe, expect, it } from 'vitest';
import { serveLaunch } from './serve-launch.js';
import { servePresets } from './serve-presets.js';
import type { ServeSpecInput } from './serve-spec.js';

describe('presets per box class', () => {
  it('give the 64 GB box smaller memory shares, shorter contexts and fewer sequences', () => {
    const [big, small] = [servePresets['128'], servePresets['64']];
    expect(small.vllm.gpuMemoryUtilization).toBeLessThan(big.vllm.gpuMemoryUtilization);
    expect(small.vllm.maxModelLen).toBeLessThan(big.vllm.maxModelLen);
    expect(small.sglang.memFractionStatic).toBeLessThan(big.sglang.memFractionStatic);
    expect(small.sglang.contextLength).toBeLessThan(big.sglang.contextLength);
    expect(small.trtllm.kvCacheFreeGpuMemoryFraction).toBeLessThan(big.trtllm.kvCacheFreeGpuMemoryFraction);
    expect(small.trtllm.maxBatchSize).toBeLessThan(big.trtllm.maxBatchSize);
    expect(small['llama-server'].ctxSize).toBeLessThan(big['llama-server'].ctxSize);
    expect(small.ollama.keepAlive).not.toBe(big.ollama.keepAlive);
  });

  it.each<[string, ServeSpecInput, string[], string[]]>([
    ['trtllm', { engine: 'trtllm', model: '/m/x' }, ['--max_batch_size 10', 'free_gpu_memory_fraction: 0.7'], ['--max_batch_size 4', 'free_gpu_memory_fraction: 0.5']],
    ['vllm', { engine: 'vllm', model: '/m/x' }, ['--gpu-memory-utilization 0.7', '--max-model-len 32768'], ['--gpu-memory-utilization 0.6', '--max-model-len 16384']],
    ['sglang', { engine: 'sglang', model: '/m/x' }, ['--mem-fraction-static 0.7', '--context-length 32768'], ['--mem-fraction-static 0.6', '--context-length 16384']],
    ['llama-server', { engine: 'llama-server', model: '/m/x.gguf' }, ['-c 32768 -np 4'], ['-c 16384 -np 2']],
    ['ollama', { engine: 'ollama', model: 'qwen3' }, ['--keepalive 30m'], ['--keepalive 10m']],
  ])('%s: the command carries the class’s settings', (_, input, on128, on64) => {
    const big = serveLaunch({ ...input, boxClass: '128' } as ServeSpecInput).command;
    const small = serveLaunch({ ...input, boxClass: '64' } as ServeSpecInput).command;
    for (const text of on128) expect(big).toContain(text);
    for (const text of on64) expect(small).toContain(text);
    expect(serveLaunch(input).command).toBe(big);
  });

  it('lets a setting given in the spec win over the preset', () => {
    expect(serveLaunch({ engine: 'vllm', model: '/m/x', boxClass: '64', memory: { kind: 'utilization', fraction: 0.8 } }).command).toContain('--gpu-memory-utilization 0.8 --max-model-len 16384');
  });
});
