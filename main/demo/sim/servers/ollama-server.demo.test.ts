/**
 * The Playground against Ollama served from the Serve page on the demo box: the launch (a host
 * job) turns ready, and a chat through the server's tunnel to /v1/chat/completions streams a
 * reply whose usage chunk gives the token count.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appConnection, demoServer } from '../../../../e2e/harness/app-connection.js';
import type { ServerView } from '../../../../src/domain/serve.js';
import { silentLogger } from '../../../services/log.js';
import { cleanups, harness, tunnelTo } from '../../../services/playground/test-kit.js';
import { ServeService } from '../../../services/serve/serve-service.js';
import { TunnelService } from '../../../services/tunnels/tunnel-service.js';
import { startDemoBox } from '../../demo-box.js';

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const until = async <T>(probe: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('the Playground against Ollama on the demo box', () => {
  it('chats with the seeded qwen3:1.7b through the tunnel’s /v1/chat/completions', async () => {
    const box = await startDemoBox({ dir: mkdtempSync(join(tmpdir(), 'pgx-ollama-play-')), log: silentLogger, sku: '128' });
    cleanups.push(() => box.stop());
    const connection = appConnection(demoServer(box));
    await connection.connect();
    const tunnels = new TunnelService({ connection: () => connection, changed: () => {}, log: silentLogger });
    const latest = new Map<string, ServerView>();
    const serve = new ServeService({
      connection: () => connection,
      tunnels,
      changed: (_d, list) => list.forEach((s) => latest.set(s.key, s)),
      progressed: () => {},
      log: silentLogger,
      limits: { followIntervalMs: 100, watchIntervalMs: 500 },
    });
    cleanups.push(() => (serve.dispose(), tunnels.dispose(), connection.disconnect()));

    const started = await serve.launch('demo', { engine: 'ollama', model: 'qwen3:1.7b' });
    const ready = await until(() => latest.get(started.key)?.state === 'ready' && latest.get(started.key), 30_000, 'Ollama to be ready');
    const localPort = Number(/^http:\/\/127\.0\.0\.1:(\d+)\/v1$/.exec(ready.url ?? '')?.[1]);
    expect(localPort).toBeGreaterThan(0);
    const boxPort = ready.boxPort ?? 11434;
    const models = (await (await fetch(`http://127.0.0.1:${localPort}/v1/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toContain('qwen3:1.7b');

    const h = harness([tunnelTo(localPort, boxPort)]);
    const { streamId } = await h.service.chat('client-1', { deviceId: 'dev', boxPort, model: 'qwen3:1.7b', messages: [{ role: 'user', content: 'What is a GB10?' }], maxTokens: 6, temperature: 0.7, system: '' });
    const { stats, error } = await h.finished(streamId);
    expect(error).toBeNull();
    expect(stats).toMatchObject({ countedBy: 'usage', outputTokens: 6 });
    expect(stats!.ttftMs).toBeGreaterThan(0);
    expect(h.streamed.map((s) => s.delta).join('').trim().split(/\s+/).length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
