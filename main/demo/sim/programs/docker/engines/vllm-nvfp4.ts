/**
 * Whether the model a vLLM container serves is an NVFP4 (ModelOpt FP4) mixture-of-experts model,
 * read from its folder the way vLLM reads it: `config.json`'s `quantization_config`
 * (`quant_method: modelopt`, `quant_algo: NVFP4`) or, for older ModelOpt exports, the
 * `hf_quant_config.json` beside it (`quantization.quant_algo`); MoE when the config counts more
 * than one expert (`num_experts` Qwen3-MoE, `num_local_experts` Mixtral/gpt-oss, `n_routed_experts`
 * DeepSeek). Before vLLM 0.12 its CUTLASS FP4 MoE kernel cannot initialise on GB10 (SM 12.1):
 * "RuntimeError: Failed to initialize GEMM" (the review; vllm-project/vllm#28110, fixed by #29242).
 */
import type { SimFs } from '../../../io.js';
import type { SimContainer } from '../../../state.js';
import { locateModel } from '../model-info.js';

export const nvfp4MoeFacts = {
  /** The first vLLM whose NVFP4 MoE kernels run on SM 12.1 (vllm-project/vllm#29242, in 0.12.0). */
  fixedIn: [0, 12] as const,
} as const;

type Json = Record<string, unknown>;

const object = (value: unknown): Json | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);

const readJson = (fs: SimFs, path: string): Json | undefined => {
  try {
    return object(JSON.parse(fs.readText(path)));
  } catch {
    return undefined;
  }
};

const isNvfp4 = (config: Json, hfQuant: Json | undefined): boolean => {
  const q = object(config['quantization_config']);
  if (q && String(q['quant_method']).toLowerCase() === 'modelopt' && /^nvfp4$/i.test(String(q['quant_algo']))) return true;
  const legacy = object(hfQuant?.['quantization']);
  return legacy !== undefined && /^nvfp4$/i.test(String(legacy['quant_algo']));
};

const expertCount = (config: Json): number => {
  // Multimodal configs keep the language model's numbers under text_config.
  const text = object(config['text_config']) ?? config;
  for (const key of ['num_experts', 'num_local_experts', 'n_routed_experts']) {
    const n = text[key] ?? config[key];
    if (typeof n === 'number' && Number.isFinite(n)) return n;
  }
  return 0;
};

export interface ModelQuantFacts {
  readonly nvfp4: boolean;
  readonly experts: number;
}

/** What the model's folder says about its quantisation and experts; nothing for a model not on the box. */
export const modelQuantFacts = (fs: SimFs, container: Pick<SimContainer, 'mounts' | 'env'>, model: string): ModelQuantFacts => {
  const folder = locateModel(fs, container, model);
  if (folder === undefined) return { nvfp4: false, experts: 0 };
  const config = readJson(fs, `${folder}/config.json`);
  if (!config) return { nvfp4: false, experts: 0 };
  return { nvfp4: isNvfp4(config, readJson(fs, `${folder}/hf_quant_config.json`)), experts: expertCount(config) };
};

/** vLLM `version` (major, minor) fails to start this model on GB10. */
export const failsNvfp4Moe = (facts: ModelQuantFacts, version: readonly [number, number]): boolean => {
  const [major, minor] = nvfp4MoeFacts.fixedIn;
  return facts.nvfp4 && facts.experts > 1 && (version[0] < major || (version[0] === major && version[1] < minor));
};
