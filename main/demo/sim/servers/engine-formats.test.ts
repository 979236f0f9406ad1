/**
 * The model servers' formats, parse-both-and-agree: the real captures (vLLM 0.28 SSE, vLLM
 * /metrics, vLLM and TensorRT-LLM startup logs) and the simulator's output go through the same
 * parsers, and what the app reads from them agrees.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSseStream } from '../../../../src/remote/parsers/openai-sse.js';
import { metricValue, parsePrometheus, histogramMean } from '../../../../src/remote/parsers/prometheus.js';
import { readEngineLog } from '../../../../src/remote/parsers/engine-log.js';
import { initialState } from '../box.js';
import { fileLogStore, memoryStateStore } from '../state-store.js';
import { dockerBox, run } from '../programs/docker/docker-testing.js';
import { startOpenAiServer, type RunningServer } from './openai-server.js';

const capture = (name: string) => readFileSync(join(process.cwd(), 'e2e/fixtures/captures', name), 'utf8');
/** The capture's text without its `#` comment lines. */
const uncommented = (text: string) =>
  text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const boot = async () => {
  const store = memoryStateStore(initialState({ now: Date.now() }));
  running = startOpenAiServer({
    spec: { id: 'c0ffee', kind: 'vllm', port: 8000, model: '/models/Qwen3-8B', servedName: 'qwen3-8b', readyAfterMs: 0, ttftMs: 5, tokenDelayMs: 1, maxConcurrency: 8, defaultMaxTokens: 16 },
    store,
    logs: fileLogStore(mkdtempSync(join(tmpdir(), 'pgx-fmt-'))),
    listenPort: 0,
    neverReady: false,
    pid: 4242,
  });
  return `http://127.0.0.1:${await running.ready}`;
};

