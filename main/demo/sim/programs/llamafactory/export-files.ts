/**
 * What `llamafactory-cli export` leaves in export_dir, as transformers' save_pretrained and
 * tokenizer.save_pretrained write it: config.json / generation_config.json (json.dumps indent 2,
 * sorted keys), weights split by huggingface_hub's greedy rule (a tensor that would push a shard
 * past max_shard_size starts the next one; `5GB` is 5 × 10⁹ bytes) with the HF tensor names of
 * a llama/qwen-style state dict, model.safetensors.index.json, and the tokenizer files. Shards
 * are sparse files behind a real safetensors header, so a 16 GB merge costs no disk.
 */
import { closeSync, copyFileSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SimIO } from '../../io.js';
import { SimFsError } from '../../io.js';
import { safetensorsHeader } from '../downloads/repo-files.js';
import type { ModelInfo } from './config.js';
import { pyDumps } from './py-format.js';
import type { ChatTemplate } from './template.js';

/** The transformers release `env` reports; written into the configs it saves. */
export const transformersVersion = '4.57.1';

export interface Shard {
  readonly name: string;
  readonly bytes: number;
  readonly tensors: readonly string[];
}

const num = (c: Readonly<Record<string, unknown>>, key: string, fallback: number): number => (typeof c[key] === 'number' ? (c[key] as number) : fallback);

/** The state dict in module registration order: embeddings, per layer attention, MLP, norms, head. */
const stateDict = (c: Readonly<Record<string, unknown>>): Array<[string, number]> => {
  const h = num(c, 'hidden_size', 4096);
  const heads = num(c, 'num_attention_heads', 32);
  const hd = num(c, 'head_dim', h / heads);
  const kv = num(c, 'num_key_value_heads', heads);
  const inter = num(c, 'intermediate_size', 4 * h);
  const vocab = num(c, 'vocab_size', 32000);
  const experts = num(c, 'num_experts', 0);
  const moeInter = num(c, 'moe_intermediate_size', inter);
  const qkNorm = String(c['model_type'] ?? '').startsWith('qwen3');
  const out: Array<[string, number]> = [['model.embed_tokens.weight', vocab * h]];
  for (let i = 0; i < num(c, 'num_hidden_layers', 32); i += 1) {
    const p = `model.layers.${i}`;
    out.push([`${p}.self_attn.q_proj.weight`, heads * hd * h], [`${p}.self_attn.k_proj.weight`, kv * hd * h], [`${p}.self_attn.v_proj.weight`, kv * hd * h], [`${p}.self_attn.o_proj.weight`, h * heads * hd]);
    if (qkNorm) out.push([`${p}.self_attn.q_norm.weight`, hd], [`${p}.self_attn.k_norm.weight`, hd]);
    if (experts > 0) {
      out.push([`${p}.mlp.gate.weight`, experts * h]);
      for (let e = 0; e < experts; e += 1) for (const m of ['gate_proj', 'up_proj', 'down_proj']) out.push([`${p}.mlp.experts.${e}.${m}.weight`, moeInter * h]);
    } else {
      out.push([`${p}.mlp.gate_proj.weight`, inter * h], [`${p}.mlp.up_proj.weight`, inter * h], [`${p}.mlp.down_proj.weight`, h * inter]);
    }
    out.push([`${p}.input_layernorm.weight`, h], [`${p}.post_attention_layernorm.weight`, h]);
  }
  out.push(['model.norm.weight', h]);
  if (c['tie_word_embeddings'] !== true) out.push(['lm_head.weight', vocab * h]);
  return out;
};

/**
 * The shards save_pretrained writes for `model` at `max_shard_size` bytes. Tensor sizes come from
 * config.json (bf16), scaled so the total equals the base folder's weight bytes: the merged model
 * has exactly the base model's tensors.
 */
export const planShards = (model: ModelInfo, maxShardBytes: number): Shard[] => {
  const tensors = stateDict(model.config).map(([name, elements]): [string, number] => [name, elements * 2]);
  const natural = tensors.reduce((sum, [, bytes]) => sum + bytes, 0);
  const total = model.weightBytes > 0 ? model.weightBytes : natural;
  const scaled = tensors.map(([name, bytes]): [string, number] => [name, Math.floor((bytes * total) / natural)]);
  const remainder = total - scaled.reduce((sum, [, bytes]) => sum + bytes, 0);
  scaled[0] = [scaled[0]![0], scaled[0]![1] + remainder];
  const groups: Array<{ bytes: number; tensors: string[] }> = [];
  for (const [name, bytes] of scaled) {
    const current = groups[groups.length - 1];
    if (current && current.bytes + bytes <= maxShardBytes) {
      current.bytes += bytes;
      current.tensors.push(name);
    } else groups.push({ bytes, tensors: [name] });
  }
  const pad = (n: number) => String(n).padStart(5, '0');
  return groups.map((g, i) => ({ name: groups.length === 1 ? 'model.safetensors' : `model-${pad(i + 1)}-of-${pad(groups.length)}.safetensors`, bytes: g.bytes, tensors: g.tensors }));
};

