import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOllamaPsJson, parseOllamaStream, parseOllamaTags } from '../../../../src/remote/parsers/ollama-api.js';
import { parseOllamaProgressJson, summarizePull } from '../../../../src/remote/parsers/ollama-progress.js';
import { parseOllamaPs } from '../../../../src/remote/parsers/ollama-tables.js';
import { testBox } from '../testing.js';
import { fileLogStore } from '../state-store.js';
import { ollama } from '../programs/ollama/ollama.js';
import { ollamaDaemonSpec, startOllamaServer } from './ollama-server.js';

const fastBox = () =>
  testBox({
    // The server runs on the wall clock; the CLI must see the same time.
    now: Date.now(),
    mutate: (s) => {
      s.tuning.downloadBytesPerSec = 500e9;
    },
  });

describe('simulated Ollama REST API', () => {
  it('pull streams NDJSON progress; tags, ps and chat agree with the CLI', async () => {
    const box = fastBox();
    const running = startOllamaServer({ spec: { ...ollamaDaemonSpec(box.state()), ttftMs: 20, tokenDelayMs: 2, defaultMaxTokens: 10 }, store: box.store, logs: fileLogStore(join(box.root, 'logs')), listenPort: 0, neverReady: false, pid: 1 });
    try {
      const base = `http://127.0.0.1:${await running.ready}`;
      expect(await (await fetch(base)).text()).toBe('Ollama is running');

      const pull = await (await fetch(`${base}/api/pull`, { method: 'POST', body: JSON.stringify({ model: 'llama3.2:3b' }) })).text();
      const events = pull.trim().split('\n').map(parseOllamaProgressJson).filter((e) => e !== null);
      const summary = summarizePull(events);
      expect(summary.succeeded).toBe(true);
      expect(summary.layers.length).toBeGreaterThan(1);
      expect(summary.layers.every((l) => l.complete)).toBe(true);
      expect(pull).toMatch(/^\{"status":"pulling [0-9a-f]{12}","digest":"sha256:[0-9a-f]{64}","total":\d+,"completed":\d+\}$/m);

      const tags = parseOllamaTags(await (await fetch(`${base}/api/tags`)).text());
      expect(tags.ok && tags.value.models.map((m) => m.name)).toEqual(['llama3.2:3b']);
      // The CLI sees the same store.
      expect((await box.run(ollama, 'ollama', ['list'])).stdout).toContain('llama3.2:3b');

      const chat = await (await fetch(`${base}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'hello' }] }) })).text();
      const stream = parseOllamaStream(chat);
      expect(stream).toMatchObject({ done: true, doneReason: 'stop', evalCount: 10, error: null });
      expect(stream.text.split(' ')).toHaveLength(10);
      // Ten tokens 2 ms apart: the server's own decode speed is about 500 tokens/s.
      expect(stream.tokensPerSecond).toBeGreaterThan(250);
      expect(stream.loadDurationNs).toBeGreaterThan(0);

      const ps = parseOllamaPsJson(await (await fetch(`${base}/api/ps`)).text());
      expect(ps.ok && ps.value.models.map((m) => [m.name, m.context_length])).toEqual([['llama3.2:3b', 4096]]);
      const cliPs = parseOllamaPs((await box.run(ollama, 'ollama', ['ps'])).stdout);
      expect(cliPs.ok && cliPs.rows.map((r) => r.name)).toEqual(['llama3.2:3b']);

      const single = await (await fetch(`${base}/api/generate`, { method: 'POST', body: JSON.stringify({ model: 'llama3.2:3b', prompt: 'hi', stream: false, options: { num_predict: 3 } }) })).json();
      expect(single).toMatchObject({ done: true, done_reason: 'length', eval_count: 3 });

      const missing = await fetch(`${base}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'nope' }) });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: 'model "nope" not found, try pulling it first' });
      expect((await fetch(`${base}/api/delete`, { method: 'DELETE', body: JSON.stringify({ model: 'llama3.2:3b' }) })).status).toBe(200);
      expect(parseOllamaTags(await (await fetch(`${base}/api/tags`)).text())).toEqual({ ok: true, value: { models: [] } });
    } finally {
      await running.stop();
    }
  });
});
