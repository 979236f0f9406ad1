import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrainingSettings } from '../../domain/finetune.js';
import { bytesThroughStep, readCurveChunk, utf8Length } from './curve.js';
import { parseFinetuneEnvironment } from './environment.js';
import { estimateFinetuneMemory, modelShapeFromConfig, trainableParameters } from './memory.js';
import { absoluteOutputDir, checkpointSteps, curveReadCommand, parseRunFacts, runFactsCommand, startRunCommand, type RunSpec } from './run-commands.js';
import { runErrorOf } from './run-view.js';

const GiB = 1024 ** 3;
const samples = readFileSync(new URL('../../../e2e/fixtures/captures/llamafactory/trainer_log.jsonl.samples.txt', import.meta.url), 'utf8');
const lines = samples.split('\n').filter((l) => l.startsWith('{"current_steps"'));

describe('curve by byte offset', () => {
  it('takes whole lines only and resumes exactly after the last newline', () => {
    const text = `${lines.slice(0, 3).join('\n')}\n`;
    const cut = text.length - 20; // the third line half written
    const first = readCurveChunk(text.slice(0, cut), 0);
    expect(first.points).toHaveLength(2);
    expect(first.nextOffset).toBe(utf8Length(`${lines[0]}\n${lines[1]}\n`));
    const second = readCurveChunk(text.slice(first.nextOffset), first.nextOffset);
    expect(second.points).toHaveLength(1);
    expect(second.nextOffset).toBe(utf8Length(text));
    expect(readCurveChunk('{"current_st', 7)).toEqual({ points: [], entries: [], nextOffset: 7 });
  });

  it('points carry loss, lr and epoch from the real lines', () => {
    const point = readCurveChunk(`${lines.find((l) => l.startsWith('{"current_steps": 10, "total_steps": 375'))!}\n`, 0).points[0]!;
    expect(point).toMatchObject({ step: 10, loss: 2.203, lr: 2.6315789473684212e-05 });
  });

  it('counts UTF-8 bytes, and cuts a log back to a checkpoint', () => {
    expect(utf8Length('a甄😀')).toBe(1 + 3 + 4);
    const log = ['{"current_steps": 5, "total_steps": 20, "loss": 1}', '{"current_steps": 10, "total_steps": 20, "loss": 1}', '{"current_steps": 15, "total_steps": 20, "loss": 1}', ''].join('\n');
    expect(bytesThroughStep(log, 10)).toBe(log.indexOf('{"current_steps": 15'));
    expect(bytesThroughStep(log, 0)).toBe(0);
  });

  it('reads from the offset with tail -c +N', () => {
    expect(curveReadCommand('/o d', 0)).toBe(`tail -c +1 '/o d/trainer_log.jsonl' | head -c 1048576`);
    expect(curveReadCommand('/o', 99)).toContain('tail -c +100 ');
  });
});

const qwen3_1_7b = JSON.stringify({ architectures: ['Qwen3ForCausalLM'], hidden_size: 2048, num_hidden_layers: 28, num_attention_heads: 16, num_key_value_heads: 8, head_dim: 128, intermediate_size: 6144, vocab_size: 151936, tie_word_embeddings: true });
const box = { totalBytes: 119.7 * GiB, availableBytes: 110 * GiB, freeBytes: 100 * GiB, cachedBytes: 5 * GiB };
const settings = (over: Partial<TrainingSettings> = {}) => ({ ...TrainingSettings.parse({ baseModel: 'Qwen/Qwen3-1.7B-Base', template: 'qwen3_nothink', method: 'lora', datasets: ['huanhuan'], outputDir: 'saves/x' }), ...over });

describe('memory estimate', () => {
  it('LoRA on Qwen3-1.7B fits a GB10 easily; full fine-tuning of a 70B-class model is refused with a fix', () => {
    const shape = modelShapeFromConfig(qwen3_1_7b)!;
    expect(shape.parameters / 1e9).toBeCloseTo(1.72, 1);
    expect(trainableParameters(settings(), shape)).toBe(8 * (2048 + 2048 + (2048 + 1024) * 2 + 2048 + 2048 + (2048 + 6144) * 3) * 28);
    expect(estimateFinetuneMemory(settings(), shape, box).verdict).toBe('ok');
    const big = { ...shape, parameters: 70e9, hidden: 8192, layers: 80, heads: 64, kvHeads: 8, intermediate: 28672 };
    const full = estimateFinetuneMemory(settings({ method: 'full' }), big, box);
    expect(full.verdict).toBe('refuse');
    expect(full.message).toMatch(/use LoRA or QLoRA 4-bit/);
    const q = estimateFinetuneMemory(settings({ method: 'qlora', quantizationBit: 4 }), big, box);
    const l = estimateFinetuneMemory(settings({ method: 'lora' }), big, box);
    expect(q.totalBytes!).toBeLessThan(l.totalBytes!);
  });

  it('unknown without the model’s config, and says so', () => {
    expect(estimateFinetuneMemory(settings(), null, box)).toMatchObject({ verdict: 'unknown', totalBytes: null });
  });
});

