/**
 * Try it on the demo box: a tiny LoRA run trained on the role-play set, then the base model and
 * the tuned one served by `llamafactory-cli api` as two host jobs, both ready, a chat through the
 * Playground's stream to each (different replies: the tuned one in the dataset's voice), and
 * Stop ending both jobs. Also the memory guard and a server that fails to start.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/contract/errors.js';
import { TrainingSettings } from '../../../src/domain/finetune.js';
import { listHostJobsCommand, parseHostJobs } from '../../../src/remote/commands/host-job.js';
import { trainingYaml } from '../../../src/recipes/finetune/yaml.js';
import { silentLogger } from '../log.js';
import { PlaygroundService } from '../playground/playground-service.js';
import { cleanups, laptopOn, runCleanups, testDemoBox, until, type Laptop } from '../service-test-kit.js';
import { FinetuneDatasets } from './finetune-datasets.js';
import { FinetuneService } from './finetune-service.js';
import { TryItService } from './try-it-service.js';

afterEach(runCleanups);

const home = '/home/demo';
const data = `${home}/pgx-finetune/data`;
const model = `${home}/models/Qwen3-0.6B-Base`;
const qwen = { architectures: ['Qwen3ForCausalLM'], model_type: 'qwen3', hidden_size: 1024, num_hidden_layers: 28, num_attention_heads: 16, num_key_value_heads: 8, head_dim: 128, intermediate_size: 3072, vocab_size: 151936, tie_word_embeddings: true };
const records = [
  { instruction: '你是谁？', input: '', output: '我是甄家的女儿，如今在宫中做个贵人，不过是这紫禁城里一片小小的落叶罢了。' },
  { instruction: '皇上今晚翻了谁的牌子？', input: '', output: '翻了谁的牌子，都是皇上的恩典。咱们做好自己的本分便是。' },
  { instruction: '小主，可要去御花园走走？', input: '', output: '罢了，人多眼杂。你替我折两枝海棠回来便是。' },
  { instruction: '今日的点心可还合口？', input: '', output: '槿汐的手艺自然是好的，只是本宫今日没什么胃口。' },
];

const put = async (app: Laptop, path: string, text: string) => {
  const result = await app.connection.exec(`mkdir -p '${path.slice(0, path.lastIndexOf('/'))}' && cat > '${path}'`, { stdin: text });
  expect(result.code).toBe(0);
};

const setup = async (name: string) => {
  const box = await testDemoBox(name, { serverReadyMs: 300 });
  box.update((s) => {
    s.tuning.trainStepMs = 20;
    s.tuning.tokenDelayMs = 2;
    s.tuning.ttftMs = 20;
  });
  const app = await laptopOn(box);
  const datasets = new FinetuneDatasets(() => app.connection);
  const runs = new FinetuneService({ connection: () => app.connection, datasets, events: { changed: () => {}, curveAppended: () => {}, ended: () => {} }, log: silentLogger });
  cleanups.push(() => runs.dispose());
  const tryIt = new TryItService({ connection: () => app.connection, datasets, runs: (deviceId) => runs.refresh(deviceId), tunnels: app.tunnels });
  await put(app, `${model}/config.json`, JSON.stringify(qwen));
  await put(app, `${data}/huanhuan.json`, JSON.stringify(records));
  await datasets.register('demo', 'huanhuan', `${data}/huanhuan.json`);
  const settings = TrainingSettings.parse({ baseModel: model, template: 'qwen3_nothink', method: 'lora', datasets: ['huanhuan'], cutoffLen: 256, batchSize: 1, gradientAccumulation: 1, epochs: 1, loggingSteps: 1, saveSteps: 2, outputDir: 'saves/qwen3-0.6b/lora/try' });
  const run = await runs.start('demo', 'try me', trainingYaml(settings), false);
  await until(async () => (await runs.refresh('demo')).find((v) => v.id === run.id && v.state === 'done'), 30_000, 'the training run to finish');
  return { box, app, runs, tryIt, run };
};

/** One reply through the Playground's stream (what the page does for each side). */
const chat = async (app: Laptop, boxPort: number, modelName: string, text: string): Promise<{ text: string; error: AppError | null }> => {
  let reply = '';
  let finished: ((value: { text: string; error: AppError | null }) => void) | undefined;
  const ended = new Promise<{ text: string; error: AppError | null }>((resolve) => (finished = resolve));
  const playground = new PlaygroundService({
    tunnels: app.tunnels,
    events: { streamed: (_, p) => (reply += p.delta), finished: (_, p) => finished!({ text: reply, error: p.error }), stats: () => {} },
    log: silentLogger,
  });
  await playground.chat('window', { deviceId: 'demo', boxPort, model: modelName, messages: [{ role: 'user', content: text }], maxTokens: 256, temperature: 0.7 });
  return ended;
};

