/**
 * The training form as typed (numbers as text, so a half-typed value is not lost) and its
 * conversion to TrainingSettings, with one sentence key per field that is wrong. The defaults are
 * the review's setup: LoRA rank 8, cutoff 1024 (short role-play answers), gradient accumulation 4,
 * bf16, cosine schedule.
 */
import { TrainingSettings, type FinetuneMethod, type LrScheduler } from '../../src/domain/finetune.js';

export interface TrainForm {
  readonly name: string;
  readonly baseModel: string;
  readonly template: string;
  /** True once the user typed a template: a new model then no longer replaces it. */
  readonly templateTouched: boolean;
  readonly method: FinetuneMethod;
  readonly quantizationBit: '4' | '8';
  readonly loraRank: string;
  readonly loraAlpha: string;
  readonly loraDropout: string;
  readonly loraTarget: string;
  readonly freezeTrainableLayers: string;
  readonly datasets: readonly string[];
  readonly cutoffLen: string;
  readonly maxSamples: string;
  readonly batchSize: string;
  readonly gradientAccumulation: string;
  readonly learningRate: string;
  readonly scheduler: LrScheduler;
  readonly warmupRatio: string;
  readonly epochs: string;
  readonly bf16: boolean;
  readonly loggingSteps: string;
  readonly saveSteps: string;
  readonly evalSteps: string;
  readonly valSize: string;
  readonly outputDir: string;
  /** True once the user typed an output folder: it then stops following the model and method. */
  readonly outputTouched: boolean;
}

export const defaultTrainForm: TrainForm = {
  name: '',
  baseModel: '',
  template: '',
  templateTouched: false,
  method: 'lora',
  quantizationBit: '4',
  loraRank: '8',
  loraAlpha: '16',
  loraDropout: '0',
  loraTarget: 'all',
  freezeTrainableLayers: '2',
  datasets: [],
  cutoffLen: '1024',
  maxSamples: '',
  batchSize: '1',
  gradientAccumulation: '4',
  learningRate: '1e-4',
  scheduler: 'cosine',
  warmupRatio: '0.1',
  epochs: '3',
  bf16: true,
  loggingSteps: '10',
  saveSteps: '100',
  evalSteps: '50',
  valSize: '0.1',
  outputDir: '',
  outputTouched: false,
};

/** LLaMA Factory's template for a model family (data/template.py); '' when the name says nothing. */
export const templateFor = (model: string): string => {
  const m = model.toLowerCase();
  const rules: ReadonlyArray<readonly [RegExp, string]> = [
    [/qwen3.*vl/, 'qwen3_vl'],
    [/qwen3/, 'qwen3_nothink'],
    [/qwen2\.5.*vl/, 'qwen2_5_vl'],
    [/qwen2.*vl/, 'qwen2_vl'],
    [/qwen/, 'qwen'],
    [/llama-?4/, 'llama4'],
    [/llama-?3/, 'llama3'],
    [/llama-?2/, 'llama2'],
    [/deepseek-?r1/, 'deepseekr1'],
    [/deepseek-?v3|deepseek3/, 'deepseek3'],
    [/deepseek/, 'deepseek'],
    [/gemma-?3/, 'gemma3'],
    [/gemma-?2/, 'gemma2'],
    [/gemma/, 'gemma'],
    [/gpt-oss/, 'gpt_oss'],
    [/glm-?4/, 'glm4'],
    [/ministral/, 'ministral'],
    [/mistral|mixtral/, 'mistral'],
    [/phi-?4/, 'phi4'],
    [/phi/, 'phi'],
    [/yi-/, 'yi'],
  ];
  return rules.find(([re]) => re.test(m))?.[1] ?? '';
};

/** `saves/<model>/<method>/sft` as LLaMA Board names output folders (the model's last path part). */
export const outputDirFor = (model: string, method: FinetuneMethod): string => {
  const base = model.trim().replace(/\/+$/, '').split('/').at(-1)?.replace(/[^\w.-]+/g, '-') || 'model';
  return `saves/${base}/${method}/sft`;
};

/** A change of the model (or method) carries the template and output folder along unless the user typed them. */
export const withModel = (form: TrainForm, patch: Partial<Pick<TrainForm, 'baseModel' | 'method'>>): TrainForm => {
  const next = { ...form, ...patch };
  return {
    ...next,
    ...(next.templateTouched ? {} : { template: templateFor(next.baseModel) }),
    ...(next.outputTouched ? {} : { outputDir: outputDirFor(next.baseModel, next.method) }),
  };
};

export type FormField = Exclude<keyof TrainForm, 'templateTouched' | 'outputTouched' | 'name'>;
export interface FormProblem {
  readonly field: FormField;
  readonly message: string;
}

const numberFields = ['loraRank', 'loraAlpha', 'loraDropout', 'freezeTrainableLayers', 'cutoffLen', 'batchSize', 'gradientAccumulation', 'learningRate', 'warmupRatio', 'epochs', 'loggingSteps', 'saveSteps', 'evalSteps', 'valSize'] as const;

const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** The settings, or the problems (field + the schema's sentence) when a field is wrong. */
export const settingsOf = (form: TrainForm): { ok: true; settings: TrainingSettings } | { ok: false; problems: FormProblem[] } => {
  const numbers = Object.fromEntries(numberFields.map((f) => [f, toNumber(form[f])]));
  const candidate = {
    baseModel: form.baseModel,
    template: form.template,
    stage: 'sft',
    method: form.method,
    quantizationBit: form.quantizationBit === '8' ? 8 : 4,
    loraTarget: form.loraTarget,
    datasets: [...form.datasets],
    maxSamples: form.maxSamples.trim() === '' ? null : toNumber(form.maxSamples),
    scheduler: form.scheduler,
    bf16: form.bf16,
    outputDir: form.outputDir,
    ...numbers,
  };
  const parsed = TrainingSettings.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const problems = parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'baseModel') as FormField, message: issue.message }));
  return { ok: false, problems };
};
