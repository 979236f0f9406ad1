import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOllamaPsJson, parseOllamaStream, parseOllamaTags } from './ollama-api.js';
import { modelfileParameter, parseModelfile } from './ollama-modelfile.js';
import { parseOllamaProgressJson, parseOllamaProgressText, summarizePull } from './ollama-progress.js';
import { parseOllamaList, parseOllamaPs } from './ollama-tables.js';

const captures = new URL('../../../e2e/fixtures/captures/', import.meta.url);
const cli = readFileSync(new URL('ollama-cli-and-api.txt', captures), 'utf8');
const modelfiles = readFileSync(new URL('ollama-modelfile-qwen3-examples.txt', captures), 'utf8');
/** The capture's text between a `####` heading containing `from` and the next heading. */
export const section = (text: string, from: string): string => {
  const start = text.indexOf('\n', text.indexOf(from)) + 1;
  const end = text.indexOf('\n############', start);
  return text.slice(start, end < 0 ? undefined : end);
};
const json = (text: string) => text.split('\n').filter((l) => !l.startsWith('#')).join('\n');

describe('ollama ps / list tables', () => {
  const ps = section(cli, '`ollama ps`').split('\n');
  it('reads the two-model table with trailing spaces', () => {
    const result = parseOllamaPs(ps.slice(6, 9).join('\n'));
    expect(result).toEqual({
      ok: true,
      rows: [
        { name: 'granite3.3:2b', id: '07bd1f170855', sizeBytes: 2_700_000_000, sizeText: '2.7 GB', processor: { kind: 'gpu' }, context: 4096, until: '4 minutes from now', untilMs: 240_000 },
        { name: 'llama3.2:3b', id: 'a80c4f17acd5', sizeBytes: 3_400_000_000, sizeText: '3.4 GB', processor: { kind: 'gpu' }, context: 4096, until: '4 minutes from now', untilMs: 240_000 },
      ],
    });
  });
  it('reads header-only, indented Forever, CPU and About-a-minute variants', () => {
    expect(parseOllamaPs(ps[1]!)).toEqual({ ok: true, rows: [] });
    const forever = parseOllamaPs(ps.slice(3, 5).join('\n'));
    expect(forever.ok && forever.rows[0]).toMatchObject({ name: 'qwen3.8:27b', sizeBytes: 17e9, context: 98304, until: 'Forever', untilMs: null });
    const cpu = parseOllamaPs(ps.slice(10, 12).join('\n'));
    expect(cpu.ok && cpu.rows[0]).toMatchObject({ processor: { kind: 'cpu' }, until: '29 minutes from now', untilMs: 29 * 60_000 });
    const minute = parseOllamaPs(ps.slice(12, 14).join('\n'));
    expect(minute.ok && minute.rows[0]).toMatchObject({ name: 'qwen3:1.7b', untilMs: 60_000 });
    expect(parseOllamaPs('NAME ID\nfoo bar').ok).toBe(false);
  });
  it('reads ollama list with relative times', () => {
    const result = parseOllamaList(section(cli, '`ollama list`'));
    expect(result.ok && result.rows.map((r) => [r.name, r.id, r.sizeBytes, r.modified])).toEqual([
      ['gemma4:e4b', 'c6eb396dbd59', 9.6e9, '8 hours ago'],
      ['nomic-embed-text:latest', '0a109f422b47', 274e6, '8 hours ago'],
      // A second table from another host follows in the capture.
      ['qwen3:1.7b', '8f68893c685c', 1.4e9, '7 months ago'],
    ]);
    expect(parseOllamaList('garbage').ok).toBe(false);
  });
});

