/**
 * What one request measured, from the events of its reply as they arrived (times in ms on a
 * monotonic clock). Pure: the runner's HTTP client feeds it as bytes come in, and the fixture
 * tests feed it a recorded stream with chosen arrival times.
 *
 * A content chunk is a chunk that adds text (delta.content / text), reasoning, or a tool call;
 * the role chunk (`content: ""`), the finish chunk (`delta: {}`) and the usage chunk
 * (`choices: []`) add none. Output tokens come from the usage chunk when the server sent one,
 * else from the number of content chunks (one token per chunk, as engines stream them by
 * default; a chunk of several tokens then undercounts, which the report says).
 */
import { toChunk } from '../remote/parsers/openai-sse.js';
import type { FailureReason, RequestRecord } from '../domain/loadtest.js';

export type MeterEvent = { readonly kind: 'more' } | { readonly kind: 'error'; readonly message: string };

const errorMessage = (error: unknown): string => {
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
  return JSON.stringify(error);
};

export class StreamMeter {
  #first: number | null = null;
  #last: number | null = null;
  #lastEvent: number | null = null;
  readonly #gaps: number[] = [];
  #chunks = 0;
  #usage: { promptTokens: number; completionTokens: number } | null = null;
  #finished = false;

  constructor(private sentAt: number) {}

  /** When the request's bytes actually left (the client may queue a burst of sends behind each other). */
  markSent(at: number): void {
    this.sentAt = at;
  }

  get sent(): number {
    return this.sentAt;
  }

  /** One SSE event's data as it arrived at `at`. */
  event(at: number, data: string): MeterEvent {
    if (data === '[DONE]') {
      this.#finished = true;
      return { kind: 'more' };
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      return { kind: 'more' }; // a keep-alive or a line no engine we know sends
    }
    const error = (value as { error?: unknown }).error;
    if (error !== undefined && error !== null) return { kind: 'error', message: errorMessage(error) };
    const chunk = toChunk(value);
    if (!chunk) return { kind: 'more' };
    this.#lastEvent = at;
    if (chunk.content !== '' || chunk.reasoning !== '' || chunk.toolCall) {
      if (this.#last === null) this.#first = at;
      else this.#gaps.push(at - this.#last);
      this.#last = at;
      this.#chunks += 1;
    }
    if (chunk.usage) this.#usage = { promptTokens: chunk.usage.promptTokens, completionTokens: chunk.usage.completionTokens };
    if (chunk.finishReason !== null) this.#finished = true;
    return { kind: 'more' };
  }

  /** The server said it was done ([DONE] or a finish_reason). */
  get finished(): boolean {
    return this.#finished;
  }

  get contentChunks(): number {
    return this.#chunks;
  }

  /** The record of a reply that finished; 'empty' when it had no content at all. */
  done(endedAt: number, sentAtMs: number): RequestRecord {
    if (this.#first === null) return this.failed(endedAt, sentAtMs, 'empty', null, 'the reply had no text');
    const counted = this.#usage !== null;
    return {
      ok: true,
      failure: null,
      sentAtMs,
      ttftMs: this.#first - this.sentAt,
      itlMs: this.#gaps,
      e2eMs: (this.#lastEvent ?? endedAt) - this.sentAt,
      promptTokens: this.#usage?.promptTokens ?? null,
      outputTokens: this.#usage?.completionTokens ?? this.#chunks,
      countedBy: counted ? 'usage' : 'chunks',
    };
  }

  failed(endedAt: number, sentAtMs: number, reason: FailureReason, status: number | null, message: string): RequestRecord {
    return failedRecord(endedAt - this.sentAt, sentAtMs, reason, status, message, this.#first === null ? null : this.#first - this.sentAt);
  }
}

export const failedRecord = (e2eMs: number, sentAtMs: number, reason: FailureReason, status: number | null, message: string, ttftMs: number | null = null): RequestRecord => ({
  ok: false,
  failure: { reason, status, message },
  sentAtMs,
  ttftMs,
  itlMs: [],
  e2eMs,
  promptTokens: null,
  outputTokens: 0,
  countedBy: 'chunks',
});

/** A non-streamed reply (stream: false): the whole body at once, so TTFT = E2EL (as evalscope reports it). */
export const wholeReplyRecord = (sentAt: number, endedAt: number, sentAtMs: number, body: string): RequestRecord => {
  let value: { choices?: { message?: { content?: unknown }; text?: unknown }[]; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
  try {
    value = JSON.parse(body) as typeof value;
  } catch {
    return failedRecord(endedAt - sentAt, sentAtMs, 'empty', null, 'the reply was not JSON');
  }
  const first = value.choices?.[0];
  const text = typeof first?.message?.content === 'string' ? first.message.content : typeof first?.text === 'string' ? first.text : '';
  const usage = value.usage;
  if (text === '' && typeof usage?.completion_tokens !== 'number') return failedRecord(endedAt - sentAt, sentAtMs, 'empty', null, 'the reply had no text');
  const e2eMs = endedAt - sentAt;
  return {
    ok: true,
    failure: null,
    sentAtMs,
    ttftMs: e2eMs,
    itlMs: [],
    e2eMs,
    promptTokens: typeof usage?.prompt_tokens === 'number' ? usage.prompt_tokens : null,
    outputTokens: typeof usage?.completion_tokens === 'number' ? usage.completion_tokens : 1,
    countedBy: typeof usage?.completion_tokens === 'number' ? 'usage' : 'chunks',
  };
};
