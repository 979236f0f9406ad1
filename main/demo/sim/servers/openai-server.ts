/**
 * A simulated OpenAI-compatible model server (vLLM, TensorRT-LLM, SGLang, llama.cpp flavors):
 * /health, /v1/models, /v1/chat/completions, /v1/completions (streaming SSE exactly as vLLM 0.28
 * sends it, usage chunk with empty choices), /metrics in vLLM's names, /version.
 *
 * Timing is the point: the first token leaves `ttftMs` after the request got a batch slot, and
 * token i leaves at first + i × tokenDelayMs, scheduled against absolute deadlines so delays do
 * not accumulate. A benchmark client can be checked against these known truths.
 */
import type { AddressInfo, Server, Socket } from 'node:net';
import type { LogStore, ServerSpec } from '../io.js';
import { endActivity, setActivity } from '../dynamics.js';
import type { StateStore } from '../state-store.js';
import { flavorOf } from './engine-flavor.js';
import { randomHex, sendJson, sendText } from './http-util.js';
import { createMiniServer, type MiniRequest, type MiniResponse } from './mini-http.js';
import { PreciseScheduler } from './precise-scheduler.js';
import { EngineMetrics } from './metrics.js';
import { promptTokenCount, replyTokens, voiceTokens } from './reply-text.js';
import { Semaphore } from './semaphore.js';
import { internalErrorBody, pickFault } from './server-faults.js';

export interface ServerDeps {
  readonly spec: ServerSpec;
  readonly store: StateStore;
  readonly logs: LogStore;
  /** The real port to bind: the box port in shim mode, 0 (any) in demo mode. */
  readonly listenPort: number;
  /** The model server never becomes ready (fault). */
  readonly neverReady: boolean;
  /** Process id shown in logs. */
  readonly pid: number;
}

export interface RunningServer {
  /** The real port once listening (undefined before readiness). */
  port(): number | undefined;
  readonly ready: Promise<number>;
  stop(): Promise<void>;
}

/** GPU utilization nvidia-smi shows while an engine decodes: kernels run back to back. */
const busyUtil = 96;

interface ChatBody {
  model?: unknown;
  messages?: unknown;
  prompt?: unknown;
  stream?: unknown;
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
  stream_options?: { include_usage?: unknown; continuous_usage_stats?: unknown };
}

const promptOf = (body: ChatBody): string => {
  if (Array.isArray(body.messages)) {
    return body.messages
      .map((m: unknown) => (typeof m === 'object' && m !== null && typeof (m as { content?: unknown }).content === 'string' ? (m as { content: string }).content : ''))
      .join('\n');
  }
  if (typeof body.prompt === 'string') return body.prompt;
  if (Array.isArray(body.prompt)) return body.prompt.map(String).join('\n');
  return '';
};

/** The last user turn's text (what a tuned model answers). */
const lastUserText = (body: ChatBody): string => {
  const turns = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  const last = [...turns].reverse().find((m): m is { content: string } => typeof m === 'object' && m !== null && (m as { role?: unknown }).role === 'user' && typeof (m as { content?: unknown }).content === 'string');
  return last?.content ?? promptOf(body);
};

/** A hung engine: nothing more until the client gives up. */
const stalled = (signal: AbortSignal): Promise<void> => new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));

