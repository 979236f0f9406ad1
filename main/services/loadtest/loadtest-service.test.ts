import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/contract/errors.js';
import type { LoadTestReport } from '../../../src/domain/loadtest.js';
import type { TunnelView } from '../../../src/domain/tunnel.js';
import { silentLogger } from '../log.js';
import { LoadTestService, urlTarget } from './loadtest-service.js';
import { ReportStore } from './report-store.js';
import { settingsFor, startSim } from './test-kit.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
});

const kit = (port = 0) => {
  const finished: { report: LoadTestReport | null; error: AppError | null }[] = [];
  const execs: { deviceId: string; command: string; stdin: string }[] = [];
  const watches: string[] = [];
  let done: () => void = () => {};
  const ended = new Promise<void>((r) => (done = r));
  const store = new ReportStore(join(mkdtempSync(join(tmpdir(), 'pgx-ltsvc-')), 'loadtests'));
  const tunnel = { id: 't1', deviceId: 'dev1', boxPort: 8000, localPort: port, state: 'ready' } as unknown as TunnelView;
  const service = new LoadTestService({
    tunnels: { list: () => [tunnel], open: () => Promise.resolve(tunnel) },
    servers: () => [{ boxPort: 8000, engine: 'vllm', image: 'vllm/vllm-openai:v0.28.0', model: '/models/q', containerName: 'pgx-vllm', servedModelName: 'qwen3-30b', command: 'vllm serve /models/q' } as never],
    samples: () => [{ at: Date.now() - 1, gpu: { temperatureC: 61, powerW: 80, utilizationPercent: 96 } } as never, { at: 0, gpu: null } as never],
    exec: (deviceId, command, stdin) => (execs.push({ deviceId, command, stdin }), Promise.resolve({ code: 0, stderr: '' })),
    execStream: () => Promise.reject(new Error('no box in this test')),
    watchTelemetry: (watcher, deviceId, on) => watches.push(`${watcher} ${deviceId} ${on ? 'on' : 'off'}`),
    store,
    events: { progressed: () => {}, finished: (_c, p) => (finished.push(p), done()) },
    log: silentLogger,
  });
  return { service, store, finished, execs, watches, ended };
};

describe('load-test service', () => {
  it('a URL target is this computer only; its path before /v1 is kept', () => {
    expect(urlTarget('http://127.0.0.1:8000/v1', 'm')).toEqual({ port: 8000, basePath: '', model: 'm' });
    expect(urlTarget('http://localhost:9000/proxy/v1/', 'm')).toEqual({ port: 9000, basePath: '/proxy', model: 'm' });
    expect(() => urlTarget('http://10.0.0.5:8000/v1', 'm')).toThrow(/only sends to a server on this computer/);
    expect(() => urlTarget('https://127.0.0.1/v1', 'm')).toThrow(/only sends to a server on this computer/);
  });

  it('a URL on this computer cannot be load-tested from the box, and says so', async () => {
    await expect(kit().service.start('c1', settingsFor({ place: 'box' }))).rejects.toThrow(/cannot be load-tested from the box/);
  });

  it('a box server through its tunnel: report with recipe and telemetry, saved here and on the box; list, rename, delete', async () => {
    const sim = await startSim();
    stops.push(sim.stop);
    const { service, store, finished, execs, watches, ended } = kit(sim.port);
    const settings = settingsFor({ target: { kind: 'server', deviceId: 'dev1', boxPort: 8000, model: 'qwen3-30b', label: 'vLLM' }, requests: 4, parallel: [1, 2] });
    const { runId } = await service.start('c1', settings, 'first');
    // The box's telemetry is sampled for the whole run, whether or not a window watches it.
    expect(watches).toEqual([`loadtest:${runId} dev1 on`]);
    await ended;
    await new Promise((r) => setTimeout(r, 0));
    expect(watches).toEqual([`loadtest:${runId} dev1 on`, `loadtest:${runId} dev1 off`]);
    const report = finished[0]!.report!;
    expect(report).toMatchObject({ id: runId, name: 'first', state: 'done', server: { engine: 'vllm', image: 'vllm/vllm-openai:v0.28.0' }, box: [{ gpuTempC: 61, powerW: 80, gpuUtil: 96 }] });
    expect(report.levels.map((l) => l.succeeded)).toEqual([4, 4]);
    expect(execs).toEqual([{ deviceId: 'dev1', command: `mkdir -p "$HOME"/.pgx-companion/loadtests && cat > "$HOME"/.pgx-companion/loadtests/${runId}.json.tmp && mv -f "$HOME"/.pgx-companion/loadtests/${runId}.json.tmp "$HOME"/.pgx-companion/loadtests/${runId}.json`, stdin: JSON.stringify(report) }]);
    expect(service.reports()).toMatchObject([{ id: runId, name: 'first', engine: 'vllm', parallel: [1, 2] }]);
    expect(service.rename(runId, 'vLLM NVFP4').name).toBe('vLLM NVFP4');
    expect(store.get(runId).name).toBe('vLLM NVFP4');
    service.delete(runId);
    expect(service.reports()).toEqual([]);
    expect(() => service.report(runId)).toThrow(/not saved on this computer/);
  });

  it('cancel from another window does nothing; from its own it ends the run as cancelled', async () => {
    const sim = await startSim({ ttftMs: 5_000 });
    stops.push(sim.stop);
    const { service, finished, ended } = kit(sim.port);
    const { runId } = await service.start('c1', settingsFor({ target: { kind: 'url', baseUrl: `http://127.0.0.1:${sim.port}/v1`, model: 'qwen3-30b' } }));
    service.cancel(runId, 'other');
    await new Promise((r) => setTimeout(r, 50));
    expect(finished).toEqual([]);
    service.cancel(runId, 'c1');
    await ended;
    expect(finished[0]!.report).toMatchObject({ state: 'cancelled', levels: [{ succeeded: 0, failures: [{ reason: 'cancelled' }] }] });
  });
});
