/**
 * The Playground against Ollama served from the Serve page on the demo box: the launch (a host
 * job) turns ready, and a chat through the server's tunnel to /v1/chat/completions streams a
 * reply whose usage chunk gives the token count.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { harness, tunnelTo } from '../../../services/playground/test-kit.js';
import { serveOn } from '../../../services/serve/serve-test-kit.js';
import { laptopOn, runCleanups, testDemoBox, until } from '../../../services/service-test-kit.js';

afterEach(runCleanups);

describe('the Playground against Ollama on the demo box', () => {
  it('chats with the seeded qwen3:1.7b through the tunnel’s /v1/chat/completions', async () => {
    const { serve, latest } = serveOn(await laptopOn(await testDemoBox('ollama-play', { sku: '128' })));

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
