/**
 * The first step of the export chain (issue 12): `llamafactory-cli export merge.yaml` folds a LoRA
 * adapter into its base model. The YAML has the keys of LLaMA Factory's own
 * examples/merge_lora/qwen3_lora_sft.yaml, in its sections; as its note says, a quantized model (or
 * quantization_bit) must not be merged, so none is written.
 */
import { parse, stringify } from 'yaml';

export interface MergeSettings {
  /** The base model the adapter was trained on (a hub id or a folder on the box). */
  readonly baseModel: string;
  /** The adapter's folder (a fine-tune run's output_dir or one of its checkpoints). */
  readonly adapterDir: string;
  /** The chat template the run trained with (templateFor in ../finetune/yaml.ts). */
  readonly template: string;
  readonly exportDir: string;
  /** Shard size in GB (export_size). */
  readonly shardSizeGb: number;
  /** cpu (the example's, no GPU memory needed) or auto. */
  readonly device: 'cpu' | 'auto';
  /** Old .bin weights instead of safetensors (the example: false). */
  readonly legacyFormat: boolean;
}

export const mergeDefaults = { shardSizeGb: 5, device: 'cpu', legacyFormat: false } as const;

const section = (title: string, values: Record<string, unknown>): string => `### ${title}\n${stringify(values, { lineWidth: 0 })}`;

export const mergeYaml = (m: MergeSettings): string => {
  if (!Number.isInteger(m.shardSizeGb) || m.shardSizeGb < 1 || m.shardSizeGb > 100) throw new RangeError(`export_size ${m.shardSizeGb} is not a whole number of GB from 1 to 100`);
  return [
    '### Note: DO NOT use quantized model or quantization_bit when merging lora adapters\n',
    section('model', { model_name_or_path: m.baseModel, adapter_name_or_path: m.adapterDir, template: m.template, trust_remote_code: true }),
    section('export', { export_dir: m.exportDir, export_size: m.shardSizeGb, export_device: m.device, export_legacy_format: m.legacyFormat }),
  ].join('\n');
};

/** The export_dir a (user-edited) merge YAML writes to; null when the text is not YAML or has none. */
export const exportDirOf = (text: string): string | null => {
  try {
    const value: unknown = parse(text);
    const dir = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)['export_dir'] : undefined;
    return typeof dir === 'string' && dir.trim() !== '' && !dir.includes('\n') ? dir.trim() : null;
  } catch {
    return null;
  }
};
