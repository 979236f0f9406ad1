/**
 * Model servers on the demo box, end to end below the UI: vLLM launched with the command the
 * review shows, followed through its log until /health and /v1/models answer through the tunnel,
 * with the time it took; the memory guard refusing on a 64 GB box and allowing on a 128 GB one;
 * a server that never answers, and one that fails in a known way, explained with its last log
 * lines; a restarted app finding the running server and its tunnel again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Sku } from '../../demo/sim/state.js';
import { serveLaunch } from '../../../src/recipes/serve/serve-launch.js';
import type { DemoBox } from '../../demo/demo-box.js';
import { laptopOn, runCleanups, testDemoBox, until } from '../service-test-kit.js';
import { serveOn } from './serve-test-kit.js';

const GiB = 1024 ** 3;
afterEach(runCleanups);

const demo = (sku: Sku = '128'): Promise<DemoBox> => testDemoBox('serve', { sku, serverReadyMs: 400 });

const laptop = async (box: DemoBox, limits: { startupMs?: number } = {}) => {
  const side = await laptopOn(box);
  const served = serveOn(side, limits);
  await side.connection.exec('mkdir -p ~/models/Qwen3-8B');
  return { ...side, ...served };
};

const qwen8b = { engine: 'vllm', model: '/home/demo/models/Qwen3-8B' } as const;
const qwen8bInfo = { sizeBytes: 16.4e9, quantization: null, dtype: 'bfloat16' };
const key = 'container:pgx-serve-vllm-8000';

describe('model servers on the demo box', () => {
  it('launches vLLM with the shown command, follows its log until ready, and a restarted app finds it again', async () => {
    const box = await demo();
    const first = await laptop(box);
    const plan = await first.serve.plan('demo', qwen8b, qwen8bInfo);
    expect(plan.boxClass).toBe('128');
    expect(plan.command).toBe(serveLaunch({ ...qwen8b, boxClass: '128' }).command);
    expect(plan.judgement?.verdict).toBe('ok');
    expect(plan.readiness).toMatchObject({ healthPath: '/health', modelsPath: '/v1/models' });

    const started = await first.serve.launch('demo', qwen8b, qwen8bInfo);
    expect(started).toMatchObject({ key, engine: 'vllm', state: 'starting', boxPort: 8000, servedModelName: 'Qwen3-8B', edited: false });
    expect(first.executed).toContain(plan.command);
    const ready = await until(() => first.latest.get(key)?.state === 'ready' && first.latest.get(key), 20_000, 'vLLM to be ready');
    expect(ready.readyMs).toBeGreaterThan(0);
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    // Progress carried the engine's own log lines before it was ready.
    expect(first.progress.some((p) => p.lines.some((l) => l.includes('Loading safetensors checkpoint shards')))).toBe(true);
    expect(first.progress.at(-1)?.phase).toBe('ready');
    const models = (await (await fetch(`${ready.url!}/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toContain('Qwen3-8B');

    first.quit();
    const second = await laptop(box);
    await second.serve.refresh('demo');
    expect(second.serve.list('demo').find((s) => s.key === key)).toMatchObject({ engine: 'vllm', startedAt: null, command: null, boxPort: 8000, servedModelName: 'Qwen3-8B', model: '/home/demo/models/Qwen3-8B' });
    expect(second.tunnels.list('demo')).toEqual([expect.objectContaining({ boxPort: 8000, appId: key })]);
    await until(() => second.latest.get(key)?.state === 'ready', 15_000, 'the found server to be ready');

    await second.serve.stop('demo', key, true);
    expect(second.serve.list('demo')).toEqual([]);
    expect(second.tunnels.list('demo')).toEqual([]);
  });

  it('the guard refuses Qwen3-30B-A3B in BF16 on a 64 GB box with the numbers, and allows it on a 128 GB box', async () => {
    const spec = { engine: 'vllm', model: '/home/demo/models/Qwen3-30B-A3B', memory: { kind: 'kv-cache-bytes', bytes: 16 * GiB } } as const;
    const info = { parameters: 30.5e9, dtype: 'bfloat16' };
    const small = await laptop(await demo('64'));
    const refused = await small.serve.plan('demo', spec, info);
    expect(refused.boxClass).toBe('64');
    expect(refused.judgement).toMatchObject({ verdict: 'refuse', reason: 'does-not-fit' });
    expect(refused.judgement!.sentence).toMatch(/^The launch does not fit: it needs 78\.3 GiB, [\d.]+ GiB can be used, [\d.]+ GiB short\.$/);
    await expect(small.serve.launch('demo', spec, info)).rejects.toMatchObject({ error: { code: 'memory-guard', details: expect.arrayContaining(['need: 78.3 GiB', 'weights: 56.8 GiB']) } });
    expect(small.executed.some((c) => c.includes('docker run'))).toBe(false);

    const big = await laptop(await demo('128'));
    const allowed = await big.serve.plan('demo', spec, info);
    expect(allowed.boxClass).toBe('128');
    expect(['ok', 'warn']).toContain(allowed.judgement!.verdict);
    expect(allowed.judgement!.headroomBytes).toBeGreaterThan(0);
  });

  it('a second server already holding memory is counted, and named in the fixes', async () => {
    const box = await demo();
    const { serve, latest } = await laptop(box);
    await serve.launch('demo', { ...qwen8b, memory: { kind: 'utilization', fraction: 0.45 } }, qwen8bInfo);
    await until(() => latest.get(key)?.state === 'ready', 20_000, 'the first server');
    const second = { engine: 'vllm', model: '/home/demo/models/Qwen3-30B-A3B', port: 8001, memory: { kind: 'kv-cache-bytes', bytes: 16 * GiB } } as const;
    const plan = await serve.plan('demo', second, { parameters: 30.5e9, dtype: 'bfloat16' });
    expect(plan.judgement).toMatchObject({ verdict: 'refuse' });
    expect(plan.judgement!.holders).toEqual([expect.objectContaining({ name: 'pgx-serve-vllm-8000', kind: 'server' })]);
    expect(plan.judgement!.fixes.some((f) => f.kind === 'stop-server' && f.text.includes('pgx-serve-vllm-8000'))).toBe(true);
  });

  it('a server that never answers is explained as a readiness timeout with its last log lines', async () => {
    const box = await demo();
    box.setFault('server-never-ready', true);
    const { serve, latest } = await laptop(box, { startupMs: 2_500 });
    await serve.launch('demo', qwen8b, qwen8bInfo);
    const failed = await until(() => latest.get(key)?.state === 'failed' && latest.get(key), 20_000, 'the readiness timeout');
    expect(failed.failure).toMatchObject({ kind: 'readiness-timeout', message: 'The server did not report ready within 3 s.' });
    expect(failed.failure!.lastLines.at(-1)).toMatch(/torch\.compile takes/);
  });

  it('an edited command runs as edited (the guard still judges the spec), and vLLM’s startup memory check is explained', async () => {
    const box = await demo();
    const { serve, latest, executed } = await laptop(box);
    const shown = serveLaunch({ ...qwen8b, boxClass: '128' }).command;
    const edited = shown.replace("'--gpu-memory-utilization' '0.7'", "'--gpu-memory-utilization' '0.99'").replace('--gpu-memory-utilization 0.7', '--gpu-memory-utilization 0.99');
    expect(edited).not.toBe(shown);
    const view = await serve.launch('demo', qwen8b, qwen8bInfo, edited);
    expect(view).toMatchObject({ edited: true, command: edited });
    expect(executed).toContain(edited);
    const failed = await until(() => latest.get(key)?.state === 'failed' && latest.get(key), 20_000, 'the failure');
    expect(failed.failure).toMatchObject({ kind: 'startup-memory-check' });
    expect(failed.failure!.hint).toMatch(/Lower --gpu-memory-utilization to 0\.\d+ or less/);
    expect(failed.failure!.lastLines.some((l) => l.includes('Free memory on device'))).toBe(true);
  });
});
