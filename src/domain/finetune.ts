import { z } from 'zod';

/**
 * Fine-tuning with LLaMA Factory on the box: the environment it runs in, datasets (checked, then
 * registered in dataset_info.json), the training form, runs (detached host jobs re-found from the
 * box), their curves (trainer_log.jsonl read by byte offset) and evaluation results.
 */

// ---------------------------------------------------------------- environment

/** Where LLaMA Factory is: a host install (a venv or pip --user), a container, or nowhere yet. */
export const FinetuneEnvironment = z.object({
  /** host: `llamafactory-cli` runs on the box itself; container: only inside a running container; missing: neither. */
  kind: z.enum(['host', 'container', 'missing']),
  /** The launcher found (absolute path on the box), null when missing. */
  cliPath: z.string().nullable(),
  /** A venv to activate first (its bin/activate), null when the launcher is on PATH. */
  venv: z.string().nullable(),
  /** `llamafactory-cli version`'s number, null when it could not be read. */
  version: z.string().nullable(),
  /** The container LLaMA Factory was found in (kind container). */
  container: z.string().nullable(),
  /**
   * The folder runs start in: LLaMA Factory resolves `dataset_dir: data` against it (a LLaMA-Factory
   * checkout when there is one, else the app's own folder). Absolute.
   */
  workspace: z.string(),
  /** `<workspace>/data`: where datasets are uploaded; its dataset_info.json is where they are registered. */
  dataDir: z.string(),
  /** Whether dataset_info.json exists there yet (registering creates it). */
  datasetInfoExists: z.boolean(),
  /** Docker images on the box that can host LLaMA Factory (NGC PyTorch, hiyouga/llamafactory). */
  images: z.array(z.string()),
  /** Exact commands to set it up, shown when kind is missing (or to switch to the other way). */
  install: z.object({ host: z.array(z.string()), container: z.array(z.string()) }),
  /** Sentences about what is odd (no GPU torch, an old version); empty when all is well. */
  notes: z.array(z.string()),
});
export type FinetuneEnvironment = z.infer<typeof FinetuneEnvironment>;

// ---------------------------------------------------------------- datasets

export const DatasetFormat = z.enum(['alpaca', 'sharegpt']);
export type DatasetFormat = z.infer<typeof DatasetFormat>;

/** One thing wrong with a dataset file, where it is. */
export const DatasetProblem = z.object({
  /** 1-based line in the file (JSONL: the record's line; JSON: the line its record starts on, or where parsing stopped). */
  line: z.number().int().min(1),
  /** 0-based record index, null when the problem is not in one record (the file does not parse). */
  record: z.number().int().min(0).nullable(),
  /** error: LLaMA Factory would fail or drop the record; warning: it trains, but probably not as meant. */
  severity: z.enum(['error', 'warning']),
  /** A sentence: `"output" is empty`, `Unexpected token } in JSON`. */
  message: z.string(),
});
export type DatasetProblem = z.infer<typeof DatasetProblem>;

/** A record as chat turns, whatever its format (Alpaca: instruction + input → output). */
export const DatasetPreviewRecord = z.object({
  record: z.number().int().min(0),
  line: z.number().int().min(1),
  system: z.string().nullable(),
  turns: z.array(z.object({ role: z.enum(['user', 'assistant', 'function', 'observation']), text: z.string() })),
});
export type DatasetPreviewRecord = z.infer<typeof DatasetPreviewRecord>;

/** Approximate token lengths (prompt + response per record): characters over a per-script ratio, not the model's tokenizer. */
export const TokenHistogram = z.object({
  approximate: z.literal(true),
  /** How it was counted, in words the page shows. */
  method: z.string(),
  min: z.number(),
  median: z.number(),
  p95: z.number(),
  max: z.number(),
  /** Records longer than the cutoff length asked about (truncated in training); null when none was asked. */
  overCutoff: z.number().int().nullable(),
  /** Bins [from, to) in tokens, in order, covering min..max. */
  bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
});
export type TokenHistogram = z.infer<typeof TokenHistogram>;

