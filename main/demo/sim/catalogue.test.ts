import { describe, expect, it } from 'vitest';
import { blobName, catalogue, findCatalogueModel, findCatalogueModelByConfig, findModelscopeModel } from './catalogue.js';

describe('catalogue', () => {
  it('answers the repos other families need, case-insensitively, with their quantisation', () => {
    expect(findCatalogueModel('qwen/qwen3-30b-a3b')?.id).toBe('Qwen/Qwen3-30B-A3B');
    expect(findCatalogueModel('nvidia/Qwen3-30B-A3B-NVFP4')?.config['quantization_config']).toMatchObject({ quant_algo: 'NVFP4' });
    expect(findCatalogueModel('Qwen/Qwen3-30B-A3B-AWQ')?.config['quantization_config']).toMatchObject({ quant_method: 'awq', bits: 4 });
    expect(findCatalogueModel('openai/gpt-oss-120b')).toMatchObject({ quantization: 'mxfp4', revision: 'b5c939de8f754692c1647ca79fbf85e8c1e70f8a', architecture: 'GptOssForCausalLM' });
    expect(findCatalogueModel('meta-llama/Llama-3.1-8B-Instruct')?.gated).toBe(true);
    expect(catalogue.filter((m) => m.gated).map((m) => m.id)).toEqual(['meta-llama/Llama-3.1-8B-Instruct']);
    expect(findCatalogueModel('someone/unknown')).toBeUndefined();
    expect(findModelscopeModel('LLM-Research/Meta-Llama-3.1-8B-Instruct')?.id).toBe('meta-llama/Llama-3.1-8B-Instruct');
  });

  it('keeps sizes, shards and parameter counts consistent', () => {
    for (const model of catalogue) {
      const shards = model.files.filter((f) => f.name.endsWith('.safetensors'));
      expect(shards.reduce((s, f) => s + f.sizeBytes, 0)).toBe(model.sizeBytes);
      expect(shards.every((f) => f.sizeBytes > 0 && f.lfs)).toBe(true);
      expect(model.files.some((f) => f.name === 'config.json')).toBe(true);
      expect(model.revision).toMatch(/^[0-9a-f]{40}$/);
      // bf16 checkpoints hold two bytes per parameter.
      if (model.quantization === 'bf16') expect(model.sizeBytes / model.parameterCount).toBeCloseTo(2, 1);
      else expect(model.sizeBytes / model.parameterCount).toBeLessThan(1);
    }
    // The 30B MoE in bf16 needs about 61 GB; gpt-oss-120b numbers its 15 shards from zero.
    expect(findCatalogueModel('Qwen/Qwen3-30B-A3B')!.sizeBytes / 1e9).toBeCloseTo(61.06, 1);
    expect(findCatalogueModel('openai/gpt-oss-120b')!.files.filter((f) => f.name.endsWith('.safetensors')).map((f) => f.name)[0]).toBe('model-00000-of-00014.safetensors');
  });

  it('gives every model its own commit and every file its own blob', () => {
    expect(new Set(catalogue.map((m) => m.revision)).size).toBe(catalogue.length);
    const model = findCatalogueModel('Qwen/Qwen3-8B')!;
    const blobs = model.files.map((f) => blobName(model, f));
    expect(new Set(blobs).size).toBe(blobs.length);
    expect(findCatalogueModelByConfig(JSON.parse(JSON.stringify(model.config)) as Record<string, unknown>)?.id).toBe('Qwen/Qwen3-8B');
  });
});
