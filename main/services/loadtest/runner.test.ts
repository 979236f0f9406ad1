/**
 * The runner against the simulated engine in-process: logic only (counts, reasons, token
 * counting, the sweep), never a timed assertion — bench/loadtest-truth.ts measures the timing.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoadTest, type LevelProgress } from './runner.js';
import { served, settingsFor, startSim } from './test-kit.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
});

const sim = async (overrides: Parameters<typeof startSim>[0] = {}) => {
  const s = await startSim(overrides);
  stops.push(s.stop);
  return { port: s.port, basePath: '', model: served };
};

describe('load-test runner', () => {
  it('counts every request of a level; tokens from the usage chunk; progress with running numbers', async () => {
    const target = await sim();
    const progress: LevelProgress[] = [];
    const [level] = await runLoadTest({ settings: settingsFor({ requests: 12, parallel: [4], warmup: 2 }), target, signal: new AbortController().signal, progress: (p) => progress.push(p), progressMs: 0 });
    expect(level).toMatchObject({ parallel: 4, total: 12, succeeded: 12, failed: 0, countedByChunks: false });
    // max_tokens 8 → 8 tokens each (the simulator stops at max_tokens), 7 gaps each.
    expect(level!.itlMs!.count).toBe(12 * 7);
    expect(level!.tpotMs!.count).toBe(12);
    expect(level!.outputTokensPerS).toBeCloseTo((12 * 8) / level!.durationS, 6);
    expect(progress.at(-1)).toMatchObject({ done: 12, total: 12 });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
  });

  it('a sweep gives one summary per level; completions and non-streamed work too', async () => {
    const target = await sim();
    const levels = await runLoadTest({ settings: settingsFor({ requests: 4, parallel: [1, 2, 4], api: 'completions' }), target, signal: new AbortController().signal });
    expect(levels.map((l) => [l.parallel, l.succeeded])).toEqual([
      [1, 4],
      [2, 4],
      [4, 4],
    ]);
    const [whole] = await runLoadTest({ settings: settingsFor({ requests: 3, stream: false }), target, signal: new AbortController().signal });
    expect(whole).toMatchObject({ succeeded: 3, countedByChunks: false });
    expect(whole!.ttftMs!.mean).toBe(whole!.e2eMs!.mean);
  });

  it('HTTP 500, a dropped stream and a stall are counted with their reasons; the run completes', async () => {
    const settings = settingsFor({ requests: 6, parallel: [3], requestTimeoutS: 0.3 });
    const signal = new AbortController().signal;
    const [http] = await runLoadTest({ settings, target: await sim({ faults: { http500: 1 } }), signal });
    expect(http).toMatchObject({ total: 6, succeeded: 0, failed: 6, failures: [{ reason: 'http', count: 6, message: expect.stringMatching(/EngineCore encountered an issue/) }], ttftMs: null });
    const [dropped] = await runLoadTest({ settings, target: await sim({ faults: { dropStream: 1 } }), signal });
    expect(dropped!.failures).toEqual([{ reason: 'dropped', count: 6, message: expect.stringMatching(/cut after 4 chunks|closed/) }]);
    const [stalled] = await runLoadTest({ settings, target: await sim({ faults: { stall: 1 } }), signal });
    expect(stalled!.failures).toEqual([{ reason: 'timeout', count: 6, message: 'no complete reply within 0 s' }]);
  });

  it('cancel aborts every request in flight at once and stops the rest', async () => {
    const target = await sim({ ttftMs: 5_000 });
    const abort = new AbortController();
    const run = runLoadTest({ settings: settingsFor({ requests: 64, parallel: [16, 32] }), target, signal: abort.signal });
    const running = async () => /^vllm:num_requests_running\{[^}]*\} (\d+)/m.exec(await (await fetch(`http://127.0.0.1:${target.port}/metrics`)).text())?.[1];
    await new Promise((r) => setTimeout(r, 100));
    expect(await running()).toBe('16');
    const cancelledAt = performance.now();
    abort.abort();
    const levels = await run;
    // Logic, not timing: far less than the 5 s first token, so nothing waited for the server.
    expect(performance.now() - cancelledAt).toBeLessThan(1_000);
    expect(levels).toHaveLength(1);
    expect(levels[0]).toMatchObject({ total: 16, succeeded: 0, failures: [{ reason: 'cancelled', count: 16 }] });
    // The server saw every connection closed: none of its 16 requests still runs there.
    let left = await running();
    for (let i = 0; i < 40 && left !== '0'; i += 1) {
      await new Promise((r) => setTimeout(r, 25));
      left = await running();
    }
    expect(left).toBe('0');
  });

  it('counts chunks when the server sends no usage chunk, and says so', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const word of ['a', 'b', 'c']) res.write(`data: {"choices":[{"index":0,"delta":{"content":"${word}"},"finish_reason":null}]}\n\n`);
        res.end('data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stops.push(() => new Promise((r) => server.close(() => r())));
    const [level] = await runLoadTest({ settings: settingsFor({ requests: 2, parallel: [2] }), target: { port: (server.address() as AddressInfo).port, basePath: '', model: 'x' }, signal: new AbortController().signal });
    expect(level).toMatchObject({ succeeded: 2, countedByChunks: true, outputTokensPerS: 6 / level!.durationS });
  });
});
