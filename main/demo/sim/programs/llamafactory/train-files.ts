/**
 * What a training run leaves in output_dir, written so that a run killed at any moment leaves
 * consistent files: every JSON is written to a temp name and renamed, trainer_log.jsonl only
 * ever gains whole lines, a checkpoint folder appears complete (built as `tmp-checkpoint-N`,
 * then renamed, as HF Trainer does).
 */
import { closeSync, ftruncateSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SimIO } from '../../io.js';
import { pyDumps, pyf } from './py-format.js';
import type { TrainPlan } from './train-plan.js';

export const atomicWrite = (io: SimIO, path: string, text: string): void => {
  const temp = `${path}.tmp-${io.now()}`;
  io.fs.writeText(temp, text);
  io.fs.rename(temp, path);
};

/** A sparse file of `size` bytes (weights cost no disk). */
export const sparseFile = (io: SimIO, path: string, size: number): void => {
  if (io.read().faults['disk-full']) io.fs.writeText(path, ''); // raises ENOSPC like a real write
  const host = io.fs.hostPath(path);
  mkdirSync(dirname(host), { recursive: true });
  const fd = openSync(host, 'w');
  try {
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
};

export interface TrainerState {
  readonly globalStep: number;
  readonly epoch: number;
  readonly logHistory: ReadonlyArray<Record<string, unknown>>;
  readonly totalFlos: number;
  readonly tokensSeen: number;
}

/** trainer_state.json: HF's `json.dumps(asdict(state), indent=2, sort_keys=True)`. */
export const trainerStateJson = (plan: TrainPlan, state: TrainerState, epochs: number): string =>
  `${pyDumps(
    {
      best_global_step: null,
      best_metric: null,
      best_model_checkpoint: null,
      epoch: pyf(state.epoch),
      eval_steps: plan.evalSteps ?? 500,
      global_step: state.globalStep,
      is_hyper_param_search: false,
      is_local_process_zero: true,
      is_world_process_zero: true,
      log_history: state.logHistory,
      logging_steps: plan.loggingSteps,
      max_steps: plan.totalSteps,
      num_input_tokens_seen: state.tokensSeen,
      num_train_epochs: epochs,
      save_steps: plan.saveSteps,
      stateful_callbacks: { TrainerControl: { args: { should_epoch_stop: false, should_evaluate: false, should_log: false, should_save: true, should_training_stop: state.globalStep >= plan.totalSteps }, attributes: {} } },
      total_flos: pyf(state.totalFlos),
      train_batch_size: plan.batch,
      trial_name: null,
      trial_params: null,
    },
    { indent: 2, sortKeys: true },
  )}\n`;

/** Adapter (LoRA/QLoRA) or model weights (full/freeze, 5 GB shards) into `dir`. */
export const writeWeights = (io: SimIO, dir: string, plan: TrainPlan, baseModel: string, config: Readonly<Record<string, unknown>>): void => {
  if (plan.method === 'lora' || plan.method === 'qlora') {
    const adapterConfig = {
      alpha_pattern: {},
      base_model_name_or_path: baseModel,
      bias: 'none',
      fan_in_fan_out: false,
      inference_mode: true,
      init_lora_weights: true,
      lora_alpha: Number(config['lora_alpha'] ?? Number(config['lora_rank'] ?? 8) * 2),
      lora_dropout: pyf(Number(config['lora_dropout'] ?? 0)),
      modules_to_save: null,
      peft_type: 'LORA',
      r: Number(config['lora_rank'] ?? 8),
      target_modules: ['down_proj', 'gate_proj', 'k_proj', 'o_proj', 'q_proj', 'up_proj', 'v_proj'],
      task_type: 'CAUSAL_LM',
      use_dora: false,
      use_rslora: false,
    };
    io.fs.writeText(`${dir}/adapter_config.json`, `${pyDumps(adapterConfig, { indent: 2, sortKeys: true })}\n`);
    sparseFile(io, `${dir}/adapter_model.safetensors`, plan.adapterBytes);
    return;
  }
  const shard = 5 * 1_000_000_000;
  const count = Math.max(1, Math.ceil(plan.adapterBytes / shard));
  for (let i = 1; i <= count; i += 1) {
    const name = count === 1 ? 'model.safetensors' : `model-${String(i).padStart(5, '0')}-of-${String(count).padStart(5, '0')}.safetensors`;
    sparseFile(io, `${dir}/${name}`, i < count ? shard : plan.adapterBytes - shard * (count - 1));
  }
};

export const writeCheckpoint = (io: SimIO, outputDir: string, plan: TrainPlan, state: TrainerState, options: { baseModel: string; config: Readonly<Record<string, unknown>>; epochs: number; saveOnlyModel: boolean }): void => {
  const final = `${outputDir}/checkpoint-${state.globalStep}`;
  const temp = `${outputDir}/tmp-checkpoint-${state.globalStep}`;
  writeWeights(io, temp, plan, options.baseModel, options.config);
  io.fs.writeText(`${temp}/trainer_state.json`, trainerStateJson(plan, state, options.epochs));
  sparseFile(io, `${temp}/training_args.bin`, 5_841);
  if (!options.saveOnlyModel) {
    sparseFile(io, `${temp}/optimizer.pt`, Math.round(plan.trainable * 8 + 1_400_000));
    sparseFile(io, `${temp}/scheduler.pt`, 1_465);
    sparseFile(io, `${temp}/rng_state.pth`, 14_645);
  }
  if (io.fs.exists(final)) io.fs.remove(final, { recursive: true });
  io.fs.rename(temp, final);
};

/** HF save_metrics: json.dump(metrics, f, indent=4, sort_keys=True), so no trailing newline. */
export const metricsJson = (metrics: Readonly<Record<string, unknown>>): string => pyDumps(metrics, { indent: 4, sortKeys: true });

/**
 * README.md, the model card HF Trainer.create_model_card writes into output_dir after training
 * (LLaMA Factory's create_modelcard_and_push passes finetuned_from, the datasets and its tags).
 * `llamafactory-cli api` in the simulator reads the datasets back from it (api.ts).
 */
export const modelCard = (name: string, baseModel: string, datasets: readonly string[], finetuningType: string, peft: boolean): string => {
  const on =
    datasets.length === 0 ? 'an unknown dataset.' : datasets.length === 1 ? `the ${datasets[0]} dataset.` : `${datasets.slice(0, -1).map((d) => `the ${d}`).join(', ')} and the ${datasets.at(-1)} datasets.`;
  return [
    '---',
    ...(peft ? ['library_name: peft'] : []),
    'license: other',
    `base_model: ${baseModel}`,
    'tags:',
    '- llama-factory',
    `- ${finetuningType}`,
    '- generated_from_trainer',
    'model-index:',
    `- name: ${name}`,
    '  results: []',
    '---',
    '',
    '<!-- This model card has been generated automatically according to the information the Trainer had access to. You',
    'should probably proofread and complete it, then remove this comment. -->',
    '',
    `# ${name}`,
    '',
    `This model is a fine-tuned version of [${baseModel}](https://huggingface.co/${baseModel}) on ${on}`,
    '',
  ].join('\n');
};

/** The datasets a model card says the model was tuned on (empty when it does not say). */
export const modelCardDatasets = (card: string): string[] => {
  const sentence = /fine-tuned version of .*? on (.+ datasets?)\./.exec(card)?.[1] ?? '';
  return [...sentence.matchAll(/the (\S+?)(?:,| and| datasets?$)/g)].map((m) => m[1]!);
};
