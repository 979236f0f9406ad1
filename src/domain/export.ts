import { z } from 'zod';

/**
 * The export chain (issue 12): a fine-tune run's adapter merged into its base model, or a full
 * model folder, converted to GGUF, quantized, written as an Ollama model and asked one test
 * prompt. The chain is one host job on the box with a marker per step, so a retry goes on from
 * the step that failed.
 */

export const exportStepNames = ['merge', 'convert', 'quantize', 'create', 'test'] as const;
export const ExportStepName = z.enum(exportStepNames);
export type ExportStepName = z.infer<typeof ExportStepName>;

/** skipped: done by an earlier attempt; omitted: not part of this chain (no adapter to merge, no quantizing). */
export const ExportStepState = z.enum(['waiting', 'running', 'skipped', 'done', 'failed', 'omitted']);
export type ExportStepState = z.infer<typeof ExportStepState>;

/** llama-quantize types offered (the usual ones; any other type can be typed in the command). */
export const exportQuantNames = ['Q4_K_M', 'Q5_K_M', 'Q6_K', 'Q8_0', 'Q4_K_S', 'Q3_K_M'] as const;
export const ExportQuant = z.enum(exportQuantNames);
export type ExportQuant = z.infer<typeof ExportQuant>;

/** An Ollama model name as `ollama create` takes it (lowercase, an optional :tag). */
export const OllamaModelName = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9._-]*(:[a-z0-9._-]+)?$/, 'lowercase letters, digits, . _ - and an optional :tag');

export const ExportSource = z.discriminatedUnion('kind', [
  /** A finished LoRA training run: its adapter merged into its base model. */
  z.strictObject({ kind: z.literal('finetune'), runId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) }),
  /** A full model folder on the box (config.json and safetensors): no merge. */
  z.strictObject({ kind: z.literal('model'), modelDir: z.string().min(2).max(4096).regex(/^(\/|~\/)/, 'an absolute folder on the box'), template: z.string().regex(/^[a-z0-9_]{1,40}$/) }),
]);
export type ExportSource = z.infer<typeof ExportSource>;

export const ExportSettings = z.strictObject({
  source: ExportSource,
  ollamaName: OllamaModelName,
  /** convert_hf_to_gguf.py --outtype. */
  outtype: z.enum(['f16', 'bf16', 'q8_0']).default('bf16'),
  /** llama-quantize's type; null keeps convert's GGUF. */
  quant: ExportQuant.nullable().default('Q4_K_M'),
  shardSizeGb: z.number().int().min(1).max(100).default(5),
  mergeDevice: z.enum(['cpu', 'auto']).default('cpu'),
  legacyFormat: z.boolean().default(false),
  temperature: z.number().min(0).max(2).default(0.7),
  numCtx: z.number().int().min(256).max(1_048_576).default(8192),
  system: z.string().max(16_384).nullable().default(null),
  testPrompt: z.string().trim().min(1).max(4_000).default('你是谁？'),
});
export type ExportSettings = z.infer<typeof ExportSettings>;

/** llama.cpp's tools on the box, or how to get them. */
export const LlamaCppTools = z.object({
  /** The checkout holding convert_hf_to_gguf.py; null when none was found. */
  checkout: z.string().nullable(),
  convertScript: z.string().nullable(),
  /** The Python that runs the converter: the checkout's venv when it has one, else python3. */
  python: z.string(),
  quantizeTool: z.string().nullable(),
  /** The build, shown before it runs (clone when there is no checkout, CUDA build for GB10's sm_121). */
  buildCommand: z.string(),
  /** A build job of ours: running, or how it ended. */
  build: z.object({ running: z.boolean(), exitCode: z.number().int().nullable(), logTail: z.string() }).nullable(),
});
export type LlamaCppTools = z.infer<typeof LlamaCppTools>;

/** What the chain will write and the space it needs. */
export const ExportDisk = z.object({
  /** Sizes in bytes estimated from the model's parameter count; null when config.json could not be read. */
  mergedBytes: z.number().nullable(),
  convertedBytes: z.number().nullable(),
  quantizedBytes: z.number().nullable(),
  needBytes: z.number().nullable(),
  freeBytes: z.number().nullable(),
  verdict: z.enum(['ok', 'short', 'unknown']),
});
export type ExportDisk = z.infer<typeof ExportDisk>;

/** The chain as it would run: every file and command shown, the texts editable. */
export const ExportPreview = z.object({
  workDir: z.string(),
  baseModel: z.string(),
  adapterDir: z.string().nullable(),
  template: z.string(),
  family: z.enum(['chatml', 'llama3']).nullable(),
  mergeYaml: z.string().nullable(),
  modelfile: z.string(),
  /** The job's whole script, as it will run. */
  script: z.string(),
  tools: LlamaCppTools,
  disk: ExportDisk,
  /** Sentences that stop the start (no llama.cpp, an unknown template); empty when it can run. */
  blockers: z.array(z.string()),
  /** Sentences worth reading before a start that do not stop it (an earlier export in the same folder is replaced). */
  notes: z.array(z.string()),
});
export type ExportPreview = z.infer<typeof ExportPreview>;

export const ExportState = z.enum(['running', 'done', 'failed', 'stopped']);
export type ExportState = z.infer<typeof ExportState>;

export const ExportView = z.object({
  id: z.string(),
  deviceId: z.string(),
  ollamaName: z.string(),
  state: ExportState,
  steps: z.record(ExportStepName, ExportStepState),
  /** The running step's progress from its output (tqdm percent, quantize's tensor count), 0–1; null when it prints none. */
  progress: z.number().min(0).max(1).nullable(),
  workDir: z.string(),
  /** The GGUF ollama create uses and the Modelfile: what "Take it home" downloads. */
  gguf: z.string(),
  modelfile: z.string(),
  sourceLabel: z.string(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** The model's answer to the test prompt, once the test step ran. */
  answer: z.string().nullable(),
  testPrompt: z.string(),
  /** Why it failed: a sentence, what to do, and the job's last lines. */
  failure: z.object({ message: z.string(), hint: z.string(), lines: z.array(z.string()) }).nullable(),
  attempt: z.number().int().min(1),
});
export type ExportView = z.infer<typeof ExportView>;
