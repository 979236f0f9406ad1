import { z } from 'zod';
import { serveEngineIds } from '../recipes/serve/serve-engines.js';

/**
 * Which server on which box: `container:<name>`, or `job:<host job id>` for Ollama (the box's
 * daemon serves it; the job pulled and loaded it). Built from what the box says, so a second
 * laptop or a restarted app finds the same key.
 */
export const ServerKey = z
  .string()
  .max(160)
  .regex(/^(container:[A-Za-z0-9][A-Za-z0-9_.-]*|job:[a-z0-9][a-z0-9-]*)$/, 'a server key like container:pgx-serve-vllm-8000');
export type ServerKey = z.infer<typeof ServerKey>;

/**
 * starting: its container runs, /health (then /v1/models) does not answer yet; ready: both answer;
 * failed: it exited during startup, did not come up in time, or stopped answering; stopped: its
 * container is stopped; unknown: the box is away.
 */
export const ServerState = z.enum(['starting', 'ready', 'failed', 'stopped', 'unknown']);
export type ServerState = z.infer<typeof ServerState>;

/** Where a start is: the container starts, the engine loads (its log moves), /health answers, /v1/models lists the model. */
export const ServePhase = z.enum(['launching', 'loading', 'health', 'models', 'ready', 'failed']);
export type ServePhase = z.infer<typeof ServePhase>;

/** Why a start failed, explained (engine-failures.ts): a sentence, what to do, and the log lines that show it. */
export const ServeFailure = z.object({
  kind: z.string(),
  message: z.string(),
  hint: z.string(),
  line: z.string().nullable(),
  lastLines: z.array(z.string()),
  /** The facts the sentence was made from, for the renderer's translation of known kinds. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ServeFailure = z.infer<typeof ServeFailure>;

/** What the wizard knows of the model (a model library entry): weights from size on disk, or parameters × format. */
export const ServeModelInfo = z.strictObject({
  sizeBytes: z.number().nonnegative().nullable().optional(),
  parameters: z.number().positive().nullable().optional(),
  /** The library's quantization label or method (NVFP4, modelopt, awq, fp8 …), or a GGUF quant type. */
  quantization: z.string().max(100).nullable().optional(),
  /** config.json's torch_dtype (bfloat16 …). */
  dtype: z.string().max(40).nullable().optional(),
  format: z.enum(['safetensors', 'gguf', 'ollama', 'unknown']).optional(),
});
export type ServeModelInfo = z.infer<typeof ServeModelInfo>;

/** One model server on a box, as its card shows it. */
export const ServerView = z.object({
  key: ServerKey,
  deviceId: z.string(),
  engine: z.enum(serveEngineIds),
  containerName: z.string(),
  /** The model as the engine was given it (a box path or a Hugging Face id); null when its labels lost it. */
  model: z.string().nullable(),
  /** What clients put in "model". */
  servedModelName: z.string().nullable(),
  image: z.string().nullable(),
  state: ServerState,
  phase: ServePhase,
  /** When this laptop started it (null when found already running). */
  startedAt: z.number().nullable(),
  /** How long it took from launch to ready (null until then, or when found already running). */
  readyMs: z.number().nullable(),
  startupMs: z.number(),
  boxPort: z.number().int().nullable(),
  /** The OpenAI-compatible base URL on this computer (http://127.0.0.1:PORT/v1), once tunnelled. */
  url: z.string().nullable(),
  tunnelId: z.string().nullable(),
  /** Published on the whole LAN (off by default). */
  sharedOnLan: z.boolean(),
  /** The command exactly as the box ran it (null when found running). */
  command: z.string().nullable(),
  /** The user edited the command in the review step. */
  edited: z.boolean(),
  failure: ServeFailure.nullable(),
});
export type ServerView = z.infer<typeof ServerView>;

const Bytes = z.number();

/** The memory guard's judgement (memory-guard.ts MemoryJudgement) as the review step shows it. */
export const MemoryJudgementView = z.object({
  verdict: z.enum(['ok', 'warn', 'refuse']),
  reason: z.enum(['fits', 'near-edge', 'page-cache', 'does-not-fit', 'no-room-for-kv-cache']),
  needBytes: Bytes,
  terms: z.array(z.object({ kind: z.enum(['weights', 'kv-cache', 'activations', 'cuda-context', 'engine-process']), bytes: Bytes })),
  totalBytes: Bytes,
  availableBytes: Bytes,
  osReserveBytes: Bytes,
  pendingBytes: Bytes,
  budgetBytes: Bytes,
  headroomBytes: Bytes,
  holders: z.array(z.object({ name: z.string(), kind: z.enum(['server', 'ollama-model']), heldBytes: Bytes, pendingBytes: Bytes })),
  cacheToReclaimBytes: Bytes,
  sentence: z.string(),
  fixes: z.array(
    z.object({
      kind: z.enum(['set-engine-setting', 'stop-server', 'unload-ollama-model', 'smaller-model', 'drop-page-cache']),
      text: z.string(),
      command: z.string().optional(),
      /** set-engine-setting: the flag and the value to give it. */
      setting: z.string().optional(),
      value: z.number().optional(),
      /** stop-server, unload-ollama-model: who, and what stopping it frees. */
      name: z.string().optional(),
      freesBytes: Bytes.optional(),
      /** smaller-model: a 4-bit model's weights (null when the format is unknown). */
      weightsBytes: Bytes.nullable().optional(),
    }),
  ),
});
export type MemoryJudgementView = z.infer<typeof MemoryJudgementView>;

/** What a launch will do, for the review step. */
export const ServePlanView = z.object({
  engine: z.enum(serveEngineIds),
  command: z.string(),
  image: z.string().nullable(),
  containerName: z.string().nullable(),
  port: z.number().int(),
  servedModelName: z.string(),
  readiness: z.object({ healthPath: z.string(), modelsPath: z.string(), startupMs: z.number() }),
  file: z.object({ boxPath: z.string(), containerPath: z.string(), text: z.string() }).nullable(),
  /** null when the model's size is unknown (nothing to judge) or the engine sizes itself (Ollama). */
  judgement: MemoryJudgementView.nullable(),
  /** Why there is no judgement, in a sentence. */
  unjudged: z.string().nullable(),
  /** The box's class from its MemTotal: which presets apply. */
  boxClass: z.enum(['128', '64']),
  totalBytes: z.number(),
});
export type ServePlanView = z.infer<typeof ServePlanView>;
