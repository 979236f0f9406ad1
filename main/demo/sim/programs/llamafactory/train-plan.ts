/**
 * The numbers of one training run, as HF Trainer and LLaMA Factory compute them: steps
 * (len(dataloader) // grad_accum per epoch, ceil over epochs: the capture's 1004 samples × 3
 * epochs at batch 1 × 8 → 375 steps, epoch 10/125.5 = 0.0797), the learning-rate schedule
 * (warmup then cosine/linear: the capture's 2.6315789473684212e-05 at step 10), a loss curve that
 * falls plausibly with deterministic noise, trainable parameters and the memory the python3
 * process holds for each method.
 */
import { noise } from '../../dynamics.js';
import { num, str, type ModelInfo, type TrainConfig } from './config.js';

export type Method = 'lora' | 'qlora' | 'full' | 'freeze';

export interface TrainPlan {
  readonly method: Method;
  readonly trainRecords: number;
  readonly evalRecords: number;
  readonly batch: number;
  readonly gradAccum: number;
  readonly batchesPerEpoch: number;
  readonly totalSteps: number;
  readonly loggingSteps: number;
  readonly saveSteps: number;
  readonly evalSteps: number | undefined;
  readonly learningRate: number;
  readonly warmupSteps: number;
  readonly scheduler: string;
  readonly trainable: number;
  readonly memoryMiB: number;
  readonly adapterBytes: number;
  readonly tokensPerSample: number;
}

const cfg = (m: ModelInfo, key: string, fallback: number) => (typeof m.config[key] === 'number' ? (m.config[key] as number) : fallback);

export const lossAt = (step: number, total: number, seed: string): number => {
  const progress = step / Math.max(1, total);
  const base = 0.85 + 1.45 * Math.exp(-progress * 5);
  return Math.max(0.05, base + (noise(`lmf-loss:${seed}`, step) - 0.5) * 0.12);
};

export const planTraining = (config: TrainConfig, model: ModelInfo, records: number): TrainPlan => {
  const quantBits = num(config, 'quantization_bit', 0);
  const type = str(config, 'finetuning_type') ?? 'lora';
  const method: Method = type === 'full' ? 'full' : type === 'freeze' ? 'freeze' : quantBits > 0 ? 'qlora' : 'lora';
  const valSize = num(config, 'val_size', 0);
  const evalRecords = valSize > 0 ? (valSize < 1 ? Math.ceil(records * valSize) : Math.round(valSize)) : 0;
  const trainRecords = records - evalRecords;
  const batch = num(config, 'per_device_train_batch_size', 8);
  const gradAccum = num(config, 'gradient_accumulation_steps', 1);
  const batchesPerEpoch = Math.ceil(trainRecords / batch);
  const updatesPerEpoch = Math.max(Math.floor(batchesPerEpoch / gradAccum), 1);
  const maxSteps = num(config, 'max_steps', -1);
  const totalSteps = maxSteps > 0 ? maxSteps : Math.ceil(num(config, 'num_train_epochs', 3) * updatesPerEpoch);
  const warmupSteps = num(config, 'warmup_steps', 0) > 0 ? num(config, 'warmup_steps', 0) : Math.ceil(totalSteps * num(config, 'warmup_ratio', 0));
  const hidden = cfg(model, 'hidden_size', 4096);
  const layers = cfg(model, 'num_hidden_layers', 32);
  const heads = cfg(model, 'num_attention_heads', 32);
  const headDim = cfg(model, 'head_dim', hidden / heads);
  const kv = cfg(model, 'num_key_value_heads', heads);
  const inter = cfg(model, 'intermediate_size', 4 * hidden);
  const rank = num(config, 'lora_rank', 8);
  // lora_target all: q, k, v, o, gate, up, down; each adds rank × (in + out).
  const loraPerLayer = rank * (hidden + heads * headDim) * 2 + rank * (hidden + kv * headDim) * 2 + rank * (hidden + inter) * 3;
  const trainable =
    method === 'full' ? model.parameterCount : method === 'freeze' ? Math.round((model.parameterCount / layers) * num(config, 'freeze_trainable_layers', 2)) : loraPerLayer * layers;
  const weightBytes = model.parameterCount * (method === 'qlora' ? (quantBits <= 4 ? 0.56 : 1.06) : 2);
  // Master weights, gradients and AdamW moments of what trains (fp32), activations with gradient checkpointing.
  const optimizerBytes = trainable * (method === 'full' ? 14 : 16);
  const cutoff = num(config, 'cutoff_len', 2048);
  const activationBytes = batch * cutoff * hidden * layers * 4;
  const memoryMiB = Math.round((weightBytes + optimizerBytes + activationBytes) / 2 ** 20 + 900);
  const evalSteps = str(config, 'eval_strategy') === 'steps' && (evalRecords > 0 || str(config, 'eval_dataset') !== undefined) ? num(config, 'eval_steps', num(config, 'logging_steps', 500)) : undefined;
  return {
    method,
    trainRecords,
    evalRecords,
    batch,
    gradAccum,
    batchesPerEpoch,
    totalSteps,
    loggingSteps: num(config, 'logging_steps', 500),
    saveSteps: num(config, 'save_steps', 500),
    evalSteps,
    learningRate: num(config, 'learning_rate', 5e-5),
    warmupSteps,
    scheduler: str(config, 'lr_scheduler_type') ?? 'linear',
    trainable,
    memoryMiB,
    // PEFT keeps the trainable LoRA weights in fp32.
    adapterBytes: method === 'lora' || method === 'qlora' ? trainable * 4 : Math.round(model.parameterCount * 2),
    tokensPerSample: Math.min(cutoff, 160),
  };
};

/** The scheduler's learning rate after `step` optimizer steps (what the log shows for that step). */
export const learningRateAt = (plan: TrainPlan, step: number): number => {
  if (step < plan.warmupSteps) return (plan.learningRate * step) / Math.max(1, plan.warmupSteps);
  const progress = (step - plan.warmupSteps) / Math.max(1, plan.totalSteps - plan.warmupSteps);
  if (plan.scheduler === 'constant' || plan.scheduler === 'constant_with_warmup') return plan.learningRate;
  if (plan.scheduler === 'cosine') return plan.learningRate * Math.max(0, 0.5 * (1 + Math.cos(Math.PI * progress)));
  return plan.learningRate * Math.max(0, 1 - progress);
};

export const epochAt = (plan: TrainPlan, step: number): number => (step * plan.gradAccum) / plan.batchesPerEpoch;
