import { describe, expect, it } from 'vitest';
import { classifyDownloadError, parseDownloadOutput, parseTqdmFrame, parseTqdmInterval } from './hf-download.js';

/*
 * The captures folder has no Hugging Face / ModelScope transcript, so these samples keep the
 * exact shapes reported in public issues and transcripts (tqdm frames, glued redraws, error
 * texts of huggingface_hub 0.3x / 1.x and ModelScope), with paths, ids and numbers changed.
 */
const hfCliMergedLog = [
  "⚠️  Warning: 'huggingface-cli download' is deprecated. Use 'hf download' instead.",
  // stdout's path glued to the still-open Fetching bar, as a merged 2>&1 log shows it.
  'Fetching 17 files:   0%|          | 0/17 [00:00<?, ?it/s]/home/someone/Meta-Llama-3.1-8B-Instruct',
  'Fetching 17 files: 100%|██████████| 17/17 [00:00<00:00, 2068.50it/s]',
].join('\n');

const hfFileBars = [
  'tokenizer_config.json: 100%|██████████| 51.0k/51.0k [00:00<00:00, 3.26MB/s]',
  // A redraw of another bar left its tail on this line.
  'tokenizer.json: 100%|██████████| 9.09M/9.09M [00:00<00:00, 35.0MB/s]<00:30, 150MB/s]',
  'model-00004-of-00004.safetensors:  45%|████▌     | 1.78G/3.96G [00:19<00:23, 93.2MB/s]\r' +
    'model-00004-of-00004.safetensors:  61%|██████    | 2.42G/3.96G [00:26<00:16, 94.1MB/s]',
].join('\n');

const hfGatedNew = [
  'Fetching 19 files:   0%|          | 0/19 [00:00<?, ?it/s]Warning: You are sending unauthenticated requests to the HF Hub. Please set a HF_TOKEN to enable higher rate limits and faster downloads.',
  'Error: Access denied. This repository requires approval.',
  'Hint: set HF_DEBUG=1 as environment variable for full traceback.',
].join('\n');

const hfGatedOld = [
  'huggingface_hub.errors.GatedRepoError: 401 Client Error. (Request ID: Root=1-66f4b037-1bf3d7d219afbc904ee05694;5601d2c9-8fd8-4ed8-b38d-d8a432e1fa59)',
  '',
  'Cannot access gated repo for url https://huggingface.co/meta-llama/Llama-3.1-8B/resolve/main/config.json.',
  'Access to model meta-llama/Llama-3.1-8B is restricted. You must have access to it and be authenticated to access it. Please log in.',
].join('\n');

const hfNotFound401 = [
  'huggingface_hub.errors.RepositoryNotFoundError: 401 Client Error. (Request ID: Root=1-67a09eeb-652bc86360d49ad177e2997a;dfa4c2bf)',
  '',
  'Repository Not Found for url: https://huggingface.co/api/models/someone/missing/revision/main.',
  'Please make sure you specified the correct `repo_id` and `repo_type`.',
  'If you are trying to access a private or gated repo, make sure you are authenticated.',
  'Invalid username or password.',
].join('\n');

const modelscopeLog = [
  'Downloading Model from https://www.modelscope.cn to directory: /home/someone/.cache/modelscope/hub/models/Qwen/Qwen2.5-3B-Instruct',
  '2025-06-06 23:02:40,101 - modelscope - INFO - Got 10 files, start to download ...',
  'Downloading [configuration.json]: 100%|██████████| 76.0/76.0 [00:05<00:00, 12.8B/s]',
  'Downloading [model-00001-of-00002.safetensors]: 100%|██████████| 3.70G/3.70G [03:26<00:00, 19.3MB/s]',
  'Processing 10 items: 100%|██████████| 10.0/10.0 [03:28<00:00, 20.8s/it]',
  // A later redraw of another bar is glued after the success line.
  "2025-06-06 23:06:08,245 - modelscope - INFO - Download model 'Qwen/Qwen2.5-3B-Instruct' successfully.1<10:02, 14.3MB/s]",
].join('\n');

describe('parseTqdmFrame', () => {
  it('reads a byte bar with SI sizes, rate and ETA', () => {
    expect(parseTqdmFrame('model-00004-of-00004.safetensors:  45%|████▌     | 1.78G/3.96G [00:19<00:23, 93.2MB/s]')).toEqual({
      desc: 'model-00004-of-00004.safetensors',
      percent: 45,
      done: 1.78e9,
      total: 3.96e9,
      elapsedS: 19,
      etaS: 23,
      rate: 93.2e6,
      unit: 'B',
    });
  });

  it('turns `?` into null and seconds-per-item into a rate', () => {
    const start = parseTqdmFrame('Fetching 12 files:   0%|          | 0/12 [00:00<?, ?it/s]');
    expect(start).toMatchObject({ done: 0, total: 12, etaS: null, rate: null, unit: 'it' });
    const slow = parseTqdmFrame('Processing 11 items: 100%|██████████| 11.0/11.0 [05:36<00:00, 30.6s/it]');
    expect(slow?.elapsedS).toBe(336);
    expect(slow?.rate).toBeCloseTo(1 / 30.6, 6);
  });

  it('reads the converter bar (byte unit spelled out) and ignores other text', () => {
    expect(parseTqdmFrame('Writing: 100%|██████████| 66.3G/66.3G [01:14<00:00, 892Mbyte/s]')).toMatchObject({ desc: 'Writing', done: 66.3e9, rate: 892e6, unit: 'byte' });
    expect(parseTqdmFrame('INFO:hf-to-gguf:Set model parameters')).toBeNull();
    expect(parseTqdmFrame('')).toBeNull();
    expect(parseTqdmInterval('1:02:03')).toBe(3723);
    expect(parseTqdmInterval('?')).toBeNull();
  });
});