export const DatasetCheck = z.object({
  path: z.string(),
  fileType: z.enum(['json', 'jsonl']),
  /** Detected from the records; null when nothing parsed. */
  format: DatasetFormat.nullable(),
  /** The dataset_info.json `columns` for this file (Alpaca: prompt/query/response/system/history; ShareGPT: messages/system/tools). */
  columns: z.record(z.string(), z.string()),
  /** ShareGPT role names when they are not the defaults (from/value/human/gpt), else null. */
  tags: z.record(z.string(), z.string()).nullable(),
  records: z.number().int(),
  /** Records with no error (what would train). */
  validRecords: z.number().int(),
  emptyFields: z.number().int(),
  /** The first problems, in file order (at most 200); problemCount counts them all. */
  problems: z.array(DatasetProblem),
  problemCount: z.number().int(),
  /** The first records (at most 5). */
  preview: z.array(DatasetPreviewRecord),
  tokens: TokenHistogram.nullable(),
  /** True when it can be registered: it parsed, has a format and at least one valid record. */
  ok: z.boolean(),
});
export type DatasetCheck = z.infer<typeof DatasetCheck>;

/** An entry of dataset_info.json. */
export const DatasetEntry = z.object({
  name: z.string(),
  fileName: z.string().nullable(),
  hubUrl: z.string().nullable(),
  formatting: z.string(),
  columns: z.record(z.string(), z.string()),
  /** The file exists in the data folder (false for hub datasets and missing files). */
  present: z.boolean(),
});
export type DatasetEntry = z.infer<typeof DatasetEntry>;

/** A dataset name LLaMA Factory and YAML both take as one word: no comma (it splits `dataset:` on commas), no newline. */
export const DatasetName = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .refine((n) => !/[,\n\r\0]/.test(n), 'a dataset name cannot contain a comma or a line break');

// ---------------------------------------------------------------- training settings (the form)

export const FinetuneMethod = z.enum(['lora', 'qlora', 'full', 'freeze']);
export type FinetuneMethod = z.infer<typeof FinetuneMethod>;

export const LrScheduler = z.enum(['cosine', 'linear', 'constant', 'constant_with_warmup', 'cosine_with_restarts', 'polynomial', 'inverse_sqrt']);
export type LrScheduler = z.infer<typeof LrScheduler>;

const positiveInt = z.number().int().min(1);

export const TrainingSettings = z.strictObject({
  /** Hugging Face repo id (`Qwen/Qwen3-8B-Base`) or a folder on the box. */
  baseModel: z.string().trim().min(1).max(4096),
  /** LLaMA Factory template (`qwen3_nothink`, `llama3`); templateFor() proposes one from the model name. */
  template: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'a template name (letters, digits, _ . -)'),
  stage: z.literal('sft').default('sft'),
  method: FinetuneMethod,
  /** QLoRA only: bitsandbytes 4 or 8. */
  quantizationBit: z.union([z.literal(4), z.literal(8)]).default(4),
  loraRank: positiveInt.max(1024).default(8),
  loraAlpha: positiveInt.max(4096).default(16),
  loraDropout: z.number().min(0).max(0.9).default(0),
  /** `all` or module names comma-separated (`q_proj,v_proj`). */
  loraTarget: z.string().trim().min(1).max(400).regex(/^[A-Za-z0-9_.,*-]+$/, 'all, or module names separated by commas').default('all'),
  /** Freeze only: how many of the last layers train. */
  freezeTrainableLayers: positiveInt.max(512).default(2),
  /** Names registered in dataset_info.json, in order. */
  datasets: z.array(DatasetName).min(1).max(32),
  cutoffLen: positiveInt.max(1_048_576).default(2048),
  /** Cap on records per dataset; null: all. */
  maxSamples: positiveInt.nullable().default(null),
  batchSize: positiveInt.max(4096).default(1),
  gradientAccumulation: positiveInt.max(4096).default(8),
  learningRate: z.number().positive().max(1).default(1e-4),
  scheduler: LrScheduler.default('cosine'),
  warmupRatio: z.number().min(0).max(1).default(0.1),
  epochs: z.number().positive().max(1000).default(3),
  bf16: z.boolean().default(true),
  loggingSteps: positiveInt.default(10),
  saveSteps: positiveInt.default(500),
  /** Only used when valSize > 0. */
  evalSteps: positiveInt.default(500),
  /** Share of the data held out for eval loss, 0 (none) to 0.5. */
  valSize: z.number().min(0).max(0.5).default(0),
  /** Relative to the workspace (`saves/qwen3-8b/lora/sft`) or absolute. */
  outputDir: z.string().trim().min(1).max(4096),
});
export type TrainingSettings = z.infer<typeof TrainingSettings>;
export type TrainingSettingsInput = z.input<typeof TrainingSettings>;

