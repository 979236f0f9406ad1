import { closeSync, lstatSync, openSync, readFileSync, readlinkSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyDownloadError, parseDownloadOutput, parseTqdmFrame, tqdmPieces } from '../../../../../src/remote/parsers/hf-download.js';
import { findCatalogueModel } from '../../catalogue.js';
import { runProgram } from '../../host.js';
import { rootedFs } from '../../sim-fs.js';
import { fileLogStore } from '../../state-store.js';
import { testBox, type TestBox } from '../../testing.js';
import { downloadPrograms } from './index.js';

const fast = (box: TestBox) =>
  box.store.update((s) => {
    s.tuning.downloadBytesPerSec = 1e12;
  }, box.now);

const newBox = () => {
  const box = testBox();
  fast(box);
  return box;
};

const hf = (box: TestBox, args: string[], env: Record<string, string> = {}) => box.run(downloadPrograms['hf']!, 'hf', ['download', ...args], { env });
const host = (box: TestBox, path: string) => join(box.root, path);
const qwen = findCatalogueModel('Qwen/Qwen3-1.7B')!;
const snapshot = `/home/demo/.cache/huggingface/hub/models--Qwen--Qwen3-1.7B/snapshots/${qwen.revision}`;

/** Runs a program and aborts it once `until` sees its stderr so far (a user pressing Ctrl-C). */
const runUntil = async (box: TestBox, name: string, argv: string[], until: (stderr: string) => boolean) => {
  const controller = new AbortController();
  let stderr = '';
  const fs = rootedFs({ root: box.root, home: '/home/demo' });
  const code = await runProgram({ store: box.store, fs, logs: fileLogStore(join(box.root, '.sim-logs')), servers: box.servers, now: () => box.now }, downloadPrograms[name]!, name, argv, {
    signal: controller.signal,
    write: () => undefined,
    error: (text) => {
      stderr += text;
      if (until(stderr)) controller.abort();
    },
  });
  return { code, stderr };
};

// The shapes of a real `huggingface-cli download` (merged log, public transcripts; values changed).
const realHfLog = [
  'Fetching 4 files:   0%|          | 0/4 [00:00<?, ?it/s]',
  'config.json: 100%|██████████| 728/728 [00:00<00:00, 4.21MB/s]',
  'model-00001-of-00002.safetensors: 100%|██████████| 3.44G/3.44G [00:37<00:00, 93.2MB/s]',
  'Fetching 4 files: 100%|██████████| 4/4 [00:38<00:00,  9.55s/it]',
  '/home/someone/.cache/huggingface/hub/models--Qwen--Qwen3-1.7B/snapshots/0123456789abcdef0123456789abcdef01234567',
].join('\n');

