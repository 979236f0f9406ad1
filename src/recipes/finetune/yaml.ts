/**
 * The training form as LLaMA Factory YAML, laid out like its own examples
 * (examples/train_lora/qwen3_lora_sft.yaml, examples/train_qlora/qwen3_lora_sft_otfq.yaml: the
 * same sections, keys and meanings), the predict YAML (examples/extras/nlg_eval), and the few
 * keys the app reads back from a YAML a user edited.
 */
import { parse, stringify } from 'yaml';
import type { TrainingSettings } from '../../domain/finetune.js';

/** A template for the model family (data/template.py names); `default` when nothing matches. */
export const templateFor = (model: string): string => {
  const name = model.toLowerCase().split('/').pop() ?? '';
  const rules: ReadonlyArray<readonly [RegExp, string]> = [
    [/qwen3.*-vl/, 'qwen3_vl'],
    [/qwen2\.5-vl/, 'qwen2_5_vl'],
    [/qwen2-vl/, 'qwen2_vl'],
    // Qwen3 bases and -Instruct-2507 models have no thinking mode to keep: the examples use qwen3_nothink.
    [/qwen3/, 'qwen3_nothink'],
    [/qwen|qwq/, 'qwen'],
    [/llama-?4/, 'llama4'],
    [/llama-?3/, 'llama3'],
    [/llama-?2/, 'llama2'],
    [/gemma-?3/, 'gemma3'],
    [/gemma-?2/, 'gemma2'],
    [/gemma/, 'gemma'],
    [/deepseek-r1/, 'deepseekr1'],
    [/deepseek-v3/, 'deepseek3'],
    [/deepseek/, 'deepseek'],
    [/glm-?4/, 'glm4'],
    [/chatglm3/, 'chatglm3'],
    [/gpt-oss/, 'gpt_oss'],
    [/ministral/, 'ministral'],
    [/mistral|mixtral/, 'mistral'],
    [/phi-?4/, 'phi4'],
    [/phi/, 'phi'],
    [/yi-/, 'yi'],
    [/baichuan2/, 'baichuan2'],
    [/internlm2/, 'intern2'],
    [/granite-?3/, 'granite3'],
    [/olmo/, 'olmo'],
  ];
  return rules.find(([re]) => re.test(name))?.[1] ?? 'default';
};

const section = (title: string, values: Record<string, unknown>): string => `### ${title}\n${stringify(values, { lineWidth: 0 })}`;

/** Every section of a training YAML for the form (what finetune:yaml shows). */
export const trainingYaml = (s: TrainingSettings): string => {
  const model: Record<string, unknown> = { model_name_or_path: s.baseModel };
  if (s.method === 'qlora') Object.assign(model, { quantization_bit: s.quantizationBit, quantization_method: 'bnb' });
  model['trust_remote_code'] = true;

  const method: Record<string, unknown> = { stage: s.stage, do_train: true, finetuning_type: s.method === 'qlora' ? 'lora' : s.method };
  if (s.method === 'lora' || s.method === 'qlora') Object.assign(method, { lora_rank: s.loraRank, lora_alpha: s.loraAlpha, lora_dropout: s.loraDropout, lora_target: s.loraTarget });
  if (s.method === 'freeze') Object.assign(method, { freeze_trainable_layers: s.freezeTrainableLayers, freeze_trainable_modules: 'all' });

  const dataset: Record<string, unknown> = { dataset: s.datasets.join(','), template: s.template, cutoff_len: s.cutoffLen };
  if (s.maxSamples !== null) dataset['max_samples'] = s.maxSamples;
  Object.assign(dataset, { preprocessing_num_workers: 16, dataloader_num_workers: 4 });

  const output = {
    output_dir: s.outputDir,
    logging_steps: s.loggingSteps,
    save_steps: s.saveSteps,
    plot_loss: true,
    overwrite_output_dir: true,
    save_only_model: false,
    report_to: 'none',
    // Tokens seen per log line: trainer_log.jsonl then carries throughput (tokens/s) and total_tokens.
    include_num_input_tokens_seen: true,
  };

  const train = {
    per_device_train_batch_size: s.batchSize,
    gradient_accumulation_steps: s.gradientAccumulation,
    learning_rate: s.learningRate,
    num_train_epochs: s.epochs,
    lr_scheduler_type: s.scheduler,
    warmup_ratio: s.warmupRatio,
    bf16: s.bf16,
    ddp_timeout: 180000000,
    resume_from_checkpoint: null,
  };

  const parts = [section('model', model), section('method', method), section('dataset', dataset), section('output', output), section('train', train)];
  if (s.valSize > 0) parts.push(section('eval', { val_size: s.valSize, per_device_eval_batch_size: s.batchSize, eval_strategy: 'steps', eval_steps: s.evalSteps }));
  return parts.join('\n');
};

