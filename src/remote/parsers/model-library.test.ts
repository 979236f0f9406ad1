import { describe, expect, it } from 'vitest';
import { parseModelLibrary } from './model-library.js';
import { estimateParameters, quantizationOf, readModelConfig } from './model-config.js';
import { ggufQuantType, parametersFromName } from './model-names.js';

const rec = (...fields: string[]) => fields.map((f) => `${f}\0`).join('');

// gpt-oss-120b's config.json as published (the shape keys).
const gptOss = JSON.stringify({
  architectures: ['GptOssForCausalLM'], experts_per_token: 4, head_dim: 64, hidden_size: 2880, intermediate_size: 2880, model_type: 'gpt_oss',
  num_attention_heads: 64, num_experts_per_tok: 4, num_hidden_layers: 36, num_key_value_heads: 8, num_local_experts: 128, tie_word_embeddings: false,
  vocab_size: 201088, quantization_config: { modules_to_not_convert: ['lm_head'], quant_method: 'mxfp4' },
});

// `ollama list` from the capture in shared/formats/ollama-cli-and-api.txt.
const ollamaList = 'NAME                       ID              SIZE      MODIFIED\ngemma4:e4b                 c6eb396dbd59    9.6 GB    8 hours ago\nnomic-embed-text:latest    0a109f422b47    274 MB    8 hours ago';

describe('parseModelLibrary', () => {
  it('reads every record kind; a GGUF repo in the HF cache becomes one GGUF entry with its files', () => {
    const snap = '/h/.cache/huggingface/hub/models--unsloth--Qwen3-0.6B-GGUF/snapshots/abc';
    const out =
      rec('dir', 'hf', '/h/.cache/huggingface/hub/models--openai--gpt-oss-120b', '/h/x/snapshots/b5c9', 'b5c9', '65284000000', gptOss) +
      rec('dir', 'hf', '/h/.cache/huggingface/hub/models--unsloth--Qwen3-0.6B-GGUF', snap, 'abc', '1200000000', '') +
      rec('gguf', 'hf', snap, `${snap}/Qwen3-0.6B-UD-Q4_K_XL.gguf`, '400000000') +
      rec('gguf', 'hf', snap, `${snap}/Qwen3-0.6B-BF16.gguf`, '1200000000') +
      rec('missing', '/data/gone') +
      rec('ollama', '0', ollamaList) +
      rec('end');
    const lib = parseModelLibrary(out);
    expect(lib.complete).toBe(true);
    expect(lib.missingFolders).toEqual(['/data/gone']);
    const [oss, gguf, gemma, nomic] = lib.entries;
    expect(oss).toMatchObject({ id: 'openai/gpt-oss-120b', source: 'huggingface', revision: 'b5c9', sizeBytes: 65_284_000_000, architecture: 'GptOssForCausalLM', modelType: 'gpt_oss', format: { kind: 'safetensors', quantization: { method: 'mxfp4', label: 'MXFP4' } } });
    // Published: 116.83B total, 5.13B active. We count the input embeddings as active too (0.58B),
    // as Qwen does for its 3.3B of Qwen3-30B-A3B; OpenAI leaves them out.
    expect(oss!.parameters!.total / 1e9).toBeCloseTo(116.8, 0);
    expect(oss!.parameters!.active! / 1e9).toBeCloseTo(5.13 + 0.58, 1);
    expect(gguf).toMatchObject({ id: 'unsloth/Qwen3-0.6B-GGUF', parameters: { total: 0.6e9, basis: 'name' } });
    expect(gguf!.format).toEqual({ kind: 'gguf', files: [
      { name: 'Qwen3-0.6B-UD-Q4_K_XL.gguf', path: `${snap}/Qwen3-0.6B-UD-Q4_K_XL.gguf`, sizeBytes: 400_000_000, quantType: 'UD-Q4_K_XL' },
      { name: 'Qwen3-0.6B-BF16.gguf', path: `${snap}/Qwen3-0.6B-BF16.gguf`, sizeBytes: 1_200_000_000, quantType: 'BF16' },
    ] });
    expect(gemma).toMatchObject({ id: 'gemma4:e4b', source: 'ollama', sizeBytes: 9.6e9, parameters: null, format: { kind: 'ollama', id: 'c6eb396dbd59' } });
    expect(nomic!.sizeBytes).toBe(274e6);
  });

  it('keeps paths with newlines, quotes and NUL-free oddities whole; a cut stream is incomplete, not wrong', () => {
    const path = "/data/llm-model/it's\n\"odd\" $(x)";
    const full = rec('dir', 'folder', path, path, '', '4100', '{"architectures":["LlamaForCausalLM"],"model_type":"llama"}') + rec('ollama-missing') + rec('end');
    const lib = parseModelLibrary(full);
    expect(lib.entries.map((e) => [e.id, e.path])).toEqual([[`it's\n"odd" $(x)`, path]]);
    expect(lib.ollama).toEqual({ kind: 'missing' });
    const cut = parseModelLibrary(full.slice(0, full.indexOf('4100') + 2));
    expect(cut).toEqual({ entries: [], ollama: { kind: 'missing' }, missingFolders: [], complete: false });
  });

  it('reports the daemon being down, and a config cut at the size bound by its leading fields', () => {
    const cutConfig = `{"architectures": ["Qwen3MoeForCausalLM"], "model_type": "qwen3_moe", "quantization_config": {"quant_method": "modelopt", "quant_algo": "FP8", "exclude": ["${'x'.repeat(100)}`;
    const lib = parseModelLibrary(rec('dir', 'modelscope', '/m/models/Qwen/Qwen3-30B-A3B-FP8', '/m/models/Qwen/Qwen3-30B-A3B-FP8', '', '31000000000', cutConfig) + rec('ollama', '1', 'Error: could not connect to ollama app, is it running?\n') + rec('end'));
    expect(lib.ollama).toEqual({ kind: 'error', message: 'Error: could not connect to ollama app, is it running?' });
    expect(lib.entries[0]).toMatchObject({ id: 'Qwen/Qwen3-30B-A3B-FP8', architecture: 'Qwen3MoeForCausalLM', format: { kind: 'safetensors', quantization: { method: 'modelopt', label: 'FP8' } }, parameters: { total: 30e9, active: 3e9, basis: 'name' } });
  });

  it('names ModelScope folders with their dots back', () => {
    const lib = parseModelLibrary(rec('dir', 'modelscope', '/m/models/Qwen/Qwen3-1___7B', '/m/models/Qwen/Qwen3-1___7B', '', '1', '{}'));
    expect(lib.entries[0]!.id).toBe('Qwen/Qwen3-1.7B');
  });
});

