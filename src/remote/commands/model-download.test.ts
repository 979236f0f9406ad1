import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import type { DownloadRequest } from '../../domain/model-download.js';
import { InvalidDockerArgument } from './docker-names.js';
import { isJobId } from './host-job.js';
import {
  cancelDownloadCommand,
  checkDownload,
  downloadJobId,
  downloadJobScript,
  downloadLogCommand,
  downloadSpaceCommand,
  downloadTokenSftpPath,
  downloadToolCommand,
  prepareDownloadCommand,
  resumeMarker,
} from './model-download.js';

const hf = (id: string, revision?: string, useToken = false): DownloadRequest => ({ source: 'huggingface', id, useToken, ...(revision !== undefined ? { revision } : {}) });

/** A HOME with fake `hf`, `modelscope` and `ollama` on the PATH that print each argument (and HF_TOKEN) on a line of its own. */
const fakeBox = () => {
  const home = mkdtempSync(join(tmpdir(), 'pgx-dl-'));
  const bin = join(home, 'bin');
  mkdirSync(bin);
  for (const tool of ['hf', 'modelscope', 'ollama']) {
    writeFileSync(join(bin, tool), `#!/bin/sh\nprintf '%s\\n' "${tool}" "$@"\nprintf 'HF_TOKEN=%s\\n' "\${HF_TOKEN-unset}"\nprintf 'MS_TOKEN=%s\\n' "\${MODELSCOPE_API_TOKEN-unset}"\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  const run = (line: string): string => execFileSync('bash', ['-c', line], { env: { PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}`, HOME: home } }).toString();
  return { home, run, jobDir: (id: string) => join(home, '.pgx-companion', 'jobs', id) };
};

describe('checkDownload', () => {
  it('takes the ids and revisions the hubs and Ollama use', () => {
    expect(checkDownload(hf(' nvidia/Qwen3-30B-A3B-NVFP4 ')).id).toBe('nvidia/Qwen3-30B-A3B-NVFP4');
    expect(checkDownload(hf('Qwen/Qwen3-1.7B', 'refs/pr/12')).revision).toBe('refs/pr/12');
    expect(checkDownload(hf('unsloth/gpt-oss-20b-GGUF', '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567')).id).toBe('unsloth/gpt-oss-20b-GGUF');
    expect(checkDownload({ source: 'modelscope', id: 'Qwen/Qwen3-8B', useToken: true }).source).toBe('modelscope');
    for (const name of ['qwen3:1.7b', 'gpt-oss:20b', 'library/qwen3', 'hf.co/unsloth/Qwen3-8B-GGUF:Q4_K_M']) expect(checkDownload({ source: 'ollama', id: name, useToken: false }).id).toBe(name);
  });

  it('refuses every hostile string as an id, a revision or an Ollama name', () => {
    for (const value of hostileStrings) {
      expect(() => checkDownload(hf(value)), value).toThrow(InvalidDockerArgument);
      expect(() => checkDownload(hf(`Qwen/${value}`)), value).toThrow(InvalidDockerArgument);
      if (value !== '') expect(() => checkDownload(hf('Qwen/Qwen3-8B', value)), value).toThrow(InvalidDockerArgument);
      if (value.trim() !== '~/x') expect(() => checkDownload({ source: 'ollama', id: value, useToken: false }), value).toThrow(InvalidDockerArgument);
    }
  });

  it('refuses ids and revisions that climb or read as options, and Ollama with a revision or token', () => {
    for (const id of ['Qwen/..', '../etc', 'Qwen/a..b', 'Qwen--x/y', 'Qwen/Qwen3 8B', 'Qwen', 'a/b/c', '-Qwen/x', 'Qwen/-x', 'Qwen/x\ny/z']) expect(() => checkDownload(hf(id)), id).toThrow(InvalidDockerArgument);
    for (const rev of ['..', 'main/../x', '-main', '--help', 'a b', "v1'", '$(id)', 'v1\nv2']) expect(() => checkDownload(hf('Qwen/Qwen3-8B', rev)), rev).toThrow(InvalidDockerArgument);
    expect(() => checkDownload({ source: 'ollama', id: 'qwen3:8b', revision: 'main', useToken: false })).toThrow(/tag in the name/);
    expect(() => checkDownload({ source: 'ollama', id: 'qwen3:8b', useToken: true })).toThrow(/without a token/);
    expect(() => checkDownload({ source: 'ollama', id: '-rf', useToken: false })).toThrow(InvalidDockerArgument);
  });
});

