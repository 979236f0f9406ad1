import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLmfError, parseLogDicts, parseTrainMetrics } from '../../../../../src/remote/parsers/llamafactory-console.js';
import { parseTrainResults } from '../../../../../src/remote/parsers/llamafactory-results.js';
import { parseTrainerLog } from '../../../../../src/remote/parsers/llamafactory-trainer-log.js';
import { testBox, type TestBox } from '../../testing.js';
import { llamafactoryPrograms } from './index.js';

const captures = new URL('../../../../../e2e/fixtures/captures/llamafactory/', import.meta.url);
const capture = (name: string) => readFileSync(new URL(name, captures), 'utf8');
const samples = capture('trainer_log.jsonl.samples.txt');
const captureLine = samples.split('\n').find((l) => l.startsWith('{"current_steps": 10, "total_steps": 375'))!;
const cli = llamafactoryPrograms['llamafactory-cli']!;

const put = (b: TestBox, path: string, text: string) => {
  mkdirSync(dirname(join(b.root, path)), { recursive: true });
  writeFileSync(join(b.root, path), text);
};
const sparse = (b: TestBox, path: string, size: number) => {
  mkdirSync(dirname(join(b.root, path)), { recursive: true });
  const fd = openSync(join(b.root, path), 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
};

/** A LLaMA-Factory checkout with the capture's demo data (1004 records like the capture's run) and a Qwen3-4B folder. */
const workspace = (stepMs = 0): TestBox => {
  const b = testBox({ mutate: (s) => (s.tuning.trainStepMs = stepMs) });
  const lf = '/home/demo/LLaMA-Factory';
  put(b, `${lf}/data/dataset_info.json`, capture('data__dataset_info.excerpt.json'));
  const record = (JSON.parse(capture('data__alpaca_en_demo.first3.json')) as unknown[])[1];
  put(b, `${lf}/data/identity.json`, JSON.stringify(Array.from({ length: 4 }, () => record)));
  put(b, `${lf}/data/alpaca_en_demo.json`, JSON.stringify(Array.from({ length: 1000 }, () => record)));
  put(b, `${lf}/models/Qwen3-4B/config.json`, JSON.stringify({ architectures: ['Qwen3ForCausalLM'], model_type: 'qwen3', hidden_size: 2560, num_hidden_layers: 36, num_attention_heads: 32, num_key_value_heads: 8, head_dim: 128, intermediate_size: 9728, vocab_size: 151936, tie_word_embeddings: true }));
  sparse(b, `${lf}/models/Qwen3-4B/model-00001-of-00002.safetensors`, 4_967_215_360);
  sparse(b, `${lf}/models/Qwen3-4B/model-00002-of-00002.safetensors`, 3_077_766_632);
  const yaml = capture('examples__train_lora__qwen3_lora_sft.yaml').replace('Qwen/Qwen3-4B-Instruct-2507', 'models/Qwen3-4B');
  put(b, `${lf}/sft.yaml`, yaml);
  return b;
};
const train = (b: TestBox, args: string[] = [], signal?: AbortSignal) => b.run(cli, 'llamafactory-cli', ['train', 'sft.yaml', ...args], { cwd: '/home/demo/LLaMA-Factory', signal });
const out = (b: TestBox, file: string) => readFileSync(join(b.root, 'home/demo/LLaMA-Factory/saves/qwen3-4b/lora/sft', file), 'utf8');

describe('llamafactory-cli train', () => {
  it('trains like the capture: trainer_log.jsonl parses the same, step 10 of 375 has the real numbers', async () => {
    const b = workspace();
    const result = await train(b);
    expect(result.code).toBe(0);
    const ours = parseTrainerLog(out(b, 'trainer_log.jsonl'));
    expect(ours.entries).toHaveLength(37);
    const real = parseTrainerLog(`${captureLine}\n`).entries[0]!;
    const first = ours.entries[0]!;
    expect({ ...first, elapsedSeconds: 0, remainingSeconds: 0, loss: 0 }).toEqual({ ...real, elapsedSeconds: 0, remainingSeconds: 0, loss: 0 });
    expect(Object.keys(JSON.parse(out(b, 'trainer_log.jsonl').split('\n')[0]!))).toEqual(Object.keys(JSON.parse(captureLine)));
    expect(out(b, 'trainer_log.jsonl').split('\n')[0]).toMatch(/^\{"current_steps": 10, "total_steps": 375, "loss": \d\.\d+, "lr": 2\.6315789473684212e-05, "epoch": 0\.0796812749003984, "percentage": 2\.67, /);
    const losses = ours.entries.map((e) => e.loss!);
    expect(losses[0]! - losses[losses.length - 1]!).toBeGreaterThan(0.8);
    expect(ours.entries.at(-1)).toMatchObject({ currentSteps: 370, percentage: 98.67 });
  });

  it('writes results like HF save_metrics and prints the console the parsers read', async () => {
    const b = workspace();
    const result = await train(b);
    const real = parseTrainResults(samples.slice(samples.indexOf('{\n'), samples.indexOf('\n}') + 2));
    const ours = parseTrainResults(out(b, 'train_results.json'));
    expect(ours.ok && Object.keys(ours.value)).toEqual(real.ok && Object.keys(real.value));
    expect(ours.ok && ours.value.epoch).toBe(3);
    expect(out(b, 'train_results.json')).toMatch(/^\{\n {4}"epoch": 3\.0,\n {4}"total_flos": (?:\d+\.0|\d\.\d+e\+\d\d),\n {4}"train_loss": /);
    expect(out(b, 'all_results.json')).toBe(out(b, 'train_results.json'));
    expect(JSON.parse(out(b, 'checkpoint-375/trainer_state.json'))).toMatchObject({ global_step: 375, max_steps: 375 });
    expect(JSON.parse(out(b, 'adapter_config.json'))).toMatchObject({ r: 8, peft_type: 'LORA' });
    const metrics = parseTrainMetrics(result.stdout);
    const realMetrics = parseTrainMetrics(capture('console-output.txt'));
    expect(Object.entries(metrics!).filter(([, v]) => v === null)).toEqual(Object.entries(realMetrics!).filter(([, v]) => v === null));
    const dicts = parseLogDicts(result.stdout);
    expect(dicts[0]).toMatchObject({ loss: expect.any(Number), learning_rate: 2.632e-5, epoch: 0.08 });
    expect(dicts.at(-1)).toMatchObject({ epoch: 3, train_loss: expect.any(Number) });
    expect(result.stdout).toContain('Figure saved at: saves/qwen3-4b/lora/sft/training_loss.png');
    expect(result.stderr).toContain('Total optimization steps = 375');
    expect(b.state().gpuProcesses).toEqual([]);
  });

  it('holds a python3 process sized by method while it runs, stops on interrupt and resumes without duplicate lines', async () => {
    const b = workspace(1);
    const stop = new AbortController();
    const running = train(b, ['save_steps=50', 'logging_steps=5'], stop.signal);
    const lora = await waitFor(() => (b.state().gpuProcesses.length > 0 && existsInBox(b, 'checkpoint-100') ? b.state().gpuProcesses[0] : undefined));
    stop.abort();
    const interrupted = await running;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stdout).toMatch(/KeyboardInterrupt\n$/);
    expect(lora).toMatchObject({ name: 'python3' });
    expect(lora!.memoryMiB).toBeGreaterThan(8_000);
    expect(lora!.memoryMiB).toBeLessThan(20_000);
    b.store.update((s) => (s.tuning.trainStepMs = 0), b.now);
    const resumed = await train(b, ['save_steps=50', 'logging_steps=5', 'overwrite_output_dir=false']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/Resuming training from saves\/qwen3-4b\/lora\/sft\/checkpoint-\d+\./);
    const steps = parseTrainerLog(out(b, 'trainer_log.jsonl')).entries.map((e) => e.currentSteps);
    expect(steps).toEqual(Array.from({ length: 75 }, (_, i) => (i + 1) * 5));
  });

  it('sizes QLoRA and full fine-tuning differently', async () => {
    const memory = async (args: string[]) => {
      const b = workspace(1);
      const stop = new AbortController();
      const running = train(b, ['max_steps=3', ...args], stop.signal);
      const p = await waitFor(() => b.state().gpuProcesses[0]);
      stop.abort();
      await running;
      return p.memoryMiB;
    };
    const [qlora, lora, full] = [await memory(['quantization_bit=4']), await memory([]), await memory(['finetuning_type=full'])];
    expect(qlora).toBeLessThan(lora);
    expect(full).toBeGreaterThan(lora * 4);
  });

  it('fails like LLaMA Factory on the common mistakes', async () => {
    const b = workspace();
    const kind = async (args: string[]) => parseLmfError((await train(b, args)).stderr);
    expect(await kind(['dataset=identity,my_data'])).toMatchObject({ kind: 'undefined-dataset', subject: 'my_data' });
    expect(await kind(['template=qwen9'])).toMatchObject({ kind: 'unknown-template', subject: 'qwen9' });
    expect(await kind(['model_name_or_path=Qwen/Nope-1B'])).toMatchObject({ kind: 'model-not-found', subject: 'Qwen/Nope-1B' });
    expect(await kind(['dataset_dir=elsewhere'])).toMatchObject({ kind: 'dataset-info-missing' });
    expect((await train(b, ['dataset=identity,my_data'])).code).toBe(1);
  });

  it('prints version, usage and the unknown-command text', async () => {
    const b = workspace();
    expect((await b.run(cli, 'llamafactory-cli', ['version'])).stdout).toContain('| Welcome to LLaMA Factory, version 0.9.6.dev0           |');
    expect((await b.run(cli, 'llamafactory-cli', ['version'])).stdout).toBe(capture('console-output.txt').split('\n').slice(16, 21).join('\n') + '\n');
    const unknown = await b.run(cli, 'llamafactory-cli', ['bogus']);
    expect(unknown.stdout.startsWith('Unknown command: bogus.\n----')).toBe(true);
  });
});

const existsInBox = (b: TestBox, name: string): boolean => {
  try {
    readFileSync(join(b.root, 'home/demo/LLaMA-Factory/saves/qwen3-4b/lora/sft', name, 'trainer_state.json'));
    return true;
  } catch {
    return false;
  }
};

/** Polls a condition on the event loop (no fixed sleep): resolves with its first defined value. */
const waitFor = async <T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met');
    await new Promise((resolve) => setImmediate(resolve));
  }
};