/** The memory a run needs against what the box has (memory-guard style: ok / warn / refuse). */
export const FinetuneMemoryEstimate = z.object({
  method: FinetuneMethod,
  /** null when the model's size could not be read (no config.json on the box yet). */
  parameters: z.number().nullable(),
  terms: z.array(z.object({ kind: z.enum(['weights', 'trainable-state', 'activations', 'cuda-context']), bytes: z.number() })),
  totalBytes: z.number().nullable(),
  boxTotalBytes: z.number().nullable(),
  boxAvailableBytes: z.number().nullable(),
  verdict: z.enum(['ok', 'warn', 'refuse', 'unknown']),
  /** One sentence: why, and what to change (QLoRA 4-bit, a shorter cutoff, a smaller batch). */
  message: z.string(),
});
export type FinetuneMemoryEstimate = z.infer<typeof FinetuneMemoryEstimate>;

// ---------------------------------------------------------------- runs

export const RunState = z.enum(['queued', 'running', 'done', 'failed', 'stopped']);
export type RunState = z.infer<typeof RunState>;

export const RunError = z.object({
  message: z.string(),
  hint: z.string(),
  /** The console lines around the failure (the traceback's end). */
  lines: z.array(z.string()),
});
export type RunError = z.infer<typeof RunError>;

export const Checkpoint = z.object({ step: z.number().int(), path: z.string() });
export type Checkpoint = z.infer<typeof Checkpoint>;

export const RunView = z.object({
  id: z.string(),
  deviceId: z.string(),
  name: z.string(),
  /** train: a training run; predict: do_predict over an eval split (with or without an adapter). */
  kind: z.enum(['train', 'predict']),
  state: RunState,
  method: FinetuneMethod.nullable(),
  baseModel: z.string(),
  /** For predict: the adapter folder used, null for the base model alone. */
  adapter: z.string().nullable(),
  /** For predict: the training run it evaluates (null for the base model). */
  trainRunId: z.string().nullable(),
  datasets: z.array(z.string()),
  /** Absolute output folder on the box. */
  outputDir: z.string(),
  /** The YAML it was started with, on the box (`~/.pgx-companion/jobs/<id>/run.yaml`). */
  yamlPath: z.string(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  step: z.number().int(),
  totalSteps: z.number().int().nullable(),
  epoch: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  tokensPerSecond: z.number().nullable(),
  latestLoss: z.number().nullable(),
  latestEvalLoss: z.number().nullable(),
  checkpoints: z.array(Checkpoint),
  error: RunError.nullable(),
  /** Bumped by each resume: the curve is re-read from offset 0 when it changes (a resumed run rewrites trainer_log.jsonl). */
  attempt: z.number().int().min(1),
});
export type RunView = z.infer<typeof RunView>;

/** One trainer_log.jsonl line as a chart point. */
export const CurvePoint = z.object({
  step: z.number().int(),
  loss: z.number().optional(),
  evalLoss: z.number().optional(),
  lr: z.number().optional(),
  epoch: z.number(),
});
export type CurvePoint = z.infer<typeof CurvePoint>;

/** Points read from `fromOffset` up to the last whole line; the next read starts at nextOffset. */
export const CurveChunk = z.object({
  runId: z.string(),
  attempt: z.number().int(),
  fromOffset: z.number().int(),
  nextOffset: z.number().int(),
  points: z.array(CurvePoint),
});
export type CurveChunk = z.infer<typeof CurveChunk>;

// ---------------------------------------------------------------- evaluation

export const PredictionRow = z.object({ prompt: z.string(), label: z.string(), predict: z.string() });
export type PredictionRow = z.infer<typeof PredictionRow>;

/** predict_results.json (scores 0–100) and generated_predictions.jsonl. */
export const EvalResults = z.object({
  runId: z.string(),
  bleu4: z.number().nullable(),
  rouge1: z.number().nullable(),
  rouge2: z.number().nullable(),
  rougeL: z.number().nullable(),
  runtimeSeconds: z.number().nullable(),
  samplesPerSecond: z.number().nullable(),
  /** The first rows (at most `limit` asked); rowCount counts them all. */
  rows: z.array(PredictionRow),
  rowCount: z.number().int(),
  badLines: z.number().int(),
});
export type EvalResults = z.infer<typeof EvalResults>;
