import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, runCleanups, served, sseChunk, startRaw, startSim, tunnelTo } from './test-kit.js';

afterEach(runCleanups);

describe('PlaygroundService against a simulated engine', () => {
  it('measures TTFT and tokens/s from the usage chunk, keeps the server’s last stats and broadcasts them', async () => {
    const port = await startSim({ ttftMs: 80, tokenDelayMs: 15 });
    const h = harness([tunnelTo(port)]);
    const { streamId } = await h.chat(24);
    const { stats, error } = await h.finished(streamId);
    expect(error).toBeNull();
    expect(stats?.countedBy).toBe('usage');
    expect(stats?.outputTokens).toBe(24);
    expect(stats?.promptTokens).toBeGreaterThan(0);
    // The first token cannot come before the server's configured 80 ms, nor the last before 23 gaps of 15 ms more.
    // (How close they come is judged on a quiet machine: playground-service.timing.test.ts.)
    expect(stats!.ttftMs).toBeGreaterThanOrEqual(79);
    expect(stats!.e2eMs).toBeGreaterThanOrEqual(80 + 23 * 15 - 1);
    expect(stats!.tokensPerSecond).toBeCloseTo((23 * 1000) / (stats!.e2eMs - stats!.ttftMs), 6);
    expect(stats!.tokensPerSecond).toBeLessThan(1000 / 15 + 1);
    // Text arrives in ~30 ms batches, not one event per token, and all of it arrives.
    const mine = h.streamed.filter((s) => s.streamId === streamId);
    expect(mine.length).toBeGreaterThan(3);
    expect(mine.length).toBeLessThan(24);
    expect(mine.map((s) => s.delta).join('').length).toBeGreaterThan(24);
    // The server's last stats are kept and broadcast.
    expect(h.statsEvents).toEqual([expect.objectContaining({ deviceId: 'dev', boxPort: 8000, stats })]);
    expect(h.service.stats('dev')).toEqual(h.statsEvents);
    expect(h.service.stats('other')).toEqual([]);
  });

  it('opens a tunnel when none reaches the box port, and reuses it next time', async () => {
    const port = await startSim({ ttftMs: 5, tokenDelayMs: 1 });
    const h = harness([tunnelTo(9999, 5000)], port);
    const first = await h.chat(3);
    expect((await h.finished(first.streamId)).error).toBeNull();
    const second = await h.chat(3);
    expect((await h.finished(second.streamId)).error).toBeNull();
    expect(h.opened).toEqual([{ boxPort: 8000, label: 'Model server 8000' }]);
  });

  it('stops at once when cancelled, and sends no text after', async () => {
    const port = await startSim({ ttftMs: 20, tokenDelayMs: 40 });
    const h = harness([tunnelTo(port)]);
    const { streamId } = await h.chat(200);
    await expect.poll(() => h.streamed.length, { interval: 5 }).toBeGreaterThan(0);
    const cancelledAt = performance.now();
    h.service.cancel(streamId, 'client-1');
    const finished = await h.finished(streamId);
    expect(finished.at - cancelledAt).toBeLessThan(20);
    expect(finished).toMatchObject({ stats: null, error: null });
    const count = h.streamed.length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(h.streamed.length).toBe(count);
    expect(h.statsEvents).toEqual([]);
  });

  it('ignores a cancel from another window', async () => {
    const port = await startSim({ ttftMs: 5, tokenDelayMs: 2 });
    const h = harness([tunnelTo(port)]);
    const { streamId } = await h.chat(10);
    h.service.cancel(streamId, 'someone-else');
    expect((await h.finished(streamId)).stats?.outputTokens).toBe(10);
  });

  it('names the models the server does serve when the model name is wrong', async () => {
    const port = await startSim();
    const h = harness([tunnelTo(port)]);
    const { streamId } = await h.chat(5, 8000, 'Qwen/Qwen3-30B');
    const { error } = await h.finished(streamId);
    expect(error?.code).toBe('not-found');
    expect(error?.message).toContain('does not serve “Qwen/Qwen3-30B”');
    expect(error?.message).toContain('HTTP 404');
    expect(error?.hint).toContain(`It serves: ${served}.`);
  });
});

