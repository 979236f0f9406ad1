/**
 * The models the simulated ollama.com library offers. IDs (first 12 hex of the manifest digest)
 * and sizes come from the captures where one exists (`ollama list`/`ps`, /api/tags, the Spark
 * playbook's `ollama pull qwen2.5:32b`); the rest of each digest is filled deterministically.
 * Anything not listed here is "file does not exist" on the simulated registry.
 */
import { mixedHex } from '../../box.js';
import type { SimOllamaLayer } from '../../state.js';

export interface LibraryModel {
  /** Canonical `name:tag` (the `library/` namespace is implied). */
  readonly name: string;
  /** Other names of the same manifest (`qwen3:latest` is `qwen3:8b`). */
  readonly aliases: readonly string[];
  readonly manifestDigest: string; // 64 hex
  readonly family: string;
  readonly parameterSize: string;
  readonly quantization: string;
  readonly contextLength: number;
  readonly embeddingLength: number;
  readonly capabilities: readonly string[];
  readonly layers: readonly SimOllamaLayer[];
  /** The Modelfile body after FROM: TEMPLATE, PARAMETER, SYSTEM lines as `ollama show --modelfile` prints them. */
  readonly modelfileBody: string;
}

const fill = (prefix: string, seed: string): string => prefix + mixedHex(`ollama:${seed}`, 64 - prefix.length);

const chatml = `TEMPLATE """{{- if .System }}<|im_start|>system
{{ .System }}<|im_end|>
{{ end }}{{- range .Messages }}<|im_start|>{{ .Role }}
{{ .Content }}<|im_end|>
{{ end }}<|im_start|>assistant
"""`;
const qwenParams = ['PARAMETER stop <|im_start|>', 'PARAMETER stop <|im_end|>', 'PARAMETER temperature 0.6', 'PARAMETER top_k 20', 'PARAMETER top_p 0.95', 'PARAMETER repeat_penalty 1'];
const llama3 = `TEMPLATE """{{- range .Messages }}<|start_header_id|>{{ .Role }}<|end_header_id|>

{{ .Content }}<|eot_id|>
{{- end }}<|start_header_id|>assistant<|end_header_id|>

"""`;
const llamaParams = ['PARAMETER stop <|start_header_id|>', 'PARAMETER stop <|end_header_id|>', 'PARAMETER stop <|eot_id|>'];

interface Entry {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** Known prefix of the manifest digest (12 hex from a capture) or a full digest. */
  readonly id: string;
  /** Known prefix of the weights blob digest (the capture's `pulling 58574f2e94b9`). */
  readonly blob?: string;
  readonly modelBytes: number;
  readonly family: string;
  readonly parameterSize: string;
  readonly quantization: string;
  readonly contextLength: number;
  readonly embeddingLength: number;
  readonly capabilities: readonly string[];
  readonly template: string;
  readonly params: readonly string[];
  /** Sizes of template, license, params blobs (the Spark capture: 1.5 KB, 11 KB, 120 B, 494 B). */
  readonly smallBlobs?: readonly number[];
  readonly smallPrefixes?: readonly string[];
}

