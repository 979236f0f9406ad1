/**
 * Ollama served from the wizard on the demo box: the launch runs as a host job whose log carries
 * the pull's progress, the card turns ready once the daemon's /api/ps lists the model through the
 * tunnel, a restarted app finds it again from the job folder and `ollama ps`, and stopping it
 * unloads the model and removes the job folder. The guard judges the model's size from `ollama list`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { listHostJobsCommand } from '../../../src/remote/commands/host-job.js';
import { ollamaJobId, ollamaServerKey } from '../../../src/recipes/serve/serve-ollama-job.js';
import type { DemoBox } from '../../demo/demo-box.js';
import { laptopOn, runCleanups, testDemoBox, until } from '../service-test-kit.js';
import { serveOn } from './serve-test-kit.js';

afterEach(runCleanups);

const demo = (): Promise<DemoBox> => testDemoBox('serve-ollama', { sku: '128' });

const laptop = async (box: DemoBox, limits: { startupMs?: number } = {}) => {
  const side = await laptopOn(box);
  return { ...side, ...serveOn(side, limits) };
};

const spec = { engine: 'ollama', model: 'granite3.3:2b' } as const;
const jobId = ollamaJobId('granite3.3:2b', 11434);
const key = ollamaServerKey(jobId);

describe('Ollama servers on the demo box', () => {
  it('pulls and loads as a host job, turns ready through /api/ps, is found again after a restart, and stops with the job folder removed', async () => {
    const box = await demo();
    const first = await laptop(box);
    const plan = await first.serve.plan('demo', spec);
    expect(plan.command).toBe('ollama pull granite3.3:2b && ollama run --keepalive 30m granite3.3:2b </dev/null');
    expect(plan.containerName).toBe(jobId);
    // Not pulled yet: nothing says how big it is.
    expect(plan.judgement).toBeNull();
    expect(plan.unjudged).toMatch(/unknown until Ollama has pulled it/);

    const started = await first.serve.launch('demo', spec);
    expect(started).toMatchObject({ key, engine: 'ollama', state: 'starting', boxPort: 11434, servedModelName: 'granite3.3:2b', image: null });
    expect(first.executed.some((c) => c.includes('setsid nohup bash -lc') && c.includes(jobId))).toBe(true);
    const ready = await until(() => first.latest.get(key)?.state === 'ready' && first.latest.get(key), 30_000, 'Ollama to load the model');
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(ready.readyMs).toBeGreaterThan(0);
    // The job's log (the pull's progress) reached the card while it started.
    expect(first.progress.some((p) => p.lines.some((l) => /^pulling [0-9a-f]{12}: +\d+%/.test(l) || l === 'pulling manifest'))).toBe(true);
    const ps = (await (await fetch(ready.url!.replace(/\/v1$/, '/api/ps'))).json()) as { models: Array<{ name: string }> };
    expect(ps.models.map((m) => m.name)).toContain('granite3.3:2b');

    // Pulled now: the guard judges its size from `ollama list`, and does not count it twice.
    const again = await first.serve.plan('demo', spec);
    expect(again.judgement).toMatchObject({ verdict: 'ok', holders: [] });
    expect(again.judgement!.terms.find((t) => t.kind === 'weights')!.bytes).toBeGreaterThan(1e9);
    // The demo's qwen3:1.7b (a library model already on the box) is judged by its size too.
    expect((await first.serve.plan('demo', { engine: 'ollama', model: 'qwen3:1.7b' })).judgement?.verdict).toBe('ok');
    await expect(first.serve.launch('demo', spec)).rejects.toMatchObject({ error: { code: 'conflict' } });

    first.quit();
    const second = await laptop(box);
    await second.serve.refresh('demo');
    expect(second.serve.list('demo')).toEqual([expect.objectContaining({ key, engine: 'ollama', startedAt: null, servedModelName: 'granite3.3:2b', boxPort: 11434 })]);
    expect(second.tunnels.list('demo')).toEqual([expect.objectContaining({ boxPort: 11434, appId: key })]);
    await until(() => second.latest.get(key)?.state === 'ready', 15_000, 'the found Ollama server to be ready');
    expect(await second.serve.logs('demo', key, 50)).toMatch(/success/);

    await second.serve.stop('demo', key, false);
    expect(second.serve.list('demo')).toEqual([]);
    expect(second.tunnels.list('demo')).toEqual([]);
    expect(second.executed).toContain('ollama stop granite3.3:2b');
    const jobs = await second.connection.exec(listHostJobsCommand());
    expect(jobs.stdout).not.toContain(jobId);
    const after = (await second.connection.exec('LC_ALL=C ollama ps')).stdout;
    expect(after).not.toContain('granite3.3:2b');
  });

  it('a model the library does not have fails with the job’s last log lines', async () => {
    const box = await demo();
    const { serve, latest } = await laptop(box);
    const missing = { engine: 'ollama', model: 'no-such-model:7b' } as const;
    const k = ollamaServerKey(ollamaJobId(missing.model, 11434));
    await serve.launch('demo', missing);
    const failed = await until(() => latest.get(k)?.state === 'failed' && latest.get(k), 20_000, 'the failed pull');
    expect(failed.failure!.lastLines.join('\n')).toMatch(/pull model manifest: file does not exist/);
    expect(failed.failure!.message).toMatch(/exited with code 1/);
  });
});