const chat = (base: string, body: object) =>
  fetch(`${base}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'qwen3-8b', messages: [{ role: 'user', content: 'hi' }], stream: true, ...body }) }).then((r) => r.text());

describe('SSE streams (vllm-sse-stream-0.28.txt)', () => {
  // The capture holds several streams, each under a `# --- X)` heading.
  const sections = capture('vllm-sse-stream-0.28.txt')
    .split(/^# --- /m)
    .slice(1)
    .map((section) => ({ title: section.split('\n')[0]!, stream: parseSseStream(uncommented(section)) }));
  const byLetter = (letter: string) => sections.find((s) => s.title.startsWith(`${letter})`))!.stream;

  it('the capture parses: role chunk first, [DONE] last, usage only with include_usage', () => {
    expect(sections.map((s) => s.stream.issues)).toEqual(sections.map(() => []));
    // A: a whole tool-call stream without stream_options: role first, no usage, [DONE].
    expect(byLetter('A')).toMatchObject({ done: true, usage: null, finishReason: 'tool_calls' });
    expect(byLetter('A').chunks[0]!.role).toBe('assistant');
    expect(byLetter('A').chunks.some((c) => c.toolCall)).toBe(true);
    // B: the tail with include_usage: the last chunk has empty choices and the usage.
    expect(byLetter('B')).toMatchObject({ done: true, finishReason: 'stop', usage: { promptTokens: 34, completionTokens: 22, totalTokens: 56 } });
    expect(byLetter('B').chunks.at(-1)!.emptyChoices).toBe(true);
    expect(byLetter('C').done).toBe(true);
  });

  it('the simulator’s stream parses the same way, with and without include_usage', async () => {
    const base = await boot();
    const plain = parseSseStream(await chat(base, {}));
    const counted = parseSseStream(await chat(base, { stream_options: { include_usage: true } }));
    for (const s of [plain, counted]) {
      expect(s.issues).toEqual([]);
      expect(s.done).toBe(true);
      expect(s.chunks[0]!.role).toBe('assistant');
      expect(s.chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
      expect(s.finishReason).toBe('stop');
    }
    expect(plain.usage).toBeNull();
    expect(counted.chunks.at(-1)!.emptyChoices).toBe(true);
    expect(counted.usage).toEqual({ promptTokens: 1, completionTokens: 16, totalTokens: 17 });
    expect(counted.text.split(' ')).toHaveLength(16);
  });
});

describe('Prometheus /metrics (vllm-metrics-excerpt.txt)', () => {
  const names = ['vllm:num_requests_running', 'vllm:num_requests_waiting', 'vllm:generation_tokens_total', 'vllm:request_success_total', 'vllm:time_to_first_token_seconds_count'];

  it('the capture parses, exponent values and engine labels included', () => {
    const metrics = parsePrometheus(capture('vllm-metrics-excerpt.txt'));
    expect(metricValue(metrics, 'vllm:prompt_tokens_total', { engine: '0' })).toBe(5_291_858);
    expect(metricValue(metrics, 'vllm:kv_cache_usage_perc')).toBe(0.25);
    expect(metricValue(metrics, 'vllm:request_success_total', { model_name: 'meta-llama/Llama-3.1-8B-Instruct' })).toBe(132);
    for (const name of names) expect(metricValue(metrics, name), name).not.toBeNull();
    expect(metrics.types['vllm:time_to_first_token_seconds']).toBe('histogram');
  });

  it('the simulator exposes the same names the app reads, with the counts of what it served', async () => {
    const base = await boot();
    await chat(base, { max_tokens: 4 });
    await chat(base, {});
    const metrics = parsePrometheus(await (await fetch(`${base}/metrics`)).text());
    expect(metrics.skipped).toBe(0);
    for (const name of [...names, 'vllm:kv_cache_usage_perc', 'vllm:prompt_tokens_total']) expect(metricValue(metrics, name, { model_name: 'qwen3-8b' }), name).not.toBeNull();
    expect(metricValue(metrics, 'vllm:generation_tokens_total', { model_name: 'qwen3-8b' })).toBe(20);
    expect(metricValue(metrics, 'vllm:request_success_total', { model_name: 'qwen3-8b', finished_reason: 'length' })).toBe(1);
    expect(metricValue(metrics, 'vllm:request_success_total', { model_name: 'qwen3-8b', finished_reason: 'stop' })).toBe(1);
    // The histogram agrees with the configured 5 ms to first token.
    expect(histogramMean(metrics, 'vllm:time_to_first_token_seconds', { model_name: 'qwen3-8b' })).toBeGreaterThanOrEqual(0.004);
    expect(metrics.types['vllm:time_to_first_token_seconds']).toBe('histogram');
  });
});

describe('startup logs (vllm-startup-tail-gb10.log, trtllm-serve.txt)', () => {
  it('the captures read as ready, with the KV cache size', () => {
    expect(readEngineLog(capture('vllm-startup-tail-gb10.log'))).toMatchObject({ engine: 'vllm', ready: true, kvCacheTokens: 1_209_295, maxConcurrency: 1.15, lastError: null });
    const trt = capture('trtllm-serve.txt');
    const tail = trt.slice(trt.indexOf('[12/20/2025-04:21:56]'), trt.indexOf('############ other startup lines'));
    expect(readEngineLog(tail)).toMatchObject({ engine: 'trtllm', ready: true, port: 8355, lastError: null });
  });

  it('the simulated containers’ logs read the same: not ready, then ready with a KV cache size', async () => {
    const box = dockerBox({ readyMs: 10_000 });
    expect((await run(box, 'run', '-d', '--gpus', 'all', '--name', 'vllm', 'nvcr.io/nvidia/vllm:25.09-py3', 'vllm', 'serve', 'Qwen/Qwen3-8B')).code).toBe(0);
    const early = await run(box, 'logs', 'vllm');
    expect(readEngineLog(early.stdout + early.stderr)).toMatchObject({ engine: 'vllm', ready: false });
    box.advance(11_000);
    const ready = await run(box, 'logs', 'vllm');
    const state = readEngineLog(ready.stdout + ready.stderr);
    expect(state).toMatchObject({ engine: 'vllm', ready: true, lastError: null });
    expect(state.kvCacheTokens).toBeGreaterThan(100_000);

    expect((await run(box, 'run', '-d', '--gpus', 'all', '--name', 'trt', '-p', '8355:8355', 'nvcr.io/nvidia/tensorrt-llm/release:1.3.0rc13', 'trtllm-serve', 'openai/gpt-oss-120b', '--port', '8355')).code).toBe(0);
    box.advance(11_000);
    const trt = await run(box, 'logs', 'trt');
    expect(readEngineLog(trt.stdout + trt.stderr)).toMatchObject({ engine: 'trtllm', ready: true, port: 8355 });
  });
});
