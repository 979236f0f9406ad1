/**
 * Load tests of a served model (issue 10): what a run asks for, what each request measured, and
 * the summary per concurrency level, with the definitions `vllm bench serve` and `evalscope perf`
 * use. Shared by the runner in main, the Benchmark page and saved reports (laptop and box).
 */
import { z } from 'zod';

/** The server under test: a running server of a box (through its tunnel), or any OpenAI-compatible URL on this computer. */
export const LoadTestTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('server'), deviceId: z.string(), boxPort: z.number().int().min(1).max(65535), model: z.string().min(1), label: z.string() }),
  z.object({ kind: z.literal('url'), baseUrl: z.string().url(), model: z.string().min(1) }),
]);
export type LoadTestTarget = z.infer<typeof LoadTestTarget>;

export const LoadTestDataset = z.discriminatedUnion('kind', [
  /** Open Q&A prompts bundled with the app. */
  z.object({ kind: z.literal('bundled'), language: z.enum(['en', 'zh']) }),
  /** Random prompts of about `inputTokens` tokens each; outputs forced to `outputTokens` where the server allows (min_tokens / ignore_eos). */
  z.object({ kind: z.literal('random'), inputTokens: z.number().int().min(1).max(1_000_000), outputTokens: z.number().int().min(1).max(1_000_000) }),
  /** A user file already read: one prompt per line, or ShareGPT JSON's first human turns. */
  z.object({ kind: z.literal('file'), name: z.string().max(300), prompts: z.array(z.string().max(1_000_000)).min(1).max(100_000) }),
]);
export type LoadTestDataset = z.infer<typeof LoadTestDataset>;

export const LoadTestSettings = z.object({
  target: LoadTestTarget,
  api: z.enum(['chat', 'completions']),
  /** Requests per concurrency level. */
  requests: z.number().int().min(1).max(100_000),
  /** One level, or a sweep (1, 2, 4 … 64): each level runs `requests` requests. */
  parallel: z.array(z.number().int().min(1).max(1024)).min(1).max(16),
  /** unlimited: a new request as soon as a slot frees; poisson: arrivals at this mean rate (still capped by parallel). */
  rate: z.discriminatedUnion('kind', [z.object({ kind: z.literal('unlimited') }), z.object({ kind: z.literal('poisson'), perSecond: z.number().positive().max(100_000) })]),
  stream: z.boolean(),
  maxTokens: z.number().int().min(1).max(1_000_000),
  minTokens: z.number().int().min(1).max(1_000_000).nullable(),
  /** Requests sent (and not counted) before each level. */
  warmup: z.number().int().min(0).max(1000),
  dataset: LoadTestDataset,
  /** Goodput: a request counts when it met every limit given. */
  slo: z.object({ ttftMs: z.number().positive().nullable(), tpotMs: z.number().positive().nullable() }),
  percentiles: z.array(z.number().min(0).max(100)).min(1).max(12),
  /** laptop: the app sends through the tunnel; box: a client runs on the box, leaving Wi-Fi out of the numbers. */
  place: z.enum(['laptop', 'box']),
  /** Seeds the prompt order and Poisson arrivals, so a run can be repeated. */
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  /** A request still unanswered after this long counts as failed ('timeout'); absent: 600 s. */
  requestTimeoutS: z.number().positive().max(86_400).optional(),
});
export type LoadTestSettings = z.infer<typeof LoadTestSettings>;

export const FailureReason = z.enum(['http', 'dropped', 'timeout', 'network', 'cancelled', 'empty']);
export type FailureReason = z.infer<typeof FailureReason>;

/**
 * One request as the client saw it, times in ms on a monotonic clock from the request's send.
 * `itlMs` holds every gap between consecutive content chunks (vLLM's ITL list; a chunk of several
 * tokens is one gap, as vLLM counts it).
 */
export const RequestRecord = z.object({
  ok: z.boolean(),
  failure: z.object({ reason: FailureReason, status: z.number().int().nullable(), message: z.string() }).nullable(),
  /** When it was sent, ms from the level's start. */
  sentAtMs: z.number(),
  ttftMs: z.number().nullable(),
  itlMs: z.array(z.number()),
  e2eMs: z.number(),
  promptTokens: z.number().int().nullable(),
  outputTokens: z.number().int(),
  /** usage: the server's usage chunk; chunks: counted content chunks because it sent none. */
  countedBy: z.enum(['usage', 'chunks']),
});
export type RequestRecord = z.infer<typeof RequestRecord>;

/** mean, median, min, max and the asked percentiles (keys "p50", "p99", "p99.9"). */
export const Distribution = z.object({
  count: z.number().int(),
  mean: z.number(),
  median: z.number(),
  min: z.number(),
  max: z.number(),
  percentiles: z.record(z.string(), z.number()),
});
export type Distribution = z.infer<typeof Distribution>;

/** One concurrency level's results; null distributions when no request succeeded. */
export const LevelSummary = z.object({
  parallel: z.number().int(),
  durationS: z.number(),
  total: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  failures: z.array(z.object({ reason: FailureReason, message: z.string(), count: z.number().int() })),
  requestsPerS: z.number(),
  outputTokensPerS: z.number(),
  totalTokensPerS: z.number(),
  /** Requests per second that met the SLOs; null when no SLO was set. */
  goodputPerS: z.number().nullable(),
  ttftMs: Distribution.nullable(),
  tpotMs: Distribution.nullable(),
  itlMs: Distribution.nullable(),
  e2eMs: Distribution.nullable(),
  /** Some requests' tokens were counted from chunks. */
  countedByChunks: z.boolean(),
});
export type LevelSummary = z.infer<typeof LevelSummary>;

/** A finished (or cancelled) run as saved on the laptop and on the box. */
export const LoadTestReport = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.number(),
  settings: LoadTestSettings,
  /** The server's recipe when it is one of ours (its labels), else null. */
  server: z.object({ engine: z.string(), image: z.string().nullable(), model: z.string().nullable(), recipe: z.record(z.string(), z.unknown()).nullable() }).nullable(),
  /** GPU temperature / power / utilisation during the run, from telemetry (empty without it). */
  box: z.array(z.object({ at: z.number(), gpuTempC: z.number().nullable(), powerW: z.number().nullable(), gpuUtil: z.number().nullable() })),
  levels: z.array(LevelSummary),
  state: z.enum(['done', 'cancelled', 'failed']),
});
export type LoadTestReport = z.infer<typeof LoadTestReport>;
