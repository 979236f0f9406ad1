import { defaultSettings } from '../../src/domain/settings.js';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppDocument, defaultDocument, documentMigrations, documentVersion } from './app-document.js';
import { openDocumentStore } from './document-store.js';
import { jsonFileBackend } from './json-file-backend.js';
import { migrate } from './migrations.js';
import { settingsStore } from './settings-store.js';

const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgx-store-'));
  return { dir, file: join(dir, 'settings.json') };
};

const open = (file: string) =>
  openDocumentStore({
    backend: jsonFileBackend(file, () => new Date('2026-01-02T03:04:05Z')),
    schema: AppDocument,
    currentVersion: documentVersion,
    migrations: documentMigrations,
    defaults: defaultDocument,
  });

describe('settings document', () => {
  it('starts from defaults and writes a 0600 file', () => {
    const { file } = fresh();
    const store = open(file);
    expect(store.get()).toEqual(defaultDocument());
    expect(store.recovery).toBeUndefined();
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('persists updates atomically and reloads them', () => {
    const { dir, file } = fresh();
    settingsStore(open(file)).update({ language: 'zh-CN', theme: 'dark' });
    expect(settingsStore(open(file)).get()).toEqual({ ...defaultSettings(), language: 'zh-CN', theme: 'dark' });
    settingsStore(open(file)).update({ alerts: { gpuTemperatureC: 80 } });
    expect(settingsStore(open(file)).get().alerts).toEqual({ ...defaultSettings().alerts, gpuTemperatureC: 80 });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('backs up a corrupt file, starts from defaults, and says where the copy is', () => {
    const { dir, file } = fresh();
    writeFileSync(file, '{"version": 1, "settings": {');
    const store = open(file);
    expect(store.get()).toEqual(defaultDocument());
    expect(store.recovery).toMatch(/not valid JSON/);
    const aside = readdirSync(dir).find((f) => f.includes('.corrupt-'));
    expect(aside).toBeDefined();
    expect(store.recovery).toContain(aside);
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{"version": 1, "settings": {');
  });

  it('keeps a file written by a newer version aside instead of clobbering it', () => {
    const { file } = fresh();
    writeFileSync(file, JSON.stringify({ version: 99, settings: {} }));
    const store = open(file);
    expect(store.recovery).toMatch(/newer PGX Companion \(format 99\)/);
  });

  it('treats invalid values as unreadable but still starts', () => {
    const { file } = fresh();
    writeFileSync(file, JSON.stringify({ version: 1, settings: { theme: 'purple' } }));
    expect(open(file).recovery).toMatch(/not valid/);
  });

  it('fills in defaults for keys an older file lacks and drops unknown keys', () => {
    const { file } = fresh();
    writeFileSync(file, JSON.stringify({ version: 1, settings: { theme: 'dark', sparkle: true } }));
    expect(open(file).get().settings).toEqual({ ...defaultSettings(), language: 'system', theme: 'dark' });
  });
});

describe('migrate', () => {
  const steps = [
    { from: 0, run: (d: Record<string, unknown>) => ({ ...d, renamed: d['old'] }) },
    { from: 1, run: (d: Record<string, unknown>) => ({ ...d, added: true }) },
  ];
  it('runs every step in order and stamps the version', () => {
    expect(migrate({ version: 0, old: 'x' }, steps, 2)).toEqual({
      kind: 'migrated',
      fromVersion: 0,
      document: { version: 2, old: 'x', renamed: 'x', added: true },
    });
  });
  it('rejects non-objects, missing versions and gaps', () => {
    expect(migrate([], steps, 2).kind).toBe('invalid');
    expect(migrate({}, steps, 2).kind).toBe('invalid');
    expect(migrate({ version: 0 }, [steps[1]!], 2).kind).toBe('invalid');
  });
  it('reports a document from the future', () => {
    expect(migrate({ version: 3 }, steps, 2)).toEqual({ kind: 'too-new', version: 3 });
  });
});
