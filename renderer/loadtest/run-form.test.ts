import { describe, expect, it } from 'vitest';
import { defaultRunForm, settingsFromForm, withServer, type RunForm, type ServerTarget } from './run-form.js';

const server: ServerTarget = { key: 'container:pgx-serve-vllm-8000', deviceId: 'dev1', boxPort: 8000, model: 'nvidia/Qwen3-30B-A3B-NVFP4', label: 'vLLM · nvidia/Qwen3-30B-A3B-NVFP4' };
const form = (patch: Partial<RunForm> = {}): RunForm => ({ ...withServer(defaultRunForm, server), ...patch });

describe('settingsFromForm', () => {
  it('turns the default form with a server into settings the schema takes', () => {
    const r = settingsFromForm(form({ name: '  vLLM + NVFP4 ' }), [server]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.name).toBe('vLLM + NVFP4');
    expect(r.settings.target).toEqual({ kind: 'server', deviceId: 'dev1', boxPort: 8000, model: 'nvidia/Qwen3-30B-A3B-NVFP4', label: server.label });
    expect(r.settings.parallel).toEqual([1, 2, 4, 8]);
    expect(r.settings.percentiles).toEqual([50, 90, 95, 99]);
    expect(r.settings.rate).toEqual({ kind: 'unlimited' });
    expect(r.settings.slo).toEqual({ ttftMs: null, tpotMs: null });
    expect(r.settings.minTokens).toBeNull();
  });

  it('builds a URL target, Poisson rate, SLOs and random prompts', () => {
    const r = settingsFromForm(form({ targetKind: 'url', url: 'http://127.0.0.1:9000/v1', model: 'qwen3:8b', rateKind: 'poisson', ratePerSecond: '2.5', sloTtftMs: '500', sloTpotMs: '40', datasetKind: 'random', inputTokens: '1024', outputTokens: '128', minTokens: '64' }), []);
    expect(r.ok && r.settings).toMatchObject({ target: { kind: 'url', baseUrl: 'http://127.0.0.1:9000/v1', model: 'qwen3:8b' }, rate: { kind: 'poisson', perSecond: 2.5 }, slo: { ttftMs: 500, tpotMs: 40 }, dataset: { kind: 'random', inputTokens: 1024, outputTokens: 128 }, minTokens: 64 });
  });

  it('gives one sentence key per wrong field', () => {
    const r = settingsFromForm(form({ model: ' ', requests: '0', parallel: '1,x', maxTokens: '10', minTokens: '20', warmup: '-1', sloTtftMs: 'fast', percentiles: '200', seed: '1.5', rateKind: 'poisson', ratePerSecond: '0' }), [server]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.field, p.key])).toEqual([
      ['model', 'model'],
      ['requests', 'requests'],
      ['parallel', 'parallel.not-number'],
      ['ratePerSecond', 'rate'],
      ['minTokens', 'minAboveMax'],
      ['warmup', 'warmup'],
      ['sloTtftMs', 'slo'],
      ['percentiles', 'percentiles'],
      ['seed', 'seed'],
    ]);
  });

  it('asks for a server that runs, a valid URL, and a picked file', () => {
    const gone = settingsFromForm(form(), []);
    expect(!gone.ok && gone.problems.map((p) => p.key)).toEqual(['server']);
    const badUrl = settingsFromForm(form({ targetKind: 'url', url: 'ftp://box/v1' }), []);
    expect(!badUrl.ok && badUrl.problems.map((p) => p.key)).toEqual(['url']);
    const noFile = settingsFromForm(form({ datasetKind: 'file' }), [server]);
    expect(!noFile.ok && noFile.problems.map((p) => p.key)).toEqual(['file']);
    const file = settingsFromForm(form({ datasetKind: 'file', file: { name: 'p.txt', prompts: ['a', 'b'] } }), [server]);
    expect(file.ok && file.settings.dataset).toEqual({ kind: 'file', name: 'p.txt', prompts: ['a', 'b'] });
  });
});
