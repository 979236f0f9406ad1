import { describe, expect, it } from 'vitest';
import { resumeMarker } from '../commands/model-download.js';
import { cancelledJobs, readDownloadJob, type DownloadJobState } from './download-job.js';

/*
 * Hub logs keep the shapes of `hf download`'s merged 2>&1 output (tqdm bars redrawn with \r, the
 * snapshot path on stdout, errors of huggingface_hub 1.x); see hf-download.test.ts for their
 * sources. The Ollama log is the DGX Spark playbook's `ollama pull` capture
 * (/work/shared/formats/ollama-cli-and-api.txt): without a terminal it prints plain lines.
 */
const hubSpec = { kind: 'model-download', source: 'huggingface', model: 'Qwen/Qwen3-1.7B', revision: null, useToken: false, startedAt: 1_700_000_000_000 };
const ollamaSpec = { kind: 'model-download', source: 'ollama', model: 'qwen2.5:32b', revision: null, useToken: false, startedAt: 1 };

const job = (over: Partial<DownloadJobState>): DownloadJobState => ({ id: 'dl-qwen-qwen3-1-7b-1', spec: hubSpec, running: true, exitCode: null, cancelled: false, log: '', ...over });

const hubRunning = [
  'Fetching 4 files:   0%|          | 0/4 [00:00<?, ?it/s]',
  'config.json: 100%|██████████| 726/726 [00:00<00:00, 4.21MB/s]',
  'model-00001-of-00002.safetensors:  30%|███       | 1.20G/3.99G [00:03<00:07, 400MB/s]\rmodel-00001-of-00002.safetensors:  61%|██████    | 2.42G/3.99G [00:06<00:04, 401MB/s]',
].join('\n');

const hubDone = [
  'Fetching 4 files:   0%|          | 0/4 [00:00<?, ?it/s]',
  'config.json: 100%|██████████| 726/726 [00:00<00:00, 4.21MB/s]',
  'model-00001-of-00002.safetensors: 100%|██████████| 3.99G/3.99G [00:10<00:00, 400MB/s]',
  'model-00002-of-00002.safetensors: 100%|██████████| 622M/622M [00:01<00:00, 400MB/s]',
  'tokenizer.json: 100%|██████████| 11.4M/11.4M [00:00<00:00, 40.0MB/s]',
  'Fetching 4 files: 100%|██████████| 4/4 [00:12<00:00,  3.10s/it]/home/demo/.cache/huggingface/hub/models--Qwen--Qwen3-1.7B/snapshots/70d244cc86ccca08cf5af4e1e306ecf908b1ad5e',
].join('\n');

const hubGated = ['Fetching 19 files:   0%|          | 0/19 [00:00<?, ?it/s]', 'Error: Access denied. This repository requires approval.', 'Hint: set HF_DEBUG=1 as environment variable for full traceback.'].join('\n');

const ollamaCapture = [
  'pulling manifest',
  'pulling 58574f2e94b9: 100% ████████████████████████████  18 GB',
  'pulling 53e4ea15e8f5: 100% ████████████████████████████ 1.5 KB',
  'pulling d18a5cc71b84: 100% ████████████████████████████  11 KB',
  'pulling cff3f395ef37: 100% ████████████████████████████  120 B',
  'pulling 3cdc64c2b371: 100% ████████████████████████████  494 B',
  'verifying sha256 digest',
  'writing manifest',
  'success',
].join('\n');

