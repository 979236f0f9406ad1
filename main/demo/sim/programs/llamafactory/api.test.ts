import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { voiceTokens } from '../../servers/reply-text.js';
import { testBox, type TestBox } from '../../testing.js';
import { llamafactoryPrograms } from './index.js';
import { modelCard, modelCardDatasets } from './train-files.js';

const cli = llamafactoryPrograms['llamafactory-cli']!;
const ws = '/home/demo/pgx-finetune';
const put = (b: TestBox, path: string, text: string) => {
  mkdirSync(dirname(join(b.root, path)), { recursive: true });
  writeFileSync(join(b.root, path), text);
};
const records = [
  { instruction: '你是谁？', input: '', output: '我是甄家的女儿，如今在宫中做个贵人。' },
  { instruction: '今日天气如何？', input: '', output: '回小主，今日晴好，御花园的海棠开了。' },
];

/** A workspace with a tiny model, the huanhuan set registered, and a LoRA run trained on it. */
const trained = async (): Promise<TestBox> => {
  const b = testBox({ mutate: (s) => ((s.tuning.trainStepMs = 0), (s.tuning.serverReadyMs = 20)) });
  put(b, `${ws}/data/dataset_info.json`, JSON.stringify({ huanhuan: { file_name: 'huanhuan.json' } }));
  put(b, `${ws}/data/huanhuan.json`, JSON.stringify(records));
  put(b, `${ws}/models/tiny/config.json`, JSON.stringify({ model_type: 'qwen3', hidden_size: 256, num_hidden_layers: 2, num_attention_heads: 4, intermediate_size: 512, vocab_size: 1000 }));
  put(b, `${ws}/run.yaml`, ['model_name_or_path: models/tiny', 'stage: sft', 'do_train: true', 'finetuning_type: lora', 'dataset: huanhuan', 'template: qwen3_nothink', 'output_dir: saves/tiny/lora', 'num_train_epochs: 1', 'per_device_train_batch_size: 1', ''].join('\n'));
  expect((await b.run(cli, 'llamafactory-cli', ['train', 'run.yaml'], { cwd: ws })).code).toBe(0);
  return b;
};

const serve = (b: TestBox, argv: string[], env: Record<string, string> = {}) => {
  const abort = new AbortController();
  const done = b.run(cli, 'llamafactory-cli', ['api', ...argv], { cwd: ws, env, signal: abort.signal });
  return { done, stop: () => abort.abort() };
};

describe('llamafactory-cli api', () => {
  it('serves the base model and the tuned one on API_PORT as API_MODEL_NAME; the tuned one carries its dataset’s voice', async () => {
    const b = await trained();
    expect(modelCardDatasets(readFile(b, `${ws}/saves/tiny/lora/README.md`))).toEqual(['huanhuan']);
    const base = serve(b, ['--model_name_or_path', 'models/tiny', '--template', 'qwen3_nothink'], { API_PORT: '18101', API_MODEL_NAME: 'base' });
    const tuned = serve(b, ['--model_name_or_path', 'models/tiny', '--adapter_name_or_path', 'saves/tiny/lora', '--template', 'qwen3_nothink', '--finetuning_type', 'lora'], { API_PORT: '18102', API_MODEL_NAME: 'tuned' });
    await new Promise((r) => setTimeout(r, 80));
    base.stop();
    tuned.stop();
    const [b1, t1] = await Promise.all([base.done, tuned.done]);
    expect(b1.code).toBe(0);
    expect(b1.stdout).toContain('Visit http://localhost:18101/docs for API document.');
    expect(b1.stderr).toContain('INFO:     Uvicorn running on http://0.0.0.0:18101 (Press CTRL+C to quit)');
    expect(b1.stderr).toMatch(/INFO: {5}Finished server process \[\d+\]\n$/);
    expect(t1.stdout).toContain('llamafactory.model.adapter:144 >> Loaded adapter(s): saves/tiny/lora');
    const [baseSpec, tunedSpec] = b.servers.started;
    expect(baseSpec).toMatchObject({ kind: 'llamafactory', subcommand: 'api', port: 18101, servedName: 'base' });
    expect(baseSpec!.voice).toBeUndefined();
    expect(tunedSpec).toMatchObject({ port: 18102, servedName: 'tuned', voice: [['你是谁？', records[0]!.output], ['今日天气如何？', records[1]!.output]] });
    expect(voiceTokens(tunedSpec!.voice!, '你是谁？', 100).join('')).toBe(records[0]!.output);
    expect(voiceTokens(tunedSpec!.voice!, '天气怎么样', 100).join('')).toBe(records[1]!.output);
    expect(b.servers.stopped).toHaveLength(2);
    expect(b.state().gpuProcesses).toEqual([]);
  });

  it('defaults to port 8000 and gpt-3.5-turbo, from a YAML with overrides', async () => {
    const b = await trained();
    put(b, `${ws}/chat.yaml`, 'model_name_or_path: models/tiny\ntemplate: qwen3_nothink\n');
    const run = serve(b, ['chat.yaml', 'adapter_name_or_path=saves/tiny/lora']);
    await new Promise((r) => setTimeout(r, 50));
    run.stop();
    expect((await run.done).code).toBe(0);
    expect(b.servers.started[0]).toMatchObject({ port: 8000, servedName: 'gpt-3.5-turbo' });
    expect(b.servers.started[0]!.voice).toHaveLength(2);
  });

  it('refuses what LLaMA Factory refuses, with its exception text', async () => {
    const b = await trained();
    const fails = async (argv: string[], text: string) => {
      const result = await b.run(cli, 'llamafactory-cli', ['api', ...argv], { cwd: ws });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(text);
    };
    await fails(['model_name_or_path=models/tiny'], "ValueError: Some specified arguments are not used by the HfArgumentParser: ['model_name_or_path=models/tiny']");
    await fails(['--model_name_or_path', 'models/tiny', '--adapter_name_or_path', 'saves/tiny', '--template', 'qwen3'], "ValueError: Can't find 'adapter_config.json' at 'saves/tiny'");
    await fails(['--model_name_or_path', 'models/tiny', '--adapter_name_or_path', 'saves/tiny/lora', '--finetuning_type', 'full'], 'ValueError: Adapter is only valid for the LoRA method.');
    await fails(['--model_name_or_path', 'models/tiny', '--template', 'nope'], 'ValueError: Template nope does not exist.');
    await fails(['--model_name_or_path', 'models/none'], 'OSError: models/none is not a local folder');
    expect(b.servers.started).toEqual([]);
    // No template: a warning, then it serves (the tokenizer's chat template is parsed).
    const run = serve(b, ['--model_name_or_path', 'models/tiny']);
    await new Promise((r) => setTimeout(r, 50));
    run.stop();
    expect((await run.done).stdout).toContain('`template` was not specified, try parsing the chat template from the tokenizer.');
  });

  it('reads the datasets back from the model card it writes', () => {
    expect(modelCardDatasets(modelCard('x', 'Qwen/Qwen3-8B', ['a', 'b', 'c_d'], 'lora', true))).toEqual(['a', 'b', 'c_d']);
    expect(modelCardDatasets(modelCard('x', '/m', [], 'full', false))).toEqual([]);
  });
});

function readFile(b: TestBox, path: string): string {
  return readFileSync(join(b.root, path), 'utf8');
}
