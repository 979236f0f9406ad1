/**
 * One streamed chat completion over HTTP to a laptop port (a tunnel to the server on the box).
 * The SSE framing is eventsource-parser's; each event's JSON is read by toChunk (the same reader
 * the recorded-stream tests pin). Times come from a monotonic clock as the bytes are read.
 */
import { request } from 'node:http';
import { createParser } from 'eventsource-parser';
import { toChunk } from '../../../src/remote/parsers/openai-sse.js';
import { chatPath, type ChatRequestBody } from '../../../src/recipes/playground-request.js';
import type { ReplyTiming } from './reply-stats.js';

export const streamLimits = {
  /** An error body is a sentence or a small JSON object; more than this is cut (and never a reply). */
  errorBodyBytes: 64 * 1024,
  /** /v1/models answers at once on every engine; it is only asked to explain a 404. */
  modelsTimeoutMs: 5_000,
} as const;

export type StreamFailure =
  /** No HTTP answer at all: nothing listens on the box port, or the tunnel could not reach it. */
  | { readonly kind: 'unreachable'; readonly reason: string }
  | { readonly kind: 'http'; readonly status: number; readonly message: string }
  /** The server put an error object into the stream. */
  | { readonly kind: 'stream-error'; readonly message: string }
  /** The stream ended before the server said it was done. */
  | { readonly kind: 'dropped'; readonly textChunks: number; readonly reason: string };

export type StreamOutcome = { readonly kind: 'done'; readonly timing: ReplyTiming } | { readonly kind: 'cancelled' } | { readonly kind: 'failed'; readonly failure: StreamFailure };

export interface ChatStream {
  readonly outcome: Promise<StreamOutcome>;
  /** Aborts the request at once; the outcome becomes 'cancelled' unless it had already settled. */
  cancel(): void;
}

/** The sentence an OpenAI-compatible server put in an error body (vLLM, OpenAI, FastAPI, llama.cpp, Ollama shapes). */
export const serverMessage = (body: string): string => {
  const text = body.trim();
  try {
    const value = JSON.parse(text) as { message?: unknown; error?: unknown; detail?: unknown };
    if (typeof value.message === 'string') return value.message;
    if (typeof value.error === 'string') return value.error;
    if (typeof value.error === 'object' && value.error !== null && typeof (value.error as { message?: unknown }).message === 'string') return (value.error as { message: string }).message;
    if (typeof value.detail === 'string') return value.detail;
    if (Array.isArray(value.detail)) return value.detail.map((d: unknown) => (typeof d === 'object' && d !== null && typeof (d as { msg?: unknown }).msg === 'string' ? (d as { msg: string }).msg : JSON.stringify(d))).join('; ');
  } catch {
    // Not JSON: a plain-text or HTML error page; its first line is the best sentence it has.
  }
  return text.split('\n')[0]!.slice(0, 300);
};

const describeSocketError = (error: NodeJS.ErrnoException): string =>
  error.code === 'ECONNRESET' || error.message === 'socket hang up' ? 'the connection was closed without an answer' : error.code === 'ECONNREFUSED' ? 'nothing listens on the laptop port' : error.message;

export const streamChat = (localPort: number, body: ChatRequestBody, onText: (content: string, reasoning: string) => void, now: () => number = () => performance.now()): ChatStream => {
  let settle: (outcome: StreamOutcome) => void = () => {};
  let settled = false;
  const outcome = new Promise<StreamOutcome>((resolve) => {
    settle = (value) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
  });
  const fail = (failure: StreamFailure) => {
    settle({ kind: 'failed', failure });
    req.destroy();
  };

  const payload = JSON.stringify(body);
  const req = request(
    { host: '127.0.0.1', port: localPort, path: chatPath, method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'content-length': Buffer.byteLength(payload), connection: 'close' } },
    (res) => {
      res.setEncoding('utf8');
      const status = res.statusCode ?? 0;
      if (status >= 400 || !String(res.headers['content-type'] ?? '').includes('text/event-stream')) {
        let text = '';
        res.on('data', (part: string) => {
          if (text.length < streamLimits.errorBodyBytes) text += part;
        });
        res.on('end', () => fail({ kind: 'http', status, message: status >= 400 ? serverMessage(text) : `it answered ${String(res.headers['content-type'] ?? 'no content type')} instead of an event stream` }));
        res.on('error', (error) => fail({ kind: 'http', status, message: error.message }));
        return;
      }
      let firstTokenAt: number | null = null;
      let endedAt: number | null = null;
      let textChunks = 0;
      let usage: ReplyTiming['usage'] = null;
      let finished = false;
      const parser = createParser({
        onEvent: (event) => {
          const at = now();
          if (event.data === '[DONE]') {
            endedAt = at;
            finished = true;
            return;
          }
          let value: unknown;
          try {
            value = JSON.parse(event.data);
          } catch {
            return; // a keep-alive or a line no engine we know sends: nothing to show
          }
          const error = (value as { error?: unknown }).error;
          if (error !== undefined && error !== null) {
            fail({ kind: 'stream-error', message: serverMessage(JSON.stringify(typeof error === 'string' ? { error } : { error })) });
            return;
          }
          const chunk = toChunk(value);
          if (!chunk) return;
          if (chunk.content !== '' || chunk.reasoning !== '') {
            firstTokenAt ??= at;
            textChunks += 1;
            onText(chunk.content, chunk.reasoning);
          }
          if (chunk.usage) usage = { promptTokens: chunk.usage.promptTokens, completionTokens: chunk.usage.completionTokens };
          if (chunk.finishReason !== null) finished = true;
          endedAt = at;
        },
      });
      res.on('data', (part: string) => parser.feed(part));
      res.on('end', () => {
        // A server that said finish_reason and then closed without [DONE] still finished its reply.
        if (finished) settle({ kind: 'done', timing: { sentAt, firstTokenAt, endedAt: endedAt ?? now(), textChunks, usage } });
        else fail({ kind: 'dropped', textChunks, reason: 'the server closed the stream before it finished' });
      });
      res.on('error', (error) => fail({ kind: 'dropped', textChunks, reason: describeSocketError(error) }));
      res.on('close', () => fail({ kind: 'dropped', textChunks, reason: 'the connection was cut' }));
    },
  );
  req.on('error', (error) => fail({ kind: 'unreachable', reason: describeSocketError(error) }));
  const sentAt = now();
  req.end(payload);
  return {
    outcome,
    cancel: () => {
      settle({ kind: 'cancelled' });
      req.destroy();
    },
  };
};

/** The model names the server serves (GET /v1/models), or null when it does not say. */
export const listModels = (localPort: number): Promise<string[] | null> =>
  new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: localPort, path: '/v1/models', method: 'GET', timeout: streamLimits.modelsTimeoutMs, headers: { accept: 'application/json', connection: 'close' } }, (res) => {
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (part: string) => (text += part));
      res.on('end', () => {
        try {
          const data = (JSON.parse(text) as { data?: unknown }).data;
          resolve(Array.isArray(data) ? data.map((m: unknown) => (m as { id?: unknown }).id).filter((id): id is string => typeof id === 'string') : null);
        } catch {
          resolve(null);
        }
      });
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(null));
    req.end();
  });
