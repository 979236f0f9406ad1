/**
 * Ollama REST shapes (docs/api.md, api/types.go) validated with zod: GET /api/tags, /api/ps,
 * /api/version, POST /api/show, and the NDJSON chunks of /api/generate and /api/chat (not SSE),
 * whose final object (`done: true`) carries the statistics with durations in nanoseconds.
 */
import { z } from 'zod';

const Details = z.object({
  parent_model: z.string().optional(),
  format: z.string().optional(),
  family: z.string().optional(),
  families: z.array(z.string()).nullable().optional(),
  parameter_size: z.string().optional(),
  quantization_level: z.string().optional(),
});

const ModelBase = z.object({
  name: z.string(),
  model: z.string().optional(),
  size: z.number(),
  digest: z.string(),
  details: Details.optional(),
});

export const OllamaTags = z.object({
  models: z.array(ModelBase.extend({ modified_at: z.string(), remote_model: z.string().optional(), remote_host: z.string().optional(), capabilities: z.array(z.string()).optional() })),
});
export type OllamaTags = z.infer<typeof OllamaTags>;

export const OllamaPs = z.object({
  models: z.array(ModelBase.extend({ expires_at: z.string(), size_vram: z.number(), context_length: z.number().optional() })),
});
export type OllamaPs = z.infer<typeof OllamaPs>;

export const OllamaVersion = z.object({ version: z.string() });

export const OllamaShow = z.object({
  license: z.string().optional(),
  modelfile: z.string().optional(),
  parameters: z.string().optional(),
  template: z.string().optional(),
  system: z.string().optional(),
  details: Details.optional(),
  model_info: z.record(z.string(), z.unknown()).optional(),
  capabilities: z.array(z.string()).optional(),
  modified_at: z.string().optional(),
});
export type OllamaShow = z.infer<typeof OllamaShow>;

const Stats = {
  done_reason: z.string().optional(),
  total_duration: z.number().optional(),
  load_duration: z.number().optional(),
  prompt_eval_count: z.number().optional(),
  prompt_eval_duration: z.number().optional(),
  eval_count: z.number().optional(),
  eval_duration: z.number().optional(),
};

export const OllamaStreamChunk = z.object({
  model: z.string(),
  created_at: z.string(),
  /** /api/generate */
  response: z.string().optional(),
  /** /api/chat */
  message: z.object({ role: z.string(), content: z.string(), thinking: z.string().optional() }).optional(),
  done: z.boolean(),
  ...Stats,
});
export type OllamaStreamChunk = z.infer<typeof OllamaStreamChunk>;

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const parseWith = <T>(schema: z.ZodType<T>, text: string): ApiResult<T> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const result = schema.safeParse(json);
  return result.success ? { ok: true, value: result.data } : { ok: false, reason: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
};

export const parseOllamaTags = (text: string): ApiResult<OllamaTags> => parseWith(OllamaTags, text);
export const parseOllamaPsJson = (text: string): ApiResult<OllamaPs> => parseWith(OllamaPs, text);
export const parseOllamaShow = (text: string): ApiResult<OllamaShow> => parseWith(OllamaShow, text);
export const parseOllamaVersion = (text: string): ApiResult<{ version: string }> => parseWith(OllamaVersion, text);

export interface OllamaStreamSummary {
  readonly text: string;
  readonly chunks: number;
  readonly done: boolean;
  readonly doneReason: string | null;
  readonly promptEvalCount: number | null;
  readonly evalCount: number | null;
  /** Nanoseconds, as the API reports them. */
  readonly totalDurationNs: number | null;
  readonly loadDurationNs: number | null;
  readonly promptEvalDurationNs: number | null;
  readonly evalDurationNs: number | null;
  /** eval_count / eval_duration, tokens per second; null without both. */
  readonly tokensPerSecond: number | null;
  readonly error: string | null;
}

/** A whole /api/generate or /api/chat NDJSON stream; a partial last line is ignored. */
export const parseOllamaStream = (ndjson: string): OllamaStreamSummary => {
  let text = '';
  let chunks = 0;
  let last: OllamaStreamChunk | undefined;
  let error: string | null = null;
  for (const line of ndjson.split('\n')) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    const failure = z.object({ error: z.string() }).safeParse(json);
    if (failure.success) {
      error = failure.data.error;
      continue;
    }
    const chunk = OllamaStreamChunk.safeParse(json);
    if (!chunk.success) continue;
    chunks += 1;
    text += chunk.data.response ?? chunk.data.message?.content ?? '';
    last = chunk.data;
  }
  const done = last?.done === true ? last : undefined;
  const evalCount = done?.eval_count ?? null;
  const evalNs = done?.eval_duration ?? null;
  return {
    text,
    chunks,
    done: done !== undefined,
    doneReason: done?.done_reason ?? null,
    promptEvalCount: done?.prompt_eval_count ?? null,
    evalCount,
    totalDurationNs: done?.total_duration ?? null,
    loadDurationNs: done?.load_duration ?? null,
    promptEvalDurationNs: done?.prompt_eval_duration ?? null,
    evalDurationNs: evalNs,
    tokensPerSecond: evalCount !== null && evalNs !== null && evalNs > 0 ? evalCount / (evalNs / 1e9) : null,
    error,
  };
};