/** A sparse shard with a valid safetensors header; ENOSPC under the disk-full fault. */
export const writeShard = (io: SimIO, path: string, bytes: number): void => {
  if (io.read().faults['disk-full'] === true) throw new SimFsError('ENOSPC', path);
  const host = io.fs.hostPath(path);
  mkdirSync(dirname(host), { recursive: true });
  const header = safetensorsHeader();
  const fd = openSync(host, 'w');
  try {
    writeSync(fd, header, 0, Math.min(header.length, bytes), 0);
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
};

/** PretrainedConfig.to_json_file / GenerationConfig: indent 2, sorted keys. */
const hfJson = (value: unknown): string => `${pyDumps(value, { indent: 2, sortKeys: true })}\n`;

const readJson = (io: SimIO, path: string): Record<string, unknown> | undefined => {
  if (!io.fs.exists(path)) return undefined;
  try {
    const value: unknown = JSON.parse(io.fs.readText(path));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** The dtype export_model saves in: the checkpoint's own, float32 becomes bfloat16, quantized float16. */
export const exportDtype = (model: ModelInfo): string => {
  if (model.config['quantization_config'] !== undefined) return 'float16';
  const dtype = typeof model.config['torch_dtype'] === 'string' ? model.config['torch_dtype'] : 'float32';
  return dtype === 'float32' ? 'bfloat16' : dtype;
};

export const configJson = (model: ModelInfo): string => hfJson({ ...model.config, torch_dtype: exportDtype(model), transformers_version: transformersVersion, use_cache: true });

export const generationConfigJson = (io: SimIO, model: ModelInfo): string => {
  const base = readJson(io, `${model.path}/generation_config.json`) ?? { bos_token_id: model.config['bos_token_id'] ?? null, eos_token_id: model.config['eos_token_id'] ?? null };
  return hfJson({ ...base, transformers_version: transformersVersion });
};

export const indexJson = (shards: readonly Shard[]): string => {
  const weightMap: Record<string, string> = {};
  for (const shard of shards) for (const tensor of shard.tensors) weightMap[tensor] = shard.name;
  return hfJson({ metadata: { total_size: shards.reduce((sum, s) => sum + s.bytes, 0) }, weight_map: weightMap });
};

/** What fix_special_tokens did to the tokenizer: its eos, pad and extra stop words afterwards. */
export interface TokenizerFix {
  readonly config: Record<string, unknown>;
  readonly replacedEos: string | undefined;
  readonly addedPad: string | undefined;
  readonly extraStops: readonly string[];
}

const tokenText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : value && typeof value === 'object' && typeof (value as Record<string, unknown>)['content'] === 'string' ? ((value as Record<string, unknown>)['content'] as string) : undefined;

export const fixTokenizer = (io: SimIO, model: ModelInfo, template: ChatTemplate): TokenizerFix => {
  const config = readJson(io, `${model.path}/tokenizer_config.json`) ?? {};
  const eos = tokenText(config['eos_token']);
  const replacedEos = eos !== template.eos ? template.eos : undefined;
  const addedPad = tokenText(config['pad_token']) === undefined ? template.eos : undefined;
  const extraStops = template.stops.filter((s) => s !== template.eos);
  return { config: { ...config, eos_token: template.eos, pad_token: tokenText(config['pad_token']) ?? template.eos, padding_side: 'left' }, replacedEos, addedPad, extraStops };
};

const addedToken = (content: string) => ({ content, lstrip: false, normalized: false, rstrip: false, single_word: false });

/** tokenizer.save_pretrained: copies of the vocabulary files, tokenizer_config.json, special_tokens_map.json. */
export const writeTokenizer = (io: SimIO, model: ModelInfo, dir: string, fix: TokenizerFix): void => {
  for (const name of ['tokenizer.json', 'vocab.json', 'merges.txt', 'added_tokens.json', 'tokenizer.model']) {
    const from = `${model.path}/${name}`;
    if (!io.fs.exists(from)) continue;
    io.fs.writeText(`${dir}/${name}`, ''); // the disk-full fault raises here like a real write
    copyFileSync(io.fs.hostPath(from), io.fs.hostPath(`${dir}/${name}`));
  }
  if (!io.fs.exists(`${model.path}/tokenizer.json`)) io.fs.writeText(`${dir}/tokenizer.json`, `${JSON.stringify({ version: '1.0', truncation: null, padding: null, added_tokens: [], model: { type: 'BPE', vocab: {}, merges: [] } }, null, 2)}\n`);
  const options = { indent: 2, sortKeys: true, ensureAscii: false };
  io.fs.writeText(`${dir}/tokenizer_config.json`, `${pyDumps(fix.config, options)}\n`);
  const bos = tokenText(fix.config['bos_token']);
  const map: Record<string, unknown> = { eos_token: addedToken(String(fix.config['eos_token'])), pad_token: addedToken(String(fix.config['pad_token'])) };
  if (bos !== undefined) map['bos_token'] = addedToken(bos);
  if (fix.extraStops.length > 0) map['additional_special_tokens'] = [...fix.extraStops];
  io.fs.writeText(`${dir}/special_tokens_map.json`, `${pyDumps(map, options)}\n`);
};
