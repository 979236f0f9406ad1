/**
 * How big a model is and what shape it has, read from the box's files the way an engine would
 * find them: a container path through the container's mounts, or a Hugging Face repo id in the
 * mounted HF cache (`models--ORG--NAME/snapshots/<rev>/`). Weight files (*.safetensors, *.gguf,
 * *.bin, *.pt) are summed; config.json gives the architecture and the KV-cache shape. When the
 * files are not on the box, the size is estimated from the name (`Qwen3-8B`, `…-FP8`, `…-NVFP4`).
 */
import type { SimFs } from '../../io.js';
import type { SimContainer } from '../../state.js';

export interface ModelInfo {
  readonly weightsBytes: number;
  /** Whether the size came from files on the box (else it is an estimate from the name). */
  readonly fromFiles: boolean;
  readonly architecture: string;
  readonly maxModelLen: number;
  /** KV cache bytes per token (2 × layers × kv heads × head dim × 2 bytes). */
  readonly kvBytesPerToken: number;
  readonly weightFiles: number;
}

const GiB = 1024 ** 3;

/** Bytes per parameter implied by a quantisation named in the model id. */
const bytesPerParam = (name: string): number => {
  const n = name.toLowerCase();
  if (n.includes('gpt-oss') || /(nvfp4|mxfp4|fp4|awq|gptq|int4|w4a16|4bit|q4_)/.test(n)) return 0.56;
  if (/(fp8|int8|w8a8|8bit|q8_0)/.test(n)) return 1.05;
  if (n.endsWith('.gguf')) return 0.6;
  return 2;
};

const paramsFromName = (name: string): number | undefined => {
  const match = /(\d+(?:\.\d+)?)[bB](?![a-zA-Z])/.exec(name.split('/').pop() ?? name);
  return match ? Number(match[1]) * 1e9 : undefined;
};

const architectureFromName = (name: string): string => {
  const n = name.toLowerCase();
  if (n.includes('gpt-oss')) return 'GptOssForCausalLM';
  if (n.includes('qwen3') && /-a\d+(\.\d+)?b/.test(n)) return 'Qwen3MoeForCausalLM';
  if (n.includes('qwen3')) return 'Qwen3ForCausalLM';
  if (n.includes('qwen2')) return 'Qwen2ForCausalLM';
  if (n.includes('mistral') || n.includes('ministral')) return 'MistralForCausalLM';
  if (n.includes('gemma-3') || n.includes('gemma3')) return 'Gemma3ForCausalLM';
  if (n.includes('nemotron')) return 'NemotronHForCausalLM';
  return 'LlamaForCausalLM';
};

const maxLenFromName = (name: string): number => {
  const n = name.toLowerCase();
  if (n.includes('qwen3')) return 40_960;
  if (n.includes('llama-3.1') || n.includes('llama-3.2') || n.includes('gpt-oss')) return 131_072;
  return 32_768;
};

const isWeightFile = (name: string) => /\.(safetensors|gguf|bin|pt|pth)$/.test(name) && !name.startsWith('training_args');

/** Box path of a container path, through the container's bind mounts (longest destination first). */
export const boxPathOf = (container: Pick<SimContainer, 'mounts'>, path: string): string | undefined => {
  const mounts = [...container.mounts].filter((m) => m.source.startsWith('/')).sort((a, b) => b.destination.length - a.destination.length);
  for (const mount of mounts) {
    if (path === mount.destination) return mount.source;
    if (path.startsWith(`${mount.destination}/`)) return `${mount.source.replace(/\/$/, '')}${path.slice(mount.destination.length)}`;
  }
  return undefined;
};

const envOf = (env: readonly string[], name: string) => env.filter((e) => e.startsWith(`${name}=`)).at(-1)?.slice(name.length + 1);

/** Where the container's Hugging Face hub cache is, as a box path, if it is mounted. */
const hubCache = (container: Pick<SimContainer, 'mounts' | 'env'>): string | undefined => {
  const hub = envOf(container.env, 'HF_HUB_CACHE') ?? `${envOf(container.env, 'HF_HOME') ?? '/root/.cache/huggingface'}/hub`;
  return boxPathOf(container, hub);
};

