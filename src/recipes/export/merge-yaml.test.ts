/**
 * Done-when 4 of issue 12 (its merge half): the merge YAML against LLaMA Factory's own
 * examples/merge_lora/qwen3_lora_sft.yaml (a byte copy in e2e/fixtures/captures/llamafactory/, as
 * ../shared/formats/llamafactory/ has it): the same keys, and the example's settings give its values.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { templateFor } from '../finetune/yaml.js';
import { mergeDefaults, mergeYaml } from './merge-yaml.js';

const exampleText = readFileSync(new URL('../../../e2e/fixtures/captures/llamafactory/examples__merge_lora__qwen3_lora_sft.yaml', import.meta.url), 'utf8');
const example = parse(exampleText) as Record<string, unknown>;

describe('merge YAML', () => {
  it('the example’s own settings give the example, key for key and value for value', () => {
    const ours = mergeYaml({
      baseModel: String(example['model_name_or_path']),
      adapterDir: String(example['adapter_name_or_path']),
      template: String(example['template']),
      exportDir: String(example['export_dir']),
      shardSizeGb: Number(example['export_size']),
      device: example['export_device'] as 'cpu',
      legacyFormat: Boolean(example['export_legacy_format']),
    });
    expect(parse(ours)).toEqual(example);
    expect(Object.keys(parse(ours) as object)).toEqual(Object.keys(example));
    // The example's warning comes along: never merge into a quantized model.
    expect(ours.split('\n')[0]).toBe(exampleText.split('\n')[0]);
  });

  it('the review’s model: its run’s adapter, the template it trained with, the example’s defaults', () => {
    const yaml = parse(mergeYaml({ baseModel: 'Qwen/Qwen3-1.7B-Base', adapterDir: 'saves/Qwen3-1.7B-Base/lora/train_huanhuan', template: templateFor('Qwen/Qwen3-1.7B-Base'), exportDir: 'saves/Qwen3-1.7B-huanhuan-merged', ...mergeDefaults })) as Record<string, unknown>;
    expect(yaml).toMatchObject({ template: example['template'], export_size: 5, export_device: 'cpu', export_legacy_format: false, trust_remote_code: true });
    expect(yaml).not.toHaveProperty('quantization_bit');
  });

  it('a hostile path stays one value; a shard size out of range is refused', () => {
    const hostile = `out'; rm -rf ~ #"\nexport_dir: /`;
    expect(parse(mergeYaml({ baseModel: 'm', adapterDir: 'a', template: 'qwen3', exportDir: hostile, ...mergeDefaults }))).toMatchObject({ export_dir: hostile });
    expect(() => mergeYaml({ baseModel: 'm', adapterDir: 'a', template: 'qwen3', exportDir: 'x', ...mergeDefaults, shardSizeGb: 0 })).toThrow(/export_size/);
  });
});
