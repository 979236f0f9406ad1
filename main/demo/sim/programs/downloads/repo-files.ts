/**
 * What a simulated repo download writes: the catalogue's file list with contents. Small text
 * files get real contents (config.json is the catalogue's config, the index maps tensors to the
 * shards); weights are sparse files that start with a valid safetensors header, so a 60 GB
 * download costs almost no disk while `ls -l`, `du --apparent-size` and stat see real sizes.
 */
import type { CatalogueFile, CatalogueModel } from '../../catalogue.js';

export interface PlannedFile {
  readonly name: string;
  readonly size: number;
  readonly lfs: boolean;
  /** Full contents for text files; undefined for weights (sparse, header only). */
  readonly content: Buffer | undefined;
}

const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

const intConfig = (model: CatalogueModel, key: string, fallback: number): number => {
  const value = model.config[key];
  return typeof value === 'number' ? value : fallback;
};

/** model.safetensors.index.json: total size and a per-layer weight map spread over the shards. */
const indexJson = (model: CatalogueModel): Buffer => {
  const shards = model.files.filter((f) => f.name.endsWith('.safetensors')).map((f) => f.name);
  const layers = intConfig(model, 'num_hidden_layers', 1);
  const map: Record<string, string> = {};
  const shardOf = (layer: number) => shards[Math.min(shards.length - 1, Math.floor((layer * shards.length) / layers))] ?? '';
  map['model.embed_tokens.weight'] = shards[0] ?? '';
  for (let layer = 0; layer < layers; layer += 1) {
    for (const part of ['input_layernorm', 'post_attention_layernorm', 'self_attn.q_proj', 'self_attn.k_proj', 'self_attn.v_proj', 'self_attn.o_proj', 'mlp.gate_proj', 'mlp.up_proj', 'mlp.down_proj']) {
      map[`model.layers.${layer}.${part}.weight`] = shardOf(layer);
    }
  }
  map['model.norm.weight'] = shards[shards.length - 1] ?? '';
  map['lm_head.weight'] = shards[shards.length - 1] ?? '';
  return json({ metadata: { total_size: model.sizeBytes }, weight_map: map });
};

const generationConfig = (model: CatalogueModel): Buffer =>
  json({
    bos_token_id: model.config['bos_token_id'] ?? null,
    do_sample: true,
    eos_token_id: model.config['eos_token_id'] ?? null,
    temperature: 0.6,
    top_k: 20,
    top_p: 0.95,
    transformers_version: model.config['transformers_version'] ?? '4.51.0',
  });

const tokenizerConfig = (model: CatalogueModel): Buffer =>
  json({
    add_bos_token: false,
    clean_up_tokenization_spaces: false,
    eos_token: model.config['model_type'] === 'llama' ? '<|eot_id|>' : '<|im_end|>',
    model_max_length: intConfig(model, 'max_position_embeddings', 32768),
    pad_token: '<|endoftext|>',
    tokenizer_class: model.config['model_type'] === 'llama' ? 'PreTrainedTokenizerFast' : 'Qwen2Tokenizer',
    chat_template:
      "{%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
  });

/** Deterministic readable filler of an exact size (licences, vocabularies, READMEs). */
const filler = (model: CatalogueModel, file: CatalogueFile): Buffer => {
  const head = `${file.name} of ${model.id} (simulated copy; size as published)\n`;
  const line = `${model.id} ${file.name} `.padEnd(79, '.') + '\n';
  const body = Buffer.alloc(Math.max(0, file.sizeBytes), line);
  Buffer.from(head).copy(body, 0, 0, Math.min(head.length, body.length));
  return body;
};

/** ModelScope repos carry a configuration.json of their own. */
const modelscopeConfiguration = json({ framework: 'pytorch', task: 'text-generation', allow_remote: true });

export const planRepoFiles = (model: CatalogueModel, hub: 'hf' | 'modelscope'): PlannedFile[] => {
  const files = model.files.map((file): PlannedFile => {
    const content = (() => {
      if (file.name.endsWith('.safetensors')) return undefined;
      if (file.name === 'config.json') return json(model.config);
      if (file.name === 'generation_config.json') return generationConfig(model);
      if (file.name === 'tokenizer_config.json') return tokenizerConfig(model);
      if (file.name === 'model.safetensors.index.json') return indexJson(model);
      return filler(model, file);
    })();
    return { name: file.name, size: content?.length ?? file.sizeBytes, lfs: file.lfs, content };
  });
  if (hub === 'modelscope') files.push({ name: 'configuration.json', size: modelscopeConfiguration.length, lfs: false, content: modelscopeConfiguration });
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
};

/** The first bytes of a sparse weight file: an 8-byte little-endian length, then the JSON header. */
export const safetensorsHeader = (): Buffer => {
  const text = JSON.stringify({ __metadata__: { format: 'pt' } }).padEnd(40, ' ');
  const header = Buffer.alloc(8 + text.length);
  header.writeBigUInt64LE(BigInt(text.length), 0);
  header.write(text, 8);
  return header;
};

/** fnmatch-style glob (`*`, `?`), as huggingface_hub and ModelScope filter --include/--exclude. */
export const globMatch = (pattern: string, name: string): boolean => {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(name);
};
