import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import { InvalidDockerArgument } from './docker-names.js';
import { modelDeleteCommand } from './model-delete.js';

/** What `rm` / `ollama` would be handed, by a real bash with both replaced by functions that print their arguments. */
const argsOf = (command: string): string[] =>
  execFileSync('bash', ['-c', `rm() { printf '%s\\0' rm "$@"; }; ollama() { printf '%s\\0' ollama "$@"; }; ${command}`], { env: { PATH: '/usr/bin:/bin', HOME: '/home/demo' } })
    .toString()
    .split('\0')
    .slice(0, -1);

const folder = (path: string | null) => ({ source: 'folder' as const, id: 'x', path });

describe('modelDeleteCommand', () => {
  it('removes the HF repo folder, a model folder or a GGUF file the scan named', () => {
    expect(modelDeleteCommand({ source: 'huggingface', id: 'Qwen/Qwen3-8B', path: '/home/demo/.cache/huggingface/hub/models--Qwen--Qwen3-8B' })).toBe('rm -rf -- /home/demo/.cache/huggingface/hub/models--Qwen--Qwen3-8B');
    expect(modelDeleteCommand(folder('/data/llm-model/Qwen3-30B-A3B-NVFP4'))).toBe('rm -rf -- /data/llm-model/Qwen3-30B-A3B-NVFP4');
    expect(argsOf(modelDeleteCommand(folder('/home/demo/models/Qwen3-8B-Q4_K_M.gguf')))).toEqual(['rm', '-rf', '--', '/home/demo/models/Qwen3-8B-Q4_K_M.gguf']);
  });

  it('hands rm exactly the path, whatever it holds', () => {
    for (const value of hostileStrings) {
      if (value.includes('\0') || value === '' || value === '..') continue;
      const path = `/data/llm-model/${value}`;
      if (path.split('/').includes('..')) continue;
      expect(argsOf(modelDeleteCommand(folder(path))), JSON.stringify(value)).toEqual(['rm', '-rf', '--', path]);
    }
  });

  it('refuses paths that are not a model’s own folder', () => {
    for (const path of [null, '', 'relative/model', '~/models/x', '/', '/data', '/data/', '//data//', '/home/demo', '/home/demo/', '/root', '/data/llm-model/../..', '/data/../etc/x', '/data/a/../../etc', '/data/x\0y', '/./data']) {
      expect(() => modelDeleteCommand(folder(path)), String(path)).toThrow(InvalidDockerArgument);
    }
  });

  it('runs ollama rm with the name as one word, and refuses names that read as options', () => {
    expect(modelDeleteCommand({ source: 'ollama', id: 'qwen3:1.7b', path: null })).toBe('ollama rm qwen3:1.7b');
    expect(argsOf(modelDeleteCommand({ source: 'ollama', id: "it's; rm -rf ~", path: null }))).toEqual(['ollama', 'rm', "it's; rm -rf ~"]);
    expect(argsOf(modelDeleteCommand({ source: 'ollama', id: '$(touch /tmp/pwned)', path: null }))).toEqual(['ollama', 'rm', '$(touch /tmp/pwned)']);
    for (const id of ['', '-rf', '--help']) expect(() => modelDeleteCommand({ source: 'ollama', id, path: null }), id).toThrow(InvalidDockerArgument);
  });
});