describe('environment', () => {
  const probe = (parts: Record<string, [string, number]>) => Object.entries(parts).map(([id, [out, rc]]) => `@@probe ${id}\n${out}${out ? '\n' : ''}@@rc ${rc}`).join('\n');

  it('a checkout with a venv: the venv launcher, the checkout as the workspace', () => {
    const env = parseFinetuneEnvironment(probe({ home: ['/home/u', 0], cli: ['', 1], version: ['', 127], venvs: ['/home/u/LLaMA-Factory/.venv/bin/llamafactory-cli', 2], checkouts: ['/home/u/LLaMA-Factory/data', 2], infos: ['/home/u/LLaMA-Factory/data/dataset_info.json', 2], images: ['nvcr.io/nvidia/pytorch:25.08-py3\nubuntu:24.04', 0], containers: ['', 0] }));
    expect(env).toMatchObject({ kind: 'host', venv: '/home/u/LLaMA-Factory/.venv', workspace: '/home/u/LLaMA-Factory', dataDir: '/home/u/LLaMA-Factory/data', datasetInfoExists: true, images: ['nvcr.io/nvidia/pytorch:25.08-py3'] });
    expect(startRunCommand('ft-t-a-1', env, {} as RunSpec)).toContain(`/home/u/LLaMA-Factory/.venv/bin/llamafactory-cli train "$HOME"/.pgx-companion/jobs/ft-t-a-1/run.yaml`);
  });

  it('nothing installed: missing, with the exact install commands', () => {
    const env = parseFinetuneEnvironment(probe({ home: ['/home/u', 0], cli: ['', 1], version: ['', 127], venvs: ['', 2], checkouts: ['', 2], infos: ['', 2], images: ['', 0], containers: ['', 0] }));
    expect(env).toMatchObject({ kind: 'missing', cliPath: null, workspace: '/home/u/pgx-finetune', datasetInfoExists: false });
    expect(env.install.host[0]).toBe('git clone --depth 1 https://github.com/hiyouga/LLaMA-Factory.git /home/u/LLaMA-Factory');
    expect(env.install.container[0]).toContain('--gpus all --ipc=host');
  });
});

describe('run facts and failures', () => {
  it('reads the fenced facts', () => {
    const facts = parseRunFacts('@@job\nlog\npid\nstopped\n@@out\ncheckpoint-20\ncheckpoint-100\ntmp-checkpoint-120\ntrainer_log.jsonl\n@@last\n{"current_steps": 1}\n@@log\nline a\nline b\n@@end\n');
    expect(facts).toEqual({ stoppedMarker: true, outputEntries: ['checkpoint-20', 'checkpoint-100', 'tmp-checkpoint-120', 'trainer_log.jsonl'], lastLogLine: '{"current_steps": 1}', logTail: 'line a\nline b' });
    expect(checkpointSteps(facts.outputEntries)).toEqual([20, 100]);
    expect(runFactsCommand('ft-t-x-1', "/o'd", 40)).toContain(`ls -1 '/o'\\''d'`);
  });

  it('says why a run failed, with the last lines', () => {
    const log = 'Traceback (most recent call last):\n  File "x"\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n';
    expect(runErrorOf(log, 1)).toMatchObject({ message: 'The run ran out of memory.', hint: expect.stringMatching(/QLoRA 4-bit/), lines: ['Traceback (most recent call last):', '  File "x"', 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB'] });
    expect(runErrorOf('', null).message).toMatch(/without an exit code/);
  });

  it('relative output folders are under the workspace', () => {
    expect(absoluteOutputDir('/home/u/LLaMA-Factory', 'saves/q/lora/sft')).toBe('/home/u/LLaMA-Factory/saves/q/lora/sft');
    expect(absoluteOutputDir('/home/u/w', '../x/./y')).toBe('/home/u/x/y');
    expect(absoluteOutputDir('/home/u/w', '/data/out')).toBe('/data/out');
  });
});