export interface PredictOptions {
  readonly baseModel: string;
  /** The trained adapter folder; null: the base model alone. */
  readonly adapter: string | null;
  readonly finetuningType: 'lora' | 'full' | 'freeze';
  readonly template: string;
  readonly datasets: readonly string[];
  readonly cutoffLen: number;
  readonly maxSamples: number;
  readonly outputDir: string;
  readonly quantizationBit: number | null;
}

/** A batch-predict YAML like examples/extras/nlg_eval/llama3_lora_predict.yaml. */
export const predictYaml = (p: PredictOptions): string => {
  const model: Record<string, unknown> = { model_name_or_path: p.baseModel };
  if (p.adapter !== null) model['adapter_name_or_path'] = p.adapter;
  if (p.quantizationBit !== null) Object.assign(model, { quantization_bit: p.quantizationBit, quantization_method: 'bnb' });
  model['trust_remote_code'] = true;
  return [
    section('model', model),
    section('method', { stage: 'sft', do_predict: true, finetuning_type: p.adapter === null ? 'lora' : p.finetuningType }),
    section('dataset', { eval_dataset: p.datasets.join(','), template: p.template, cutoff_len: p.cutoffLen, max_samples: p.maxSamples, overwrite_cache: true, preprocessing_num_workers: 16, dataloader_num_workers: 4 }),
    section('output', { output_dir: p.outputDir, overwrite_output_dir: true, report_to: 'none' }),
    section('eval', { per_device_eval_batch_size: 1, predict_with_generate: true, ddp_timeout: 180000000 }),
  ].join('\n');
};

/** What the app needs from a YAML (as a user may have edited it). */
export interface RunYaml {
  readonly baseModel: string;
  readonly outputDir: string;
  readonly stage: string;
  readonly finetuningType: string;
  readonly quantizationBit: number | null;
  readonly template: string | null;
  readonly datasets: readonly string[];
  readonly evalDatasets: readonly string[];
  readonly cutoffLen: number;
  readonly doTrain: boolean;
  readonly doPredict: boolean;
  /** Every key as parsed (to show or re-check). */
  readonly values: Readonly<Record<string, unknown>>;
}

export type YamlRead = { readonly ok: true; readonly value: RunYaml } | { readonly ok: false; readonly reason: string };

const list = (value: unknown): string[] =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((d) => d.trim())
        .filter((d) => d !== '')
    : Array.isArray(value)
      ? value.map(String)
      : [];

/** Reads a run YAML; a sentence when it does not parse or lacks what a run needs. */
export const readRunYaml = (text: string): YamlRead => {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    return { ok: false, reason: `The YAML does not parse${line !== undefined ? ` (line ${line})` : ''}: ${(error as Error).message.split('\n')[0]}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'The YAML is not a mapping of keys to values.' };
  const v = parsed as Record<string, unknown>;
  const str = (key: string) => (typeof v[key] === 'string' || typeof v[key] === 'number' ? String(v[key]) : null);
  const baseModel = str('model_name_or_path');
  if (baseModel === null || baseModel.trim() === '') return { ok: false, reason: 'The YAML has no model_name_or_path.' };
  const outputDir = str('output_dir');
  if (outputDir === null || outputDir.trim() === '') return { ok: false, reason: 'The YAML has no output_dir.' };
  const bit = typeof v['quantization_bit'] === 'number' ? v['quantization_bit'] : null;
  return {
    ok: true,
    value: {
      baseModel,
      outputDir,
      stage: str('stage') ?? 'sft',
      finetuningType: str('finetuning_type') ?? 'lora',
      quantizationBit: bit,
      template: str('template'),
      datasets: list(v['dataset']),
      evalDatasets: list(v['eval_dataset']),
      cutoffLen: typeof v['cutoff_len'] === 'number' ? v['cutoff_len'] : 2048,
      doTrain: v['do_train'] === true,
      doPredict: v['do_predict'] === true,
      values: v,
    },
  };
};
