/**
 * Done-when 2: the YAML written for the review's setup (Qwen3 base + LoRA on huanhuan) has the keys
 * of LLaMA Factory's own examples with the same meaning (byte copies of upstream in
 * e2e/fixtures/captures/llamafactory/, same as ../shared/formats/llamafactory/).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { TrainingSettings } from '../../domain/finetune.js';
import { predictYaml, readRunYaml, templateFor, trainingYaml } from './yaml.js';

const example = (name: string) => parse(readFileSync(new URL(`../../../e2e/fixtures/captures/llamafactory/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const lora = example('examples__train_lora__qwen3_lora_sft.yaml');
const qlora = example('examples__train_qlora__qwen3_lora_sft_otfq.yaml');
const predict = example('examples__extras__nlg_eval__llama3_lora_predict.yaml');

/** Keys we write that the examples do not: each for a reason the app needs. */
const extras = {
  // tokens/s beside the curve: trainer_log.jsonl carries throughput only with it.
  include_num_input_tokens_seen: true,
  // LoRA alpha and dropout are form fields (the review sets alpha 256); the examples leave LLaMA Factory's defaults.
  lora_alpha: true,
  lora_dropout: true,
};

/** The review's walkthrough: Qwen3 base, LoRA rank 8, huanhuan, 1 epoch, cutoff 1024, grad accumulation 4, bf16. */
const review = TrainingSettings.parse({
  baseModel: 'Qwen/Qwen3-1.7B-Base',
  template: templateFor('Qwen/Qwen3-1.7B-Base'),
  method: 'lora',
  loraRank: 8,
  loraAlpha: 256,
  datasets: ['huanhuan'],
  cutoffLen: 1024,
  maxSamples: 1000,
  batchSize: 1,
  gradientAccumulation: 4,
  learningRate: 1e-4,
  epochs: 1,
  outputDir: 'saves/Qwen3-1.7B-Base/lora/train_huanhuan',
});

