/**
 * The export chain on the demo box (issue 12): a finished LoRA run merged, converted, quantized,
 * created in Ollama and asked the test prompt (Done-when 1, at the service's level); a quantize that
 * fails on a full disk, fixed and retried, goes on without redoing merge and convert (Done-when 2);
 * and the GGUF taken home through a cut connection with the box's sha256 (Done-when 3).
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportSettings, type ExportView } from '../../../src/domain/export.js';
import { TrainingSettings } from '../../../src/domain/finetune.js';
import type { TransferView } from '../../../src/domain/transfer.js';
import { trainingYaml } from '../../../src/recipes/finetune/yaml.js';
import { FinetuneDatasets } from '../finetune/finetune-datasets.js';
import { FinetuneService } from '../finetune/finetune-service.js';
import { TransferService } from '../files/transfer-service.js';
import { silentLogger } from '../log.js';
import { cleanups, laptopOn, runCleanups, testDemoBox, until, type Laptop } from '../service-test-kit.js';
import { ExportService } from './export-service.js';

afterEach(runCleanups);

const home = '/home/demo';
const data = `${home}/pgx-finetune/data`;
// Qwen3-0.6B's shape: the GGUFs are a few hundred MB (sparse on the demo box), so the chain is quick.
const qwen = { architectures: ['Qwen3ForCausalLM'], model_type: 'qwen3', hidden_size: 1024, num_hidden_layers: 28, num_attention_heads: 16, num_key_value_heads: 8, head_dim: 128, intermediate_size: 3072, vocab_size: 151936, tie_word_embeddings: true, torch_dtype: 'bfloat16' };
const records = Array.from({ length: 8 }, (_, i) => ({ instruction: `你是谁？${i}`, input: '', output: `我是甄嬛，家父是大理寺少卿甄远道。${i}` }));

const put = async (app: Laptop, path: string, text: string) => {
  const result = await app.connection.exec(`mkdir -p '${path.slice(0, path.lastIndexOf('/'))}' && cat > '${path}'`, { stdin: text });
  expect(result.code).toBe(0);
};

const setup = async (name: string) => {
  const box = await testDemoBox(name);
  box.update((s) => {
    s.tuning.trainStepMs = 10;
    s.tuning.convertMsPerGiB = 4_000;
  });
  const app = await laptopOn(box);
  const datasets = new FinetuneDatasets(() => app.connection);
  const finetune = new FinetuneService({ connection: () => app.connection, datasets, events: { changed: () => {}, curveAppended: () => {}, ended: () => {} }, log: silentLogger });
  const downloads = mkdtempSync(join(tmpdir(), 'pgx-export-dl-'));
  const transfers = new TransferService({ connection: () => app.connection, downloadsDir: () => downloads, storePath: join(downloads, 'transfers.json'), changed: () => {}, log: silentLogger });
  const changed: ExportView[][] = [];
  const ended: ExportView[] = [];
  const exports = new ExportService({ connection: () => app.connection, finetune, datasets, download: (deviceId, path) => transfers.download(deviceId, path), changed: (_, list) => changed.push(list), ended: (_, view) => ended.push(view), log: silentLogger });
  cleanups.push(() => (exports.dispose(), finetune.dispose(), transfers.dispose()));
  await put(app, `${home}/models/Qwen3-0.6B-Base/config.json`, JSON.stringify(qwen));
  await put(app, `${data}/huanhuan.json`, JSON.stringify(records));
  await datasets.register('demo', 'huanhuan', `${data}/huanhuan.json`);
  const settings = TrainingSettings.parse({ baseModel: `${home}/models/Qwen3-0.6B-Base`, template: 'qwen3_nothink', method: 'lora', datasets: ['huanhuan'], cutoffLen: 256, batchSize: 1, gradientAccumulation: 1, epochs: 1, loggingSteps: 1, saveSteps: 4, outputDir: 'saves/qwen3-0.6b/lora/huanhuan' });
  const run = await finetune.start('demo', 'huanhuan', trainingYaml(settings), false);
  const trained = await until(async () => (await finetune.refresh('demo')).find((v) => v.id === run.id && v.state !== 'running'), 60_000, 'the fine-tune run');
  expect(trained).toMatchObject({ state: 'done', error: null });
  return { box, app, exports, transfers, run, changed, ended };
};

const exportOf = (runId: string, ollamaName: string) => ExportSettings.parse({ source: { kind: 'finetune', runId }, ollamaName, quant: 'Q4_K_M' });
const view = async (exports: ExportService, id: string) => (await exports.refresh('demo')).find((v) => v.id === id);

describe('ExportService on the demo box', () => {
  it('runs a finished LoRA run to an Ollama model that answers, with the ChatML template of its family', async () => {
    const { app, exports, run, changed, ended } = await setup('export-chain');
    const settings = exportOf(run.id, 'qwen3-huanhuan:q4_k_m');
    const preview = await exports.plan('demo', settings);
    expect(preview).toMatchObject({ workDir: `${home}/models/qwen3-huanhuan-q4_k_m`, template: 'qwen3_nothink', family: 'chatml', adapterDir: run.outputDir, blockers: [] });
    expect(preview.tools).toMatchObject({ convertScript: `${home}/llama.cpp/convert_hf_to_gguf.py`, python: 'python3', quantizeTool: '/usr/local/bin/llama-quantize' });
    expect(preview.mergeYaml).toContain(`adapter_name_or_path: ${run.outputDir}`);
    expect(preview.modelfile).toMatch(/^FROM \.\/model-Q4_K_M\.gguf\nTEMPLATE """\{\{ if \.System \}\}<\|im_start\|>system/);
    expect(preview.disk.verdict).toBe('ok');

    const started = await exports.start('demo', settings, preview.mergeYaml, preview.modelfile);
    expect(started.state).toBe('running');
    const done = await until(async () => {
      const v = await view(exports, started.id);
      return v && v.state !== 'running' && v;
    }, 60_000, 'the chain');
    expect(done).toMatchObject({ state: 'done', steps: { merge: 'done', convert: 'done', quantize: 'done', create: 'done', test: 'done' }, failure: null, gguf: `${preview.workDir}/model-Q4_K_M.gguf` });
    expect(done.answer).toMatch(/\S/);
    const list = await app.connection.exec('ollama list');
    expect(list.stdout).toContain('qwen3-huanhuan:q4_k_m');
    const shown = await app.connection.exec('ollama show qwen3-huanhuan:q4_k_m --modelfile');
    expect(shown.stdout).toContain('<|im_start|>assistant');
    // The window heard of it while it ran and when it ended.
    expect(changed.some((l) => l.some((v) => v.id === started.id && v.state === 'running'))).toBe(true);
    expect(changed.at(-1)?.find((v) => v.id === started.id)?.state).toBe('done');
    // Its end is told once, for the notification.
    await exports.refresh('demo');
    expect(ended.map((v) => [v.id, v.state])).toEqual([[started.id, 'done']]);
    // The same name again: the plan says the folder's export is replaced.
    expect((await exports.plan('demo', settings)).notes).toEqual([expect.stringContaining('starting again redoes every step there and replaces the Ollama model qwen3-huanhuan:q4_k_m')]);
    expect(preview.notes).toEqual([]);

    // Any full model folder in the library goes without a merge; no quantizing keeps convert's GGUF.
    const folder = ExportSettings.parse({ source: { kind: 'model', modelDir: `${preview.workDir}/merged`, template: 'qwen3' }, ollamaName: 'qwen3-merged', quant: null });
    const plain = await exports.plan('demo', folder);
    expect(plain).toMatchObject({ mergeYaml: null, adapterDir: null, family: 'chatml', blockers: [] });
    expect(plain.modelfile.split('\n')[0]).toBe('FROM ./model-bf16.gguf');
    const second = await exports.start('demo', folder, null, plain.modelfile);
    const finished = await until(async () => {
      const v = await view(exports, second.id);
      return v && v.state !== 'running' && v;
    }, 60_000, 'the folder export');
    expect(finished).toMatchObject({ state: 'done', steps: { merge: 'omitted', convert: 'done', quantize: 'omitted', create: 'done', test: 'done' }, gguf: `${home}/models/qwen3-merged/model-bf16.gguf` });
    expect((await app.connection.exec('ollama list')).stdout).toContain('qwen3-merged');
  }, 120_000);

  it('a quantize that fails on a full disk, fixed and retried, goes on from quantize: merge and convert are not redone', async () => {
    const { box, app, exports, run, ended } = await setup('export-retry');
    const settings = exportOf(run.id, 'huanhuan-retry');
    const preview = await exports.plan('demo', settings);
    const started = await exports.start('demo', settings, preview.mergeYaml, preview.modelfile);
    await until(async () => (await view(exports, started.id))?.steps.quantize === 'running', 60_000, 'quantize to start');
    box.setFault('disk-full', true);
    const failed = await until(async () => {
      const v = await view(exports, started.id);
      return v && v.state !== 'running' && v;
    }, 30_000, 'the failure');
    expect(failed).toMatchObject({ state: 'failed', steps: { merge: 'done', convert: 'done', quantize: 'failed', create: 'waiting', test: 'waiting' } });
    expect(failed.failure?.message).toBe('Quantizing failed: the box’s disk is full.');
    expect(ended.map((v) => v.state)).toEqual(['failed']);
    // The full disk took the job's log too: quantize's own error never reached it, so the free space told.

    box.setFault('disk-full', false);
    const mergesBefore = app.executed.length;
    const retried = await exports.retry('demo', started.id);
    expect(retried.attempt).toBe(2);
    const done = await until(async () => {
      const v = await view(exports, started.id);
      return v && v.state !== 'running' && v;
    }, 60_000, 'the retry');
    expect(done).toMatchObject({ state: 'done', steps: { merge: 'skipped', convert: 'skipped', quantize: 'done', create: 'done', test: 'done' } });
    expect(ended.map((v) => v.state)).toEqual(['failed', 'done']);
    const log = (await exports.get('demo', started.id, 5_000)).log;
    // The retry's own log: no merge or convert output, quantize ran again.
    expect(log).not.toContain('Merged 1 adapter');
    expect(log).not.toContain('INFO:hf-to-gguf');
    expect(log).toContain('llama_quantize: quantize time');
    expect(app.executed.length).toBeGreaterThan(mergesBefore);
  }, 150_000);

  it('takes the GGUF home through a cut connection, and its sha256 is the box’s', async () => {
    const { box, app, exports, transfers, run } = await setup('export-home');
    const settings = ExportSettings.parse({ source: { kind: 'finetune', runId: run.id }, ollamaName: 'huanhuan-home', quant: 'Q4_K_M' });
    const preview = await exports.plan('demo', settings);
    const started = await exports.start('demo', settings, preview.mergeYaml, preview.modelfile);
    await until(async () => (await view(exports, started.id))?.state === 'done', 60_000, 'the chain');
    const queued = await exports.download('demo', started.id, 'gguf');
    const find = () => transfers.list().find((t) => t.id === queued.id);
    await until(() => (find()?.bytes ?? 0) > 32 * 1024 ** 2, 30_000, 'bytes moving');
    box.setFault('connection-dropped', true);
    const finished = await until<TransferView | undefined>(() => {
      const t = find();
      return t && (t.state === 'done' || t.state === 'failed') && t;
    }, 90_000, 'the download');
    expect(finished).toMatchObject({ state: 'done', checksum: { match: true } });
    expect(finished!.resumes).toBeGreaterThanOrEqual(1);
    const boxSum = (await app.connection.exec(`sha256sum '${preview.workDir}/model-Q4_K_M.gguf'`)).stdout.split(' ')[0];
    const local = await new Promise<string>((resolve, reject) => {
      const hash = createHash('sha256');
      createReadStream(finished!.localPath).on('data', (c) => hash.update(c)).on('end', () => resolve(hash.digest('hex'))).on('error', reject);
    });
    expect(local).toBe(boxSum);
  }, 180_000);

  it('without llama.cpp the plan says so and offers the GB10 build, which runs as a job on the box', async () => {
    const { app, exports, run } = await setup('export-tools');
    expect((await app.connection.exec(`rm -rf '${home}/llama.cpp'`)).code).toBe(0);
    const preview = await exports.plan('demo', exportOf(run.id, 'no-tools'));
    expect(preview.tools).toMatchObject({ checkout: null, convertScript: null, build: null });
    expect(preview.blockers.join(' ')).toContain('convert_hf_to_gguf.py is not on the box');
    await expect(exports.start('demo', exportOf(run.id, 'no-tools'), preview.mergeYaml, preview.modelfile)).rejects.toMatchObject({ error: { code: 'tool-missing' } });
    expect(preview.tools.buildCommand).toContain('-DCMAKE_CUDA_ARCHITECTURES=121a-real');
    const building = await exports.buildTools('demo');
    expect(building.build).not.toBeNull();
    // The demo box has no git or compilers: the build ends and says why, as it would on a box without them.
    const ended = await until(async () => {
      const t = await exports.tools('demo');
      return t.build !== null && !t.build.running && t.build.exitCode !== null ? t : undefined;
    }, 20_000, 'the build job to end');
    expect(ended.build?.exitCode).not.toBe(0);
    expect(ended.build?.logTail).toMatch(/git: command not found|cmake: command not found/);
  });

  it('stops an export while it converts: stopped, not failed, its process gone; Retry finishes it without redoing the merge', async () => {
    const { app, exports, run, ended } = await setup('export-stop');
    const settings = exportOf(run.id, 'huanhuan-stop');
    const preview = await exports.plan('demo', settings);
    const started = await exports.start('demo', settings, preview.mergeYaml, preview.modelfile);
    await until(async () => (await view(exports, started.id))?.steps.convert === 'running', 60_000, 'convert to start');
    await exports.stop('demo', started.id);
    const stopped = await view(exports, started.id);
    expect(stopped).toMatchObject({ state: 'stopped', steps: { merge: 'done', convert: 'waiting' }, failure: null });
    expect(ended.map((v) => v.state)).toEqual(['stopped']);
    expect((await app.connection.exec('ps -eo args')).stdout).not.toContain('convert_hf_to_gguf.py');
    await exports.retry('demo', started.id);
    const done = await until(async () => {
      const v = await view(exports, started.id);
      return v && v.state !== 'running' && v;
    }, 60_000, 'the retry');
    expect(done).toMatchObject({ state: 'done', steps: { merge: 'skipped', convert: 'done', quantize: 'done' } });
  }, 150_000);
});