const entries: readonly Entry[] = [
  // Spark playbook: 58574f2e94b9 18 GB, 53e4ea15e8f5 1.5 KB, d18a5cc71b84 11 KB, cff3f395ef37 120 B, 3cdc64c2b371 494 B.
  { name: 'qwen2.5:32b', id: '9f13ba1299af', blob: '58574f2e94b99fb9e4391408b57e5aeaaaec10f6384e9a699fc2cb43a5c8eabf', modelBytes: 18_556_698_560, family: 'qwen2', parameterSize: '32.8B', quantization: 'Q4_K_M', contextLength: 32768, embeddingLength: 5120, capabilities: ['completion', 'tools'], template: chatml, params: qwenParams.slice(0, 2), smallBlobs: [1_482, 11_343, 120, 494], smallPrefixes: ['53e4ea15e8f5', 'd18a5cc71b84', 'cff3f395ef37', '3cdc64c2b371'] },
  { name: 'qwen3:30b-a3b', id: '0b28110b7a33', modelBytes: 18_556_676_160, family: 'qwen3moe', parameterSize: '30.5B', quantization: 'Q4_K_M', contextLength: 40960, embeddingLength: 2048, capabilities: ['completion', 'tools', 'thinking'], template: chatml, params: qwenParams },
  { name: 'qwen3:8b', aliases: ['qwen3:latest'], id: '500a1f067a9f', modelBytes: 5_225_374_208, family: 'qwen3', parameterSize: '8.2B', quantization: 'Q4_K_M', contextLength: 40960, embeddingLength: 4096, capabilities: ['completion', 'tools', 'thinking'], template: chatml, params: qwenParams },
  { name: 'qwen3:1.7b', id: '8f68893c685c', modelBytes: 1_359_277_856, family: 'qwen3', parameterSize: '2.0B', quantization: 'Q4_K_M', contextLength: 40960, embeddingLength: 2048, capabilities: ['completion', 'tools', 'thinking'], template: chatml, params: qwenParams },
  { name: 'llama3.2:3b', aliases: ['llama3.2:latest'], id: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72', modelBytes: 2_019_377_376, family: 'llama', parameterSize: '3.2B', quantization: 'Q4_K_M', contextLength: 131072, embeddingLength: 3072, capabilities: ['completion', 'tools'], template: llama3, params: llamaParams },
  { name: 'granite3.3:2b', id: '07bd1f170855', modelBytes: 1_545_317_248, family: 'granite', parameterSize: '2.5B', quantization: 'Q4_K_M', contextLength: 131072, embeddingLength: 2048, capabilities: ['completion', 'tools'], template: llama3, params: [] },
  { name: 'deepseek-r1:7b', aliases: ['deepseek-r1:latest'], id: '0a8c266910232fd3291e71e5ba1e058cc5af9d411192cf88b6d30e92b6e73163', modelBytes: 4_683_073_184, family: 'qwen2', parameterSize: '7.6B', quantization: 'Q4_K_M', contextLength: 131072, embeddingLength: 3584, capabilities: ['completion', 'thinking'], template: chatml, params: qwenParams.slice(0, 2) },
  { name: 'gpt-oss:20b', aliases: ['gpt-oss:latest'], id: '17052f91a42e', modelBytes: 13_780_154_624, family: 'gptoss', parameterSize: '20.9B', quantization: 'MXFP4', contextLength: 131072, embeddingLength: 2880, capabilities: ['completion', 'tools', 'thinking'], template: 'TEMPLATE {{ .Prompt }}', params: ['PARAMETER temperature 1'] },
  { name: 'gpt-oss:120b', id: 'f7f8e2f8f4e0', modelBytes: 65_290_181_888, family: 'gptoss', parameterSize: '116.8B', quantization: 'MXFP4', contextLength: 131072, embeddingLength: 2880, capabilities: ['completion', 'tools', 'thinking'], template: 'TEMPLATE {{ .Prompt }}', params: ['PARAMETER temperature 1'] },
  { name: 'gemma4:e4b', id: 'c6eb396dbd59', modelBytes: 9_608_350_718, family: 'gemma4', parameterSize: '8.0B', quantization: 'Q4_K_M', contextLength: 131072, embeddingLength: 2560, capabilities: ['completion', 'vision', 'tools'], template: 'TEMPLATE {{ .Prompt }}', params: ['PARAMETER temperature 1', 'PARAMETER top_k 64', 'PARAMETER top_p 0.95'] },
  { name: 'nomic-embed-text:latest', id: '0a109f422b47', modelBytes: 274_290_656, family: 'nomic-bert', parameterSize: '137M', quantization: 'F16', contextLength: 2048, embeddingLength: 768, capabilities: ['embedding'], template: '', params: ['PARAMETER num_ctx 8192'] },
];

const build = (e: Entry): LibraryModel => {
  const small = e.smallBlobs ?? [1_482, 11_343, 182];
  const kinds: Array<SimOllamaLayer['kind']> = ['template', 'license', 'params', 'system'];
  const layers: SimOllamaLayer[] = [
    { digest: `sha256:${fill(e.blob ?? '', `${e.name}:model`)}`, sizeBytes: e.modelBytes, kind: 'model' },
    ...small.map((size, i) => ({ digest: `sha256:${fill(e.smallPrefixes?.[i] ?? '', `${e.name}:${i}`)}`, sizeBytes: size, kind: kinds[i] ?? 'params' })),
  ];
  return {
    name: e.name,
    aliases: e.aliases ?? [],
    manifestDigest: fill(e.id, `${e.name}:manifest`),
    family: e.family,
    parameterSize: e.parameterSize,
    quantization: e.quantization,
    contextLength: e.contextLength,
    embeddingLength: e.embeddingLength,
    capabilities: e.capabilities,
    layers,
    modelfileBody: [e.template, ...e.params].filter((l) => l !== '').join('\n'),
  };
};

export const library: readonly LibraryModel[] = entries.map(build);

export const findLibraryModel = (name: string): LibraryModel | undefined =>
  library.find((m) => m.name === name || m.aliases.includes(name));
