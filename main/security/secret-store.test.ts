import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSecretStore } from './secret-store.js';

describe('secret store', () => {
  it('browser mode: a 0600 file, values round-trip, a device’s secrets go together', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pgx-sec-')), 'secrets.json');
    const store = fileSecretStore(path);
    expect(store.kind).toBe('file-0600');
    store.set('device:a:key', 'PRIVATE-A');
    store.set('device:a:passphrase', 'pw');
    store.set('device:b:key', 'PRIVATE-B');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(store.get('device:a:key')).toBe('PRIVATE-A');
    store.deleteAll('device:a:');
    expect(store.get('device:a:key')).toBeUndefined();
    expect(store.get('device:b:key')).toBe('PRIVATE-B');
  });

  it('desktop: values are stored only as the cipher’s output', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pgx-sec-')), 'secrets.json');
    const cipher = { encrypt: (s: string) => Buffer.from([...s].reverse().join('')), decrypt: (b: Buffer) => [...b.toString()].reverse().join('') };
    const store = fileSecretStore(path, cipher);
    store.set('k', 'TOP-SECRET');
    expect(readFileSync(path, 'utf8')).not.toContain('TOP-SECRET');
    expect(store.get('k')).toBe('TOP-SECRET');
    expect(store.kind).toBe('os-keychain');
  });
});