describe('downloadJobId', () => {
  it('is a host-job id made of the model and the time, whatever the id holds', () => {
    expect(downloadJobId(hf('Qwen/Qwen3-8B'), 1_700_000_000_000)).toBe(`dl-qwen-qwen3-8b-${(1_700_000_000_000).toString(36)}`);
    expect(downloadJobId({ source: 'ollama', id: 'hf.co/Unsloth/Qwen3-8B-GGUF:Q4_K_M', useToken: false }, 5)).toBe('dl-hf-co-unsloth-qwen3-8b-gguf-q4-k-m-5');
    for (const value of hostileStrings) expect(isJobId(downloadJobId(hf(value), 1)), value).toBe(true);
    expect(downloadJobId(hf('x'.repeat(200)), 1).length).toBeLessThanOrEqual(63);
  });
});

describe('downloadToolCommand', () => {
  it('is the tool with the id and revision as plain words', () => {
    expect(downloadToolCommand(hf('Qwen/Qwen3-8B', 'v1.0'))).toBe('hf download Qwen/Qwen3-8B --revision v1.0');
    expect(downloadToolCommand({ source: 'modelscope', id: 'Qwen/Qwen3-8B', revision: 'master', useToken: false })).toBe('modelscope download --model Qwen/Qwen3-8B --revision master');
    expect(downloadToolCommand({ source: 'ollama', id: 'qwen3:1.7b', useToken: false })).toBe('ollama pull qwen3:1.7b');
  });

  it('hands the tools exactly the id and revision (run by a real shell)', () => {
    const box = fakeBox();
    expect(box.run(downloadToolCommand(hf('nvidia/Qwen3-30B-A3B-NVFP4', 'refs/pr/1'))).split('\n').slice(0, 5)).toEqual(['hf', 'download', 'nvidia/Qwen3-30B-A3B-NVFP4', '--revision', 'refs/pr/1']);
    expect(box.run(downloadToolCommand({ source: 'ollama', id: 'hf.co/x/y:Q4_K_M', useToken: false })).split('\n').slice(0, 3)).toEqual(['ollama', 'pull', 'hf.co/x/y:Q4_K_M']);
  });
});

describe('the token', () => {
  it('goes from its file into the tool’s environment and the file is gone, whatever the token holds', () => {
    const box = fakeBox();
    const token = `hf_a'b"c$(touch ${'$HOME'}/pwned)\`id\`\\ ;x`;
    const dir = box.jobDir('dl-t-1');
    box.run(prepareDownloadCommand('dl-t-1', false));
    writeFileSync(join(dir, 'token'), `${token}\n`, { mode: 0o600 });
    const script = downloadJobScript('dl-t-1', hf('meta-llama/Llama-3.1-8B-Instruct', undefined, true));
    expect(script).not.toContain('hf_a');
    const out = box.run(script).split('\n');
    expect(out).toContain(`HF_TOKEN=${token}`);
    expect(existsSync(join(dir, 'token'))).toBe(false);
    expect(existsSync(join(box.home, 'pwned'))).toBe(false);
  });

  it('is read for ModelScope into its own variable, and never for Ollama or without useToken', () => {
    const box = fakeBox();
    box.run(prepareDownloadCommand('dl-t-2', false));
    writeFileSync(join(box.jobDir('dl-t-2'), 'token'), 'ms-secret\n');
    expect(box.run(downloadJobScript('dl-t-2', { source: 'modelscope', id: 'Qwen/Qwen3-8B', useToken: true }))).toContain('MS_TOKEN=ms-secret');
    expect(downloadJobScript('dl-t-3', hf('Qwen/Qwen3-8B'))).toBe('hf download Qwen/Qwen3-8B');
    expect(downloadJobScript('dl-t-3', { source: 'ollama', id: 'qwen3:8b', useToken: false })).toBe('ollama pull qwen3:8b');
  });

  it('has an SFTP path relative to the home folder, for job ids only', () => {
    expect(downloadTokenSftpPath('dl-a-1')).toBe('.pgx-companion/jobs/dl-a-1/token');
    for (const value of ['../x', 'A', 'a/b', '', "a'b"]) expect(() => downloadTokenSftpPath(value), value).toThrow(InvalidDockerArgument);
  });
});