describe('hf download', () => {
  it('fills the HF cache: blobs, relative snapshot links, refs/main, real config.json, sparse weights', async () => {
    const box = newBox();
    const result = await hf(box, ['Qwen/Qwen3-1.7B']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${snapshot}\n`);
    const shard = host(box, `${snapshot}/model-00001-of-00002.safetensors`);
    expect(lstatSync(shard).isSymbolicLink()).toBe(true);
    expect(readlinkSync(shard)).toMatch(/^\.\.\/\.\.\/blobs\/[0-9a-f]{64}$/);
    expect(statSync(shard).size).toBe(qwen.files.find((f) => f.name === 'model-00001-of-00002.safetensors')!.sizeBytes);
    // Sparse: the bytes on disk are a small fraction of the file's size.
    expect(statSync(shard).blocks * 512).toBeLessThan(1024 * 1024);
    const header = Buffer.alloc(64);
    const fd = openSync(shard, 'r');
    readSync(fd, header, 0, 64, 0);
    closeSync(fd);
    expect(JSON.parse(header.toString('utf8', 8, 8 + Number(header.readBigUInt64LE(0))))).toEqual({ __metadata__: { format: 'pt' } });
    expect(JSON.parse(readFileSync(host(box, `${snapshot}/config.json`), 'utf8'))).toEqual(qwen.config);
    expect(readFileSync(host(box, '/home/demo/.cache/huggingface/hub/models--Qwen--Qwen3-1.7B/refs/main'), 'utf8')).toBe(qwen.revision);
  });

  it('prints what the real CLI prints: parse both and agree', async () => {
    const box = newBox();
    const sim = await hf(box, ['Qwen/Qwen3-1.7B']);
    const ours = parseDownloadOutput(sim.stdout, sim.stderr);
    const real = parseDownloadOutput(realHfLog);
    for (const parsed of [ours, real]) {
      expect(parsed.completed).toBe(true);
      expect(parsed.problem).toBeNull();
      expect(parsed.overall?.done).toBe(parsed.overall?.total);
      expect(parsed.files.length).toBeGreaterThan(1);
      for (const file of parsed.files) {
        expect(Object.keys(file).sort()).toEqual(['bytes', 'eta', 'file', 'percent', 'rate', 'total']);
        expect(file).toMatchObject({ percent: 100, eta: 0 });
        expect(file.rate).toBeGreaterThan(0);
        expect(Math.abs(file.bytes - file.total!)).toBeLessThanOrEqual(file.total! * 0.01);
      }
    }
    expect(ours.path).toBe(snapshot);
    expect(ours.files.map((f) => f.file).sort()).toEqual(qwen.files.map((f) => f.name).sort());
    expect(ours.overall).toEqual({ done: qwen.files.length, total: qwen.files.length });
    // hf 1.x warns about unauthenticated requests right after the still-open Fetching bar.
    expect(sim.stderr).toMatch(/Fetching 12 files: {3}0%\| {10}\| 0\/12 \[00:00<\?, \?it\/s\]Warning: You are sending unauthenticated requests/);
  });

  it('skips complete files when run again', async () => {
    const box = newBox();
    await hf(box, ['Qwen/Qwen3-1.7B']);
    const again = await hf(box, ['Qwen/Qwen3-1.7B']);
    expect(again.code).toBe(0);
    expect(parseDownloadOutput(again.stdout, again.stderr).files).toEqual([]);
    expect(again.stdout).toBe(`${snapshot}\n`);
  });

  it('streams progress, leaves a partial file on Ctrl-C and resumes from it', async () => {
    const box = testBox();
    box.store.update((s) => {
      s.tuning.downloadBytesPerSec = 1e9; // the 2 GB shard takes 2 s in 10 frames
    }, box.now);
    const shard = 'model-00001-of-00002.safetensors';
    const started = await runUntil(box, 'hf', ['download', 'Qwen/Qwen3-1.7B', '--include', shard], (stderr) =>
      tqdmPieces(stderr).some((p) => {
        const frame = parseTqdmFrame(p);
        return frame?.desc === shard && frame.done > 0;
      }),
    );
    expect(started.code).toBe(130);
    const blobs = host(box, '/home/demo/.cache/huggingface/hub/models--Qwen--Qwen3-1.7B/blobs');
    const entry = qwen.files.find((f) => f.name === shard)!;
    const { readdirSync } = await import('node:fs');
    const partial = readdirSync(blobs).find((n) => n.endsWith('.incomplete'))!;
    const partialSize = statSync(join(blobs, partial)).size;
    expect(partialSize).toBeGreaterThan(0);
    expect(partialSize).toBeLessThan(entry.sizeBytes);
    // The download's network activity ended with it.
    expect(box.state().activity.filter((a) => a.id.startsWith('download:')).every((a) => a.until !== undefined)).toBe(true);

    fast(box);
    const resumed = await hf(box, ['Qwen/Qwen3-1.7B', '--include', shard]);
    expect(resumed.code).toBe(0);
    const firstFrame = tqdmPieces(resumed.stderr).map(parseTqdmFrame).find((f) => f?.desc === shard);
    expect(firstFrame?.done).toBeCloseTo(partialSize, -7);
    expect(statSync(host(box, `${snapshot}/${shard}`)).size).toBe(entry.sizeBytes);
  });

  it('records the download as network activity; slow-network divides the speed by 50', async () => {
    const box = testBox();
    box.store.update((s) => {
      s.tuning.downloadBytesPerSec = 5e12;
      s.faults['slow-network'] = true;
    }, box.now);
    await hf(box, ['Qwen/Qwen3-1.7B', '--include', 'config.json']);
    const segment = box.state().activity.find((a) => a.id === 'download:hf:Qwen/Qwen3-1.7B');
    expect(segment?.netRxBytesPerSec).toBe(1e11);
  });

  it('downloads into --local-dir with its bookkeeping and prints the folder as given', async () => {
    const box = newBox();
    const result = await hf(box, ['Qwen/Qwen3-1.7B', '--local-dir', './models/qwen3/', '--include', '*.json']);
    expect(result.stdout).toBe('models/qwen3\n');
    expect(readFileSync(host(box, '/home/demo/models/qwen3/config.json'), 'utf8')).toContain('"Qwen3ForCausalLM"');
    expect(readFileSync(host(box, '/home/demo/models/qwen3/.cache/huggingface/download/config.json.metadata'), 'utf8').split('\n')[0]).toBe(qwen.revision);
    const parsed = parseDownloadOutput(result.stdout, result.stderr);
    expect(parsed.files.map((f) => f.file)).toEqual(['config.json', 'generation_config.json', 'model.safetensors.index.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.json']);
  });

  it('needs a token for gated repos: the real 401 texts of both CLIs', async () => {
    const box = newBox();
    const denied = await hf(box, ['meta-llama/Llama-3.1-8B-Instruct']);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('Error: Access denied. This repository requires approval.\n');
    expect(denied.stdout).toBe('Set HF_DEBUG=1 as environment variable for full traceback.\n');
    expect(classifyDownloadError(denied.stderr)?.kind).toBe('gated');

    const legacy = await box.run(downloadPrograms['huggingface-cli']!, 'huggingface-cli', ['download', 'meta-llama/Llama-3.1-8B-Instruct']);
    expect(legacy.stderr).toContain("⚠️  Warning: 'huggingface-cli download' is deprecated. Use 'hf download' instead.");
    expect(legacy.stderr).toMatch(/huggingface_hub\.errors\.GatedRepoError: 401 Client Error\. \(Request ID: Root=1-[0-9a-f]{8}-[0-9a-f]{24};[0-9a-f-]{36}\)\n\nCannot access gated repo for url https:\/\/huggingface\.co\/meta-llama\/Llama-3\.1-8B-Instruct\/resolve\/main\/\.gitattributes\.\nAccess to model meta-llama\/Llama-3\.1-8B-Instruct is restricted\./);
    expect(classifyDownloadError(legacy.stderr)?.kind).toBe('gated');

    expect((await hf(box, ['meta-llama/Llama-3.1-8B-Instruct', 'config.json', '--token', 'hf_x'])).code).toBe(0);
    expect((await hf(box, ['meta-llama/Llama-3.1-8B-Instruct', 'generation_config.json'], { HF_TOKEN: 'hf_y' })).code).toBe(0);
    const login = await box.run(downloadPrograms['hf']!, 'hf', ['auth', 'login', '--token', 'hf_z']);
    expect(login.stdout).toContain('Login successful.');
    const single = await hf(box, ['meta-llama/Llama-3.1-8B-Instruct', 'LICENSE']);
    expect(single.code).toBe(0);
    // One file: hf_hub_download prints the file's path, and no Fetching bar.
    expect(single.stdout).toMatch(/\/snapshots\/[0-9a-f]{40}\/LICENSE\n$/);
    expect(single.stderr).not.toContain('Fetching');
  });

  it('answers unknown repos and revisions with the real errors', async () => {
    const box = newBox();
    const missing = await hf(box, ['someone/no-such-model']);
    expect(missing.stderr).toBe('Error: Repository not found. Check the `repo_id` and `repo_type` parameters. If the repo is private, make sure you are authenticated.\n');
    expect(classifyDownloadError(missing.stderr)?.kind).toBe('not-found');
    const legacy = await box.run(downloadPrograms['huggingface-cli']!, 'huggingface-cli', ['download', 'someone/no-such-model']);
    expect(legacy.stderr).toContain('huggingface_hub.errors.RepositoryNotFoundError: 404 Client Error.');
    expect(legacy.stderr).toContain('Repository Not Found for url: https://huggingface.co/api/models/someone/no-such-model/revision/main.');
    const badRev = await hf(box, ['Qwen/Qwen3-1.7B', '--revision', 'v9']);
    expect(classifyDownloadError(badRev.stderr)?.kind).toBe('revision-not-found');
    expect((await hf(box, ['Qwen/Qwen3-1.7B', 'config.json', '--revision', qwen.revision.slice(0, 7)])).code).toBe(0);
    expect((await hf(box, ['Qwen/Qwen3-1.7B', '--bogus'])).code).toBe(2);
  });

  it('fails with ENOSPC text when the disk is full', async () => {
    const box = newBox();
    box.store.update((s) => {
      s.faults['disk-full'] = true;
    }, box.now);
    const full = await hf(box, ['Qwen/Qwen3-8B']);
    expect(full.code).toBe(1);
    expect(full.stderr).toContain('UserWarning: Not enough free disk space to download the file.');
    expect(full.stderr).toMatch(/OSError: \[Errno 28\] No space left on device\n$/);
    expect(classifyDownloadError(full.stderr)?.kind).toBe('no-space');
  });
});

describe('modelscope download', () => {
  const ms = (box: TestBox, args: string[]) => box.run(downloadPrograms['modelscope']!, 'modelscope', ['download', ...args]);

  it('uses the ModelScope cache layout (dots become ___) and prints its log lines: parse agrees', async () => {
    const box = newBox();
    const result = await ms(box, ['--model', 'Qwen/Qwen3-1.7B']);
    expect(result.code).toBe(0);
    const dir = '/home/demo/.cache/modelscope/hub/models/Qwen/Qwen3-1___7B';
    expect(result.stdout).toBe(`Downloading Model from https://www.modelscope.cn to directory: ${dir}\n`);
    expect(result.stderr).toMatch(/^2026-11-25 09:00:00,000 - modelscope - INFO - Got 13 files, start to download \.\.\.\n/);
    expect(result.stderr).toContain("- modelscope - INFO - Download model 'Qwen/Qwen3-1.7B' successfully.\n");
    expect(statSync(host(box, `${dir}/configuration.json`)).isFile()).toBe(true);
    expect(() => statSync(host(box, `${dir}/._____temp`))).toThrow();
    const parsed = parseDownloadOutput(result.stdout, result.stderr);
    expect(parsed).toMatchObject({ path: dir, completed: true, overall: { done: 13, total: 13 } });
    expect(parsed.files.find((f) => f.file === 'model-00001-of-00002.safetensors')).toMatchObject({ percent: 100, total: 2.03e9 });
  });

  it('reports unknown models and writes into --local_dir', async () => {
    const box = newBox();
    const missing = await ms(box, ['--model', 'meta-llama/Llama-3.1-8B-Instruct']);
    expect(missing.code).toBe(1);
    expect(classifyDownloadError(missing.stderr)?.kind).toBe('not-found');
    const ok = await ms(box, ['--model', 'LLM-Research/Meta-Llama-3.1-8B-Instruct', 'config.json', '--local_dir', 'llama']);
    expect(ok.code).toBe(0);
    expect(readFileSync(host(box, '/home/demo/llama/config.json'), 'utf8')).toContain('LlamaForCausalLM');
    expect((await ms(box, ['--model', 'Qwen/Qwen3-8B', '--local-dir', 'x'])).code).toBe(2);
  });
});