describe('parseDownloadOutput', () => {
  it('finds the path hf printed even when glued to a bar, and the overall count', () => {
    const result = parseDownloadOutput(hfCliMergedLog);
    expect(result.path).toBe('/home/someone/Meta-Llama-3.1-8B-Instruct');
    expect(result.overall).toEqual({ done: 17, total: 17 });
    expect(result.completed).toBe(true);
    expect(result.problem).toBeNull();
  });

  it('keeps the latest frame per file across \\r redraws and glued tails', () => {
    const result = parseDownloadOutput('', hfFileBars);
    expect(result.files.map((f) => f.file)).toEqual(['tokenizer_config.json', 'tokenizer.json', 'model-00004-of-00004.safetensors']);
    expect(result.files[2]).toEqual({ file: 'model-00004-of-00004.safetensors', bytes: 2.42e9, total: 3.96e9, rate: 94.1e6, eta: 16, percent: 61 });
    expect(result.completed).toBe(false);
  });

  it('reads ModelScope bars, its target directory and its success line', () => {
    const result = parseDownloadOutput(modelscopeLog);
    expect(result.files.map((f) => [f.file, f.bytes])).toEqual([
      ['configuration.json', 76],
      ['model-00001-of-00002.safetensors', 3.7e9],
    ]);
    expect(result.overall).toEqual({ done: 10, total: 10 });
    expect(result.path).toBe('/home/someone/.cache/modelscope/hub/models/Qwen/Qwen2.5-3B-Instruct');
    expect(result.completed).toBe(true);
  });

  it('reads the newest hf result block', () => {
    const result = parseDownloadOutput('✓ Downloaded\n  path: /home/demo/models/qwen\n');
    expect(result.path).toBe('/home/demo/models/qwen');
    expect(result.completed).toBe(true);
  });

  it('reports a failure instead of a path', () => {
    const result = parseDownloadOutput(hfGatedNew);
    expect(result.problem?.kind).toBe('gated');
    expect(result.path).toBeNull();
    expect(result.completed).toBe(false);
  });
});

describe('classifyDownloadError', () => {
  it.each([
    [hfGatedNew, 'gated'],
    [hfGatedOld, 'gated'],
    ['Access to model meta-llama/Llama-2-7b-hf is restricted and you are not in the authorized list. Visit https://huggingface.co/meta-llama/Llama-2-7b-hf to ask for access.', 'gated'],
    [hfNotFound401, 'not-found'],
    ['Error: Repository not found. Check the `repo_id` and `repo_type` parameters. If the repo is private, make sure you are authenticated.', 'not-found'],
    ['2025-06-08 16:50:48,627 - modelscope - ERROR - Repo someone/missing not exists on either https://www.modelscope.cn or https://www.modelscope.ai', 'not-found'],
    ['Error: Revision not found. Check the `revision` parameter.', 'revision-not-found'],
    ['Error: File not found in repository.', 'file-not-found'],
    ['/usr/lib/python3/site-packages/huggingface_hub/file_download.py:752: UserWarning: Not enough free disk space to download the file. The expected file size is: 3996.00 MB. The target location /x/blobs only has 0.00 MB free disk space.', 'no-space'],
    ['OSError: [Errno 28] No space left on device', 'no-space'],
    ['RuntimeError: Data processing error: File reconstruction error: IO Error: No space left on device (os error 28)', 'no-space'],
    ["'(MaxRetryError('HTTPSConnectionPool(host=\\'huggingface.co\\', port=443): Max retries exceeded with url: /x/resolve/main/model.safetensors (Caused by NewConnectionError", 'network'],
    ['huggingface_hub.errors.LocalEntryNotFoundError: An error happened while trying to locate the files on the Hub and we cannot find the appropriate snapshot folder for the specified revision on the local disk. Please check your internet connection and try again.', 'network'],
    ['Error: Not logged in. Run \'hf auth login\' first.', 'unauthorized'],
  ] as const)('classifies %#', (text, kind) => {
    expect(classifyDownloadError(text)?.kind).toBe(kind);
  });

  it('returns null for a clean run', () => {
    expect(classifyDownloadError(hfCliMergedLog)).toBeNull();
    expect(classifyDownloadError(modelscopeLog)).toBeNull();
  });
});
