import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Device } from '../../../src/domain/device.js';
import { AppDocument, defaultDocument, documentMigrations, documentVersion } from '../../store/app-document.js';
import { openDocumentStore } from '../../store/document-store.js';
import { jsonFileBackend } from '../../store/json-file-backend.js';
import { fileSecretStore } from '../../security/secret-store.js';
import { silentLogger } from '../log.js';
import { DeviceService } from './device-service.js';
import { secretNames } from './remote-targets.js';

const device = (id: string, name: string): Device => ({ id, name, kind: 'ssh', host: `${id}.local`, port: 22, user: 'alice', auth: { kind: 'app-key' }, jump: [], createdAt: 1 });

const setup = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgx-devsvc-'));
  const document = openDocumentStore({ backend: jsonFileBackend(join(dir, 'settings.json')), schema: AppDocument, currentVersion: documentVersion, migrations: documentMigrations, defaults: defaultDocument });
  document.set({
    ...document.get(),
    devices: [device('a', 'Spark A'), device('b', 'Spark B'), device('c', 'PGX C')],
    knownHosts: [{ host: 'a.local', port: 22, keyType: 'ssh-ed25519', key: 'AAAA', fingerprint: 'SHA256:x', addedAt: 1 }],
  });
  const secrets = fileSecretStore(join(dir, 'secrets.json'));
  const changes: string[][] = [];
  const service = new DeviceService({
    document,
    dataDir: dir,
    log: silentLogger,
    events: { devicesChanged: (views) => changes.push(views.map((v) => v.device.name)), statusChanged: () => {} },
    startDemoBox: () => Promise.reject(new Error('unused')),
    secrets,
    sshDir: join(dir, 'ssh'),
  });
  return { service, secrets, document, changes };
};

describe('several devices', () => {
  it('renames, reorders (unknown ids keep their place after), and tells the renderer each time', () => {
    const { service, changes } = setup();
    expect(service.rename('b', 'Desk Spark').map((v) => v.device.name)).toEqual(['Spark A', 'Desk Spark', 'PGX C']);
    expect(service.reorder(['c', 'a']).map((v) => v.device.id)).toEqual(['c', 'a', 'b']);
    expect(changes).toEqual([
      ['Spark A', 'Desk Spark', 'PGX C'],
      ['PGX C', 'Spark A', 'Desk Spark'],
    ]);
  });

  it('remove forgets the box’s key and passphrase unless asked to keep them', async () => {
    const { service, secrets } = setup();
    secrets.set(secretNames.appKey('a'), 'KEY-A');
    secrets.set(secretNames.passphrase('a'), 'PASS-A');
    secrets.set(secretNames.appKey('b'), 'KEY-B');
    await service.remove('a');
    expect(secrets.get(secretNames.appKey('a'))).toBeUndefined();
    expect(secrets.get(secretNames.passphrase('a'))).toBeUndefined();
    await service.remove('b', false);
    expect(secrets.get(secretNames.appKey('b'))).toBe('KEY-B');
    expect(service.list().map((v) => v.device.id)).toEqual(['c']);
  });

  it('forget host key removes only that host:port from the app’s trusted keys', () => {
    const { service, document } = setup();
    service.forgetHostKey('A.local', 22);
    expect(document.get().knownHosts).toEqual([]);
  });
});
