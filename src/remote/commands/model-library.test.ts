import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import { parseModelLibrary } from '../parsers/model-library.js';
import { InvalidDockerArgument } from './docker-names.js';
import { modelLibraryCommand } from './model-library.js';

describe('modelLibraryCommand', () => {
  it('names its native twin first and passes each folder as one quoted word', () => {
    const command = modelLibraryCommand(['/data/llm-model', "it's mine"]);
    expect(command).toMatch(/^sh -c ': pgx-companion:model-library\n/);
    expect(command.endsWith(` sh /data/llm-model 'it'\\''s mine'`)).toBe(true);
    expect(() => modelLibraryCommand([''])).toThrow(InvalidDockerArgument);
    expect(() => modelLibraryCommand(['a\0b'])).toThrow(InvalidDockerArgument);
  });

  it('runs under a real sh: hostile folder names come back verbatim as missing, nothing they say runs', () => {
    const home = mkdtempSync(join(tmpdir(), 'pgx-models-'));
    const folders = hostileStrings.filter((s) => s !== '' && !s.startsWith('~') && s !== '*');
    const result = spawnSync('sh', ['-c', modelLibraryCommand(folders)], { cwd: home, env: { HOME: home, PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
    expect(result.status).toBe(0);
    const library = parseModelLibrary(result.stdout);
    expect(library.complete).toBe(true);
    expect(library.missingFolders).toEqual(folders);
    expect(existsSync('/tmp/pwned')).toBe(false);
  });

  it('finds a model folder with an odd name, a loose GGUF and the folder given itself', () => {
    const root = mkdtempSync(join(tmpdir(), 'pgx-models-'));
    const odd = join(root, 'llm', 'a "b"\nc');
    mkdirSync(odd, { recursive: true });
    writeFileSync(join(odd, 'config.json'), '{"architectures":["Qwen3ForCausalLM"]}');
    writeFileSync(join(root, 'llm', 'tiny-Q4_K_M.gguf'), 'GGUF');
    writeFileSync(join(root, 'llm', 'notes.txt'), 'x');
    const result = spawnSync('sh', ['-c', modelLibraryCommand([join(root, 'llm'), odd])], { env: { HOME: root, PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
    const entries = parseModelLibrary(result.stdout).entries.filter((e) => e.source === 'folder');
    expect(entries.map((e) => [e.path, e.architecture ?? e.format.kind])).toEqual([
      [odd, 'Qwen3ForCausalLM'],
      [odd, 'Qwen3ForCausalLM'],
      [join(root, 'llm', 'tiny-Q4_K_M.gguf'), 'gguf'],
    ]);
    expect(entries[2]!.sizeBytes).toBe(4);
  });
});
