/**
 * What the memory guard is told about a model's weights: its size on disk when the library knows
 * it, else parameters × bytes per parameter, else the parameter count and format its name says
 * (`Qwen3-30B-A3B-NVFP4`). And which preset class a box is, from its MemTotal.
 */
import type { ServeModelInfo } from '../../domain/serve.js';
import type { WeightFormat, WeightsSize } from '../memory-model.js';
import type { BoxClass } from './serve-presets.js';

const GiB = 1024 ** 3;

/** MemTotal reads ~119.7 GiB on a 128 GB GB10 and ~58 GiB on a 64 GB one (formats README gotcha 6): the middle splits them. */
export const boxClassLimits = { splitBytes: 90 * GiB } as const;

export const boxClassOf = (memTotalBytes: number): BoxClass => (memTotalBytes >= boxClassLimits.splitBytes ? '128' : '64');

/** A format from a quantization label or method, a dtype, or a name (`…-FP8`, `…-AWQ`). */
export const weightFormatOf = (text: string | null | undefined): WeightFormat | null => {
  if (!text) return null;
  const t = text.toLowerCase();
  if (/nvfp4|modelopt_fp4|(^|[^a-z])fp4/.test(t)) return 'nvfp4';
  if (/mxfp4/.test(t)) return 'mxfp4';
  if (/awq/.test(t)) return 'awq';
  if (/gptq|int4|w4a16/.test(t)) return 'gptq-int4';
  if (/fp8|modelopt$/.test(t)) return 'fp8';
  if (/int8|w8a8/.test(t)) return 'int8';
  if (/bfloat16|bf16/.test(t)) return 'bf16';
  if (/float16|fp16|half/.test(t)) return 'fp16';
  if (/float32|fp32/.test(t)) return 'fp32';
  return null;
};

/** Parameters from a name: `Qwen3-30B-A3B` → 30e9 (the total, not the active 3B), `gpt-oss-120b` → 120e9, `0.6B` → 0.6e9. */
export const parametersFromName = (model: string): number | null => {
  const name = model.replace(/\/+$/, '').split('/').pop() ?? model;
  const match = /(?:^|[^A-Za-z0-9.])(\d+(?:\.\d+)?)[bB](?![A-Za-z])/.exec(name);
  return match ? Number(match[1]) * 1e9 : null;
};

/** The weights the guard judges; null when nothing says how big the model is. */
export const weightsOf = (model: string, info: ServeModelInfo | undefined): WeightsSize | null => {
  const format = weightFormatOf(info?.quantization) ?? weightFormatOf(info?.dtype) ?? weightFormatOf(model);
  if (info?.sizeBytes !== undefined && info.sizeBytes !== null && info.sizeBytes > 0) return { kind: 'on-disk', bytes: info.sizeBytes, format };
  const parameters = info?.parameters ?? parametersFromName(model);
  if (parameters === null) return null;
  // Unquantized checkpoints are BF16 on the Hub nearly always.
  return { kind: 'parameters', parameters, format: format ?? 'bf16' };
};
