import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModelfile } from '../../../../../src/remote/parsers/ollama-modelfile.js';
import { parseOllamaProgressText, summarizePull } from '../../../../../src/remote/parsers/ollama-progress.js';
import { parseOllamaList, parseOllamaPs } from '../../../../../src/remote/parsers/ollama-tables.js';
import { testBox, type TestBox } from '../../testing.js';
import { writeGgufFile } from '../llamacpp/gguf-file.js';
import { ollama } from './ollama.js';

const cli = readFileSync(new URL('../../../../../e2e/fixtures/captures/ollama-cli-and-api.txt', import.meta.url), 'utf8');
const section = (from: string): string => {
  const start = cli.indexOf('\n', cli.indexOf(from)) + 1;
  return cli.slice(start, cli.indexOf('\n############', start));
};
const box = (): TestBox =>
  testBox({
    mutate: (s) => {
      s.tuning.downloadBytesPerSec = 4e12;
      s.tuning.ttftMs = 0;
      s.tuning.tokenDelayMs = 0;
    },
  });
const run = (b: TestBox, ...args: string[]) => b.run(ollama, 'ollama', args, { cwd: '/home/demo' });

describe('ollama CLI', () => {
  it('pulls qwen2.5:32b like the Spark capture: parse both and agree', async () => {
    const b = box();
    const result = await run(b, 'pull', 'qwen2.5:32b');
    expect(result.code).toBe(0);
    const ours = summarizePull(parseOllamaProgressText(result.stdout));
    const real = summarizePull(parseOllamaProgressText(section('`ollama pull qwen2.5:32b`')));
    expect(ours).toEqual(real);
    expect(result.stdout.split('\n').slice(-4)).toEqual(['verifying sha256 digest', 'writing manifest', 'success', '']);
  });

  it('lists pulled models with the capture layout and relative times', async () => {
    const b = box();
    await run(b, 'pull', 'gemma4:e4b');
    await run(b, 'pull', 'nomic-embed-text');
    b.advance(8 * 3_600_000);
    const ours = parseOllamaList((await run(b, 'list')).stdout);
    const real = parseOllamaList(section('`ollama list`').split('\n').slice(0, 3).join('\n'));
    expect(ours).toEqual(real);
    // Same column layout as the capture (its trailing spaces were stripped when copied).
    expect((await run(b, 'list')).stdout.split('\n').map((l) => l.trimEnd())).toEqual([...section('`ollama list`').split('\n').slice(0, 3), '']);
  });

  it('run loads the model: ps shows it 100% GPU with 4096 context, nvidia-smi sees the runner', async () => {
    const b = box();
    const reply = await run(b, 'run', 'llama3.2:3b', 'Who are you?');
    expect(reply.code).toBe(0);
    expect(reply.stdout).toContain("Meta's Llama");
    expect(reply.stdout.endsWith('\n\n')).toBe(true);
    expect(b.state().gpuProcesses.map((p) => p.name)).toEqual(['/usr/local/bin/ollama']);
    b.advance(45_000);
    const ps = parseOllamaPs((await run(b, 'ps')).stdout);
    expect(ps.ok && ps.rows).toEqual([
      { name: 'llama3.2:3b', id: 'a80c4f17acd5', sizeBytes: expect.any(Number), sizeText: expect.stringMatching(/^\d\.\d GB$/), processor: { kind: 'gpu' }, context: 4096, until: '4 minutes from now', untilMs: 240_000 },
    ]);
    const real = parseOllamaPs(section('`ollama ps`').split('\n').slice(6, 9).join('\n'));
    expect(ps.ok && real.ok && Object.keys(ps.rows[0]!)).toEqual(real.ok && Object.keys(real.rows[0]!));
    expect((await run(b, 'stop', 'llama3.2:3b')).code).toBe(0);
    expect(b.state().gpuProcesses).toEqual([]);
    expect((await run(b, 'ps')).stdout).toBe('NAME    ID    SIZE    PROCESSOR    CONTEXT    UNTIL \n');
    b.advance(10 * 60_000);
  });

  it('creates from a local GGUF like the capture, reusing the blob the second time', async () => {
    const b = box();
    writeGgufFile(join(b.root, 'home/demo/Qwen3-8B-Q4_K_M.gguf'), 5_000_000, 399, { 'general.architecture': 'qwen3', 'general.parameter_count': 8_190_735_360n, 'general.file_type': 15, 'qwen3.context_length': 40960 });
    const examples = readFileSync(new URL('../../../../../e2e/fixtures/captures/ollama-modelfile-qwen3-examples.txt', import.meta.url), 'utf8').split('\n');
    // Example (1) plus example (3)'s TEMPLATE: a template and parameters, two new layers like the capture.
    const modelfile = [...examples.slice(1, 8), ...examples.slice(16, 22)].join('\n');
    await b.run(async (io) => (io.fs.writeText('/home/demo/Modelfile', modelfile), 0), 'x', []);
    const first = await run(b, 'create', 'qwen3-local', '-f', 'Modelfile');
    expect(first.code).toBe(0);
    const kinds = (text: string) => parseOllamaProgressText(text).map((e) => e.kind);
    expect(kinds(first.stdout)).toEqual(kinds(section('(FROM ./local.gguf; user capture)').split('\n#')[0]!));
    const second = await run(b, 'create', 'qwen3-again', '-f', 'Modelfile');
    expect(kinds(second.stdout)).toEqual(['gathering', 'parsing-gguf', 'existing-layer', 'new-layer', 'new-layer', 'writing-manifest', 'success']);
    const show = await run(b, 'show', 'qwen3-local', '--modelfile');
    const parsed = parseModelfile(show.stdout);
    expect(parsed.ok && [parsed.modelfile.generatedFrom, parsed.modelfile.parameters.filter((p) => p.key === 'stop').map((p) => p.value)]).toEqual(['qwen3-local:latest', ['<|im_start|>', '<|im_end|>']]);
    expect((await run(b, 'show', 'qwen3-local')).stdout).toMatch(/^ {2}Model\n {4}architecture {6}qwen3 +\n {4}parameters {8}8\.2B +\n {4}context length {4}40960/);
    const missing = await run(b, 'create', 'x', '-f', 'Nope');
    expect([missing.code, missing.stderr]).toEqual([1, 'Error: open Nope: no such file or directory\n']);
  });

  it('derives a model FROM a pulled one, then removes it', async () => {
    const b = box();
    await run(b, 'pull', 'qwen3:8b');
    await b.run(async (io) => (io.fs.writeText('/home/demo/Modelfile', 'FROM qwen3:8b\nSYSTEM "You are terse."\nPARAMETER temperature 0.5\n'), 0), 'x', []);
    const created = await run(b, 'create', 'terse');
    expect(parseOllamaProgressText(created.stdout).map((e) => e.kind)).toEqual(['gathering', 'existing-layer', 'existing-layer', 'existing-layer', 'new-layer', 'new-layer', 'writing-manifest', 'success']);
    expect((await run(b, 'rm', 'terse')).stdout).toBe("deleted 'terse'\n");
    expect((await run(b, 'rm', 'terse')).stderr).toBe("Error: model 'terse' not found\n");
  });

  it('resumes an interrupted pull from the bytes it had', async () => {
    const b = testBox({ mutate: (s) => (s.tuning.downloadBytesPerSec = 2e9) });
    const stop = new AbortController();
    const pending = b.run(ollama, 'ollama', ['pull', 'qwen3:1.7b'], { signal: stop.signal });
    stop.abort();
    expect((await pending).code).toBe(130);
    const partial = Object.values(b.state().ollama.partial ?? {});
    expect(partial.length).toBe(1);
    b.store.update((s) => (s.tuning.downloadBytesPerSec = 1e12), b.now);
    const again = await run(b, 'pull', 'qwen3:1.7b');
    expect(again.stdout.split('\n')[1]).toMatch(/^pulling 8f68893c685c|^pulling [0-9a-f]{12}: +\d+%/);
    expect(b.state().ollama.models.map((m) => m.name)).toEqual(['qwen3:1.7b']);
    expect(b.state().ollama.partial).toEqual({});
  });

  it('fails like the real client: daemon down, unknown model, version warnings', async () => {
    const b = box();
    expect((await run(b, 'pull', 'nope:1b')).stderr).toBe('Error: pull model manifest: file does not exist\n');
    b.store.update((s) => (s.ollama.serving = false), b.now);
    for (const args of [['list'], ['ps'], ['run', 'qwen3:8b', 'hi'], ['pull', 'qwen3:8b']]) {
      expect(await run(b, ...args)).toEqual({ stdout: '', stderr: 'Error: could not connect to ollama app, is it running?\n', code: 1 });
    }
    expect((await run(b, '--version')).stdout).toBe('Warning: could not connect to a running Ollama instance\nWarning: client version is 0.30.5\n');
  });
});