export const startOpenAiServer = (deps: ServerDeps): RunningServer => {
  const { spec, store, logs, pid } = deps;
  const flavor = flavorOf(spec.kind);
  const slots = new Semaphore(spec.maxConcurrency);
  const clock = new PreciseScheduler();
  const metrics = new EngineMetrics();
  const created = Math.floor(Date.now() / 1000);
  let inFlight = 0;
  let listening: number | undefined;
  let server: Server | undefined;
  let readyTimer: NodeJS.Timeout | undefined;
  let sockets = new Set<Socket>();

  const log = (line: string) => logs.append(spec.id, `${line}\n`);
  const activityId = `server:${spec.id}`;
  const setBusy = (busy: boolean) => {
    try {
      store.update((state, now) => (busy ? setActivity(state, activityId, { util: busyUtil, cpuCores: 1 }, now) : endActivity(state, activityId, now)), Date.now());
    } catch {
      // The box state is shared with other processes; a missed utilization update is cosmetic.
    }
  };

  // Marking the GPU busy rewrites the box state file under its lock: a millisecond or more of
  // blocked event loop (0.6–6 ms measured on a loaded 2-core machine). Done as a burst's first
  // request came in, it held up reading the burst's other requests, whose clocks then started late.
  // So the mark waits for requests to stop coming for a moment (each one re-arms the wait), and at
  // the latest until halfway to the first token, when no token of this busy spell can be due yet.
  const busySettleMs = 5;
  let markedBusy = false;
  let markTimer: NodeJS.Timeout | undefined;
  let markBy = 0;
  const markBusy = () => {
    markTimer = undefined;
    markedBusy = true;
    setBusy(true);
  };
  const requestStarted = (start: number) => {
    if (markedBusy) return;
    if (markTimer === undefined) markBy = start + spec.ttftMs / 2;
    else clearTimeout(markTimer);
    markTimer = setTimeout(markBusy, Math.max(0, Math.min(busySettleMs, markBy - performance.now())));
  };
  const allDone = () => {
    clearTimeout(markTimer);
    markTimer = undefined;
    if (markedBusy) setBusy(false);
    markedBusy = false;
  };

  const handle = async (req: MiniRequest, res: MiniResponse, arrived: number) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const clientPort = req.socket.remotePort ?? 0;
    const done = (status: number) => log(flavor.requestLine(`${req.method} ${path} HTTP/1.1`, status, pid, clientPort));
    if (req.method === 'GET' && path === '/health') {
      res.writeHead(200, { 'content-type': flavor.healthBody ? 'application/json' : 'text/plain', 'content-length': Buffer.byteLength(flavor.healthBody) });
      res.end(flavor.healthBody);
      return;
    }
    if (req.method === 'GET' && path === '/version') return sendJson(res, 200, { version: flavor.fingerprint?.split('-')[1] ?? '1.0.0' });
    if (req.method === 'GET' && path === '/v1/models') {
      done(200);
      return sendJson(res, 200, {
        object: 'list',
        data: [
          {
            id: spec.servedName,
            object: 'model',
            created,
            owned_by: flavor.ownedBy,
            root: spec.model,
            parent: null,
            max_model_len: 32768,
            permission: [{ id: `modelperm-${randomHex(16)}`, object: 'model_permission', created, allow_create_engine: false, allow_sampling: true, allow_logprobs: true, allow_search_indices: false, allow_view: true, allow_fine_tuning: false, organization: '*', group: null, is_blocking: false }],
          },
        ],
      });
    }
    if (req.method === 'GET' && path === '/metrics') {
      return sendText(res, 200, metrics.render(spec.servedName, slots.running, slots.waiting, Math.min(1, slots.running * 0.015)), 'text/plain; version=0.0.4; charset=utf-8');
    }
    if (req.method === 'POST' && (path === '/v1/chat/completions' || path === '/v1/completions')) {
      await complete(req, res, path === '/v1/chat/completions', arrived);
      done(200);
      return;
    }
    done(404);
    sendJson(res, 404, { detail: 'Not Found' });
  };

  const complete = async (req: MiniRequest, res: MiniResponse, chat: boolean, arrived: number) => {
    let body: ChatBody;
    try {
      body = JSON.parse(req.body) as ChatBody;
    } catch {
      return sendJson(res, 400, { object: 'error', message: 'Invalid JSON body', type: 'BadRequestError', param: null, code: 400 });
    }
    // LLaMA Factory's API serves whatever name the request carries (api/app.py checks none).
    if (body.model !== spec.servedName && spec.kind !== 'llamafactory') {
      return sendJson(res, 404, {
        object: 'error',
        message: `The model \`${String(body.model)}\` does not exist.`,
        type: 'NotFoundError',
        param: null,
        code: 404,
      });
    }
    const requested = Number(body.max_tokens ?? body.max_completion_tokens);
    const capped = Number.isInteger(requested) && requested > 0;
    const count = capped ? requested : spec.defaultMaxTokens;
    const prompt = promptOf(body);
    const promptTokens = promptTokenCount(prompt);
    // A chat model under LLaMA Factory ends its answer at its EOS, well before a generous max_tokens.
    const untuned = spec.kind === 'llamafactory' ? Math.min(count, spec.defaultMaxTokens) : count;
    const tokens = spec.voice ? voiceTokens(spec.voice, lastUserText(body), count) : replyTokens(prompt, untuned);
    const finishReason = capped && tokens.length >= count ? 'length' : 'stop';
    const stream = body.stream === true;
    const includeUsage = body.stream_options?.include_usage === true;
    const continuousUsage = body.stream_options?.continuous_usage_stats === true;
    const id = `${chat ? 'chatcmpl' : 'cmpl'}-${randomHex(16)}`;
    const createdAt = Math.floor(Date.now() / 1000);
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    // A fault of tuning.serverFaults (server-faults.ts): a dead engine answers 500 at once.
    const fault = pickFault(spec.faults, Math.random());
    if (fault === 'http500') return sendJson(res, 500, internalErrorBody);

    const queued = slots.waiting > 0 || slots.running >= spec.maxConcurrency;
    if (!(await slots.acquire(abort.signal))) return;
    inFlight += 1;
    // Prefill starts when the request arrived, or when it got a batch slot if it had to wait.
    const start = queued ? performance.now() : arrived;
    const firstAt = start + spec.ttftMs;
    requestStarted(start);
    let sent = 0;
    try {
      metrics.promptTokens += promptTokens;
      if (stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
        // Headers go out now (as vLLM's do): sent with the first token, 64 streams' headers would
        // be formatted and written at the very deadline, one after another.
        res.flushHeaders();
        if (fault === 'stall') return void (await stalled(abort.signal));
        const event = (payload: unknown) => res.write(sse(payload));
        const sse = (payload: unknown) => `data: ${JSON.stringify(payload)}\n\n`;
        const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
          id,
          object: chat ? 'chat.completion.chunk' : 'text_completion',
          created: createdAt,
          model: spec.servedName,
          choices,
          ...extra,
        });
        const usage = (completion: number) => ({ prompt_tokens: promptTokens, total_tokens: promptTokens + completion, completion_tokens: completion });
        const roleChunk = chat ? sse(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }], { prompt_token_ids: null, prompt_text: null })) : '';
        const tokenChunk = (i: number) =>
          sse(
            chunk(
              [chat ? { index: 0, delta: { content: tokens[i] }, logprobs: null, finish_reason: null, token_ids: null } : { index: 0, text: tokens[i], logprobs: null, finish_reason: null, stop_reason: null, token_ids: null }],
              continuousUsage ? { usage: usage(i + 1) } : {},
            ),
          );
        // Tokens are written from inside the scheduler's tick, not from promise continuations:
        // streams sharing a deadline then all write before any of them prepares its next chunk
        // (serialised off the timed path, once every due write is out).
        // Each token is one HTTP chunk, written to the socket at once (mini-http does not cork).
        const writeChunk = (text: string) => res.write(text);
        const completed = await new Promise<boolean>((resolve) => {
          let next = roleChunk + tokenChunk(0);
          let i = 0;
          let cancel = () => {};
          const onAbort = () => {
            cancel();
            resolve(false);
          };
          abort.signal.addEventListener('abort', onAbort, { once: true });
          const writeToken = () => {
            writeChunk(next);
            if (i === 0) metrics.ttft.observe((performance.now() - arrived) / 1000);
            else metrics.itl.observe(spec.tokenDelayMs / 1000);
            sent += 1;
            i += 1;
            if (fault === 'dropStream' && i >= Math.ceil(tokens.length / 2)) {
              abort.signal.removeEventListener('abort', onAbort);
              res.destroy();
              resolve(false);
              return;
            }
            if (i >= tokens.length) {
              abort.signal.removeEventListener('abort', onAbort);
              resolve(true);
              return;
            }
            setImmediate(() => {
              if (abort.signal.aborted) return;
              next = tokenChunk(i);
              cancel = clock.at(firstAt + i * spec.tokenDelayMs, writeToken);
            });
          };
          cancel = clock.at(firstAt, writeToken);
        });
        if (!completed) {
          metrics.finished.abort += 1;
          return;
        }
        const finish = chat
          ? { index: 0, delta: {}, logprobs: null, finish_reason: finishReason, stop_reason: null, token_ids: null }
          : { index: 0, text: '', logprobs: null, finish_reason: finishReason, stop_reason: null, token_ids: null };
        event(chunk([finish], flavor.fingerprint ? { system_fingerprint: flavor.fingerprint } : {}));
        if (includeUsage) event(chunk([], { usage: usage(sent), ...(flavor.fingerprint ? { system_fingerprint: flavor.fingerprint } : {}) }));
        res.end('data: [DONE]\n\n');
      } else {
        if (fault === 'stall') return void (await stalled(abort.signal));
        if (fault === 'dropStream') return void res.destroy();
        if (!(await clock.until(firstAt + (tokens.length - 1) * spec.tokenDelayMs, abort.signal))) {
          metrics.finished.abort += 1;
          return;
        }
        sent = tokens.length;
        metrics.ttft.observe((firstAt - arrived) / 1000);
        const text = tokens.join('');
        sendJson(res, 200, {
          id,
          object: chat ? 'chat.completion' : 'text_completion',
          created: createdAt,
          model: spec.servedName,
          choices: [chat ? { index: 0, message: { role: 'assistant', content: text, reasoning_content: null, tool_calls: [] }, logprobs: null, finish_reason: finishReason, stop_reason: null } : { index: 0, text, logprobs: null, finish_reason: finishReason, stop_reason: null }],
          usage: { prompt_tokens: promptTokens, total_tokens: promptTokens + sent, completion_tokens: sent },
          ...(flavor.fingerprint ? { system_fingerprint: flavor.fingerprint } : {}),
        });
      }
      metrics.finished[finishReason] += 1;
      metrics.e2e.observe((performance.now() - arrived) / 1000);
    } finally {
      metrics.generationTokens += sent;
      slots.release();
      inFlight -= 1;
      if (inFlight === 0) allDone();
    }
  };

  const ready = new Promise<number>((resolve, reject) => {
    if (deps.neverReady) return;
    readyTimer = setTimeout(() => {
      // mini-http stamps each request with the time its bytes were picked up (see there).
      const mini = createMiniServer((req, res) => {
        handle(req, res, req.arrived).catch(() => {
          if (!res.headersSent) sendJson(res, 500, { object: 'error', message: 'Internal server error', type: 'InternalServerError', param: null, code: 500 });
          else res.destroy();
        });
      });
      sockets = mini.sockets;
      server = mini.server;
      server.once('error', reject);
      server.listen(deps.listenPort, '127.0.0.1', () => {
        listening = (server!.address() as AddressInfo).port;
        for (const line of flavor.readyLines(spec.port, pid, Date.now())) log(line);
        resolve(listening);
      });
    }, spec.readyAfterMs);
  });
  ready.catch(() => {});

  return {
    port: () => listening,
    ready,
    stop: async () => {
      if (readyTimer) clearTimeout(readyTimer);
      allDone();
      for (const socket of sockets) socket.destroy();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
  };
};