describe('training YAML', () => {
  it('writes the keys of examples/train_lora/qwen3_lora_sft.yaml, and only those plus the documented extras', () => {
    const ours = parse(trainingYaml(review)) as Record<string, unknown>;
    expect(Object.keys(ours).filter((k) => !(k in extras)).sort()).toEqual(Object.keys(lora).sort());
    expect(Object.keys(ours).filter((k) => k in extras).sort()).toEqual(Object.keys(extras).sort());
  });

  it('gives each shared key the same meaning: the example settings reproduce the example values', () => {
    const same = TrainingSettings.parse({
      baseModel: lora['model_name_or_path'],
      template: lora['template'],
      method: 'lora',
      loraRank: lora['lora_rank'],
      loraTarget: lora['lora_target'],
      datasets: String(lora['dataset']).split(','),
      cutoffLen: lora['cutoff_len'],
      maxSamples: lora['max_samples'],
      batchSize: lora['per_device_train_batch_size'],
      gradientAccumulation: lora['gradient_accumulation_steps'],
      learningRate: lora['learning_rate'],
      epochs: lora['num_train_epochs'],
      scheduler: lora['lr_scheduler_type'],
      warmupRatio: lora['warmup_ratio'],
      bf16: lora['bf16'],
      loggingSteps: lora['logging_steps'],
      saveSteps: lora['save_steps'],
      outputDir: lora['output_dir'],
    });
    const ours = parse(trainingYaml(same)) as Record<string, unknown>;
    for (const [key, value] of Object.entries(lora)) expect([key, ours[key]]).toEqual([key, value]);
  });

  it('the review setup: Qwen3 template, LoRA on huanhuan, its numbers', () => {
    const ours = parse(trainingYaml(review)) as Record<string, unknown>;
    expect(ours).toMatchObject({ model_name_or_path: 'Qwen/Qwen3-1.7B-Base', stage: 'sft', do_train: true, finetuning_type: 'lora', lora_rank: 8, lora_alpha: 256, lora_target: 'all', dataset: 'huanhuan', template: 'qwen3_nothink', cutoff_len: 1024, gradient_accumulation_steps: 4, num_train_epochs: 1, bf16: true, output_dir: 'saves/Qwen3-1.7B-Base/lora/train_huanhuan' });
    // Laid out in the examples' sections, in their order.
    expect(trainingYaml(review).match(/^### \w+/gm)).toEqual(['### model', '### method', '### dataset', '### output', '### train']);
  });

  it('QLoRA matches examples/train_qlora/qwen3_lora_sft_otfq.yaml: quantization_bit + bnb, finetuning_type lora', () => {
    const ours = parse(trainingYaml({ ...review, method: 'qlora', quantizationBit: 4 })) as Record<string, unknown>;
    expect(Object.keys(ours).filter((k) => !(k in extras)).sort()).toEqual(Object.keys(qlora).filter((k) => k !== 'resume_from_checkpoint').concat('resume_from_checkpoint').sort());
    expect({ bit: ours['quantization_bit'], method: ours['quantization_method'], type: ours['finetuning_type'] }).toEqual({ bit: qlora['quantization_bit'], method: qlora['quantization_method'], type: qlora['finetuning_type'] });
    expect((parse(trainingYaml({ ...review, method: 'qlora', quantizationBit: 8 })) as Record<string, unknown>)['quantization_bit']).toBe(8);
  });

  it('full and freeze carry no LoRA keys; freeze says how many layers train', () => {
    const full = parse(trainingYaml({ ...review, method: 'full' })) as Record<string, unknown>;
    expect(full['finetuning_type']).toBe('full');
    expect(Object.keys(full).filter((k) => k.startsWith('lora_'))).toEqual([]);
    const freeze = parse(trainingYaml({ ...review, method: 'freeze', freezeTrainableLayers: 4 })) as Record<string, unknown>;
    expect(freeze).toMatchObject({ finetuning_type: 'freeze', freeze_trainable_layers: 4 });
  });

  it('a validation split adds the example’s commented eval keys', () => {
    const ours = parse(trainingYaml({ ...review, valSize: 0.1, evalSteps: 50 })) as Record<string, unknown>;
    expect(ours).toMatchObject({ val_size: 0.1, per_device_eval_batch_size: 1, eval_strategy: 'steps', eval_steps: 50 });
  });

  it('a hostile dataset name or output folder stays one YAML value', () => {
    const text = trainingYaml({ ...review, datasets: ['a: b # c', "x'y\"z"], outputDir: 'saves/#x: y\n' });
    const ours = parse(text) as Record<string, unknown>;
    expect(ours['dataset']).toBe('a: b # c,x\'y"z');
    expect(ours['output_dir']).toBe('saves/#x: y\n');
    expect(readRunYaml(text)).toMatchObject({ ok: true, value: { datasets: ['a: b # c', 'x\'y"z'] } });
  });
});

describe('predict YAML', () => {
  it('has the keys of examples/extras/nlg_eval/llama3_lora_predict.yaml', () => {
    const ours = parse(predictYaml({ baseModel: 'Qwen/Qwen3-1.7B-Base', adapter: 'saves/q/lora/sft', finetuningType: 'lora', template: 'qwen3_nothink', datasets: ['huanhuan'], cutoffLen: 1024, maxSamples: 50, outputDir: 'saves/q/lora/predict', quantizationBit: null })) as Record<string, unknown>;
    expect(Object.keys(ours).sort()).toEqual(Object.keys(predict).sort());
    expect(ours).toMatchObject({ do_predict: true, predict_with_generate: true, eval_dataset: 'huanhuan', adapter_name_or_path: 'saves/q/lora/sft', max_samples: 50 });
  });

  it('the base model alone has no adapter', () => {
    const ours = parse(predictYaml({ baseModel: 'm', adapter: null, finetuningType: 'lora', template: 'default', datasets: ['d'], cutoffLen: 8, maxSamples: 5, outputDir: 'o', quantizationBit: null })) as Record<string, unknown>;
    expect(ours['adapter_name_or_path']).toBeUndefined();
  });
});

describe('templateFor', () => {
  it('matches the model family', () => {
    expect(templateFor('Qwen/Qwen3-4B-Instruct-2507')).toBe('qwen3_nothink');
    expect(templateFor('meta-llama/Meta-Llama-3-8B-Instruct')).toBe('llama3');
    expect(templateFor('Qwen/Qwen2.5-7B-Instruct')).toBe('qwen');
    expect(templateFor('google/gemma-3-4b-it')).toBe('gemma3');
    expect(templateFor('/home/me/models/mystery')).toBe('default');
  });
});

describe('readRunYaml', () => {
  it('says what is wrong with an edited YAML', () => {
    expect(readRunYaml('model_name_or_path: [')).toMatchObject({ ok: false });
    expect(readRunYaml('output_dir: x')).toEqual({ ok: false, reason: 'The YAML has no model_name_or_path.' });
    expect(readRunYaml('- a')).toEqual({ ok: false, reason: 'The YAML is not a mapping of keys to values.' });
  });
});
