/**
 * The memory a fine-tuning run needs, per method, against what the box has (in the style of the
 * serving memory guard: refuse what cannot fit, warn near the edge). Terms:
 * - weights: bf16 (2 bytes per parameter), or bitsandbytes 4-bit (≈0.56 B: nf4 plus its scales and
 *   the layers it leaves in bf16) / 8-bit (≈1.06 B) for QLoRA;
 * - trainable state: what trains, in fp32 master weights + gradients + AdamW's two moments
 *   (16 B per trainable parameter; full fine-tuning 14 B: its bf16 weights are counted above once);
 * - activations with gradient checkpointing: batch × cutoff × hidden × layers × 4 B (one bf16
 *   checkpoint per layer plus the recomputed layer's working set, rounded up);
 * - the CUDA context with cuBLAS workspaces and the Python process (0.9 GiB).
 * LoRA trainable parameters: rank × (in + out) for each targeted projection (`all`: q, k, v, o,
 * gate, up, down).
 */
import type { FinetuneMemoryEstimate, TrainingSettings } from '../../domain/finetune.js';
import { readModelConfig } from '../../remote/parsers/model-config.js';
import { formatGiB, memoryGuardLimits, type BoxMemory } from '../memory-guard.js';

const GiB = 1024 ** 3;
export const finetuneOverheadBytes = 0.9 * GiB;

export interface ModelShape {
  readonly parameters: number;
  readonly hidden: number;
  readonly layers: number;
  readonly heads: number;
  readonly headDim: number;
  readonly kvHeads: number;
  readonly intermediate: number;
}

/** The shapes from a config.json's text; null when they are not all there. */
export const modelShapeFromConfig = (text: string): ModelShape | null => {
  const facts = readModelConfig(text);
  if (!facts.parameters) return null;
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  const shape = (typeof json['hidden_size'] !== 'number' && typeof json['text_config'] === 'object' && json['text_config'] !== null ? json['text_config'] : json) as Record<string, unknown>;
  const n = (key: string): number | undefined => (typeof shape[key] === 'number' ? (shape[key] as number) : undefined);
  const hidden = n('hidden_size');
  const layers = n('num_hidden_layers');
  const heads = n('num_attention_heads');
  if (!hidden || !layers || !heads) return null;
  return {
    parameters: facts.parameters.total,
    hidden,
    layers,
    heads,
    headDim: n('head_dim') ?? hidden / heads,
    kvHeads: n('num_key_value_heads') ?? heads,
    intermediate: n('moe_intermediate_size') ?? n('intermediate_size') ?? 4 * hidden,
  };
};

const projections = (m: ModelShape): Readonly<Record<string, readonly [number, number]>> => ({
  q_proj: [m.hidden, m.heads * m.headDim],
  k_proj: [m.hidden, m.kvHeads * m.headDim],
  v_proj: [m.hidden, m.kvHeads * m.headDim],
  o_proj: [m.heads * m.headDim, m.hidden],
  gate_proj: [m.hidden, m.intermediate],
  up_proj: [m.hidden, m.intermediate],
  down_proj: [m.intermediate, m.hidden],
});

export const trainableParameters = (s: TrainingSettings, m: ModelShape): number => {
  if (s.method === 'full') return m.parameters;
  if (s.method === 'freeze') return Math.round((m.parameters / m.layers) * Math.min(m.layers, s.freezeTrainableLayers));
  const all = projections(m);
  const targets = s.loraTarget === 'all' ? Object.keys(all) : s.loraTarget.split(',').map((t) => t.trim());
  const perLayer = targets.reduce((sum, t) => sum + (all[t] ? s.loraRank * (all[t]![0] + all[t]![1]) : 0), 0);
  return perLayer * m.layers;
};

export const estimateFinetuneMemory = (s: TrainingSettings, model: ModelShape | null, box: BoxMemory | null): FinetuneMemoryEstimate => {
  const unknown = (message: string): FinetuneMemoryEstimate => ({ method: s.method, parameters: model?.parameters ?? null, terms: [], totalBytes: null, boxTotalBytes: box?.totalBytes ?? null, boxAvailableBytes: box?.availableBytes ?? null, verdict: 'unknown', message });
  if (model === null) return unknown('The model’s config.json is not on the box yet, so its size is unknown: download it first (Models) to get a memory estimate.');
  const bytesPerWeight = s.method === 'qlora' ? (s.quantizationBit === 4 ? 0.56 : 1.06) : 2;
  const trainable = trainableParameters(s, model);
  const terms: FinetuneMemoryEstimate['terms'] = [
    { kind: 'weights', bytes: model.parameters * bytesPerWeight },
    { kind: 'trainable-state', bytes: trainable * (s.method === 'full' ? 14 : 16) },
    { kind: 'activations', bytes: s.batchSize * s.cutoffLen * model.hidden * model.layers * 4 },
    { kind: 'cuda-context', bytes: finetuneOverheadBytes },
  ];
  const total = terms.reduce((sum, t) => sum + t.bytes, 0);
  const base = { method: s.method, parameters: model.parameters, terms, totalBytes: total, boxTotalBytes: box?.totalBytes ?? null, boxAvailableBytes: box?.availableBytes ?? null };
  if (box === null) return { ...base, verdict: 'unknown', message: `Needs about ${formatGiB(total)}; the box’s free memory could not be read.` };
  const room = box.availableBytes - memoryGuardLimits.osReserveBytes;
  const smaller = s.method === 'full' || s.method === 'freeze' ? 'LoRA or QLoRA 4-bit' : s.method === 'lora' ? 'QLoRA 4-bit' : 'a smaller model';
  if (total > room) {
    return { ...base, verdict: 'refuse', message: `Needs about ${formatGiB(total)} but ${formatGiB(Math.max(0, room))} is free after the ${formatGiB(memoryGuardLimits.osReserveBytes)} kept for the system: use ${smaller}, a shorter cutoff length or a smaller batch.` };
  }
  if (room - total < memoryGuardLimits.warnHeadroomBytes) {
    return { ...base, verdict: 'warn', message: `Needs about ${formatGiB(total)} of ${formatGiB(room)} free: close to the edge (long records and evaluation take more); ${smaller} or a smaller batch leaves room.` };
  }
  return { ...base, verdict: 'ok', message: `Needs about ${formatGiB(total)}; ${formatGiB(room)} is free.` };
};