describe('readDownloadJob: hub downloads', () => {
  it('a running download: bytes of every bar’s latest frame, the moving file, its rate and ETA', () => {
    const view = readDownloadJob(job({ log: hubRunning }))!;
    expect(view).toMatchObject({ phase: 'running', model: 'Qwen/Qwen3-1.7B', source: 'huggingface', filesTotal: 4, filesDone: 1, currentFile: 'model-00001-of-00002.safetensors', etaScope: 'file', problem: null, lastLines: [] });
    expect(view.bytesDone).toBe(726 + 2.42e9);
    expect(view.bytesTotal).toBeNull(); // two files have not shown their size yet
    expect(view.rate).toBe(401e6);
    expect(view.eta).toBe(4);
  });

  it('queued before the first bar; done with the total and the snapshot folder once it exits 0', () => {
    expect(readDownloadJob(job({ log: '' }))?.phase).toBe('queued');
    const done = readDownloadJob(job({ running: false, exitCode: 0, log: hubDone }))!;
    expect(done).toMatchObject({ phase: 'done', filesDone: 4, filesTotal: 4, rate: null, eta: null, currentFile: null, problem: null });
    expect(done.bytesTotal).toBe(726 + 3.99e9 + 622e6 + 11.4e6);
    expect(done.bytesDone).toBe(done.bytesTotal);
    expect(done.path).toBe('/home/demo/.cache/huggingface/hub/models--Qwen--Qwen3-1.7B/snapshots/70d244cc86ccca08cf5af4e1e306ecf908b1ad5e');
  });

  it('cancelled from here: no problem, no rate; stopped without an exit code: a failure that says so', () => {
    expect(readDownloadJob(job({ running: false, exitCode: 143, cancelled: true, log: hubRunning }))).toMatchObject({ phase: 'cancelled', problem: null, rate: null, bytesDone: 726 + 2.42e9 });
    expect(readDownloadJob(job({ running: false, exitCode: null, log: hubRunning }))?.problem).toMatchObject({ kind: 'stopped', line: null });
  });

  it('a gated repo: the sentence names the model, with the line that said so and the last lines', () => {
    const view = readDownloadJob(job({ spec: { ...hubSpec, model: 'meta-llama/Llama-3.1-8B' }, running: false, exitCode: 1, log: hubGated }))!;
    expect(view.phase).toBe('failed');
    expect(view.problem).toMatchObject({ kind: 'gated', line: 'Error: Access denied. This repository requires approval.' });
    expect(view.problem?.message).toContain('meta-llama/Llama-3.1-8B is a gated repository');
    expect(view.lastLines.at(-1)).toBe('Hint: set HF_DEBUG=1 as environment variable for full traceback.');
  });

  it('a full disk mid-download and an unknown failure with its exit code', () => {
    const full = `${hubRunning}\nOSError: [Errno 28] No space left on device`;
    expect(readDownloadJob(job({ running: false, exitCode: 1, log: full }))?.problem?.kind).toBe('no-space');
    const odd = readDownloadJob(job({ running: false, exitCode: 2, log: `${hubRunning}\nsomething unexpected happened` }))!;
    expect(odd.problem).toMatchObject({ kind: 'exit', message: 'The download ended with exit code 2.', line: 'something unexpected happened' });
  });

  it('a resumed job: progress counts the earlier run, a failure only what followed the last marker', () => {
    const log = `${hubGated}\n\n${resumeMarker}\n${hubRunning}`;
    const running = readDownloadJob(job({ log }))!;
    expect(running.phase).toBe('running');
    expect(running.bytesDone).toBe(726 + 2.42e9);
    // The earlier run's gated error is not this run's failure.
    const failed = readDownloadJob(job({ running: false, exitCode: 3, log: `${log}\nKilled` }))!;
    expect(failed.problem?.kind).toBe('exit');
    expect(failed.lastLines).not.toContain('Error: Access denied. This repository requires approval.');
  });
});

describe('readDownloadJob: ollama pull', () => {
  it('the captured pull: every layer complete, total size summed, done', () => {
    const view = readDownloadJob(job({ spec: ollamaSpec, running: false, exitCode: 0, log: ollamaCapture }))!;
    expect(view).toMatchObject({ phase: 'done', source: 'ollama', model: 'qwen2.5:32b', filesDone: 5, filesTotal: 5, problem: null });
    expect(view.bytesTotal).toBe(18e9 + 1.5e3 + 11e3 + 120 + 494);
    expect(view.bytesDone).toBe(view.bytesTotal);
  });

  it('a running pull: bytes from the done/total lines, no rate of its own (main measures it)', () => {
    const log = ['pulling manifest', 'pulling 58574f2e94b9:  45% ████████████                 8.1 GB/ 18 GB  420 MB/s  23s'].join('\n');
    const view = readDownloadJob(job({ spec: ollamaSpec, log }))!;
    expect(view).toMatchObject({ phase: 'running', bytesDone: 8.1e9, bytesTotal: 18e9, rate: null, filesTotal: 1, filesDone: 0 });
  });

  it('a name the library lacks: the sentence and fix, from the run after the last marker', () => {
    const view = readDownloadJob(job({ spec: { ...ollamaSpec, model: 'qwen9:1b' }, running: false, exitCode: 1, log: 'pulling manifest\nError: pull model manifest: file does not exist' }))!;
    expect(view.problem).toMatchObject({ kind: 'not-found', message: 'Ollama’s library has no model named qwen9:1b.', line: 'Error: pull model manifest: file does not exist' });
    const other = readDownloadJob(job({ spec: ollamaSpec, running: false, exitCode: 1, log: 'Error: could not connect to ollama app, is it running?' }))!;
    expect(other.problem?.kind).toBe('ollama');
    const resumed = readDownloadJob(job({ spec: ollamaSpec, running: false, exitCode: 0, log: `Error: connection reset\n${resumeMarker}\n${ollamaCapture}` }))!;
    expect(resumed).toMatchObject({ phase: 'done', problem: null });
  });
});

describe('readDownloadJob: other jobs', () => {
  it('is null for a job that is not a download, or a spec it cannot read', () => {
    expect(readDownloadJob(job({ spec: { kind: 'app' } }))).toBeNull();
    expect(readDownloadJob(job({ spec: { ...hubSpec, source: 'ftp' } }))).toBeNull();
    expect(readDownloadJob(job({ spec: { ...hubSpec, model: 42 } }))).toBeNull();
    expect(readDownloadJob(job({ spec: { ...hubSpec, startedAt: 'yesterday', revision: 7 } }))).toMatchObject({ startedAt: null, revision: null });
  });
});

describe('cancelledJobs', () => {
  it('reads the cancelled marks of a job listing', () => {
    const listing = ['./dl-a-1/spec.json:{"kind":"model-download"}', './dl-a-1/cancelled:1', 'dl-b-2/cancelled:1', './dl-c-3/pid:42', './Bad/cancelled:1'].join('\n');
    expect([...cancelledJobs(listing)].sort()).toEqual(['dl-a-1', 'dl-b-2']);
  });
});
