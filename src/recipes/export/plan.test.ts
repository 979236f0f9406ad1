import { describe, expect, it } from 'vitest';
import { ExportSettings } from '../../domain/export.js';
import { exportDirOf } from './merge-yaml.js';
import { buildExportPlan, type PlanFacts } from './plan.js';

const tools = { checkout: '/home/u/llama.cpp', convertScript: '/home/u/llama.cpp/convert_hf_to_gguf.py', python: 'python3', quantizeTool: '/usr/local/bin/llama-quantize', buildCommand: 'build' };
const facts: PlanFacts = {
  home: '/home/u',
  source: { label: 'huanhuan', baseModel: 'Qwen/Qwen3-8B', adapterDir: '/home/u/pgx-finetune/saves/qwen3-8b/lora/sft', modelDir: null, template: 'qwen3_nothink', launcher: '/home/u/venv/bin/llamafactory-cli', problems: [] },
  tools,
  parameters: 8.19e9,
  freeBytes: 500e9,
};
const settings = ExportSettings.parse({ source: { kind: 'finetune', runId: 'ft-t-huanhuan-abc' }, ollamaName: 'qwen3-huanhuan:q4_k_m' });

describe('the export plan', () => {
  it('merges the review’s adapter into ~/models/NAME, Modelfile beside its GGUF', () => {
    const p = buildExportPlan(settings, facts);
    expect(p.workDir).toBe('/home/u/models/qwen3-huanhuan-q4_k_m');
    expect(p.blockers).toEqual([]);
    expect(p.family).toBe('chatml');
    expect(p.mergeYaml).toContain('export_dir: /home/u/models/qwen3-huanhuan-q4_k_m/merged');
    expect(p.modelfile.split('\n')[0]).toBe('FROM ./model-Q4_K_M.gguf');
    expect(p.script).toContain("/home/u/venv/bin/llamafactory-cli export /home/u/models/qwen3-huanhuan-q4_k_m/merge.yaml");
    expect(p.script).toContain('python3 /home/u/llama.cpp/convert_hf_to_gguf.py /home/u/models/qwen3-huanhuan-q4_k_m/merged --outtype bf16');
    expect(p.disk.verdict).toBe('ok');
  });

  it('says what stops it: a template without an Ollama twin, no llama.cpp, a short disk', () => {
    const p = buildExportPlan(settings, { ...facts, source: { ...facts.source, template: 'mistral' }, tools: { ...tools, convertScript: null, quantizeTool: null }, freeBytes: 1e9 });
    expect(p.blockers).toHaveLength(3);
    expect(p.blockers[0]).toContain('“mistral” has no Ollama template');
    expect(p.blockers[1]).toContain('convert_hf_to_gguf.py is not on the box');
    expect(p.blockers[2]).toContain('llama-quantize is not on the box');
    expect(p.disk.verdict).toBe('short');
    expect(buildExportPlan(settings, { ...facts, parameters: null }).disk.verdict).toBe('unknown');
  });

  it('a full model folder converts as it is, without a merge; no quantization keeps convert’s GGUF', () => {
    const full = ExportSettings.parse({ source: { kind: 'model', modelDir: '/data/llm-model/Llama-3.1-8B-Instruct', template: 'llama3' }, ollamaName: 'llama31', quant: null });
    const p = buildExportPlan(full, { ...facts, source: { ...facts.source, adapterDir: null, modelDir: '/data/llm-model/Llama-3.1-8B-Instruct', template: 'llama3' } });
    expect(p.mergeYaml).toBeNull();
    expect(p.script).not.toContain('PGX-STEP merge');
    expect(p.script).not.toContain('llama-quantize');
    expect(p.family).toBe('llama3');
    expect(p.modelfile).toContain('FROM ./model-bf16.gguf');
    expect(p.modelfile).toContain('<|start_header_id|>');
  });

  it('an export_dir moved in the merge YAML is where convert reads', () => {
    const p = buildExportPlan(settings, { ...facts, mergedDir: '/data/merged/huanhuan' });
    expect(p.script).toContain('convert_hf_to_gguf.py /data/merged/huanhuan --outtype');
    expect(exportDirOf(p.mergeYaml!)).toBe('/data/merged/huanhuan');
    expect(exportDirOf('model_name_or_path: x\n')).toBeNull();
    expect(exportDirOf(': : not yaml [')).toBeNull();
  });
});