const safe = <T>(fn: () => T, fallback: T): T => {
  try {
    return fn();
  } catch {
    return fallback;
  }
};

interface FolderScan {
  readonly bytes: number;
  readonly files: number;
  readonly config: Record<string, unknown> | undefined;
}

const scanFolder = (fs: SimFs, dir: string, depth = 0): FolderScan => {
  let bytes = 0;
  let files = 0;
  let config: Record<string, unknown> | undefined;
  for (const name of safe(() => fs.list(dir), [] as string[])) {
    const path = `${dir}/${name}`;
    const stat = safe(() => fs.stat(path), undefined);
    if (!stat) continue;
    if (stat.isDirectory) {
      if (depth < 2) {
        const inner = scanFolder(fs, path, depth + 1);
        bytes += inner.bytes;
        files += inner.files;
        config ??= inner.config;
      }
    } else if (isWeightFile(name)) {
      bytes += stat.size;
      files += 1;
    } else if (name === 'config.json' && depth === 0) {
      config = safe(() => JSON.parse(fs.readText(path)) as Record<string, unknown>, undefined);
    }
  }
  return { bytes, files, config };
};

/** The box folder (or file) holding a model, if the engine would find it there. */
export const locateModel = (fs: SimFs, container: Pick<SimContainer, 'mounts' | 'env'>, model: string): string | undefined => {
  if (model.startsWith('/')) {
    const boxPath = boxPathOf(container, model);
    return boxPath && fs.exists(boxPath) ? boxPath : undefined;
  }
  const repo = /^([\w.-]+)\/([\w.-]+)(?::[\w.-]+)?$/.exec(model);
  const cache = hubCache(container);
  if (!repo || !cache) return undefined;
  const snapshots = `${cache}/models--${repo[1]}--${repo[2]}/snapshots`;
  const revision = safe(() => fs.list(snapshots), [] as string[])[0];
  return revision ? `${snapshots}/${revision}` : undefined;
};

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export const modelInfo = (fs: SimFs, container: Pick<SimContainer, 'mounts' | 'env'>, model: string): ModelInfo => {
  const location = locateModel(fs, container, model);
  const stat = location ? safe(() => fs.stat(location), undefined) : undefined;
  const scan: FolderScan = !location || !stat ? { bytes: 0, files: 0, config: undefined } : stat.isDirectory ? scanFolder(fs, location) : { bytes: stat.size, files: 1, config: undefined };
  const config = scan.config ?? {};
  const params = paramsFromName(model);
  const estimate = params ? params * bytesPerParam(model) : 16 * GiB;
  const layers = num(config['num_hidden_layers']);
  const heads = num(config['num_attention_heads']);
  const kvHeads = num(config['num_key_value_heads']) ?? heads;
  const headDim = num(config['head_dim']) ?? (num(config['hidden_size']) && heads ? num(config['hidden_size'])! / heads : undefined);
  const kvFromConfig = layers && kvHeads && headDim ? 2 * layers * kvHeads * headDim * 2 : undefined;
  // Without a config: about 18 KiB of KV per billion parameters (Qwen3-8B: 144 KiB/token), within sane bounds.
  const kvEstimate = Math.min(320 * 1024, Math.max(32 * 1024, ((params ?? 8e9) / 1e9) * 18 * 1024));
  const architectures = config['architectures'];
  return {
    weightsBytes: scan.bytes > 0 ? scan.bytes : estimate,
    fromFiles: scan.bytes > 0,
    architecture: Array.isArray(architectures) && typeof architectures[0] === 'string' ? architectures[0] : architectureFromName(model),
    maxModelLen: num(config['max_position_embeddings']) ?? maxLenFromName(model),
    kvBytesPerToken: kvFromConfig ?? kvEstimate,
    weightFiles: scan.files > 0 ? scan.files : Math.max(1, Math.ceil((scan.bytes > 0 ? scan.bytes : estimate) / (4 * GiB))),
  };
};