describe('PlaygroundService against servers that misbehave', () => {
  it('counts text chunks when the server sends no usage chunk, and says so', async () => {
    const port = await startRaw((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const words = ['Hello', ' from', ' a', ' server', ' without', ' usage'];
      let i = 0;
      const tick = setInterval(() => {
        if (i < words.length) res.write(sseChunk(words[i++]!));
        else {
          clearInterval(tick);
          res.end(`${sseChunk('', 'stop')}data: [DONE]\n\n`);
        }
      }, 10);
    });
    const h = harness([tunnelTo(port)]);
    const { streamId } = await h.chat(50);
    const { stats, error } = await h.finished(streamId);
    expect(error).toBeNull();
    expect(stats).toMatchObject({ countedBy: 'chunks', outputTokens: 6, promptTokens: null });
    expect(h.streamed.map((s) => s.delta).join('')).toBe('Hello from a server without usage');
  });

  it('passes reasoning text apart from the answer', async () => {
    const port = await startRaw((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const reasoning = (text: string) => `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', model: served, choices: [{ index: 0, delta: { reasoning_content: text }, finish_reason: null }] })}\n\n`;
      res.end(`${reasoning('Think')}${reasoning('ing.')}${sseChunk('Answer.')}${sseChunk('', 'stop')}data: [DONE]\n\n`);
    });
    const h = harness([tunnelTo(port)]);
    const { streamId } = await h.chat(50);
    expect((await h.finished(streamId)).stats?.outputTokens).toBe(3);
    expect(h.streamed.map((s) => s.reasoning ?? '').join('')).toBe('Thinking.');
    expect(h.streamed.map((s) => s.delta).join('')).toBe('Answer.');
  });

  it('gives the server’s own message for an HTTP 500', async () => {
    const port = await startRaw((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'error', message: 'CUDA out of memory. Tried to allocate 2.00 GiB', type: 'InternalServerError', param: null, code: 500 }));
    });
    const h = harness([tunnelTo(port)]);
    const { streamId } = await h.chat(5);
    const { error, stats } = await h.finished(streamId);
    expect(stats).toBeNull();
    expect(error?.code).toBe('remote-command-failed');
    expect(error?.message).toContain('HTTP 500: CUDA out of memory. Tried to allocate 2.00 GiB');
    expect(error?.hint).toMatch(/log/);
  });

  it('says the reply broke off when the stream is cut before the server finished', async () => {
    const port = await startRaw((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`${sseChunk('One')}${sseChunk(' two')}${sseChunk(' three')}`);
      setTimeout(() => res.socket?.destroy(), 30);
    });
    const h = harness([tunnelTo(port)]);
    const { streamId } = await h.chat(50);
    const { error, stats } = await h.finished(streamId);
    expect(stats).toBeNull();
    expect(error?.code).toBe('connection-lost');
    expect(error?.message).toContain('broke off after 3 chunks');
    expect(h.streamed.map((s) => s.delta).join('')).toBe('One two three');
  });

  it('says the server did not answer, in the tunnel’s words, when nothing listens on its port', async () => {
    const port = await startRaw(() => {});
    const closed = await new Promise<number>((resolve) => {
      // A port that was free a moment ago: nothing listens there.
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const free = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    expect(closed).not.toBe(port);
    const h = harness([tunnelTo(closed, 8000, 'ready', 'Connection refused by the box on port 8000')]);
    const { streamId } = await h.chat(5);
    const { error } = await h.finished(streamId);
    expect(error?.code).toBe('connection-refused');
    expect(error?.message).toBe(`The server on box port 8000 (laptop port ${closed}) did not answer: Connection refused by the box on port 8000.`);
    expect(error?.hint).toContain('Serve page');
  });

  it('refuses at once while the box is away', async () => {
    const h = harness([tunnelTo(1234, 8000, 'waiting')]);
    await expect(h.chat(5)).rejects.toMatchObject({ error: { code: 'not-connected' } });
  });
});