describe('prepare, cancel and the log', () => {
  it('a resume keeps the earlier log with the marker and clears the cancelled mark and any stale token', () => {
    const box = fakeBox();
    const dir = box.jobDir('dl-r-1');
    box.run(prepareDownloadCommand('dl-r-1', false));
    writeFileSync(join(dir, 'log'), 'first run\n');
    writeFileSync(join(dir, 'cancelled'), '1\n');
    writeFileSync(join(dir, 'token'), 'stale\n');
    box.run(prepareDownloadCommand('dl-r-1', true));
    expect(readFileSync(join(dir, 'earlier', 'log'), 'utf8')).toBe(`first run\n\n${resumeMarker}\n`);
    expect(existsSync(join(dir, 'cancelled'))).toBe(false);
    expect(existsSync(join(dir, 'token'))).toBe(false);
    writeFileSync(join(dir, 'log'), 'second run\n');
    expect(box.run(downloadLogCommand('dl-r-1', 10_000))).toBe(`first run\n\n${resumeMarker}\nsecond run\n`);
    expect(box.run(downloadLogCommand('dl-r-1', 11))).toBe('second run\n');
  });

  it('a first start with no log yet still succeeds', () => {
    const box = fakeBox();
    box.run(prepareDownloadCommand('dl-r-2', true));
    expect(existsSync(join(box.jobDir('dl-r-2'), 'earlier'))).toBe(true);
  });

  it('cancel marks the job, then signals its process group; odd pids and ids are refused', () => {
    expect(cancelDownloadCommand('dl-a-1', 4242)).toBe('echo 1 > "$HOME"/.pgx-companion/jobs/dl-a-1/cancelled; kill -TERM -- -4242; true');
    expect(cancelDownloadCommand('dl-a-1', null)).toBe('echo 1 > "$HOME"/.pgx-companion/jobs/dl-a-1/cancelled');
    for (const pid of [0, -1, 1.5, Number.NaN]) expect(() => cancelDownloadCommand('dl-a-1', pid), String(pid)).toThrow(InvalidDockerArgument);
    for (const value of hostileStrings) {
      expect(() => cancelDownloadCommand(value, 1), value).toThrow(InvalidDockerArgument);
      expect(() => prepareDownloadCommand(value, true), value).toThrow(InvalidDockerArgument);
      expect(() => downloadLogCommand(value, 10), value).toThrow(InvalidDockerArgument);
    }
    expect(() => downloadLogCommand('dl-a-1', 0)).toThrow(InvalidDockerArgument);
  });

  it('free space is read where each tool writes', () => {
    expect(downloadSpaceCommand('huggingface')).toContain('${HF_HOME:-$HOME/.cache/huggingface}');
    expect(downloadSpaceCommand('modelscope')).toContain('${MODELSCOPE_CACHE:-$HOME/.cache/modelscope}');
    const box = fakeBox();
    const out = box.run(downloadSpaceCommand('huggingface')).trim().split('\n');
    expect(out[0]).toMatch(/^Filesystem\s+1B-blocks\s+Used\s+Avail\s+Mounted on$/);
    expect(out).toHaveLength(2);
  });
});
