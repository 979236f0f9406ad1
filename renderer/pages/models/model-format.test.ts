import { describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../src/domain/model.js';
import { duration, formatLabel, matches, modelSize, parameterLabel, serveTarget, sortModels } from './model-format.js';

const entry = (over: Partial<ModelEntry>): ModelEntry => ({
  id: 'Qwen/Qwen3-8B',
  source: 'huggingface',
  path: '/home/demo/.cache/huggingface/hub/models--Qwen--Qwen3-8B',
  servePath: '/home/demo/.cache/huggingface/hub/models--Qwen--Qwen3-8B/snapshots/abc',
  revision: 'abc',
  sizeBytes: 16_400_000_000,
  architecture: 'Qwen3ForCausalLM',
  modelType: 'qwen3',
  parameters: { total: 8.19e9, active: null, basis: 'config' },
  format: { kind: 'safetensors', dtype: 'bfloat16', quantization: null },
  ...over,
});

describe('modelSize', () => {
  it('writes decimal GB with one decimal below 100 GB, none above, MB below 1 GB', () => {
    expect(modelSize(null)).toBeNull();
    expect(modelSize(16_400_000_000)).toBe('16.4 GB');
    expect(modelSize(1e9)).toBe('1.0 GB');
    expect(modelSize(123_456_000_000)).toBe('123 GB');
    expect(modelSize(999_400_000)).toBe('999 MB');
    expect(modelSize(726)).toBe('1 MB');
    expect(modelSize(0)).toBe('1 MB');
  });
});

describe('parameterLabel', () => {
  it('writes billions with a decimal, millions whole', () => {
    expect(parameterLabel(30.53e9)).toBe('30.5B');
    expect(parameterLabel(3.3e9)).toBe('3.3B');
    expect(parameterLabel(235e9)).toBe('235B');
    expect(parameterLabel(596e6)).toBe('596M');
  });
});

describe('formatLabel', () => {
  it('names the quantisation, else the dtype; GGUF quant types once each; Ollama’s quant', () => {
    expect(formatLabel({ kind: 'safetensors', dtype: 'bfloat16', quantization: { method: 'modelopt', label: 'NVFP4' } })).toBe('NVFP4');
    expect(formatLabel({ kind: 'safetensors', dtype: 'bfloat16', quantization: null })).toBe('BF16');
    expect(formatLabel({ kind: 'safetensors', dtype: 'float16', quantization: null })).toBe('FP16');
    expect(formatLabel({ kind: 'safetensors', dtype: 'float32', quantization: null })).toBe('float32');
    expect(formatLabel({ kind: 'safetensors', dtype: null, quantization: null })).toBe('safetensors');
    const file = (name: string, quantType: string | null) => ({ name, path: `/m/${name}`, sizeBytes: 1, quantType });
    expect(formatLabel({ kind: 'gguf', files: [file('a-00001-of-00002.gguf', 'Q4_K_M'), file('a-00002-of-00002.gguf', 'Q4_K_M'), file('b.gguf', 'Q8_0')] })).toBe('GGUF Q4_K_M, Q8_0');
    expect(formatLabel({ kind: 'gguf', files: [file('model.gguf', null)] })).toBe('GGUF ?');
    expect(formatLabel({ kind: 'ollama', id: 'qwen3:1.7b', quantType: 'Q4_K_M' })).toBe('Q4_K_M');
    expect(formatLabel({ kind: 'ollama', id: 'qwen3:1.7b', quantType: null })).toBe('Ollama');
    expect(formatLabel({ kind: 'unknown' })).toBe('—');
  });
});

describe('serveTarget', () => {
  it('is the folder an engine reads, or the Ollama name', () => {
    expect(serveTarget(entry({}))).toBe('/home/demo/.cache/huggingface/hub/models--Qwen--Qwen3-8B/snapshots/abc');
    expect(serveTarget(entry({ source: 'ollama', id: 'qwen3:1.7b', path: null, servePath: null }))).toBe('qwen3:1.7b');
    expect(serveTarget(entry({ source: 'folder', servePath: null }))).toBeNull();
  });
});

describe('sortModels and matches', () => {
  const models = [
    entry({ id: 'qwen3:1.7b', source: 'ollama', sizeBytes: 1.4e9, format: { kind: 'ollama', id: 'qwen3:1.7b', quantType: 'Q4_K_M' } }),
    entry({ id: 'nvidia/Qwen3-30B-A3B-NVFP4', sizeBytes: 17.6e9, architecture: 'Qwen3MoeForCausalLM', format: { kind: 'safetensors', dtype: 'bfloat16', quantization: { method: 'modelopt', label: 'NVFP4' } } }),
    entry({ id: 'Qwen3-8B-Q4_K_M.gguf', source: 'folder', sizeBytes: null, format: { kind: 'gguf', files: [] } }),
    entry({ id: 'Qwen/Qwen3-8B' }),
  ];

  it('sorts by name, by size (unknown last) or by source then name, without changing the input', () => {
    const before = models.map((m) => m.id);
    expect(sortModels(models, 'name').map((m) => m.id)).toEqual(['nvidia/Qwen3-30B-A3B-NVFP4', 'Qwen/Qwen3-8B', 'qwen3:1.7b', 'Qwen3-8B-Q4_K_M.gguf'].sort((a, b) => a.localeCompare(b)));
    expect(sortModels(models, 'size').map((m) => m.id)).toEqual(['nvidia/Qwen3-30B-A3B-NVFP4', 'Qwen/Qwen3-8B', 'qwen3:1.7b', 'Qwen3-8B-Q4_K_M.gguf']);
    expect(sortModels(models, 'source').map((m) => m.source)).toEqual(['huggingface', 'huggingface', 'folder', 'ollama']);
    expect(models.map((m) => m.id)).toEqual(before);
  });

  it('matches every word in the id, architecture, format or source, case-insensitively', () => {
    const hit = (filter: string) => models.filter((m) => matches(m, filter)).map((m) => m.id);
    expect(hit('')).toHaveLength(4);
    expect(hit('nvfp4')).toEqual(['nvidia/Qwen3-30B-A3B-NVFP4']);
    expect(hit('moe qwen3')).toEqual(['nvidia/Qwen3-30B-A3B-NVFP4']);
    expect(hit('  OLLAMA ')).toEqual(['qwen3:1.7b']);
    expect(hit('gguf folder')).toEqual(['Qwen3-8B-Q4_K_M.gguf']);
    expect(hit('bf16 8b')).toEqual(['Qwen/Qwen3-8B']);
    expect(hit('awq')).toEqual([]);
  });
});

describe('duration', () => {
  it('writes hours and minutes, minutes and seconds, or seconds', () => {
    expect(duration(3725)).toBe('1 h 02 min');
    expect(duration(185)).toBe('3 min 05 s');
    expect(duration(12.4)).toBe('12 s');
    expect(duration(-3)).toBe('0 s');
  });
});
