/**
 * The tunnel manager in Chromium against browser mode and the real sshd: forward a port whose
 * number is taken on this computer (the box is this machine), see the other port it got, reach
 * the box's web server through it; cut the connection and the same URL answers again.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { expect, test } from './fixtures.js';
import { addSshdDevice } from './helpers.js';
import { startSshd } from './harness/sshd.js';

test('forward a port: another laptop port when the number is taken, the URL answers, and heals after a cut', async ({ page, app }) => {
  const sshd = await startSshd({ authorizeClientKey: false });
  test.skip(!sshd.canPassword, 'adding a box by password needs the harness to run as root');
  const web = createServer((req, res) => res.end(`box says ${req.url}`));
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  const boxPort = (web.address() as { port: number }).port;
  try {
    await page.goto(app.url);
    await addSshdDevice(page, sshd);
    await page.getByTestId('nav-apps').click();
    await expect(page.getByTestId('ports-empty')).toBeVisible();
    await page.getByTestId('ports-box-port').fill(String(boxPort));
    await page.getByTestId('ports-forward').click();
    const row = page.getByTestId('tunnel-row');
    await expect(row).toHaveAttribute('data-state', 'ready');
    // The box is this machine: its port is taken here, so the tunnel says which one it uses.
    await expect(row.getByTestId('tunnel-moved')).toContainText(String(boxPort));
    const url = (await row.getByTestId('tunnel-url').textContent())!;
    expect(url).not.toContain(`:${boxPort}/`);
    expect(await (await fetch(`${url}one`)).text()).toBe('box says /one');
    await expect(row).toContainText(/↓ \d+ B/);

    sshd.cutConnections();
    await expect(row).toHaveAttribute('data-state', 'waiting');
    await expect(row).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    expect(await (await fetch(`${url}two`)).text()).toBe('box says /two');

    await row.getByTestId('tunnel-close').click();
    await expect(page.getByTestId('ports-empty')).toBeVisible();
    await expect(fetch(url)).rejects.toThrow();

    // What listens on the box is offered: one click forwards it again.
    await page.getByTestId('ports-scan').click();
    await page.getByTestId(`ports-offer-${boxPort}`).click();
    await expect(page.getByTestId('tunnel-row')).toHaveAttribute('data-state', 'ready');
    const again = (await page.getByTestId('tunnel-url').textContent())!;
    expect(await (await fetch(`${again}three`)).text()).toBe('box says /three');
  } finally {
    web.close();
    spawnSync('pkill', ['-u', sshd.user, 'tmux']);
    await sshd.stop();
  }
});
