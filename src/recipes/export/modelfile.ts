/**
 * The Ollama Modelfile at the end of the export chain (issue 12): FROM the quantized GGUF, the chat
 * TEMPLATE of the model's family (Go template syntax, as Ollama's docs/modelfile.mdx writes it), the
 * family's stop tokens, temperature and num_ctx, and an optional SYSTEM prompt. Qwen (ChatML) is the
 * review's; Llama 3 has its header form. A family without a known template is refused rather than
 * guessed: a wrong template makes a model that answers nonsense.
 */

export type ChatFamily = 'chatml' | 'llama3';

/** Qwen (and other ChatML models) in the form of Ollama's own TEMPLATE example. */
const chatml = `{{ if .System }}<|im_start|>system
{{ .System }}<|im_end|>
{{ end }}{{ if .Prompt }}<|im_start|>user
{{ .Prompt }}<|im_end|>
{{ end }}<|im_start|>assistant
`;

const llama3 = `{{ if .System }}<|start_header_id|>system<|end_header_id|>

{{ .System }}<|eot_id|>{{ end }}{{ if .Prompt }}<|start_header_id|>user<|end_header_id|>

{{ .Prompt }}<|eot_id|>{{ end }}<|start_header_id|>assistant<|end_header_id|>

`;

export const familyTemplates: Record<ChatFamily, { readonly template: string; readonly stops: readonly string[] }> = {
  chatml: { template: chatml, stops: ['<|im_start|>', '<|im_end|>'] },
  llama3: { template: llama3, stops: ['<|start_header_id|>', '<|end_header_id|>', '<|eot_id|>'] },
};

/** The family of a LLaMA Factory template name (what the fine-tune trained with), or null when unknown. */
export const familyOfTemplate = (template: string): ChatFamily | null => {
  if (/^(qwen|qwen2|qwen2_vl|qwen3|qwen3_nothink|qwen3_5|chatml|yi|deepseek3?)$/.test(template) || template.startsWith('qwen')) return 'chatml';
  if (/^llama3/.test(template)) return 'llama3';
  return null;
};

export interface ModelfileSettings {
  /** The GGUF, as `ollama create` finds it (a path next to the Modelfile: "./model.gguf"). */
  readonly from: string;
  readonly family: ChatFamily;
  readonly temperature: number;
  readonly numCtx: number;
  readonly system: string | null;
}

export const modelfileDefaults = { temperature: 0.7, numCtx: 8192 } as const;

/** A value as one Modelfile word: bare when it can be, else "quoted" with \" and \\ escaped. */
const word = (value: string): string => (/^[^\s"\\]+$/.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);

export const modelfile = (s: ModelfileSettings): string => {
  if (s.from.includes('\n')) throw new RangeError('the GGUF path cannot contain a line break');
  if (!(s.temperature >= 0 && s.temperature <= 2)) throw new RangeError(`temperature ${s.temperature} is not between 0 and 2`);
  if (!Number.isInteger(s.numCtx) || s.numCtx < 256 || s.numCtx > 1_048_576) throw new RangeError(`num_ctx ${s.numCtx} is not a whole number from 256 to 1048576`);
  // A triple-quoted value ends at the next """: a system prompt holding one cannot be written.
  if (s.system?.includes('"""')) throw new RangeError('the system prompt cannot contain """ (it would end the Modelfile value)');
  const { template, stops } = familyTemplates[s.family];
  return [
    `FROM ${word(s.from)}`,
    `TEMPLATE """${template}"""`,
    ...stops.map((stop) => `PARAMETER stop ${word(stop)}`),
    `PARAMETER temperature ${s.temperature}`,
    `PARAMETER num_ctx ${s.numCtx}`,
    ...(s.system ? [`SYSTEM """${s.system}"""`] : []),
    '',
  ].join('\n');
};