const tryJobs = async (app: Laptop) => parseHostJobs((await app.connection.exec(listHostJobsCommand())).stdout).filter((j) => j.id.startsWith('ft-try-'));

describe('Try it on the demo box', () => {
  it('serves base and base + adapter side by side; the two answer differently; Stop ends both', async () => {
    const { app, tryIt, run } = await setup('ft-try');
    const plan = await tryIt.plan('demo', run.id);
    expect(plan).toMatchObject({ runId: run.id, baseModel: model, adapter: run.outputDir, memory: { verdict: 'ok' } });
    expect(plan.commands.base).toContain(`API_MODEL_NAME=base PYTHONUNBUFFERED=1 llamafactory-cli api --model_name_or_path ${model} --template qwen3_nothink`);
    expect(plan.commands.tuned).toContain(`--adapter_name_or_path ${run.outputDir} --finetuning_type lora`);

    const started = await tryIt.start('demo', run.id, false);
    expect(started).toMatchObject({ runId: run.id, base: { state: 'starting', boxPort: plan.ports.base }, tuned: { state: 'starting', boxPort: plan.ports.tuned } });
    const ready = await until(async () => {
      const s = await tryIt.status('demo');
      return s.base?.state === 'ready' && s.tuned?.state === 'ready' && s;
    }, 20_000, 'both servers ready');
    expect(ready.tuned!.logTail).toContain(`Loaded adapter(s): ${run.outputDir}`);
    expect(ready.base!.logTail).toContain(`Uvicorn running on http://0.0.0.0:${plan.ports.base}`);

    const [base, tuned] = await Promise.all([chat(app, ready.base!.boxPort, ready.base!.model, '你是谁？'), chat(app, ready.tuned!.boxPort, ready.tuned!.model, '你是谁？')]);
    expect(base.error).toBeNull();
    expect(tuned.error).toBeNull();
    expect(base.text).not.toBe('');
    expect(tuned.text).toBe(records[0]!.output);
    expect(base.text).not.toBe(tuned.text);

    expect((await tryJobs(app)).map((j) => j.id).sort()).toEqual(['ft-try-base', 'ft-try-tuned']);
    const pids = (await tryJobs(app)).map((j) => j.pid!);
    expect(await tryIt.stop('demo')).toEqual({ runId: null, base: null, tuned: null });
    expect(await tryJobs(app)).toEqual([]);
    await until(async () => (await app.connection.exec(`ps -o pid= -p ${pids.join(',')}`)).stdout.trim() === '', 10_000, 'both servers’ processes to end');
    expect(app.tunnels.list('demo').filter((t) => t.boxPort === plan.ports.base || t.boxPort === plan.ports.tuned)).toEqual([]);
  }, 120_000);

  it('refuses an unknown run, guards memory unless forced, and says why a server died', async () => {
    const { box, app, tryIt, run } = await setup('ft-try-guard');
    await expect(tryIt.plan('demo', 'ft-t-nope-1')).rejects.toMatchObject({ error: { code: 'not-found' } });
    // Memory nearly all taken: two copies of the base model cannot fit.
    box.update((s) => {
      s.gpuProcesses.push({ pid: 999_001, name: 'python3', type: 'C', memoryMiB: 118_000, startedAt: Date.now(), loadMs: 0, containerId: undefined, fileCacheMiB: 0 });
    });
    const guarded = await tryIt.plan('demo', run.id);
    expect(guarded.memory.verdict).toBe('refuse');
    await expect(tryIt.start('demo', run.id, false)).rejects.toMatchObject({ error: { code: 'memory-guard' } });
    expect(await tryJobs(app)).toEqual([]);
    box.update((s) => {
      s.gpuProcesses = s.gpuProcesses.filter((p) => p.pid !== 999_001);
    });
    // The adapter folder lost its adapter_config.json: the tuned server fails with LLaMA Factory's own line.
    expect((await app.connection.exec(`rm '${run.outputDir}/adapter_config.json'`)).code).toBe(0);
    await tryIt.start('demo', run.id, true);
    const failed = await until(async () => {
      const s = await tryIt.status('demo');
      return s.tuned?.state === 'failed' && s;
    }, 20_000, 'the tuned server to fail');
    expect(failed.tuned!.error).toBe(`ValueError: Can't find 'adapter_config.json' at '${run.outputDir}'`);
    await tryIt.stop('demo');
    expect(await tryJobs(app)).toEqual([]);
  }, 120_000);
});
