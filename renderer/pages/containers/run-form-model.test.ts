import { describe, expect, it } from 'vitest';
import { emptyRunDraft } from '../../containers/containers-store.js';
import { buildRunSpec } from './run-form-model.js';

const texts = { badPort: 'bad port', incomplete: 'incomplete' };

describe('the run form becomes a spec', () => {
  it('nothing typed is empty, not invalid', () => {
    expect(buildRunSpec(emptyRunDraft, texts)).toEqual({ kind: 'empty' });
  });

  it('a bad port is named beside its row; a good form becomes the spec the contract takes', () => {
    const bad = buildRunSpec({ ...emptyRunDraft, image: 'nginx:latest', ports: [{ id: 7, box: '70000', container: '80', open: false }] }, texts);
    expect(bad).toMatchObject({ kind: 'invalid', problems: { 'port:7': expect.any(String) } });
    const good = buildRunSpec({ ...emptyRunDraft, image: 'nginx:latest', name: 'web', ports: [{ id: 1, box: '8080', container: '80', open: false }], env: [{ id: 2, key: 'MODE', value: "it's $(x)" }] }, texts);
    expect(good.kind).toBe('ready');
    if (good.kind !== 'ready') return;
    expect(good.spec).toMatchObject({ image: 'nginx:latest', name: 'web', env: [{ key: 'MODE', value: "it's $(x)" }] });
  });
});
