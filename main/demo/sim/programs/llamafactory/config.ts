/**
 * A `llamafactory-cli train|export CONFIG.yaml [key=value …]` configuration, checked the way
 * LLaMA Factory checks it (hparams/parser.py, data/parser.py, data/template.py) for the common
 * mistakes, each with the real exception text: an undefined dataset, a missing
 * dataset_info.json or data file, an unknown template, a model that is neither a folder nor a
 * cached Hugging Face repo.
 */
import { posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { SimIO } from '../../io.js';

export type TrainConfig = Readonly<Record<string, unknown>>;

export class LmfError extends Error {
  constructor(
    readonly exception: string,
    message: string,
  ) {
    super(message);
  }
}

/** Templates registered in data/template.py (the ones users pick; the list is long upstream). */
export const knownTemplates = new Set([
  'alpaca', 'baichuan2', 'chatglm3', 'chatml', 'cohere', 'deepseek', 'deepseek3', 'deepseekr1', 'default', 'empty', 'falcon', 'gemma', 'gemma2', 'gemma3',
  'glm4', 'gpt_oss', 'granite3', 'intern2', 'llama2', 'llama3', 'llama4', 'mistral', 'ministral', 'olmo', 'phi', 'phi4', 'qwen', 'qwen2_vl', 'qwen2_5_vl',
  'qwen3', 'qwen3_nothink', 'qwen3_vl', 'vicuna', 'yi', 'zephyr',
]);

const coerce = (value: string): unknown => {
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (/^(null|none)$/i.test(value)) return null;
  if (value !== '' && !Number.isNaN(Number(value))) return Number(value);
  return value;
};

export const loadConfig = (io: SimIO, file: string, overrides: readonly string[]): TrainConfig => {
  const path = io.fs.resolve(file, io.cwd);
  if (!io.fs.exists(path)) throw new LmfError('FileNotFoundError', `[Errno 2] No such file or directory: '${file}'`);
  const parsed: unknown = parseYaml(io.fs.readText(path));
  const config: Record<string, unknown> = parsed && typeof parsed === 'object' ? { ...(parsed as Record<string, unknown>) } : {};
  for (const pair of overrides) {
    const at = pair.indexOf('=');
    if (at > 0) config[pair.slice(0, at)] = coerce(pair.slice(at + 1));
  }
  return config;
};

export const str = (config: TrainConfig, key: string): string | undefined => {
  const value = config[key];
  return value === undefined || value === null ? undefined : String(value);
};
export const num = (config: TrainConfig, key: string, fallback: number): number => {
  const value = config[key];
  return typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : fallback;
};
export const bool = (config: TrainConfig, key: string): boolean => config[key] === true || config[key] === 'true';

export interface ModelInfo {
  readonly path: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly parameterCount: number;
  readonly weightBytes: number;
}

const configNum = (c: Readonly<Record<string, unknown>>, key: string, fallback: number): number => (typeof c[key] === 'number' ? (c[key] as number) : fallback);

/** Parameters from config.json: attention + MLP per layer, embeddings (tied or not). */
export const estimateParameters = (c: Readonly<Record<string, unknown>>): number => {
  const h = configNum(c, 'hidden_size', 4096);
  const layers = configNum(c, 'num_hidden_layers', 32);
  const heads = configNum(c, 'num_attention_heads', 32);
  const headDim = configNum(c, 'head_dim', h / heads);
  const kv = configNum(c, 'num_key_value_heads', heads);
  const inter = configNum(c, 'intermediate_size', 4 * h);
  const vocab = configNum(c, 'vocab_size', 32000);
  const attention = h * heads * headDim * 2 + h * kv * headDim * 2;
  const embeddings = vocab * h * (c['tie_word_embeddings'] === true ? 1 : 2);
  return layers * (attention + 3 * h * inter) + embeddings;
};

/** Finds the model: a folder (relative to cwd) or a repo in the Hugging Face cache. */
export const resolveModel = (io: SimIO, name: string): ModelInfo => {
  const local = io.fs.resolve(name, io.cwd);
  let folder: string | undefined = io.fs.exists(`${local}/config.json`) ? local : undefined;
  if (!folder && /^[\w.-]+\/[\w.-]+$/.test(name)) {
    const hub = io.env['HF_HUB_CACHE'] ?? `${io.env['HF_HOME'] ?? '~/.cache/huggingface'}/hub`;
    const snapshots = io.fs.resolve(`${hub}/models--${name.replace('/', '--')}/snapshots`, io.cwd);
    const commit = io.fs.exists(snapshots) ? io.fs.list(snapshots).find((c) => io.fs.exists(`${snapshots}/${c}/config.json`)) : undefined;
    if (commit !== undefined) folder = `${snapshots}/${commit}`;
  }
  if (!folder) {
    throw new LmfError('OSError', `${name} is not a local folder and is not a valid model identifier listed on 'https://huggingface.co/models'\nIf this is a private repository, make sure to pass a token having permission to this repo either by logging in with \`hf auth login\` or by passing \`token=<your_token>\``);
  }
  const config = JSON.parse(io.fs.readText(`${folder}/config.json`)) as Record<string, unknown>;
  const weightBytes = io.fs.list(folder).filter((f) => f.endsWith('.safetensors')).reduce((sum, f) => sum + io.fs.stat(`${folder}/${f}`).size, 0);
  const parameterCount = weightBytes > 0 && config['quantization_config'] === undefined ? weightBytes / 2 : estimateParameters(config);
  return { path: folder, config, parameterCount: Math.round(parameterCount), weightBytes };
};

export interface DatasetUse {
  readonly name: string;
  readonly file: string;
  readonly records: number;
}

/** Reads dataset_info.json from dataset_dir and counts the records of each named dataset. */
export const resolveDatasets = (io: SimIO, config: TrainConfig, key: 'dataset' | 'eval_dataset'): DatasetUse[] => {
  const names = (str(config, key) ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (names.length === 0) return [];
  const dir = str(config, 'dataset_dir') ?? 'data';
  const infoPath = io.fs.resolve(posix.join(dir, 'dataset_info.json'), io.cwd);
  if (!io.fs.exists(infoPath)) {
    throw new LmfError('ValueError', `Cannot open ${posix.join(dir, 'dataset_info.json')} due to [Errno 2] No such file or directory: '${posix.join(dir, 'dataset_info.json')}'.`);
  }
  const info = JSON.parse(io.fs.readText(infoPath)) as Record<string, { file_name?: string } | undefined>;
  const maxSamples = num(config, 'max_samples', Number.POSITIVE_INFINITY);
  return names.map((name) => {
    const entry = info[name];
    if (!entry) throw new LmfError('ValueError', `Undefined dataset ${name} in dataset_info.json.`);
    const file = posix.join(dir, entry.file_name ?? `${name}.json`);
    const path = io.fs.resolve(file, io.cwd);
    if (!io.fs.exists(path)) throw new LmfError('ValueError', `File ${file} not found.`);
    const text = io.fs.readText(path);
    let records: number;
    try {
      const parsed: unknown = JSON.parse(text);
      records = Array.isArray(parsed) ? parsed.length : 1;
    } catch {
      records = text.split('\n').filter((l) => l.trim() !== '').length; // jsonl
    }
    return { name, file, records: Math.min(records, maxSamples) };
  });
};

export const checkTemplate = (config: TrainConfig): void => {
  const template = str(config, 'template');
  if (template !== undefined && !knownTemplates.has(template)) throw new LmfError('ValueError', `Template ${template} does not exist.`);
};
