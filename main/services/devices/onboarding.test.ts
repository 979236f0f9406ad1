/**
 * Adding a real box against the real OpenSSH server of the test bed: host key first, password
 * once, key after; an impostor on the same host:port is refused before any login; ProxyJump.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppDocument, defaultDocument, documentMigrations, documentVersion } from '../../store/app-document.js';
import { openDocumentStore } from '../../store/document-store.js';
import { jsonFileBackend } from '../../store/json-file-backend.js';
import { fileSecretStore } from '../../security/secret-store.js';
import { silentLogger } from '../log.js';
import { DeviceService } from './device-service.js';
import { startSshd, type Sshd } from '../../../e2e/harness/sshd.js';
import { AppFailure } from '../../../src/contract/errors.js';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

const makeService = (dataDir: string, sshDir = mkdtempSync(join(tmpdir(), 'pgx-sshdir-'))) => {
  const document = openDocumentStore({ backend: jsonFileBackend(join(dataDir, 'settings.json')), schema: AppDocument, currentVersion: documentVersion, migrations: documentMigrations, defaults: defaultDocument });
  return new DeviceService({
    document,
    dataDir,
    log: silentLogger,
    events: { devicesChanged: () => {}, statusChanged: () => {} },
    startDemoBox: () => Promise.reject(new Error('no demo box here')),
    secrets: fileSecretStore(join(dataDir, 'secrets.json')),
    sshDir,
  });
};

describe('adding a box over real SSH', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd({ authorizeClientKey: false });
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('password once: fingerprint first, one authorized_keys line, key login after, the password nowhere', async (context) => {
    if (!sshd.canPassword) context.skip();
    const dataDir = mkdtempSync(join(tmpdir(), 'pgx-data-'));
    const service = makeService(dataDir);
    const probe = await service.probeHost({ host: sshd.host, port: sshd.port, jump: [], accepted: [] });
    expect(probe.check.kind).toBe('unknown');
    expect(probe.check.presented.fingerprint).toBe(sshd.hostKeyFingerprint);

    const accepted = [{ host: sshd.host, port: sshd.port, ...probe.check.presented }];
    const view = await service.add({ host: sshd.host, port: sshd.port, user: sshd.user, auth: { kind: 'password', password: sshd.password! }, jump: [], accepted });
    expect(view.status.kind).toBe('connected');
    expect(view.device.auth).toEqual({ kind: 'app-key' });
    const lines = readFileSync(sshd.authorizedKeysPath, 'utf8').trim().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ssh-ed25519 \S+ pgx-companion@/);

    service.disconnect(view.device.id);
    expect((await service.connect(view.device.id)).status.kind).toBe('connected');
    const result = await service.connection(view.device.id).exec('id -un');
    expect(result.stdout.trim()).toBe(sshd.user);

    for (const file of filesUnder(dataDir)) expect(readFileSync(file, 'utf8').includes(sshd.password!), file).toBe(false);
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    await service.dispose();
  });

  it('a key file with a passphrase: asked for, kept for the session only unless remembered', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pgx-data-'));
    const keyDir = mkdtempSync(join(tmpdir(), 'pgx-key-'));
    const keyPath = join(keyDir, 'id_locked');
    expect(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'open sesame', '-C', 'locked', '-f', keyPath]).status).toBe(0);
    appendFileSync(sshd.authorizedKeysPath, readFileSync(`${keyPath}.pub`, 'utf8'));
    const service = makeService(dataDir);
    const probe = await service.probeHost({ host: sshd.host, port: sshd.port, jump: [], accepted: [] });
    const accepted = [{ host: sshd.host, port: sshd.port, ...probe.check.presented }];
    const base = { host: sshd.host, port: sshd.port, user: sshd.user, jump: [], accepted };
    await expect(service.add({ ...base, auth: { kind: 'key-file', path: keyPath } })).rejects.toMatchObject({ error: { code: 'auth-passphrase-needed' } });
    const view = await service.add({ ...base, auth: { kind: 'key-file', path: keyPath, passphrase: 'open sesame' } });
    expect(view.status.kind).toBe('connected');
    await service.dispose();

    // Next start: nothing remembered, so it asks; unlocking connects; the passphrase stays in memory.
    const next = makeService(dataDir);
    const status = (await next.connect(view.device.id)).status;
    expect(status).toMatchObject({ kind: 'failed', code: 'auth-passphrase-needed' });
    expect((await next.unlock(view.device.id, 'open sesame', false)).status.kind).toBe('connected');
    for (const file of filesUnder(dataDir)) expect(readFileSync(file, 'utf8').includes('open sesame'), file).toBe(false);
    await next.dispose();
  });

  it('refuses an impostor with a different host key on the same host:port, before any login', async (context) => {
    if (!sshd.canPassword) context.skip();
    const dataDir = mkdtempSync(join(tmpdir(), 'pgx-data-'));
    const service = makeService(dataDir);
    const probe = await service.probeHost({ host: sshd.host, port: sshd.port, jump: [], accepted: [] });
    const view = await service.add({ host: sshd.host, port: sshd.port, user: sshd.user, auth: { kind: 'password', password: sshd.password! }, jump: [], accepted: [{ host: sshd.host, port: sshd.port, ...probe.check.presented }] });
    service.disconnect(view.device.id);

    // The same host:port, another server with its own key.
    const port = sshd.port;
    await sshd.stop();
    const impostor = await startSshd({ port });
    try {
      const status = (await service.connect(view.device.id)).status;
      expect(status).toMatchObject({ kind: 'failed', code: 'host-key-changed' });
      expect(status.kind === 'failed' && status.message).toMatch(/different host key .*Nothing was sent to it/);
      const again = await service.probeHost({ host: impostor.host, port, jump: [], accepted: [] });
      expect(again.check.kind).toBe('changed');
      await expect(service.add({ host: impostor.host, port, user: impostor.user, auth: { kind: 'password', password: impostor.password! }, jump: [], accepted: [{ host: impostor.host, port, ...again.check.presented }] })).rejects.toBeInstanceOf(AppFailure);
      const log = readFileSync(join(impostor.dir, 'sshd.log'), 'utf8');
      expect(log).not.toMatch(/Accepted (password|publickey)/);
      expect(log).not.toMatch(/Starting session/);
    } finally {
      await service.dispose();
      await impostor.stop();
      sshd = await startSshd({ authorizeClientKey: false });
    }
  });
});
