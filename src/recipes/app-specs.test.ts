import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../e2e/harness/hostile-strings.js';
import { AppSpec, jupyterTokenFrom } from './app-specs.js';

const token = 'f'.repeat(48);

describe('AppSpec', () => {
  it('fills in each app’s defaults', () => {
    expect(AppSpec.parse({ app: 'jupyterlab', token })).toEqual({ app: 'jupyterlab', token, boxPort: 8888, image: 'nvcr.io/nvidia/pytorch:25.09-py3', notebookDir: '~/notebooks' });
    expect(AppSpec.parse({ app: 'ollama' })).toEqual({ app: 'ollama', mode: 'service', boxPort: 11434, image: 'ollama/ollama:latest' });
    expect(AppSpec.parse({ app: 'open-webui' })).toEqual({ app: 'open-webui', boxPort: 8080, image: 'ghcr.io/open-webui/open-webui:main', ollamaPort: 11434 });
    expect(AppSpec.parse({ app: 'dgx-dashboard' })).toEqual({ app: 'dgx-dashboard', boxPort: 11000 });
    expect(AppSpec.parse({ app: 'custom', id: 'web', name: ' Web ', boxPort: 9000, run: { kind: 'host', script: 'serve' } })).toEqual({
      app: 'custom',
      id: 'web',
      name: 'Web',
      boxPort: 9000,
      urlPath: '/',
      healthPath: '/',
      startupSeconds: 120,
      run: { kind: 'host', script: 'serve', workdir: '~' },
    });
  });

  it('refuses ids, paths and ports that would not make a safe name, label or URL', () => {
    const base = { app: 'custom', name: 'x', boxPort: 9000, run: { kind: 'host', script: 'true' } };
    for (const id of [...hostileStrings, 'UPPER', 'a'.repeat(42)]) expect(AppSpec.safeParse({ ...base, id }).success).toBe(false);
    expect(AppSpec.safeParse({ ...base, id: 'ok', urlPath: '/a b' }).success).toBe(false);
    expect(AppSpec.safeParse({ ...base, id: 'ok', healthPath: 'health' }).success).toBe(false);
    expect(AppSpec.safeParse({ ...base, id: 'ok', boxPort: 0 }).success).toBe(false);
    expect(AppSpec.safeParse({ ...base, id: 'ok', run: { kind: 'host', script: '' } }).success).toBe(false);
    expect(AppSpec.safeParse({ ...base, id: 'ok', run: { kind: 'host', script: 'x', workdir: 'rel/dir' } }).success).toBe(false);
    expect(AppSpec.safeParse({ ...base, id: 'ok', run: { kind: 'container', containerPort: 80, container: { image: '-rf' } } }).success).toBe(false);
    expect(AppSpec.safeParse({ app: 'ollama', image: 'Bad Image' }).success).toBe(false);
  });

  it('makes Jupyter tokens from random bytes, and refuses weak or URL-unsafe ones', () => {
    expect(jupyterTokenFrom(new Uint8Array(24).fill(171))).toBe('ab'.repeat(24));
    expect(AppSpec.safeParse({ app: 'jupyterlab', token: jupyterTokenFrom(new Uint8Array(16)) }).success).toBe(true);
    expect(() => jupyterTokenFrom(new Uint8Array(8))).toThrow(RangeError);
    expect(AppSpec.safeParse({ app: 'jupyterlab', token: 'short' }).success).toBe(false);
    expect(AppSpec.safeParse({ app: 'jupyterlab', token: `${'a'.repeat(40)}&x=1` }).success).toBe(false);
    expect(AppSpec.safeParse({ app: 'jupyterlab', token, notebookDir: 'relative' }).success).toBe(false);
    expect(AppSpec.safeParse({ app: 'jupyterlab', token, notebookDir: '/a:b' }).success).toBe(false);
  });
});
