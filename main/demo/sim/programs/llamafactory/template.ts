/**
 * LLaMA Factory's chat templates (data/template.py @ ff6d4d1) for the two places the simulator
 * renders them: the prompts of generated_predictions.jsonl (decoded with special tokens kept,
 * labels with them skipped) and the Ollama Modelfile `export` writes
 * (Template.get_ollama_modelfile). Only the common templates are spelled out; the others fall
 * back to `default`, which is what an unknown template would look like only roughly.
 */
import { str, type TrainConfig } from './config.js';

export interface ChatTemplate {
  readonly name: string;
  /** format_prefix rendered (the bos token where the tokenizer has one). */
  readonly prefix: string;
  /** Slots with `{{content}}`. */
  readonly system: string;
  readonly user: string;
  readonly assistant: string;
  readonly defaultSystem: string;
  /** The eos token after fix_special_tokens (replace_eos puts stop_words[0] there). */
  readonly eos: string;
  /** `PARAMETER stop` values in the order list(set(ids)) yields them (small ints: by id modulo 8). */
  readonly stops: readonly string[];
}

const chatml = {
  system: '<|im_start|>system\n{{content}}<|im_end|>\n',
  user: '<|im_start|>user\n{{content}}<|im_end|>\n<|im_start|>assistant\n',
  assistant: '{{content}}<|im_end|>\n',
} as const;

const gemma = {
  prefix: '<bos>',
  system: '{{content}}\n\n',
  user: '<start_of_turn>user\n{{content}}<end_of_turn>\n<start_of_turn>model\n',
  assistant: '{{content}}<end_of_turn>\n',
  defaultSystem: '',
  eos: '<end_of_turn>',
  stops: ['<end_of_turn>'],
} as const;

const templates: Readonly<Record<string, Omit<ChatTemplate, 'name'>>> = {
  llama3: {
    prefix: '<|begin_of_text|>',
    system: '<|start_header_id|>system<|end_header_id|>\n\n{{content}}<|eot_id|>',
    user: '<|start_header_id|>user<|end_header_id|>\n\n{{content}}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    assistant: '{{content}}<|eot_id|>',
    defaultSystem: '',
    eos: '<|eot_id|>',
    // ids 128008 and 128009: slot 0 before slot 1 of the set.
    stops: ['<|eom_id|>', '<|eot_id|>'],
  },
  qwen: { prefix: '', ...chatml, defaultSystem: 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.', eos: '<|im_end|>', stops: ['<|im_end|>'] },
  qwen3: { prefix: '', ...chatml, defaultSystem: '', eos: '<|im_end|>', stops: ['<|im_end|>'] },
  qwen3_nothink: { prefix: '', ...chatml, defaultSystem: '', eos: '<|im_end|>', stops: ['<|im_end|>'] },
  // ids 151644 (<|im_start|>) and 151645 (<|im_end|>).
  chatml: { prefix: '', ...chatml, defaultSystem: '', eos: '<|im_end|>', stops: ['<|im_start|>', '<|im_end|>'] },
  gemma,
  gemma2: gemma,
  gemma3: gemma,
  mistral: { prefix: '<s>', system: '{{content}}\n\n', user: '[INST] {{content}}[/INST]', assistant: ' {{content}}</s>', defaultSystem: '', eos: '</s>', stops: ['</s>'] },
  default: { prefix: '', system: 'System: {{content}}</s>\n', user: 'Human: {{content}}</s>\nAssistant:', assistant: '{{content}}</s>\n', defaultSystem: '', eos: '</s>', stops: ['</s>'] },
  empty: { prefix: '', system: '{{content}}', user: '{{content}}', assistant: '{{content}}</s>', defaultSystem: '', eos: '</s>', stops: ['</s>'] },
};

/** Special tokens `skip_special_tokens=True` drops when decoding labels and predictions. */
const specialTokens = ['<|begin_of_text|>', '<|eot_id|>', '<|eom_id|>', '<|im_start|>', '<|im_end|>', '<|endoftext|>', '<bos>', '<end_of_turn>', '<s>', '</s>'];

/** The template a config names (`template`), or the one LLaMA Factory would parse from the model's tokenizer. */
export const chatTemplate = (config: TrainConfig, modelType: unknown): ChatTemplate => {
  const named = str(config, 'template');
  const guessed = modelType === 'llama' ? 'llama3' : modelType === 'gemma3' || modelType === 'gemma' ? 'gemma3' : typeof modelType === 'string' && modelType.startsWith('qwen') ? 'qwen3_nothink' : 'default';
  const name = named ?? guessed;
  const base = templates[name] ?? templates['default']!;
  const system = str(config, 'default_system');
  return { name, ...base, defaultSystem: system ?? base.defaultSystem };
};

const fill = (slot: string, content: string): string => slot.replace('{{content}}', () => content);

export const stripSpecial = (text: string): string => specialTokens.reduce((t, token) => t.split(token).join(''), text);

/** The prompt as `batch_decode(input_ids, skip_special_tokens=False)` shows it. */
export const renderPrompt = (template: ChatTemplate, query: string, system?: string): string => {
  const sys = system ?? template.defaultSystem;
  return `${template.prefix}${sys ? fill(template.system, sys) : ''}${fill(template.user, query)}`;
};

/** The label: the formatted response decoded without special tokens (Qwen keeps the trailing `\n`). */
export const renderLabel = (template: ChatTemplate, response: string): string => stripSpecial(fill(template.assistant, response));

const ollamaSlot = (slot: string, placeholder: string): string => fill(slot, `{{ ${placeholder} }}`);

/** Template.get_ollama_modelfile. */
export const ollamaModelfile = (template: ChatTemplate): string => {
  const body =
    `${template.prefix}{{ if .System }}${ollamaSlot(template.system, '.System')}{{ end }}` +
    `{{ range .Messages }}{{ if eq .Role "user" }}${ollamaSlot(template.user, '.Content')}` +
    `{{ else if eq .Role "assistant" }}${ollamaSlot(template.assistant, '.Content')}{{ end }}{{ end }}`;
  let text = `# ollama modelfile auto-generated by llamafactory\n\nFROM .\n\nTEMPLATE """${body}"""\n\n`;
  if (template.defaultSystem) text += `SYSTEM """${template.defaultSystem}"""\n\n`;
  for (const stop of template.stops) text += `PARAMETER stop "${stop}"\n`;
  return `${text}PARAMETER num_ctx 4096\n`;
};
