import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLmfError, parseLogDicts, parseTrainMetrics } from './llamafactory-console.js';
import { parseDatasetInfo, parseGeneratedPredictions, parseMetricsJson, parsePredictResults, parseTrainResults } from './llamafactory-results.js';
import { parseTrainerLog } from './llamafactory-trainer-log.js';

const dir = new URL('../../../e2e/fixtures/captures/llamafactory/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');
const samples = read('trainer_log.jsonl.samples.txt');
const consoleText = read('console-output.txt');
const jsonLines = samples.split('\n').filter((l) => l.startsWith('{"current_steps"'));
const block = (after: string) => {
  const start = samples.indexOf('{\n', samples.indexOf(after));
  return samples.slice(start, samples.indexOf('\n}', start) + 2);
};

describe('trainer_log.jsonl', () => {
  it('reads every captured line kind: train, tokens, accuracy, eval, progress', () => {
    const log = parseTrainerLog(`${jsonLines.map((l) => l.replace(/\s+<-.*$/, '')).join('\n')}\n`);
    expect(log.badLines).toBe(0);
    expect(log.entries).toHaveLength(9);
    expect(log.entries[0]).toMatchObject({ currentSteps: 5, totalSteps: 93, loss: 5.7013, lr: 1.0000000000000002e-6, percentage: 5.38, elapsedSeconds: 123, remainingSeconds: 2175, throughput: 13061, totalTokens: 1614784, accuracy: null, kind: 'train' });
    expect(log.entries[4]).toMatchObject({ currentSteps: 10, totalSteps: 375, loss: 2.203, elapsedSeconds: 541, remainingSeconds: 5 * 3600 + 29 * 60 + 8, throughput: null });
    expect(log.entries[6]).toMatchObject({ accuracy: 0.20000000298023224, lr: 0, percentage: 100 });
    expect(log.entries[7]).toMatchObject({ kind: 'eval', evalLoss: 1.2345, loss: null, lr: null });
    expect(log.entries[8]).toMatchObject({ kind: 'progress', loss: null, epoch: null, percentage: 10 });
  });
  it('tolerates a partial last line and a garbage line', () => {
    const log = parseTrainerLog(`${jsonLines[0]}\nnot json\n{"current_steps": 10, "total_st`);
    expect([log.entries.length, log.badLines, log.partialLastLine]).toEqual([1, 1, true]);
    expect(parseTrainerLog('{"current_steps": 1, "total_steps": 2, "elapsed_time": "1 day, 2:03:04"}').entries[0]?.elapsedSeconds).toBe(93_784);
  });
});

describe('console', () => {
  it('finds float- and string-valued dicts inside tqdm redraws', () => {
    const dicts = parseLogDicts(consoleText);
    expect(dicts[0]).toEqual({ loss: 4.7887, grad_norm: 2.1173408031463623, learning_rate: 4.875e-5, epoch: 0 });
    expect(dicts[3]).toMatchObject({ loss: -0.007415, grad_norm: 0.2584, learning_rate: 9.6e-7, num_tokens: 49960 });
    expect(dicts[4]).toEqual({ train_runtime: 2219, train_samples_per_second: 1.474, train_steps_per_second: 0.185, train_loss: 0.7228, epoch: 3 });
  });
  it('reads the Spark train-metrics block', () => {
    expect(parseTrainMetrics(consoleText)).toEqual({ epoch: 3, totalFlosGf: 11076559, trainLoss: 0.9993, trainRuntimeSeconds: 872.12, trainSamplesPerSecond: 3.749, trainStepsPerSecond: 0.471 });
    expect(parseTrainMetrics('nothing')).toBeNull();
  });
  it('turns the common exceptions into kinds', () => {
    expect(parseLmfError('Traceback…\nValueError: Undefined dataset my_data in dataset_info.json.\n')).toEqual({ kind: 'undefined-dataset', message: 'ValueError: Undefined dataset my_data in dataset_info.json.', subject: 'my_data' });
    expect(parseLmfError('ValueError: Template qwen9 does not exist.')?.subject).toBe('qwen9');
    expect(parseLmfError('x\nKeyboardInterrupt\n')?.kind).toBe('keyboard-interrupt');
    expect(parseLmfError('RuntimeError: boom')).toEqual({ kind: 'other', message: 'RuntimeError: boom', subject: null });
    expect(parseLmfError('all good')).toBeNull();
  });
});

describe('result files', () => {
  it('reads train_results.json and predict_results.json from the capture', () => {
    expect(parseTrainResults(block('train_results.json (DPO'))).toEqual({ ok: true, value: { epoch: 1, totalFlos: 36653597884416, trainLoss: 48.01117706298828, trainRuntime: 70.6535, trainSamplesPerSecond: 0.283, trainStepsPerSecond: 0.142 } });
    const predict = parsePredictResults(block('predict_results.json (do_predict'));
    expect(predict.ok && predict.value).toMatchObject({ bleu4: 2.8947849999999997, rouge1: 15.05983, rougeL: 13.38554, runtime: 35.0961, modelPreparationTime: 0.0023 });
    expect(parseMetricsJson('[1]').ok).toBe(false);
  });
  it('reads generated_predictions.jsonl with special tokens and Chinese kept', () => {
    const line = samples.split('\n').find((l) => l.startsWith('{"prompt"'))!;
    const { rows, badLines } = parseGeneratedPredictions(`${line}\n{"prompt": "x"}\n`);
    expect(badLines).toBe(1);
    expect(rows[0]?.prompt.startsWith('<|im_start|>system\nYou are Qwen')).toBe(true);
    expect(rows[0]?.predict).toBe('我是甄嬛，家父是大理寺少卿甄远道。');
  });
  it('reads dataset_info.json keeping unknown keys', () => {
    const info = parseDatasetInfo(read('data__dataset_info.excerpt.json'));
    expect(info.ok && info.value.map((e) => e.name)).toContain('glaive_toolcall_en_demo');
    const glaive = info.ok ? info.value.find((e) => e.name === 'glaive_toolcall_en_demo') : undefined;
    expect(glaive).toMatchObject({ fileName: 'glaive_toolcall_en_demo.json', formatting: 'sharegpt', columns: { messages: 'conversations', tools: 'tools' } });
    const alpaca = info.ok ? info.value.find((e) => e.name === 'alpaca_en') : undefined;
    expect(alpaca).toMatchObject({ fileName: null, hubUrl: 'llamafactory/alpaca_en', raw: { om_hub_url: 'HaM/alpaca_en' } });
    expect(info.ok && info.value.find((e) => e.name === 'dpo_en_demo')?.ranking).toBe(true);
  });
});
