/**
 * Issue 9's path in one go, on the demo box in Chromium against browser mode: download a model
 * (the bytes move; cancel and resume), serve that model with vLLM from its row in the library
 * (the wizard opens with it chosen), watch the card follow the engine's log until it is ready,
 * open the Playground from the card, stream a reply, and find TTFT and tokens/s on the card that
 * match the simulated server's configuration (first token after 120 ms, then one every 18 ms).
 */
import { expect, test } from './fixtures.js';
import { byteText } from './helpers.js';

test('download a model, serve it with vLLM, chat with it, and read its TTFT and tokens/s on the card', async ({ page, app }) => {
  test.setTimeout(180_000);
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');

  // Download: progress moves; cancel keeps what arrived; resume finishes it.
  await page.getByTestId('nav-models').click();
  await page.getByTestId('models-download').click();
  await page.getByTestId('download-id').fill('Qwen/Qwen3-1.7B');
  await page.getByTestId('download-start').click();
  const download = page.locator('[data-testid="download-row"][data-model="Qwen/Qwen3-1.7B"]');
  await expect(download).toHaveAttribute('data-phase', 'running', { timeout: 30_000 });
  const bytes = download.getByTestId('download-bytes');
  await expect.poll(async () => byteText(await bytes.textContent()), { timeout: 20_000 }).toBeGreaterThan(0);
  await download.getByTestId('download-cancel').click();
  await expect(download).toHaveAttribute('data-phase', 'cancelled', { timeout: 20_000 });
  await download.getByTestId('download-resume').click();
  await expect(download).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });

  // Serve it from its row: the wizard starts with this model chosen.
  const row = page.getByTestId('models-group-huggingface').locator('[data-model="Qwen/Qwen3-1.7B"]');
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.getByTestId('model-serve').click();
  await expect(page.getByTestId('serve-wizard')).toBeVisible();
  await expect(page.locator('label', { hasText: 'Qwen/Qwen3-1.7B' }).getByTestId('serve-model-entry')).toBeChecked();
  await page.getByTestId('serve-next').click();
  await page.getByTestId('serve-engine-vllm').click();
  await page.getByTestId('serve-next').click();
  await expect(page.getByTestId('serve-guard')).toHaveAttribute('data-verdict', 'ok');
  await expect(page.getByTestId('serve-review-command')).toHaveValue(/models--Qwen--Qwen3-1\.7B\/snapshots\/[0-9a-f]+:\/workspace\/model:ro/);
  await page.getByTestId('serve-launch').click();

  // The card follows the engine's log until /health and /v1/models answer.
  const card = page.getByTestId('serve-card').filter({ hasText: 'Qwen/Qwen3-1.7B' });
  await expect(card.getByTestId('serve-card-lines')).toContainText(/INFO|Loading/, { timeout: 30_000 });
  await expect(card).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await expect(card.getByTestId('serve-card-status')).toHaveText(/Ready in \d+ s/);

  // The Playground, from the card: a streamed reply and its numbers.
  await card.getByTestId('serve-card-try').click();
  await expect(page.getByTestId('playground-target')).toHaveValue(/.+/);
  await page.getByTestId('playground-max-tokens').fill('40');
  await page.getByTestId('playground-prompt').fill('Say something about unified memory.');
  await page.getByTestId('playground-send').click();
  const stats = page.getByTestId('playground-stats').last();
  await expect(stats).toContainText(/40 tokens/, { timeout: 30_000 });
  const ttft = Number(await stats.getAttribute('data-ttft-ms'));
  const rate = Number(await stats.getAttribute('data-tokens-per-second'));
  // The simulated vLLM's truth: 120 ms to the first token, 1000 / 18 = 55.6 tokens/s after it
  // (a late first token shortens the decode window, so the rate may read a little high or low).
  expect(ttft).toBeGreaterThanOrEqual(119);
  expect(ttft).toBeLessThan(320);
  expect(rate).toBeGreaterThan(40);
  expect(rate).toBeLessThan(80);

  // The card keeps the same numbers.
  await page.getByTestId('serve-tab-servers').click();
  await expect(card.getByTestId('serve-card-stats')).toContainText(`${Math.round(ttft)} ms`);
  await expect(card.getByTestId('serve-card-stats')).toContainText(rate.toFixed(1));
});
