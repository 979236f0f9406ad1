/**
 * Nothing lost when the connection drops or the app restarts (issue 9): a model server started
 * from the wizard and a model download in progress, on the demo box, in Chromium against browser
 * mode. The connection is reset (the demo's "Drop the connection", a TCP reset as when Wi-Fi
 * changes): the server's card comes back ready with its tunnel answering and the download keeps
 * moving. Then the app quits and starts again on the same data folder: the server is found by its
 * labels, its tunnel reopened, and the download by its job folder on the box (see below for
 * why the demo box's download needs a Resume after the restart).
 */
import type { Page } from '@playwright/test';
import { startBrowserMode } from './harness/browser-mode.js';
import { expect, test } from './fixtures.js';
import { byteText, serveWithVllm } from './helpers.js';

const toggleFault = async (page: Page, name: RegExp) => {
  await page.getByTestId('fault-menu').click();
  await page.getByRole('menuitemcheckbox', { name }).locator('input').click();
  await page.keyboard.press('Escape');
};

const modelsAnswer = async (baseUrl: string): Promise<string[]> => {
  const body = (await (await fetch(`${baseUrl}/models`)).json()) as { data: Array<{ id: string }> };
  return body.data.map((m) => m.id);
};

/** The download's bytes grow (it is alive on the box, not a remembered number). */
const expectMoving = async (page: Page) => {
  const bytes = page.locator('[data-testid="download-row"][data-model="Qwen/Qwen3-1.7B"]').getByTestId('download-bytes');
  await expect.poll(async () => byteText(await bytes.textContent()), { timeout: 30_000 }).toBeGreaterThan(0);
  const before = byteText(await bytes.textContent());
  await expect.poll(async () => byteText(await bytes.textContent()), { timeout: 30_000 }).toBeGreaterThan(before);
};

test('a server and a download survive a dropped connection and an app restart', async ({ page, app }) => {
  test.setTimeout(240_000);
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');

  // A server from the wizard, ready.
  const card = await serveWithVllm(page, 'Qwen/Qwen3-8B');
  const url = (await card.getByTestId('serve-card-url').textContent())!;
  expect(await modelsAnswer(url)).toContain('Qwen/Qwen3-8B');

  // A download that crawls (the slow-network fault), so it is still running through all of this.
  await toggleFault(page, /Slow network/);
  await page.getByTestId('nav-models').click();
  await page.getByTestId('models-download').click();
  await page.getByTestId('download-id').fill('Qwen/Qwen3-1.7B');
  await page.getByTestId('download-start').click();
  await expect(page.getByTestId('download-dialog')).toBeHidden({ timeout: 30_000 });
  const download = page.locator('[data-testid="download-row"][data-model="Qwen/Qwen3-1.7B"]');
  await expect(download).toHaveAttribute('data-phase', 'running', { timeout: 20_000 });
  await expectMoving(page);

  // The connection drops: it comes back by itself, and so do the card, the tunnel and the download.
  // The reconnect takes a few hundred ms, quicker than expect's polling: record every status shown.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { statusesSeen: string[] }).statusesSeen = seen;
    const status = document.querySelector('[data-testid="device-bar-status"]')!;
    new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await toggleFault(page, /Drop the connection/);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { statusesSeen: string[] }).statusesSeen.some((s) => s !== 'Connected')), { timeout: 10_000 })
    .toBe(true);
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected', { timeout: 30_000 });
  await expect(download).toHaveAttribute('data-phase', 'running', { timeout: 20_000 });
  await expectMoving(page);
  await page.getByTestId('nav-serve').click();
  await expect(card).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect.poll(() => modelsAnswer(url).catch(() => []), { timeout: 30_000 }).toContain('Qwen/Qwen3-8B');

  // The app quits and starts again on the same data folder: the box is asked, and answers.
  await app.stop();
  const again = await startBrowserMode({ dataDir: app.dataDir });
  try {
    await page.goto(again.url);
    await expect(page.getByTestId('device-bar-status')).toHaveText('Connected', { timeout: 30_000 });
    await page.getByTestId('nav-serve').click();
    const found = page.getByTestId('serve-card').filter({ hasText: 'Qwen/Qwen3-8B' });
    await expect(found).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const foundUrl = (await found.getByTestId('serve-card-url').textContent())!;
    expect(await modelsAnswer(foundUrl)).toContain('Qwen/Qwen3-8B');

    // The demo box lives inside the app, so its shell's processes end when the app quits, as on
    // a box that rebooted (its model servers are the simulator's detached processes, so they
    // live on). The job folder is found again with what arrived, says why it stopped, and
    // Resume goes on from there. (On a real box the job runs on: models-service.test.ts has a
    // second service find it still moving.)
    await page.getByTestId('nav-models').click();
    await expect(download).toHaveAttribute('data-phase', 'failed', { timeout: 30_000 });
    await expect(download.getByTestId('download-problem')).toContainText('stopped before it finished');
    const kept = byteText(await download.getByTestId('download-bytes').textContent());
    expect(kept).toBeGreaterThan(0);
    await download.getByTestId('download-resume').click();
    await expect(download).toHaveAttribute('data-phase', 'running', { timeout: 30_000 });
    await expectMoving(page);
    expect(byteText(await download.getByTestId('download-bytes').textContent())).toBeGreaterThanOrEqual(kept);
    await download.getByTestId('download-cancel').click();
    await expect(download).toHaveAttribute('data-phase', 'cancelled', { timeout: 20_000 });
  } finally {
    await again.stop();
  }
});
