import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import { InvalidDockerArgument } from './docker-names.js';
import { cacheFolderKeys, cacheSizesCommand, deleteTreeCommand, parseCacheSizes } from './files.js';

/** What `rm` would be handed, by a real bash with rm replaced by a function that prints its arguments. */
const argsOf = (command: string): string[] =>
  execFileSync('bash', ['-c', `rm() { printf '%s\\0' rm "$@"; }; ${command}`], { env: { PATH: '/usr/bin:/bin', HOME: '/home/demo' } })
    .toString()
    .split('\0')
    .slice(0, -1);

describe('deleteTreeCommand', () => {
  it('hands rm -rf exactly the path, whatever its name holds', () => {
    expect(deleteTreeCommand('/home/demo/old run', '/home/demo')).toBe(`rm -rf -- '/home/demo/old run'`);
    for (const value of hostileStrings) {
      if (value.includes('\0') || value.includes('/') || value === '' || value === '.' || value === '..') continue;
      const path = `/home/demo/${value}`;
      expect(argsOf(deleteTreeCommand(path, '/home/demo')), JSON.stringify(value)).toEqual(['rm', '-rf', '--', path]);
    }
  });

  it('refuses the root, a top-level folder, the home folder and relative or climbing paths', () => {
    for (const path of ['', 'relative/x', '~/x', '/', '/home', '/etc/', '//usr//', '/home/demo', '/home/demo/', '/home/demo/./', '/home/demo/..', '/home/../etc/x', '/home/demo/x\0y']) {
      expect(() => deleteTreeCommand(path, '/home/demo'), JSON.stringify(path)).toThrow(InvalidDockerArgument);
    }
    expect(deleteTreeCommand('/home/demo/x', '/home/demo/')).toBe('rm -rf -- /home/demo/x');
  });
});

describe('cacheSizesCommand', () => {
  /** A home folder with an HF cache moved to another disk (a symlink), a ModelScope file, jobs, and no Ollama or reports. */
  const home = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgx-cache-sizes-'));
    const elsewhere = join(dir, 'big-disk', 'hub');
    mkdirSync(join(elsewhere, 'models--Qwen--Qwen3-8B'), { recursive: true });
    writeFileSync(join(elsewhere, 'models--Qwen--Qwen3-8B', 'weights'), Buffer.alloc(100_000));
    mkdirSync(join(dir, 'home', '.cache', 'huggingface'), { recursive: true });
    symlinkSync(elsewhere, join(dir, 'home', '.cache', 'huggingface', 'hub'));
    mkdirSync(join(dir, 'home', '.cache', 'modelscope', 'hub'), { recursive: true });
    writeFileSync(join(dir, 'home', '.cache', 'modelscope', 'hub', 'f'), 'x'.repeat(5000));
    mkdirSync(join(dir, 'home', '.pgx-companion', 'jobs', 'j1'), { recursive: true });
    return join(dir, 'home');
  };
  const runIn = (env: Record<string, string>) => execFileSync('bash', ['-c', cacheSizesCommand()], { env: { PATH: '/usr/bin:/bin', ...env } }).toString();

  it('measures each folder with GNU du (through a symlinked cache), and a missing one is null', () => {
    const HOME = home();
    const folders = parseCacheSizes(runIn({ HOME }));
    expect(folders?.map((f) => f.key)).toEqual(cacheFolderKeys);
    const byKey = Object.fromEntries(folders!.map((f) => [f.key, f]));
    expect(byKey['huggingface']!.path).toBe(`${HOME}/.cache/huggingface/hub`);
    expect(byKey['huggingface']!.bytes).toBeGreaterThan(100_000);
    expect(byKey['modelscope']!.bytes).toBeGreaterThanOrEqual(5000);
    expect(byKey['pgx-jobs']!.bytes).toBeGreaterThan(0);
    expect(byKey['nsys-reports']).toEqual({ key: 'nsys-reports', path: `${HOME}/pgx-companion/profiles`, bytes: null });
    expect(byKey['llamafactory-output']!.bytes).toBeNull();
    // Neither ~/.ollama nor the system service's folder exists here: the service's is named.
    expect(byKey['ollama']).toEqual({ key: 'ollama', path: '/usr/share/ollama/.ollama/models', bytes: null });
  });

  it('follows HF_HOME, MODELSCOPE_CACHE and OLLAMA_MODELS as the tools do', () => {
    const HOME = home();
    const folders = parseCacheSizes(runIn({ HOME, HF_HOME: '/srv/hf home', MODELSCOPE_CACHE: '/srv/ms', OLLAMA_MODELS: `${HOME}/.cache` }))!;
    expect(folders.find((f) => f.key === 'huggingface')).toEqual({ key: 'huggingface', path: '/srv/hf home/hub', bytes: null });
    expect(folders.find((f) => f.key === 'modelscope')?.path).toBe('/srv/ms');
    // ~/.cache holds the ModelScope file; the HF symlink inside it counts as a link, not what it points at.
    expect(folders.find((f) => f.key === 'ollama')?.bytes).toBeGreaterThan(5000);
  });

  it('reads nothing from output that is not its own', () => {
    expect(parseCacheSizes('')).toBeNull();
    expect(parseCacheSizes('bash: du: command not found\n')).toBeNull();
    expect(parseCacheSizes('huggingface=/x\n--- du ---\n12\t/x/\n')).toBeNull();
  });
});
