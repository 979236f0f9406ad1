/**
 * Adding and keeping boxes, end to end: browser mode + Debian's real sshd from the test bed.
 */
import { appendFileSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Bonjour from 'bonjour-service';
import type { ServiceConfig } from 'bonjour-service';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { startBrowserMode } from './harness/browser-mode.js';
import { startSshd } from './harness/sshd.js';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

const fillLogin = async (page: Page, fields: { host: string; port: number; user: string; password?: string; keyPath?: string }) => {
  const dialog = page.getByTestId('add-device');
  await dialog.locator('input[name=host]').fill(fields.host);
  await dialog.locator('input[name=port]').fill(String(fields.port));
  await dialog.locator('input[name=user]').fill(fields.user);
  if (fields.password !== undefined) await dialog.locator('input[name=password]').fill(fields.password);
  if (fields.keyPath !== undefined) {
    await dialog.getByLabel('Key file').check();
    await dialog.locator('input[name=keyPath]').fill(fields.keyPath);
  }
};

test('add a box with its password: fingerprint, accept, connected; one key line; no password anywhere; an impostor is refused', async ({ page }) => {
  const sshd = await startSshd({ authorizeClientKey: false });
  test.skip(!sshd.canPassword, 'password login needs the harness to run as root (it creates a throwaway user)');
  const app = await startBrowserMode();
  let again: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let impostor: Awaited<ReturnType<typeof startSshd>> | undefined;
  try {
    await page.goto(app.url);
    await page.getByTestId('add-device-open').first().click();
    await expect(page.getByTestId('secret-storage')).toContainText('mode 0600');
    await fillLogin(page, { host: sshd.host, port: sshd.port, user: sshd.user, password: sshd.password! });
    await page.getByTestId('add-continue').click();
    await expect(page.getByTestId('fingerprint')).toHaveText(sshd.hostKeyFingerprint);
    await page.getByTestId('accept-key').click();
    await expect(page.getByTestId('device-bar-status')).toHaveText('Connected', { timeout: 20_000 });

    const lines = readFileSync(sshd.authorizedKeysPath, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ssh-ed25519 \S+ pgx-companion@/);

    // Restart the app: it reconnects with its key, nobody asks for a password.
    await app.stop();
    again = await startBrowserMode({ dataDir: app.dataDir });
    await page.goto(again.url);
    await expect(page.getByTestId('device-bar-status')).toHaveText('Connected', { timeout: 20_000 });
    for (const file of filesUnder(app.dataDir)) expect(readFileSync(file).includes(sshd.password!), `${file} holds the password`).toBe(false);

    // Same host:port, another server with its own host key.
    await again.stop();
    const port = sshd.port;
    await sshd.stop();
    impostor = await startSshd({ port });
    const third = await startBrowserMode({ dataDir: app.dataDir });
    again = third;
    await page.goto(third.url);
    await expect(page.getByTestId('device-bar')).toContainText('different host key', { timeout: 20_000 });
    await expect(page.getByTestId('device-bar')).toContainText('Nothing was sent to it');
    const log = readFileSync(join(impostor.dir, 'sshd.log'), 'utf8');
    expect(log).not.toMatch(/Accepted (password|publickey)/);
  } finally {
    await again?.stop();
    await app.stop();
    await impostor?.stop();
    await sshd.stop();
  }
});

test('an ~/.ssh/config host behind a ProxyJump (through Include) imports and connects through the jump host', async ({ page }) => {
  const jump = await startSshd();
  const box = await startSshd({ extraConfig: ['AllowTcpForwarding no'] });
  let app: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  try {
    // One key opens both hops, as a user's id_ed25519 would.
    appendFileSync(jump.authorizedKeysPath, `${box.clientKey.publicKey}\n`);
    const sshDir = join(box.dir, 'fixture-ssh');
    mkdirSync(join(sshDir, 'conf.d'), { recursive: true });
    copyFileSync(box.clientKey.privateKeyPath, join(sshDir, 'id_box'));
    writeFileSync(join(sshDir, 'config'), `Include conf.d/*.conf\n\nHost gb10-lab\n  HostName 127.0.0.1\n  Port ${box.port}\n  User ${box.user}\n  IdentityFile ${join(sshDir, 'id_box')}\n  ProxyJump bastion\n`);
    writeFileSync(join(sshDir, 'conf.d', 'bastion.conf'), `Host bastion\n  HostName 127.0.0.1\n  Port ${jump.port}\n  User ${jump.user}\n`);
    // The jump host is already known to OpenSSH (hashed, as Ubuntu writes it); the box is new.
    writeFileSync(join(sshDir, 'known_hosts'), `[127.0.0.1]:${jump.port} ${jump.hostPublicKey}\n`);
    expect(spawnSync('ssh-keygen', ['-H', '-f', join(sshDir, 'known_hosts')]).status).toBe(0);

    app = await startBrowserMode({ sshDir });
    await page.goto(app.url);
    await page.getByTestId('add-device-open').first().click();
    await page.getByTestId('imported').getByRole('button', { name: /gb10-lab/ }).click();
    await expect(page.getByTestId('add-device')).toContainText(`via ${jump.user}@127.0.0.1:${jump.port}`);
    await page.getByTestId('add-continue').click();
    await expect(page.getByTestId('fingerprint')).toHaveText(box.hostKeyFingerprint);
    await page.getByTestId('accept-key').click();
    await expect(page.getByTestId('device-bar-status')).toHaveText('Connected', { timeout: 20_000 });
    // The laptop logged in to the jump host (only the chain needs that), then to the box through it.
    expect(readFileSync(join(jump.dir, 'sshd.log'), 'utf8')).toContain(`Accepted publickey for ${jump.user}`);
    expect(readFileSync(join(box.dir, 'sshd.log'), 'utf8')).toMatch(/Accepted publickey/);
  } finally {
    await app?.stop();
    await box.stop();
    await jump.stop();
  }
});

test('boxes announcing themselves over mDNS are listed, and a click fills the form', async ({ page }) => {
  const loopback = { interface: '127.0.0.1', bind: '0.0.0.0', loopback: true, reuseAddr: true } as unknown as Partial<ServiceConfig>;
  const announcer = new Bonjour(loopback);
  announcer.publish({ name: 'spark-e2e1', type: 'ssh', port: 2222, host: 'spark-e2e1.local' });
  const app = await startBrowserMode({ mdnsLoopback: true });
  try {
    await page.goto(app.url);
    await page.getByTestId('add-device-open').first().click();
    const found = page.getByTestId('discovered').getByRole('button', { name: /spark-e2e1/ });
    await expect(found).toBeVisible({ timeout: 10_000 });
    await found.click();
    await expect(page.getByTestId('add-device').locator('input[name=host]')).toHaveValue('spark-e2e1.local');
    await expect(page.getByTestId('add-device').locator('input[name=port]')).toHaveValue('2222');
  } finally {
    await app.stop();
    await new Promise<void>((resolve) => announcer.unpublishAll(() => announcer.destroy(() => resolve())));
  }
});
