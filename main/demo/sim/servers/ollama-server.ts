/**
 * The simulated Ollama daemon's REST API (docs/api.md) on the same state as the `ollama` CLI
 * (ollama-model.ts): /, /api/version, /api/tags, /api/ps, /api/show, /api/pull (NDJSON
 * progress, resumable), /api/chat and /api/generate (NDJSON streams, last object with durations
 * in ns; or one object with stream:false), /api/delete, and the OpenAI-compatible /v1/models and
 * /v1/chat/completions (ollama-openai.ts) on the same generation. Tokens follow the configured time to first
 * token and token gap, after the model finished loading (load_duration).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { endActivity, processMemoryMiB, setActivity } from '../dynamics.js';
import {
  deleteModel,
  findModel,
  finishPull,
  listModels,
  loadModel,
  normalizeModelName,
  ollamaConstants,
  planPull,
  pruneExpired,
  pullBytesPerSec,
  recordPullProgress,
  runningModels,
  showModel,
  tokenCount,
} from '../ollama-model.js';
import type { SimOllamaModel, SimState } from '../state.js';
import { readBody, sendJson, sendText, serveLocal, sleepUntil } from './http-util.js';
import { replyTokens } from './reply-text.js';
import { chatChunk, chatCompletion, chatIdentity, openAiError, openAiModelList, parseOpenAiChat, sseData, usageChunk } from './ollama-openai.js';
import type { RunningServer, ServerDeps } from './openai-server.js';

interface RequestBody {
  model?: unknown;
  name?: unknown;
  messages?: unknown;
  prompt?: unknown;
  stream?: unknown;
  keep_alive?: unknown;
  options?: { num_predict?: unknown; num_ctx?: unknown };
}

/** What a reply is asked for, from either API. */
interface Generation {
  readonly prompt: string;
  readonly numPredict: number | undefined;
  readonly numCtx: number | undefined;
  readonly keepAliveMs: number | undefined;
}

/** A finished reply and its counts and durations (ns, as Ollama reports them). */
interface Produced {
  readonly text: string;
  readonly doneReason: 'stop' | 'length';
  readonly promptTokens: number;
  readonly evalCount: number;
  readonly totalNs: number;
  readonly loadNs: number;
  readonly evalNs: number;
}

/** RFC 3339 with nanoseconds, as Go's time.Time marshals. */
const goTime = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');

const details = (m: SimOllamaModel) => ({ parent_model: '', format: 'gguf', family: m.family, families: [m.family], parameter_size: m.parameterSize, quantization_level: m.quantization });

const promptOf = (body: RequestBody): string =>
  Array.isArray(body.messages)
    ? body.messages.map((m: unknown) => (typeof m === 'object' && m !== null && typeof (m as { content?: unknown }).content === 'string' ? (m as { content: string }).content : '')).join('\n')
    : typeof body.prompt === 'string'
      ? body.prompt
      : '';

/** keep_alive: seconds as a number, or a Go duration string (`5m`, `-1`, `0`). */
const keepAliveMs = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value < 0 ? -1 : value * 1000;
  if (typeof value !== 'string') return undefined;
  const match = /^(-?\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  return n < 0 ? -1 : n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000);
};

/** The daemon DGX OS runs as a systemd service on 127.0.0.1:11434 (the demo box starts it). */
export const ollamaDaemonSpec = (state: SimState, port = 11434) => ({
  id: 'ollama',
  kind: 'ollama' as const,
  port,
  model: '',
  servedName: '',
  readyAfterMs: 0,
  ttftMs: state.tuning.ttftMs,
  tokenDelayMs: state.tuning.tokenDelayMs,
  maxConcurrency: 4,
  defaultMaxTokens: 64,
});