describe('what config.json and names say', () => {
  it('labels each quant_method the way people name it', () => {
    expect(quantizationOf({ quant_method: 'modelopt', quant_algo: 'NVFP4' })).toEqual({ method: 'modelopt', label: 'NVFP4' });
    expect(quantizationOf({ quant_method: 'awq', bits: 4 })!.label).toBe('AWQ 4-bit');
    expect(quantizationOf({ quant_method: 'gptq', bits: 8 })!.label).toBe('GPTQ 8-bit');
    expect(quantizationOf({ quant_method: 'fp8' })!.label).toBe('FP8');
    expect(quantizationOf({ quant_method: 'compressed-tensors', format: 'nvfp4-pack-quantized' })!.label).toBe('NVFP4');
    expect(quantizationOf({ quant_method: 'compressed-tensors', format: 'float-quantized' })!.label).toBe('FP8');
    expect(quantizationOf({ load_in_4bit: true })!.label).toBe('bitsandbytes 4-bit');
    expect(quantizationOf({})).toBeNull();
  });

  it('estimates Qwen3-8B and the Qwen3-30B-A3B MoE from their shapes', () => {
    const dense = estimateParameters({ hidden_size: 4096, num_hidden_layers: 36, num_attention_heads: 32, num_key_value_heads: 8, head_dim: 128, intermediate_size: 12288, vocab_size: 151936, tie_word_embeddings: false });
    expect(dense!.total / 8_190_735_360).toBeCloseTo(1, 2);
    const moe = estimateParameters({ hidden_size: 2048, num_hidden_layers: 48, num_attention_heads: 32, num_key_value_heads: 4, head_dim: 128, intermediate_size: 6144, moe_intermediate_size: 768, num_experts: 128, num_experts_per_tok: 8, vocab_size: 151936 });
    expect(moe!.total / 30_532_122_624).toBeCloseTo(1, 2);
    expect(estimateParameters({ hidden_size: 4096 })).toBeNull();
  });

  it('ignores odd values field by field and reads multimodal text_config shapes', () => {
    const facts = readModelConfig(JSON.stringify({ architectures: 'not-a-list', model_type: 'gemma3', text_config: { hidden_size: 2560, num_hidden_layers: 34, num_attention_heads: 8, num_key_value_heads: 4, head_dim: 256, intermediate_size: 10240, vocab_size: 262208, tie_word_embeddings: true } }));
    expect(facts).toMatchObject({ architecture: null, modelType: 'gemma3' });
    expect(facts.parameters!.total / 1e9).toBeCloseTo(3.9, 0);
    expect(readModelConfig('')).toMatchObject({ present: false });
  });

  it('reads quant types and sizes from names', () => {
    expect(['Qwen3-8B-Q4_K_M.gguf', 'qwen3-1.7b-q8_0.gguf', 'model-IQ4_XS.gguf', 'x.F16.gguf', 'gpt-oss-20b-MXFP4.gguf', 'plain.gguf'].map(ggufQuantType)).toEqual(['Q4_K_M', 'Q8_0', 'IQ4_XS', 'F16', 'MXFP4', null]);
    expect(parametersFromName('nvidia/Qwen3-30B-A3B-NVFP4')).toEqual({ total: 30e9, active: 3e9, basis: 'name' });
    expect(parametersFromName('SmolLM2-135M-Instruct')).toEqual({ total: 135e6, active: null, basis: 'name' });
    expect(parametersFromName('gemma4-e4b')).toBeNull();
  });
});
