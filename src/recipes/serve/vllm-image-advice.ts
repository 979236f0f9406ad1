/**
 * Before a launch: an NVFP4 MoE model on a vLLM image older than 0.12 fails on GB10 with "Failed
 * to initialize GEMM" (engine-failures.ts explains it afterwards). The wizard warns ahead and
 * offers the first NGC release that ships vLLM ≥ 0.12 (ngc-vllm.ts, from NVIDIA's release notes).
 */
import { engineFailureLimits, vllmVersion } from '../engine-failures.js';
import { firstNgcVllmAtLeast, ngcVllm } from './ngc-vllm.js';

export interface VllmImageAdvice {
  /** The image the launch would use. */
  readonly image: string;
  /** Its vLLM as far as known ("0.10", or null when only "older than 0.12" is known). */
  readonly vllm: string | null;
  /** The NGC image to use instead. */
  readonly suggested: string;
}

/** NVFP4 (or ModelOpt FP4) from the library's quantization label, else the model's name. */
export const isNvfp4 = (ref: string, quantization: string | null | undefined): boolean => /nvfp4|modelopt_fp4|(^|[^a-z])fp4/i.test(quantization ?? '') || /nvfp4|(^|[^a-z0-9])fp4([^a-z0-9]|$)/i.test(ref);

/** A mixture of experts by its name: `…-30B-A3B` (active parameters), MoE, Mixtral, gpt-oss, DeepSeek-V3/R1. */
export const isMoeName = (ref: string): boolean => /-A\d+(\.\d+)?B(?![a-z])|moe|mixtral|gpt-oss|deepseek-(v3|r1)/i.test(ref.split('/').pop() ?? ref);

const older = (v: readonly [number, number], min: readonly [number, number]): boolean => v[0] < min[0] || (v[0] === min[0] && v[1] < min[1]);

/**
 * Advice when this image's vLLM is older than 0.12 (or not known to be newer, for an NGC tag) and the model is NVFP4 MoE; null otherwise.
 * `ref` is the model's name or id (a snapshot folder's last part is a commit, so pass the library id); `moe` is what the library knows
 * (active parameters estimated from config.json), else the name decides.
 */
export const vllmImageAdvice = (image: string | null, ref: string, quantization: string | null | undefined, moe?: boolean | null): VllmImageAdvice | null => {
  if (image === null || !isNvfp4(ref, quantization) || !(moe ?? isMoeName(ref))) return null;
  const min = engineFailureLimits.vllmNvfp4MoeMinVersion;
  const suggested = firstNgcVllmAtLeast(min);
  if (suggested === null) return null;
  const version = vllmVersion(image, '');
  if (version !== null) return older(version, min) ? { image, vllm: version.join('.'), suggested } : null;
  // An NGC tag between read releases: old unless bounded from below by one with vLLM ≥ 0.12.
  const bound = ngcVllm(image);
  if (bound === null) return null;
  return bound.kind === 'at-least' && !older([bound.vllm[0], bound.vllm[1]], min) ? null : { image, vllm: null, suggested };
};
