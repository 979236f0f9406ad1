/**
 * "Try it": the base model and the tuned one served side by side by `llamafactory-cli api` (an
 * OpenAI-style server each, as host jobs on the box), chatted with through the Playground.
 */
import { z } from 'zod';

export const TrySide = z.enum(['base', 'tuned']);
export type TrySide = z.infer<typeof TrySide>;

/** starting: loading (or not answering yet); ready: /v1/models lists it through its tunnel; failed: its process ended. */
export const TryServerState = z.enum(['starting', 'ready', 'failed']);
export type TryServerState = z.infer<typeof TryServerState>;

/** The memory the two servers need (two copies of the base weights) against what the box has free. */
export const TryMemory = z.object({
  perServerBytes: z.number().nullable(),
  totalBytes: z.number().nullable(),
  boxAvailableBytes: z.number().nullable(),
  verdict: z.enum(['ok', 'warn', 'refuse', 'unknown']),
  message: z.string(),
});
export type TryMemory = z.infer<typeof TryMemory>;

export const TryServer = z.object({
  side: TrySide,
  boxPort: z.number().int(),
  /** The name the server answers to (API_MODEL_NAME). */
  model: z.string(),
  /** The command line it runs, as one can paste it into a shell on the box. */
  command: z.string(),
  state: TryServerState,
  /** Why it failed (the exception line, or how it ended); null unless failed. */
  error: z.string().nullable(),
  logTail: z.string(),
  startedAt: z.number(),
});
export type TryServer = z.infer<typeof TryServer>;

export const TryStatus = z.object({
  /** The training run being tried; null when no Try it server is on the box. */
  runId: z.string().nullable(),
  base: TryServer.nullable(),
  tuned: TryServer.nullable(),
});
export type TryStatus = z.infer<typeof TryStatus>;

/** What Start will run, shown before it does. */
export const TryPlan = z.object({
  runId: z.string(),
  baseModel: z.string(),
  /** The LoRA adapter folder; null for full / freeze runs (the tuned model is the output folder itself). */
  adapter: z.string().nullable(),
  commands: z.object({ base: z.string(), tuned: z.string() }),
  ports: z.object({ base: z.number().int(), tuned: z.number().int() }),
  memory: TryMemory,
});
export type TryPlan = z.infer<typeof TryPlan>;