describe('ollama pull / create progress', () => {
  it('reads the Spark pull capture: five layers, sizes, success', () => {
    const summary = summarizePull(parseOllamaProgressText(section(cli, '`ollama pull qwen2.5:32b`')));
    expect(summary.succeeded).toBe(true);
    expect(summary.layers.map((l) => [l.shortDigest, l.totalBytes, l.complete])).toEqual([
      ['58574f2e94b9', 18e9, true],
      ['53e4ea15e8f5', 1500, true],
      ['d18a5cc71b84', 11e3, true],
      ['cff3f395ef37', 120, true],
      ['3cdc64c2b371', 494, true],
    ]);
  });
  it('reads /api/pull NDJSON with the 12-hex status quirk and both cleanup spellings', () => {
    const line = '{"status":"pulling 58574f2e94b9","digest":"sha256:58574f2e94b99fb9e4391408b57e5aeaaaec10f6384e9a699fc2cb43a5c8eabf","total":18556698560,"completed":241970}';
    expect(parseOllamaProgressJson(line)).toMatchObject({ kind: 'layer', shortDigest: '58574f2e94b9', digest: expect.stringMatching(/^sha256:58574f2e94b9/), totalBytes: 18556698560, completedBytes: 241970, percent: 0 });
    expect(parseOllamaProgressJson('{"status": "removing any unused layers"}')).toEqual({ kind: 'removing-layers' });
    expect(parseOllamaProgressJson('{"status":"removing unused layers"}')).toEqual({ kind: 'removing-layers' });
    expect(parseOllamaProgressJson('{"error":"pull model manifest: file does not exist"}')).toEqual({ kind: 'error', message: 'pull model manifest: file does not exist' });
    expect(parseOllamaProgressJson('{"stat')).toBeNull();
  });
  it('reads both create captures', () => {
    const gguf = parseOllamaProgressText(section(cli, '(FROM ./local.gguf; user capture)'));
    expect(gguf.map((e) => e.kind)).toEqual(['gathering', 'copying', 'parsing-gguf', 'existing-layer', 'new-layer', 'new-layer', 'writing-manifest', 'success', 'other']);
    expect(gguf[1]).toEqual({ kind: 'copying', digest: 'sha256:16bba29e220550acfe6e8981cfd76b607ae00d8568bef711ff6c0455ddb322b8', percent: 100 });
    const existing = parseOllamaProgressText(section(cli, '(FROM existing model; user capture)'));
    expect(existing.filter((e) => e.kind === 'existing-layer')).toHaveLength(2);
    expect(existing.filter((e) => e.kind === 'new-layer')).toHaveLength(3);
  });
});

describe('ollama REST JSON', () => {
  it('validates /api/tags and /api/ps from the docs', () => {
    const tags = parseOllamaTags(json(section(cli, 'GET /api/tags')));
    expect(tags.ok && tags.value.models.map((m) => [m.name, m.size, m.details?.parameter_size])).toEqual([
      ['deepseek-r1:latest', 4683075271, '7.6B'],
      ['llama3.2:latest', 2019393189, '3.2B'],
    ]);
    const ps = parseOllamaPsJson(json(section(cli, 'GET /api/ps')));
    expect(ps.ok && ps.value.models[0]).toMatchObject({ name: 'mistral:latest', size_vram: 5137025024, expires_at: '2024-06-04T14:38:31.83753-07:00' });
    expect(parseOllamaTags('{"models": [{}]}').ok).toBe(false);
  });
  it('sums a chat stream and reads its final statistics', () => {
    const stream = parseOllamaStream(json(section(cli, 'POST /api/chat stream')));
    expect(stream).toMatchObject({ text: 'abe', chunks: 2, done: true, doneReason: 'stop', promptEvalCount: 31, evalCount: 25, evalDurationNs: null, tokensPerSecond: null });
  });
});

describe('Modelfiles', () => {
  it('reads the Qwen3 GGUF Modelfile with repeated stop parameters', () => {
    const result = parseModelfile(section(modelfiles, '(1) Modelfile'));
    expect(result.ok && result.modelfile.from).toBe('./Qwen3-8B-Q4_K_M.gguf');
    expect(result.ok && modelfileParameter(result.modelfile, 'stop')).toEqual(['<|im_start|>', '<|im_end|>']);
    expect(result.ok && modelfileParameter(result.modelfile, 'num_ctx')).toEqual(['32768']);
  });
  it('reads SYSTEM, triple-quoted TEMPLATE, RENDERER/PARSER and the generated header', () => {
    const derived = parseModelfile(section(modelfiles, '(2) Derived'));
    expect(derived.ok && derived.modelfile.system).toBe('你是由崔亮创建的AI助手...');
    const chatml = parseModelfile(`FROM qwen3:8b\n${section(modelfiles, '(3) ChatML')}`);
    expect(chatml.ok && chatml.modelfile.template).toContain('<|im_start|>assistant\n');
    const modern = parseModelfile(section(modelfiles, '(4) Modern'));
    expect(modern.ok && [modern.modelfile.template, modern.modelfile.renderer, modern.modelfile.parser]).toEqual(['{{ .Prompt }}', 'qwen3.5', 'qwen3.5']);
    const generated = parseModelfile(section(modelfiles, '(5)'));
    expect(generated.ok && [generated.modelfile.generatedFrom, generated.modelfile.from.startsWith('/Users/')]).toEqual(['llama3.2:latest', true]);
    expect(parseModelfile('PARAMETER temperature 1')).toEqual({ ok: false, reason: 'no FROM line' });
    expect(parseModelfile('BOGUS x').ok).toBe(false);
  });
});
