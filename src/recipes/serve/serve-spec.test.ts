import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import { serveLaunch } from './serve-launch.js';
import { OllamaModelName, ServedModelName } from './serve-model.js';
import { ServeSpec, type ServeSpecInput } from './serve-spec.js';

const home = '/home/it s';

/** The words a real bash hands docker for a launch line. */
const dockerArgv = (line: string): string[] => {
  const out = execFileSync('bash', ['-c', `docker() { printf '%s\\0' "$@"; }; ${line}`], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home } });
  return out.toString().split('\0').slice(0, -1);
};

/** The value after a flag in argv. */
const after = (argv: readonly string[], flag: string): string | undefined => argv[argv.indexOf(flag) + 1];

const messages = (input: ServeSpecInput): string[] => {
  const result = ServeSpec.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

const extra = ['$(reboot)', 'with spaces', 'new\nline', 'Модель ünïcödé', '-m /etc/shadow', "x'; reboot; '"];
const hostile = [...hostileStrings, ...extra];

describe('hostile model paths', () => {
  it.each(hostile)('%j: refused with a reason, or mounted as exactly that folder', (value) => {
    for (const model of [`/data/${value}`, `~/${value}`]) {
      const input: ServeSpecInput = { engine: 'vllm', model };
      const refused = messages(input);
      if (refused.length > 0) {
        expect(refused.join(' ')).toMatch(/control characters|":"|not \/ or ~|cannot be served as a model name/);
        continue;
      }
      const argv = dockerArgv(serveLaunch(input).command);
      const expected = model.replace(/\/+$/, '').replace(/^~\//, `${home}/`);
      expect(argv).toContain(`${expected}:/workspace/model:ro`);
      // The engine gets our fixed in-container path; the folder's name is what clients use.
      expect(argv.slice(argv.indexOf('nvcr.io/nvidia/vllm:25.09-py3') + 1)).toEqual(
        ['vllm', 'serve', '/workspace/model', '--served-model-name', expected.split('/').pop(), '--gpu-memory-utilization', '0.7', '--max-model-len', '32768', '--host', '0.0.0.0', '--port', '8000'],
      );
    }
  });

  it('refuses newlines, colons and leading dashes, each with its sentence', () => {
    expect(messages({ engine: 'vllm', model: '/data/a\nb' })).toEqual(['a model path without control characters (newlines, tabs)']);
    expect(messages({ engine: 'vllm', model: '/data/a:/etc' })).toEqual(['a model path without ":" (docker -v splits on it)']);
    expect(messages({ engine: 'vllm', model: '--help' })).toEqual(['a folder on the box (/… or ~/…) or a Hugging Face id like nvidia/Qwen3-30B-A3B-NVFP4']);
    expect(messages({ engine: 'vllm', model: "'; rm -rf ~" })).toEqual(['a folder on the box (/… or ~/…) or a Hugging Face id like nvidia/Qwen3-30B-A3B-NVFP4']);
    expect(messages({ engine: 'vllm', model: '/data/-rf' })).toEqual(['"-rf" cannot be served as a model name (it starts with "-" or has control characters): give a served model name']);
    expect(messages({ engine: 'vllm', model: '/data/-rf', servedModelName: 'rf' })).toEqual([]);
    expect(messages({ engine: 'llama-server', model: '/data/x.bin' })).toEqual(['a .gguf file (llama-server reads GGUF only)']);
    expect(messages({ engine: 'llama-server', model: 'owner/repo' })).toEqual(['a GGUF file on the box: an absolute path or ~/…']);
  });

  it('mounts a hostile GGUF file’s folder and passes the file as one word', () => {
    for (const value of ["'; rm -rf ~", '$(reboot)', 'with spaces', '中文模型名称 🚀']) {
      const argv = dockerArgv(serveLaunch({ engine: 'llama-server', model: `/models/${value}/${value}.gguf`, servedModelName: 'm1' }).command);
      expect(argv).toContain(`/models/${value}:/workspace/models:ro`);
      expect(after(argv, '-m')).toBe(`/workspace/models/${value}.gguf`);
    }
  });

  it('accepts only Hugging Face ids for ids, passed as they are', () => {
    for (const value of hostile.filter((v) => !v.startsWith('/') && !v.startsWith('~/'))) expect(ServeSpec.safeParse({ engine: 'sglang', model: value }).success).toBe(false);
    expect(after(dockerArgv(serveLaunch({ engine: 'sglang', model: 'nvidia/Qwen3-30B-A3B-NVFP4' }).command), '--model-path')).toBe('nvidia/Qwen3-30B-A3B-NVFP4');
  });
});

describe('hostile served model names', () => {
  it.each(hostile)('%j: refused with a reason, or passed as exactly that word', (value) => {
    const parsed = ServedModelName.safeParse(value);
    if (!parsed.success) {
      expect(parsed.error.issues[0]!.message).toMatch(/^a served model name/);
      expect(ServeSpec.safeParse({ engine: 'vllm', model: '/m/x', servedModelName: value }).success).toBe(false);
      return;
    }
    const vllm = dockerArgv(serveLaunch({ engine: 'vllm', model: '/m/x', servedModelName: value }).command);
    expect(after(vllm, '--served-model-name')).toBe(value);
    const sglang = dockerArgv(serveLaunch({ engine: 'sglang', model: '/m/x', servedModelName: value }).command);
    expect(after(sglang, '--served-model-name')).toBe(value);
    const llama = serveLaunch({ engine: 'llama-server', model: '/m/x.gguf', servedModelName: value });
    expect(after(dockerArgv(llama.command), '--alias')).toBe(value);
    expect(llama.servedModelName).toBe(value);
  });

  it('refuses what an engine would misread, and says why', () => {
    expect(ServedModelName.safeParse('-rf').error?.issues[0]?.message).toBe('a served model name that does not start with "-" (the engine would read it as an option)');
    expect(ServedModelName.safeParse('a\nb').error?.issues[0]?.message).toBe('a served model name without control characters (newlines, tabs)');
    expect(ServedModelName.safeParse('').error?.issues[0]?.message).toBe('a served model name');
    for (const ok of ["'; rm -rf ~", '$(reboot)', 'with spaces', '中文模型名称 🚀']) expect(ServedModelName.safeParse(ok).success).toBe(true);
  });
});

describe('other hostile fields', () => {
  it('refuses every hostile Ollama model name, container name and keep-alive', () => {
    for (const value of hostile) {
      expect(OllamaModelName.safeParse(value).success).toBe(false);
      expect(ServeSpec.safeParse({ engine: 'vllm', model: '/m/x', name: value }).success).toBe(false);
      expect(ServeSpec.safeParse({ engine: 'ollama', model: 'qwen3', keepAlive: value }).success).toBe(false);
      expect(ServeSpec.safeParse({ engine: 'vllm', model: '/m/x', image: value }).success).toBe(false);
    }
  });

  it('refuses memory settings that would leave the OS nothing', () => {
    expect(messages({ engine: 'vllm', model: '/m/x', memory: { kind: 'utilization', fraction: 1 } })).toEqual(['at most 0.95: the OS shares this memory']);
    expect(messages({ engine: 'sglang', model: '/m/x', memFractionStatic: 0 })).toEqual(['above 0']);
    expect(ServeSpec.safeParse({ engine: 'vllm', model: '/m/x', dtype: 'auto; reboot' }).success).toBe(false);
  });
});
