/**
 * One-click apps on the demo box, in Chromium against browser mode: JupyterLab launched from its
 * card (the exact command shown first), the card turning healthy, its laptop URL answering over a
 * real TCP forward, its logs followed as it writes them; then the app restarts on the same data folder and the running JupyterLab and
 * its tunnel are found again from the box's labels, with nobody clicking anything.
 */
import { startBrowserMode } from './harness/browser-mode.js';
import { expect, test } from './fixtures.js';

test('launch JupyterLab: healthy card, its URL answers, and after a restart it is found again', async ({ page, app }) => {
  test.setTimeout(150_000);
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByTestId('nav-apps').click();
  const card = page.getByTestId('app-card-jupyterlab');
  await expect(card.getByTestId('app-status')).toHaveAttribute('data-health', 'none', { timeout: 20_000 });

  await card.getByTestId('app-launch').click();
  const preview = page.getByTestId('launch-command');
  await expect(preview).toContainText('JUPYTER_TOKEN=');
  const shown = (await preview.textContent())!;
  const token = /JUPYTER_TOKEN=([0-9a-f]+)/.exec(shown)![1]!;
  await page.getByTestId('launch-submit').click();
  await expect(page.getByTestId('launch-dialog')).toBeHidden({ timeout: 90_000 });
  await expect(card.getByTestId('app-status')).toHaveAttribute('data-health', 'healthy', { timeout: 60_000 });

  // The command behind the card is the one that was shown before it ran.
  await card.locator('summary').click();
  await expect(card.getByTestId('app-command')).toHaveText(shown);
  const url = (await card.getByTestId('app-url').getAttribute('href'))!;
  expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/lab\\?token=${token}$`));
  const page1 = await fetch(url, { redirect: 'manual' });
  expect(page1.status).toBe(200);
  expect(await page1.text()).toContain('<title>JupyterLab</title>');
  const tunnel = page.getByTestId('tunnel-row').filter({ hasText: 'JupyterLab' });
  await expect(tunnel).toHaveAttribute('data-state', 'ready');
  await expect(tunnel).toContainText(/↓ [1-9][\d.]* (B|KiB)/);

  // Its logs, followed: a request the server logs (a 404) shows up without pressing Refresh.
  await card.getByTestId('app-logs').click();
  await expect(page.getByTestId('app-logs-text')).not.toHaveAttribute('aria-busy', 'true', { timeout: 10_000 });
  await page.getByTestId('app-logs-follow').check();
  expect((await fetch(new URL('/no-such-page-e2e', url))).status).toBe(404);
  await expect(page.getByTestId('app-logs-text')).toContainText('404 GET /no-such-page-e2e', { timeout: 10_000 });
  await page.keyboard.press('Escape');
  await expect(card.getByTestId('app-logs-dialog')).toBeHidden();

  // The app quits and starts again on the same data folder: the box is asked, the labels answer.
  await app.stop();
  const again = await startBrowserMode({ dataDir: app.dataDir });
  try {
    await page.goto(again.url);
    await expect(page.getByTestId('device-bar-status')).toHaveText('Connected', { timeout: 30_000 });
    await page.getByTestId('nav-apps').click();
    const found = page.getByTestId('app-card-jupyterlab');
    await expect(found.getByTestId('app-status')).toHaveAttribute('data-health', 'healthy', { timeout: 60_000 });
    const foundUrl = (await found.getByTestId('app-url').getAttribute('href'))!;
    expect(foundUrl).toContain(`token=${token}`);
    expect((await fetch(foundUrl, { redirect: 'manual' })).status).toBe(200);
    await expect(page.getByTestId('tunnel-row').filter({ hasText: 'JupyterLab' })).toHaveCount(1);

    await found.getByTestId('app-remove').click();
    await page.getByTestId('app-remove-confirm').click();
    await expect(found.getByTestId('app-status')).toHaveAttribute('data-health', 'none', { timeout: 30_000 });
    await expect(page.getByTestId('tunnel-row').filter({ hasText: 'JupyterLab' })).toHaveCount(0);
    await expect(fetch(foundUrl)).rejects.toThrow();
  } finally {
    await again.stop();
  }
});
