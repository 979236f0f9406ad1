import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSseStream } from '../../../../src/remote/parsers/openai-sse.js';
import { cleanups, harness, runCleanups, tunnelTo } from '../../../services/playground/test-kit.js';
import { tokenCount } from '../ollama-model.js';
import { fileLogStore } from '../state-store.js';
import { testBox } from '../testing.js';
import { ollamaDaemonSpec, startOllamaServer } from './ollama-server.js';

afterEach(runCleanups);

const model = 'qwen3:1.7b';

/** The daemon with `model` pulled; the server runs on the wall clock, so the box does too. */
const daemon = async (timing: { ttftMs: number; tokenDelayMs: number }, pull = true) => {
  const box = testBox({ now: Date.now(), mutate: (s) => (s.tuning.downloadBytesPerSec = 500e9) });
  const running = startOllamaServer({ spec: { ...ollamaDaemonSpec(box.state()), ...timing, defaultMaxTokens: 10 }, store: box.store, logs: fileLogStore(join(box.root, 'logs')), listenPort: 0, neverReady: false, pid: 1 });
  cleanups.push(() => running.stop());
  const port = await running.ready;
  const base = `http://127.0.0.1:${port}`;
  if (pull) expect(await (await fetch(`${base}/api/pull`, { method: 'POST', body: JSON.stringify({ model }) })).text()).toContain('"status":"success"');
  return { port, base };
};

const chat = (base: string, body: Record<string, unknown>) =>
  fetch(`${base}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hello there' }], ...body }) });

describe("Ollama's OpenAI-compatible API", () => {
  it('GET /v1/models lists the pulled models as a list of model objects; none is null, as Go marshals it', async () => {
    const empty = await daemon({ ttftMs: 5, tokenDelayMs: 1 }, false);
    expect(await (await fetch(`${empty.base}/v1/models`)).json()).toEqual({ object: 'list', data: null });
    const { base } = await daemon({ ttftMs: 5, tokenDelayMs: 1 });
    const list = (await (await fetch(`${base}/v1/models`)).json()) as { object: string; data: Array<Record<string, unknown>> };
    expect(list.object).toBe('list');
    expect(list.data).toEqual([{ id: model, object: 'model', created: expect.any(Number), owned_by: 'library' }]);
    expect(Math.abs((list.data[0]!['created'] as number) - Date.now() / 1000)).toBeLessThan(60);
  });

  it('streams chat.completion.chunk events, the finish reason, the usage chunk with include_usage, then [DONE]', async () => {
    const { base } = await daemon({ ttftMs: 20, tokenDelayMs: 2 });
    const res = await chat(base, { stream: true, stream_options: { include_usage: true } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const text = await res.text();
    const events = text.split('\n\n').filter((e) => e !== '');
    expect(events.every((e) => e.startsWith('data: '))).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)) as Record<string, unknown>);
    const ids = new Set(chunks.map((c) => c['id']));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^chatcmpl-\d{1,3}$/);
    expect(chunks.every((c) => c['object'] === 'chat.completion.chunk' && c['model'] === model && c['system_fingerprint'] === 'fp_ollama')).toBe(true);
    // Ten tokens, then the done chunk (empty content, finish reason), then the usage chunk.
    expect(chunks).toHaveLength(12);
    const tokens = chunks.slice(0, 10) as Array<{ choices: Array<{ delta: { role: string; content: string }; finish_reason: unknown }> }>;
    expect(tokens.every((c) => c.choices[0]!.delta.role === 'assistant' && c.choices[0]!.finish_reason === null)).toBe(true);
    expect(chunks[10]).toMatchObject({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: 'stop' }] });
    expect(chunks[10]).not.toHaveProperty('usage');
    expect(chunks[11]).toMatchObject({ choices: [], usage: { prompt_tokens: tokenCount('Be brief.\nhello there'), completion_tokens: 10, total_tokens: tokenCount('Be brief.\nhello there') + 10 } });
    // The app's own SSE reader takes it whole.
    const parsed = parseSseStream(text);
    expect(parsed.done).toBe(true);
    expect(parsed.chunks.map((c) => c.content ?? '').join('')).toBe(tokens.map((c) => c.choices[0]!.delta.content).join(''));
  });

  it('without stream (the OpenAI default) answers one chat.completion; max_tokens caps it with finish_reason length', async () => {
    const { base } = await daemon({ ttftMs: 5, tokenDelayMs: 1 });
    const res = await chat(base, { max_tokens: 3 });
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body).toMatchObject({ object: 'chat.completion', model, system_fingerprint: 'fp_ollama', choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'length' }], usage: { completion_tokens: 3 } });
    expect(body.choices[0]!.message.content.trim().split(/\s+/)).toHaveLength(3);
  });

  it('errors in OpenAI shape: an unknown model is 404 not_found_error, no messages is 400', async () => {
    const { base } = await daemon({ ttftMs: 5, tokenDelayMs: 1 }, false);
    const missing = await fetch(`${base}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] }) });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { message: 'model "nope" not found, try pulling it first', type: 'not_found_error', param: null, code: null } });
    const empty = await fetch(`${base}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model, messages: [] }) });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: { message: "[] is too short - 'messages'", type: 'invalid_request_error', param: null, code: null } });
  });

  it('the Playground measures the model’s own TTFT and tokens/s through /v1, as through /api/chat', async () => {
    const { port } = await daemon({ ttftMs: 60, tokenDelayMs: 12 });
    const h = harness([tunnelTo(port, 11434)]);
    const { streamId } = await h.service.chat('client-1', { deviceId: 'dev', boxPort: 11434, model, messages: [{ role: 'user', content: 'Tell me about GB10.' }], maxTokens: 8, temperature: 0.7, system: '' });
    const { stats, error } = await h.finished(streamId);
    expect(error).toBeNull();
    expect(stats?.countedBy).toBe('usage');
    expect(stats?.outputTokens).toBe(8);
    // Not before the configured 60 ms, nor the last token before 7 gaps of 12 ms more.
    expect(stats!.ttftMs).toBeGreaterThanOrEqual(59);
    expect(stats!.e2eMs).toBeGreaterThanOrEqual(60 + 7 * 12 - 1);
    // The rate is the decode rate over what was measured; a first token delivered late (a busy
    // machine) shortens that window, so no upper bound here: the timing tests judge precision.
    expect(stats!.tokensPerSecond).toBeCloseTo((8 - 1) / ((stats!.e2eMs - stats!.ttftMs) / 1000), 6);
  });
});
