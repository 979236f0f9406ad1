import { describe, expect, it } from 'vitest';
import { serveLaunch } from '../../../src/recipes/serve/serve-launch.js';
import { engineUnsuited, modelFromText, preselectedModel, presetForm, specOf } from './wizard-model.js';

const GiB = 1024 ** 3;

describe('wizard model', () => {
  it('suits engines to the model: GGUF to llama-server, NVFP4 not to SGLang, Ollama to library names', () => {
    const gguf = modelFromText('/home/demo/models/qwen3-8b-q4_k_m.gguf');
    expect(gguf.kind).toBe('gguf');
    expect(engineUnsuited('llama-server', gguf)).toBeNull();
    expect(engineUnsuited('vllm', gguf)).toBe('ggufOnlyLlama');
    expect(engineUnsuited('ollama', gguf)).toBe('ollamaLibraryOnly');
    const typed = modelFromText('  nvidia/Qwen3-30B-A3B-NVFP4 ');
    expect(typed.ref).toBe('nvidia/Qwen3-30B-A3B-NVFP4');
    expect(engineUnsuited('sglang', typed)).toBe('nvfp4TrtVllm');
    expect(engineUnsuited('vllm', typed)).toBeNull();
    expect(engineUnsuited('llama-server', typed)).toBe('llamaGgufOnly');
    expect(engineUnsuited('ollama', modelFromText('qwen3:8b'))).toBeNull();
    const ollamaEntry = { ...modelFromText('qwen3:1.7b'), kind: 'ollama' as const };
    expect(engineUnsuited('vllm', ollamaEntry)).toBe('ollamaModel');
  });

  it('starts from the box class’s presets and makes a spec the recipe accepts', () => {
    expect(presetForm('vllm', '128')).toMatchObject({ fraction: '0.7', port: '8000', image: '' });
    expect(presetForm('vllm', '64').fraction).not.toBe(presetForm('vllm', '128').fraction);
    const model = modelFromText('Qwen/Qwen3-8B');
    const form = { ...presetForm('vllm', '128'), vllmMemory: 'kv-cache-bytes' as const, kvCacheGiB: '8', servedModelName: ' qwen ' };
    const spec = specOf('vllm', model, form, '128');
    expect(spec).toMatchObject({ engine: 'vllm', model: 'Qwen/Qwen3-8B', servedModelName: 'qwen', memory: { kind: 'kv-cache-bytes', bytes: 8 * GiB }, port: 8000 });
    expect(spec).not.toHaveProperty('image');
    expect(serveLaunch(spec).command).toMatch(/--kv-cache-memory-bytes'? '?8589934592/);
    const switched = specOf('vllm', model, { ...form, image: 'nvcr.io/nvidia/vllm:26.03-py3' }, '128');
    expect(serveLaunch(switched).image).toBe('nvcr.io/nvidia/vllm:26.03-py3');
    expect(specOf('ollama', modelFromText('qwen3:8b'), presetForm('ollama', '64'), '64')).toEqual({ engine: 'ollama', model: 'qwen3:8b', boxClass: '64', port: 11434 });
    // An empty field is left to the recipe's default, not sent as 0.
    expect(specOf('trtllm', model, { ...presetForm('trtllm', '128'), maxBatchSize: ' ' }, '128')).toMatchObject({ maxBatchSize: undefined });
  });

  it('reads the preselected model from the hash', () => {
    expect(preselectedModel('#/serve?model=%2Fdata%2Fllm-model%2FQwen3-8B')).toBe('/data/llm-model/Qwen3-8B');
    expect(preselectedModel('#/serve')).toBeNull();
  });
});
