/**
 * The Models feature on the demo box, below the UI: the seeded library with its formats, a
 * delete that frees what the scan said, and downloads as host jobs — progress, cancel, resume,
 * done; found again by a second service (an app restart); a gated repo without a token; a full
 * disk refused before anything starts; a token that never shows on the job's command line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src/contract/errors.js';
import type { DownloadView } from '../../../src/domain/model-download.js';
import type { DemoBox } from '../../demo/demo-box.js';
import { silentLogger } from '../log.js';
import { cleanups, laptopOn, runCleanups, testDemoBox, until } from '../service-test-kit.js';
import { DownloadService } from './download-service.js';
import { ModelLibraryService } from './model-library-service.js';

afterEach(runCleanups);

const demo = (): Promise<DemoBox> => testDemoBox('models');

const laptop = async (box: DemoBox, tokens: Record<string, string> = {}) => {
  const side = await laptopOn(box);
  const { connection } = side;
  const latest: { downloads: DownloadView[]; finished: number } = { downloads: [], finished: 0 };
  const library = new ModelLibraryService({ connection: () => connection, folders: () => ['~/models', '/data/llm-model'] });
  const downloads = new DownloadService({
    connection: () => connection,
    changed: (_d, list) => (latest.downloads = list),
    finished: () => (latest.finished += 1),
    token: (source) => tokens[source],
    log: silentLogger,
  });
  cleanups.push(() => downloads.dispose());
  return { ...side, library, downloads, latest, quit: () => (downloads.dispose(), side.quit()) };
};

const failureOf = async (work: Promise<unknown>): Promise<AppFailure> => {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
};

describe('models on the demo box', () => {
  it('lists the seeded models with their formats and sizes, and a delete frees what the scan said', async () => {
    const box = await demo();
    const app = await laptop(box);
    const scan = await app.library.scan('demo');
    const byId = new Map(scan.models.map((m) => [m.id, m]));
    const nvfp4 = byId.get('nvidia/Qwen3-30B-A3B-NVFP4');
    expect(nvfp4?.format).toMatchObject({ kind: 'safetensors', quantization: { method: 'modelopt', label: 'NVFP4' } });
    expect(nvfp4?.architecture).toBe('Qwen3MoeForCausalLM');
    expect(nvfp4?.sizeBytes).toBeGreaterThan(17_000_000_000);
    expect(nvfp4?.parameters?.active).not.toBeNull();
    expect(byId.get('Qwen/Qwen3-8B')?.format).toMatchObject({ kind: 'safetensors', dtype: 'bfloat16', quantization: null });
    expect(byId.get('Qwen3-8B-Q4_K_M.gguf')?.format).toMatchObject({ kind: 'gguf', files: [{ quantType: 'Q4_K_M' }] });
    expect(byId.get('qwen3:1.7b')?.source).toBe('ollama');
    expect(scan.problems).toEqual([{ code: 'folder-missing', path: '/data/llm-model', detail: null, message: 'The model folder /data/llm-model is not on this box (Settings → Model folders).' }]);

    const freed = await app.library.delete('demo', 'Qwen/Qwen3-8B', 'huggingface');
    expect(freed.freedBytes).toBe(byId.get('Qwen/Qwen3-8B')?.sizeBytes);
    const after = await app.library.scan('demo');
    expect(after.models.map((m) => m.id)).not.toContain('Qwen/Qwen3-8B');
    await app.library.delete('demo', 'qwen3:1.7b', 'ollama');
    expect((await app.library.scan('demo')).models.map((m) => m.id)).not.toContain('qwen3:1.7b');
    // Only what the last scan listed can be deleted.
    expect((await failureOf(app.library.delete('demo', 'Qwen/Qwen3-8B', 'huggingface'))).error.code).toBe('not-found');
  }, 60_000);

  it('downloads with progress, cancels, resumes, finishes; a restarted app finds the running download again', async () => {
    const box = await demo();
    box.update((s) => {
      s.tuning.downloadBytesPerSec = 200 * 1024 * 1024;
    });
    const first = await laptop(box);
    const started = await first.downloads.start('demo', { source: 'huggingface', id: 'Qwen/Qwen3-1.7B', useToken: false });
    expect(['queued', 'running']).toContain(started.phase);
    const moving = await until(() => first.latest.downloads.find((d) => d.id === started.id && d.phase === 'running' && d.bytesDone > 0), 20_000, 'progress');
    expect(moving.filesTotal).toBeGreaterThan(1);

    // An app restart: a new connection and service find it from the box and see it move on.
    first.quit();
    const second = await laptop(box);
    const found = (await second.downloads.refresh('demo')).find((d) => d.id === started.id);
    expect(found?.phase).toBe('running');
    await until(() => second.latest.downloads.find((d) => d.id === started.id && d.bytesDone > (found?.bytesDone ?? 0)), 20_000, 'progress after restart');

    await second.downloads.cancel('demo', started.id);
    const cancelled = await until(() => second.latest.downloads.find((d) => d.id === started.id && d.phase === 'cancelled'), 10_000, 'cancelled');
    expect(cancelled.problem).toBeNull();

    const resumed = await second.downloads.resume('demo', started.id);
    expect(resumed.id).toBe(started.id);
    const done = await until(() => second.latest.downloads.find((d) => d.id === started.id && d.phase === 'done'), 60_000, 'done');
    expect(done.bytesTotal).toBeGreaterThan(4_000_000_000);
    expect(done.bytesDone).toBe(done.bytesTotal);
    expect(second.latest.finished).toBe(1);
    const scan = await second.library.scan('demo');
    expect(scan.models.find((m) => m.id === 'Qwen/Qwen3-1.7B')?.sizeBytes).toBeGreaterThan(4_000_000_000);

    await second.downloads.remove('demo', started.id);
    expect(second.latest.downloads.find((d) => d.id === started.id)).toBeUndefined();
  }, 120_000);

  it('explains a gated repo without a token, and passes a token only through a deleted file and the environment', async () => {
    const box = await demo();
    const app = await laptop(box, { huggingface: 'hf_secretTOKEN123' });
    const gated = await app.downloads.start('demo', { source: 'huggingface', id: 'meta-llama/Llama-3.1-8B-Instruct', useToken: false });
    const failed = await until(() => app.latest.downloads.find((d) => d.id === gated.id && d.phase === 'failed'), 20_000, 'the gated failure');
    expect(failed.problem?.kind).toBe('gated');
    expect(failed.problem?.message).toContain('gated repository');

    await app.downloads.remove('demo', gated.id);
    const withToken = await app.downloads.start('demo', { source: 'huggingface', id: 'meta-llama/Llama-3.1-8B-Instruct', useToken: true });
    await until(() => app.latest.downloads.find((d) => d.id === withToken.id && d.phase === 'running' && d.bytesDone > 0), 20_000, 'the token download to move');
    expect(app.executed.some((c) => c.includes('hf_secretTOKEN123'))).toBe(false);
    expect(app.stdins.some((s) => s.includes('hf_secretTOKEN123'))).toBe(false);
    const ps = await app.connection.exec('ps -eo args');
    expect(ps.stdout).toContain('hf download meta-llama/Llama-3.1-8B-Instruct');
    expect(ps.stdout).not.toContain('hf_secretTOKEN123');
    const files = await app.connection.exec(`ls -a ~/.pgx-companion/jobs/${withToken.id}`);
    expect(files.stdout).not.toContain('token');
    await app.downloads.cancel('demo', withToken.id);
  }, 60_000);

  it('refuses a download before it starts when the disk is full, with the numbers', async () => {
    const box = await demo();
    box.update((s) => {
      s.faults['disk-full'] = true;
    });
    const app = await laptop(box);
    const failure = await failureOf(app.downloads.start('demo', { source: 'huggingface', id: 'Qwen/Qwen3-1.7B', useToken: false }));
    expect(failure.error.code).toBe('disk-full');
    expect(failure.error.message).toMatch(/^Only 0\.0 GiB is free on \/; .*at least 20\.0 GiB/);
    expect(await app.downloads.refresh('demo')).toEqual([]);
  }, 30_000);
});
