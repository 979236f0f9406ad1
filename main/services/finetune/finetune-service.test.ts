/**
 * The Fine-tune service on the demo box: a dataset checked and registered beside a foreign entry,
 * a taken name refused without touching dataset_info.json, a LoRA run trained as a host job with
 * its curve followed by byte offset — through a cut connection with no gap and no duplicate point
 * (Done-when 3) — the end told once, then predict and its BLEU / ROUGE read back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CurveChunk, RunView } from '../../../src/domain/finetune.js';
import { TrainingSettings } from '../../../src/domain/finetune.js';
import { trainingYaml } from '../../../src/recipes/finetune/yaml.js';
import { parseTrainerLog } from '../../../src/remote/parsers/llamafactory-trainer-log.js';
import { silentLogger } from '../log.js';
import { cleanups, laptopOn, runCleanups, testDemoBox, until, type Laptop } from '../service-test-kit.js';
import { FinetuneDatasets } from './finetune-datasets.js';
import { FinetuneService } from './finetune-service.js';

afterEach(runCleanups);

const home = '/home/demo';
const data = `${home}/pgx-finetune/data`;
const foreign = { theirs: { file_name: 'theirs.json', formatting: 'sharegpt', columns: { messages: 'conversations' }, custom_key: [1, 2] } };
const qwen = { architectures: ['Qwen3ForCausalLM'], model_type: 'qwen3', hidden_size: 1024, num_hidden_layers: 28, num_attention_heads: 16, num_key_value_heads: 8, head_dim: 128, intermediate_size: 3072, vocab_size: 151936, tie_word_embeddings: true };
const records = (n: number) => Array.from({ length: n }, (_, i) => ({ instruction: `你是谁？${i}`, input: '', output: `我是甄嬛，家父是大理寺少卿甄远道。${i}` }));

const put = async (app: Laptop, path: string, text: string) => {
  const result = await app.connection.exec(`mkdir -p '${path.slice(0, path.lastIndexOf('/'))}' && cat > '${path}'`, { stdin: text });
  expect(result.code).toBe(0);
};
const read = async (app: Laptop, path: string) => (await app.connection.exec(`cat '${path}'`)).stdout;

const setup = async (name: string, stepMs: number) => {
  const box = await testDemoBox(name);
  box.update((s) => (s.tuning.trainStepMs = stepMs));
  const app = await laptopOn(box);
  const events = { changed: [] as RunView[][], curve: [] as CurveChunk[], ended: [] as RunView[] };
  const datasets = new FinetuneDatasets(() => app.connection);
  const service = new FinetuneService({
    connection: () => app.connection,
    datasets,
    events: { changed: (_, runs) => events.changed.push(runs), curveAppended: (_, chunk) => events.curve.push(chunk), ended: (_, run) => events.ended.push(run) },
    log: silentLogger,
  });
  cleanups.push(() => service.dispose());
  await put(app, `${data}/dataset_info.json`, `${JSON.stringify(foreign, null, 2)}\n`);
  await put(app, `${home}/models/Qwen3-0.6B-Base/config.json`, JSON.stringify(qwen));
  return { box, app, datasets, service, events };
};

const settings = (records: number) =>
  TrainingSettings.parse({ baseModel: `${home}/models/Qwen3-0.6B-Base`, template: 'qwen3_nothink', method: 'lora', datasets: ['huanhuan'], cutoffLen: 256, batchSize: 1, gradientAccumulation: 1, epochs: 1, loggingSteps: 1, saveSteps: Math.max(1, Math.floor(records / 4)), outputDir: 'saves/qwen3-0.6b/lora/huanhuan' });

describe('FinetuneService on the demo box', () => {
  it('registers a dataset beside a foreign entry, and refuses a taken name without touching the file', async () => {
    const { app, datasets } = await setup('ft-register', 10);
    await put(app, '/tmp/up/huanhuan.json', JSON.stringify(records(5), null, 2));
    const env = await datasets.environment('demo');
    expect(env).toMatchObject({ kind: 'host', workspace: `${home}/pgx-finetune`, dataDir: data, datasetInfoExists: true });
    const check = await datasets.check('demo', '/tmp/up/huanhuan.json');
    expect(check).toMatchObject({ ok: true, format: 'alpaca', records: 5 });
    const registered = await datasets.register('demo', 'huanhuan', '/tmp/up/huanhuan.json');
    expect(registered.entry).toMatchObject({ name: 'huanhuan', fileName: 'huanhuan.json', present: true });
    const info = JSON.parse(await read(app, `${data}/dataset_info.json`)) as Record<string, unknown>;
    expect(info['theirs']).toEqual(foreign.theirs);
    expect(Object.keys(info)).toEqual(['theirs', 'huanhuan']);
    expect(await read(app, `${data}/huanhuan.json`)).toBe(JSON.stringify(records(5), null, 2));
    // No temp file is left beside it.
    expect((await app.connection.exec(`ls -a '${data}'`)).stdout.split('\n').filter((f) => f.includes('pgx'))).toEqual([]);

    const before = await read(app, `${data}/dataset_info.json`);
    await put(app, '/tmp/up2/other.json', JSON.stringify(records(2)));
    await expect(datasets.register('demo', 'theirs', '/tmp/up2/other.json')).rejects.toMatchObject({ error: { code: 'conflict' } });
    expect(await read(app, `${data}/dataset_info.json`)).toBe(before);
    expect((await app.connection.exec(`ls '${data}'`)).stdout).not.toContain('other.json');

    // A hostile name is registered as data, and the file stays JSON.
    const hostile = `x'; rm -rf ~ #"`;
    await put(app, '/tmp/up3/h.json', JSON.stringify(records(2)));
    await datasets.register('demo', hostile, '/tmp/up3/h.json');
    expect(Object.keys(JSON.parse(await read(app, `${data}/dataset_info.json`)) as object)).toEqual(['theirs', 'huanhuan', hostile]);
    expect((await datasets.datasets('demo')).entries.map((e) => [e.name, e.present])).toEqual([['theirs', false], ['huanhuan', true], [hostile, true]]);
  });

  it('a malformed dataset gets line-numbered problems and is not registered', async () => {
    const { app, datasets } = await setup('ft-bad', 10);
    await put(app, `${data}/bad.jsonl`, '{"instruction": "a", "output": "b"}\n{"instruction": "c", "output": \n');
    const check = await datasets.check('demo', `${data}/bad.jsonl`);
    expect(check.problems[0]).toMatchObject({ line: 2, severity: 'error' });
    await put(app, `${data}/worse.json`, '[{"instruction": "a"\n');
    await expect(datasets.register('demo', 'worse', `${data}/worse.json`)).rejects.toMatchObject({ error: { code: 'bad-request' } });
    expect(Object.keys(JSON.parse(await read(app, `${data}/dataset_info.json`)) as object)).toEqual(['theirs']);
  });

  it('trains through a cut connection: the run goes on, the curve catches up with no gap or duplicate, the end is told once, then predict', async () => {
    const n = 40;
    const { box, app, datasets, service, events } = await setup('ft-train', 120);
    await put(app, `${data}/huanhuan.json`, JSON.stringify(records(n), null, 2));
    await datasets.register('demo', 'huanhuan', `${data}/huanhuan.json`);
    const run = await service.start('demo', 'huanhuan lora', trainingYaml(settings(n)), false);
    expect(run).toMatchObject({ kind: 'train', state: 'running', method: 'lora', outputDir: `${home}/pgx-finetune/saves/qwen3-0.6b/lora/huanhuan`, attempt: 1 });

    // A window follows the curve by offset, as the page does.
    const seen: CurveChunk[] = [];
    let offset = 0;
    const follow = async () => {
      const chunk = await service.curve('demo', run.id, offset);
      expect(chunk.fromOffset).toBe(offset);
      seen.push(chunk);
      offset = chunk.nextOffset;
    };
    await until(async () => (await follow(), offset > 0), 20_000, 'the first curve points');
    box.setFault('connection-dropped', true);
    await until(() => app.connection.status.kind !== 'connected', 5_000, 'the cut');
    await until(() => app.connection.status.kind === 'connected', 20_000, 'the reconnect');
    const views = await service.refresh('demo');
    expect(views.find((v) => v.id === run.id)?.state).toBe('running'); // it went on without us
    const done = await until(async () => (await follow(), (await service.refresh('demo')).find((v) => v.id === run.id && v.state === 'done')), 30_000, 'the run to finish');
    await follow();

    const whole = parseTrainerLog(await read(app, `${run.outputDir}/trainer_log.jsonl`)).entries.map((e) => e.currentSteps);
    const steps = seen.flatMap((c) => c.points.map((p) => p.step));
    expect(steps).toEqual(whole);
    expect(steps).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(seen.every((c, i) => i === 0 || c.fromOffset === seen[i - 1]!.nextOffset)).toBe(true);
    // The service's own broadcast chunks are contiguous too.
    expect(events.curve.filter((c) => c.runId === run.id).flatMap((c) => c.points.map((p) => p.step))).toEqual(whole);

    expect(done).toMatchObject({ step: n, totalSteps: n, error: null, latestLoss: expect.any(Number) });
    expect(done.checkpoints.map((c) => c.step)).toEqual([10, 20, 30, 40]);
    expect(events.ended.filter((r) => r.id === run.id).map((r) => r.state)).toEqual(['done']);

    const predict = await service.predict('demo', run.id, ['huanhuan'], false, 5);
    expect(predict).toMatchObject({ kind: 'predict', trainRunId: run.id, adapter: run.outputDir });
    await until(async () => (await service.refresh('demo')).find((v) => v.id === predict.id && v.state !== 'running'), 30_000, 'the prediction');
    const results = await service.results('demo', predict.id, 3);
    expect(results).toMatchObject({ bleu4: expect.any(Number), rouge1: expect.any(Number), rouge2: expect.any(Number), rougeL: expect.any(Number) });
    expect(results.rows.length).toBeGreaterThan(0);
    expect(results.rows[0]).toMatchObject({ label: expect.stringContaining('甄嬛'), predict: expect.any(String) });
    // A bound for a busy CI machine (6 s alone; over 30 s once beside the other workers), not a timing check.
  }, 120_000);

  it('stops a run, resumes it from its latest checkpoint, and the resumed curve has each step once', async () => {
    const n = 40;
    const { app, datasets, service, events } = await setup('ft-resume', 100);
    await put(app, `${data}/huanhuan.json`, JSON.stringify(records(n)));
    await datasets.register('demo', 'huanhuan', `${data}/huanhuan.json`);
    const run = await service.start('demo', 'resume me', trainingYaml(settings(n)), false);
    await until(async () => (await service.refresh('demo')).find((v) => v.id === run.id && v.checkpoints.length > 0 && v.step > v.checkpoints[0]!.step), 20_000, 'a checkpoint and steps past it');
    await service.stop('demo', run.id);
    const stopped = (await service.refresh('demo')).find((v) => v.id === run.id)!;
    expect(stopped.state).toBe('stopped');
    expect(events.ended.map((r) => r.state)).toEqual(['stopped']);
    const resumed = await service.resume('demo', run.id);
    expect(resumed).toMatchObject({ state: 'running', attempt: 2 });
    await until(async () => (await service.refresh('demo')).find((v) => v.id === run.id && v.state === 'done'), 30_000, 'the resumed run to finish');
    const steps = (await service.curve('demo', run.id, 0)).points.map((p) => p.step);
    expect(steps).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(app.executed.some((c) => c.includes(`resume_from_checkpoint=${stopped.checkpoints.at(-1)!.path}`) && c.includes('overwrite_output_dir=false'))).toBe(true);
    expect((await service.run('demo', run.id, 50)).yaml).toContain('finetuning_type: lora');
  }, 120_000);

  it('a run that fails says why, with its failing lines', async () => {
    const { service, events } = await setup('ft-fail', 10);
    const run = await service.start('demo', 'no data', trainingYaml({ ...settings(10), datasets: ['missing'] }), true);
    const failed = await until(async () => (await service.refresh('demo')).find((v) => v.id === run.id && v.state === 'failed'), 20_000, 'the failure');
    expect(failed.error).toMatchObject({ message: 'A dataset in the YAML is not registered in dataset_info.json: missing.', lines: expect.arrayContaining([expect.stringContaining('ValueError: Undefined dataset missing in dataset_info.json.')]) });
    expect(events.ended.map((r) => r.state)).toEqual(['failed']);
  });
});
