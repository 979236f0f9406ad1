/**
 * Serving on the demo box, in Chromium against browser mode: the wizard (model typed → vLLM →
 * presets → review showing the exact command and the memory guard's numbers), launch, the card
 * following the engine's log until ready, then "Ready in N s" with its laptop URL answering.
 */
import { expect, test } from './fixtures.js';

test('serve Qwen3-8B with vLLM: review shows command and guard, the card follows the log until ready', async ({ page, app }) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByTestId('nav-serve').click();
  await page.getByTestId('serve-tab-new').click();

  await page.getByTestId('serve-model-text').fill('Qwen/Qwen3-8B');
  await page.getByTestId('serve-model-use').click();
  await expect(page.getByTestId('serve-model-chosen')).toHaveText('Qwen/Qwen3-8B');
  await page.getByTestId('serve-next').click();
  await expect(page.getByTestId('serve-engine-llama-server')).toBeDisabled();
  await page.getByTestId('serve-engine-vllm').click();
  await expect(page.getByTestId('serve-set-fraction')).toHaveValue('0.7');
  await page.getByTestId('serve-next').click();

  const command = page.getByTestId('serve-review-command');
  await expect(command).toHaveValue(/docker run -d/);
  await expect(command).toHaveValue(/--gpu-memory-utilization/);
  await expect(page.getByTestId('serve-review-image')).toHaveText('nvcr.io/nvidia/vllm:25.09-py3');
  await expect(page.getByTestId('serve-guard')).toHaveAttribute('data-verdict', 'ok');
  await expect(page.getByTestId('serve-guard-numbers')).toContainText(/Needs [\d.]+ GiB of [\d.]+ GiB usable/);
  const shown = await command.inputValue();

  await page.getByTestId('serve-launch').click();
  const card = page.getByTestId('serve-card').filter({ hasText: 'Qwen/Qwen3-8B' });
  await expect(card).toHaveAttribute('data-state', 'starting', { timeout: 30_000 });
  await expect(card.getByTestId('serve-card-lines')).toContainText(/INFO|Loading/, { timeout: 30_000 });
  await expect(card).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(card.getByTestId('serve-card-status')).toHaveText(/Ready in \d+ s/);
  await card.locator('summary').first().click();
  await expect(card.getByTestId('serve-card-command')).toHaveText(shown);
  const url = (await card.getByTestId('serve-card-url').textContent())!;
  const models = (await (await fetch(`${url}/models`)).json()) as { data: Array<{ id: string }> };
  expect(models.data.map((m) => m.id)).toContain('Qwen/Qwen3-8B');
});