export const startOllamaServer = (deps: ServerDeps): RunningServer => {
  const { spec, store } = deps;
  let listening: number | undefined;
  const update = <T>(change: (state: SimState, now: number) => T): T => store.update(change, Date.now());

  const ndjson = (res: ServerResponse) => {
    if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    return (object: unknown) => res.write(`${JSON.stringify(object)}\n`);
  };

  const nameOf = (body: RequestBody) => (typeof body.model === 'string' ? body.model : typeof body.name === 'string' ? body.name : '');

  /**
   * One reply at the model's speed: load (load_duration), then the first token after ttftMs and
   * one every tokenDelayMs. Both APIs (native NDJSON, OpenAI SSE) share it, so a reply through
   * /v1 has the same TTFT and tokens/s as one through /api/chat. Undefined when the client left.
   */
  const produce = async (res: ServerResponse, model: SimOllamaModel, g: Generation, onToken: (token: string) => void): Promise<Produced | undefined> => {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const started = performance.now();
    const loaded = update((s, now) => loadModel(s, model.name, now, { ...(g.keepAliveMs !== undefined ? { keepAliveMs: g.keepAliveMs } : {}), ...(g.numCtx ? { contextLength: g.numCtx } : {}) }));
    // The weights stream into unified memory first: that is load_duration.
    for (;;) {
      const process = store.read().gpuProcesses.find((p) => p.pid === loaded?.pid);
      if (!process || processMemoryMiB(process, Date.now()) >= process.memoryMiB) break;
      if (!(await sleepUntil(performance.now() + 50, abort.signal))) return undefined;
    }
    const loadMs = performance.now() - started;
    const capped = g.numPredict !== undefined && g.numPredict > 0;
    const tokens = replyTokens(g.prompt, capped ? Math.min(4096, g.numPredict!) : spec.defaultMaxTokens);
    const activity = `server:ollama:${model.name}`;
    update((s, now) => setActivity(s, activity, { util: 96, cpuCores: 1 }, now));
    const firstAt = performance.now() + spec.ttftMs;
    let text = '';
    try {
      for (let i = 0; i < tokens.length; i += 1) {
        if (!(await sleepUntil(firstAt + i * spec.tokenDelayMs, abort.signal))) return undefined;
        text += tokens[i];
        onToken(tokens[i]!);
      }
    } finally {
      update((s, now) => endActivity(s, activity, now));
    }
    const end = performance.now();
    return {
      text,
      doneReason: capped ? 'length' : 'stop',
      promptTokens: tokenCount(g.prompt),
      evalCount: tokens.length,
      totalNs: Math.round((end - started) * 1e6),
      loadNs: Math.round(loadMs * 1e6),
      evalNs: Math.round((end - firstAt) * 1e6),
    };
  };

  const generate = async (res: ServerResponse, body: RequestBody, chat: boolean) => {
    const requested = nameOf(body);
    const model = findModel(store.read(), requested);
    if (!model) return sendJson(res, 404, { error: `model "${requested}" not found, try pulling it first` });
    const streaming = body.stream !== false;
    // Headers go with the first line, after the load (as gin writes them).
    const send = streaming ? (object: unknown) => ndjson(res)(object) : undefined;
    const numPredict = typeof body.options?.num_predict === 'number' ? body.options.num_predict : undefined;
    const generation: Generation = { prompt: promptOf(body), numPredict, numCtx: typeof body.options?.num_ctx === 'number' ? body.options.num_ctx : undefined, keepAliveMs: keepAliveMs(body.keep_alive) };
    const done = await produce(res, model, generation, (token) => {
      const at = goTime(Date.now());
      send?.(chat ? { model: requested, created_at: at, message: { role: 'assistant', content: token }, done: false } : { model: requested, created_at: at, response: token, done: false });
    });
    if (!done) return;
    const stats = {
      done: true,
      done_reason: done.doneReason,
      total_duration: done.totalNs,
      load_duration: done.loadNs,
      prompt_eval_count: done.promptTokens,
      prompt_eval_duration: Math.round(spec.ttftMs * 1e6),
      eval_count: done.evalCount,
      eval_duration: done.evalNs,
    };
    const content = streaming ? '' : done.text;
    const final = chat ? { model: requested, created_at: goTime(Date.now()), message: { role: 'assistant', content }, ...stats } : { model: requested, created_at: goTime(Date.now()), response: content, ...stats };
    if (send) {
      send(final);
      res.end();
    } else sendJson(res, 200, final);
  };

  /** POST /v1/chat/completions: the native chat behind ollama's ChatMiddleware (ollama-openai.ts). */
  const openAiChat = async (res: ServerResponse, body: Record<string, unknown>) => {
    const parsed = parseOpenAiChat(body);
    if (!parsed.ok) return sendJson(res, 400, openAiError(400, parsed.message));
    const request = parsed.request;
    const model = findModel(store.read(), request.model);
    if (!model) return sendJson(res, 404, openAiError(404, `model "${request.model}" not found, try pulling it first`));
    const who = chatIdentity(request.model, Date.now());
    const write = (payload: unknown) => {
      if (!res.headersSent) res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseData(payload));
    };
    const done = await produce(res, model, { prompt: request.prompt, numPredict: request.maxTokens, numCtx: undefined, keepAliveMs: undefined }, (token) => {
      if (request.stream) write(chatChunk(who, token, null));
    });
    if (!done) return;
    if (!request.stream) return sendJson(res, 200, chatCompletion(who, done.text, done.doneReason, done.promptTokens, done.evalCount));
    write(chatChunk(who, '', done.doneReason));
    if (request.includeUsage) write(usageChunk(who, done.promptTokens, done.evalCount));
    write('[DONE]');
    res.end();
  };

  const pull = async (res: ServerResponse, body: RequestBody) => {
    const send = ndjson(res);
    send({ status: 'pulling manifest' });
    const plan = planPull(store.read(), nameOf(body));
    if (!plan.ok) return res.end(`${JSON.stringify({ error: plan.error })}\n`);
    const activity = `ollama-pull:${plan.name}`;
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    try {
      for (const layer of plan.layers) {
        let completed = layer.startBytes;
        const status = `pulling ${layer.digest.slice(7, 19)}`;
        while (completed < layer.sizeBytes) {
          if (store.read().faults['disk-full']) return res.end(`${JSON.stringify({ error: `write ${ollamaConstants.modelsDir}/blobs/${layer.digest.replace(':', '-')}-partial: no space left on device` })}\n`);
          const rate = pullBytesPerSec(store.read());
          update((s, now) => setActivity(s, activity, { netRxBytesPerSec: rate, cpuCores: 0.3 }, now));
          send({ status, digest: layer.digest, total: layer.sizeBytes, completed: Math.floor(completed) });
          // Ollama reports every ~60 ms per layer; a tenth of a second keeps the stream readable.
          const wait = Math.min(100, ((layer.sizeBytes - completed) / rate) * 1000);
          if (!(await sleepUntil(performance.now() + wait, abort.signal))) return;
          completed = Math.min(layer.sizeBytes, completed + (rate * wait) / 1000);
          const done = Math.floor(completed);
          update((s) => recordPullProgress(s, layer.digest, done));
        }
        send({ status, digest: layer.digest, total: layer.sizeBytes, completed: layer.sizeBytes });
      }
    } finally {
      update((s, now) => endActivity(s, activity, now));
    }
    send({ status: 'verifying sha256 digest' });
    send({ status: 'writing manifest' });
    update((s, now) => finishPull(s, plan, now));
    send({ status: 'removing unused layers' });
    send({ status: 'success' });
    res.end();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if ((req.method === 'GET' || req.method === 'HEAD') && path === '/') return sendText(res, 200, 'Ollama is running');
    if (req.method === 'GET' && path === '/api/version') return sendJson(res, 200, { version: ollamaConstants.version });
    if (req.method === 'GET' && path === '/api/tags') {
      return sendJson(res, 200, { models: listModels(store.read()).map((m) => ({ name: m.name, model: m.name, modified_at: goTime(m.modifiedAt), size: m.sizeBytes, digest: m.digest, details: details(m) })) });
    }
    if (req.method === 'GET' && path === '/v1/models') return sendJson(res, 200, openAiModelList(listModels(store.read())));
    if (req.method === 'GET' && path === '/api/ps') {
      const state = update((s, now) => (pruneExpired(s, now), s));
      const models = runningModels(state, Date.now()).flatMap((l) => {
        const m = findModel(state, l.name);
        return m ? [{ name: m.name, model: m.name, size: l.sizeVramBytes, digest: m.digest, details: details(m), expires_at: goTime(l.expiresAt), size_vram: l.sizeVramBytes, context_length: l.contextLength }] : [];
      });
      return sendJson(res, 200, { models });
    }
    let body: RequestBody;
    try {
      body = JSON.parse((await readBody(req)) || '{}') as RequestBody;
    } catch {
      return sendJson(res, 400, { error: 'invalid character in request body' });
    }
    if (req.method === 'POST' && (path === '/api/chat' || path === '/api/generate')) return generate(res, body, path === '/api/chat');
    if (req.method === 'POST' && path === '/v1/chat/completions') return openAiChat(res, body as Record<string, unknown>);
    if (req.method === 'POST' && path === '/api/pull') return pull(res, body);
    if (req.method === 'POST' && path === '/api/show') {
      const info = showModel(store.read(), nameOf(body));
      if (!info) return sendJson(res, 404, { error: `model '${nameOf(body)}' not found` });
      return sendJson(res, 200, {
        modelfile: info.modelfile,
        parameters: info.parameters.map(([k, v]) => `${k} ${v}`).join('\n'),
        template: info.template,
        details: details(info.model),
        model_info: { 'general.architecture': info.architecture, [`${info.architecture}.context_length`]: info.contextLength },
        capabilities: info.capabilities,
        modified_at: goTime(info.model.modifiedAt),
      });
    }
    if (req.method === 'DELETE' && path === '/api/delete') {
      const name = normalizeModelName(nameOf(body));
      return update((s) => deleteModel(s, name)) ? sendText(res, 200, '') : sendJson(res, 404, { error: `model '${nameOf(body)}' not found` });
    }
    sendText(res, 404, '404 page not found');
  };

  const server = serveLocal(deps.listenPort, handle, (error) => ({ error: String(error) }));
  server.listening.then((port) => (listening = port), () => {});
  return {
    port: () => listening,
    ready: server.listening,
    stop: () => server.close(),
  };
};
