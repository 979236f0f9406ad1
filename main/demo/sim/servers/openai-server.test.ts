import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initialState } from '../box.js';
import { gpuUtilization } from '../dynamics.js';
import type { ServerSpec } from '../io.js';
import { fileLogStore, memoryStateStore, type StateStore } from '../state-store.js';
import { prepareStream, streamChat } from './timing/stream-client.js';
import { startOpenAiServer, type RunningServer } from './openai-server.js';

const spec = (overrides: Partial<ServerSpec> = {}): ServerSpec => ({
  id: 'c0ffee',
  kind: 'vllm',
  port: 8000,
  model: '/models/Qwen3-30B-A3B-NVFP4',
  servedName: 'qwen3-30b',
  readyAfterMs: 0,
  ttftMs: 80,
  tokenDelayMs: 15,
  maxConcurrency: 64,
  defaultMaxTokens: 32,
  ...overrides,
});

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const boot = (overrides: Partial<ServerSpec> = {}, neverReady = false) => {
  const store = memoryStateStore(initialState({ now: Date.now() }));
  const logs = fileLogStore(mkdtempSync(join(tmpdir(), 'pgx-srv-')));
  running = startOpenAiServer({ spec: spec(overrides), store, logs, listenPort: 0, neverReady, pid: 4242 });
  return { store, logs, server: running };
};

describe('simulated OpenAI server', () => {
  it('streams like vLLM: role chunk, content chunks, finish, usage chunk with empty choices, [DONE]', async () => {
    const { server } = boot({ ttftMs: 5, tokenDelayMs: 1 });
    const port = await server.ready;
    const timed = await streamChat(port, { model: 'qwen3-30b', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4, stream: true, stream_options: { include_usage: true } });
    const chunks = timed.chunks as Array<{ object: string; choices: Array<{ delta?: Record<string, unknown>; finish_reason?: string | null }>; usage?: Record<string, number> }>;
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.filter((c) => c.choices[0]?.delta?.['content'])).toHaveLength(4);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('length');
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 1, total_tokens: 5, completion_tokens: 4 });
    expect(timed.raw.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
  });

  it('queues requests beyond its batch slots, so waiting shows in TTFT and /metrics', async () => {
    const { server } = boot({ ttftMs: 20, tokenDelayMs: 5, maxConcurrency: 2 });
    const port = await server.ready;
    const runs = await Promise.all(Array.from({ length: 4 }, (_, i) => streamChat(port, { model: 'qwen3-30b', messages: [{ role: 'user', content: `x${i}` }], max_tokens: 10, stream: true })));
    const sorted = runs.map((r) => r.ttft).sort((a, b) => a - b);
    // Two wait for the first two to finish: 20 + 9×5 = 65 ms more.
    expect(sorted[2]! - sorted[1]!).toBeGreaterThan(50);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
    expect(metrics).toContain('vllm:generation_tokens_total{engine="0",model_name="qwen3-30b"} 40.0');
    expect(metrics).toContain('vllm:request_success_total{engine="0",model_name="qwen3-30b",finished_reason="length"} 4.0');
  });

  it('answers /health and /v1/models only once ready, and logs the readiness lines', async () => {
    const { server, logs } = boot({ readyAfterMs: 50 });
    expect(server.port()).toBeUndefined();
    const port = await server.ready;
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    const models = (await fetch(`http://127.0.0.1:${port}/v1/models`).then((r) => r.json())) as { data: Array<{ id: string; root: string }> };
    expect(models.data[0]).toMatchObject({ id: 'qwen3-30b', root: '/models/Qwen3-30B-A3B-NVFP4' });
    expect(logs.read('c0ffee')).toContain('(APIServer pid=4242) INFO:     Application startup complete.');
  });

  it('never listens under the server-never-ready fault', async () => {
    const { server } = boot({ readyAfterMs: 0 }, true);
    const outcome = await Promise.race([server.ready.then(() => 'ready'), new Promise((r) => setTimeout(() => r('still loading'), 100))]);
    expect(outcome).toBe('still loading');
  });

  it('refuses an unknown model name with vLLM’s error body', async () => {
    const { server } = boot();
    const port = await server.ready;
    const res = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'other', messages: [] }) });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ object: 'error', type: 'NotFoundError', message: 'The model `other` does not exist.' });
  });

  it('drives the box GPU utilization while requests are in flight', async () => {
    const { server, store } = boot({ ttftMs: 30, tokenDelayMs: 10 });
    const port = await server.ready;
    const pending = streamChat(port, { model: 'qwen3-30b', messages: [{ role: 'user', content: 'load' }], max_tokens: 20, stream: true });
    await new Promise((r) => setTimeout(r, 40));
    expect(gpuUtilization(store.read(), Date.now())).toBeGreaterThan(80);
    await pending;
    expect(gpuUtilization(store.read(), Date.now() + 1)).toBe(0);
  });

  it('marks the GPU busy once a burst is in, not while its requests are still being read', async () => {
    // The mark is a locked file write in shim mode: made on the first request, it held up reading
    // the others, and their clocks started late.
    const store = memoryStateStore(initialState({ now: Date.now() }));
    const updates: number[] = [];
    const watched: StateStore = {
      read: () => store.read(),
      update: (change, now) => {
        updates.push(performance.now());
        return store.update(change, now);
      },
    };
    const logs = fileLogStore(mkdtempSync(join(tmpdir(), 'pgx-srv-')));
    running = startOpenAiServer({ spec: spec({ ttftMs: 40, tokenDelayMs: 5 }), store: watched, logs, listenPort: 0, neverReady: false, pid: 4242 });
    const port = await running.ready;
    const streams = await Promise.all(Array.from({ length: 8 }, (_, i) => prepareStream(port, { model: 'qwen3-30b', messages: [{ role: 'user', content: `b${i}` }], max_tokens: 2, stream: true }, { warm: false })));
    const done = Promise.all(streams.map((s) => s.start()));
    const allSent = performance.now();
    await done;
    expect(updates).toHaveLength(2); // busy, then idle
    expect(updates[0]! - allSent).toBeGreaterThan(3);
    expect(updates[0]! - allSent).toBeLessThan(40); // before the first token
  });
});
