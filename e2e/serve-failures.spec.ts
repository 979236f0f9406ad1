/**
 * What the Serve page shows when a launch cannot or did not work, on the demo box in browser
 * mode: the memory guard refusing a model that does not fit (the numbers, the fixes, Launch
 * disabled), and a start that fails in a known way (vLLM's startup memory check after the
 * command was edited to --gpu-memory-utilization 0.99): the card explains it in a sentence, says
 * what to change, and shows the engine's last log lines. Then Ollama served from the wizard.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const openWizard = async (page: Page, url: string, model: string) => {
  await page.goto(url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByTestId('nav-serve').click();
  await page.getByTestId('serve-tab-new').click();
  await page.getByTestId('serve-model-text').fill(model);
  await page.getByTestId('serve-model-use').click();
  await page.getByTestId('serve-next').click();
};

test('the guard refuses a BF16 235B model on the demo box: the numbers, the fixes, Launch disabled', async ({ page, app }) => {
  await openWizard(page, app.url, 'Qwen/Qwen3-235B-A22B');
  await page.getByTestId('serve-engine-vllm').click();
  await page.getByTestId('serve-next').click();
  const guard = page.getByTestId('serve-guard');
  await expect(guard).toHaveAttribute('data-verdict', 'refuse');
  await expect(page.getByTestId('serve-guard-verdict')).toHaveText('Does not fit');
  await expect(page.getByTestId('serve-guard-numbers')).toContainText(/Needs [\d.]+ GiB of [\d.]+ GiB usable/);
  await expect(page.getByTestId('serve-guard-sentence')).toHaveText(/^The (launch does not fit: it needs [\d.]+ GiB, [\d.]+ GiB can be used, [\d.]+ GiB short|memory setting leaves no room for the KV cache: [\d.]+ GiB of weights take it all)\.$/);
  const fixes = page.getByTestId('serve-guard-fixes');
  await expect(fixes.locator('li[data-kind="smaller-model"]')).toHaveText(/^Use a 4-bit model \(NVFP4 or AWQ\): about [\d.]+ GiB of weights instead of [\d.]+ GiB\.$/);
  await expect(page.getByTestId('serve-launch')).toBeDisabled();
});

test('a start that fails in a known way: the card explains it, says what to change, and shows the last log lines', async ({ page, app }) => {
  test.setTimeout(120_000);
  await openWizard(page, app.url, 'Qwen/Qwen3-8B');
  await page.getByTestId('serve-engine-vllm').click();
  await page.getByTestId('serve-next').click();
  const command = page.getByTestId('serve-review-command');
  await expect(command).toHaveValue(/--gpu-memory-utilization/);
  const shown = await command.inputValue();
  await command.fill(shown.replace(/(--gpu-memory-utilization'?\s+'?)0\.\d+/, '$10.99'));
  await expect(page.getByTestId('serve-review-edited')).toBeVisible();
  await page.getByTestId('serve-launch').click();

  const card = page.getByTestId('serve-card').filter({ hasText: 'Qwen/Qwen3-8B' });
  await expect(card).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  const failure = card.getByTestId('serve-card-failure');
  await expect(failure).toHaveAttribute('data-kind', 'startup-memory-check');
  await expect(card.getByTestId('serve-card-failure-message')).toHaveText(/^vLLM found [\d.]+ GiB free of [\d.]+ GiB and wanted [\d.]+ GiB \(--gpu-memory-utilization 0\.99\)\.$/);
  await expect(card.getByTestId('serve-card-failure-hint')).toContainText(/Lower --gpu-memory-utilization to 0\.\d+ or less/);
  await expect(card.getByTestId('serve-card-failure-lines')).toContainText('Free memory on device');
});

test('Ollama from the wizard: the pull’s log on the card, then ready with a base URL; Stop unloads it', async ({ page, app }) => {
  test.setTimeout(120_000);
  await openWizard(page, app.url, 'granite3.3:2b');
  await expect(page.getByTestId('serve-engine-vllm')).toBeEnabled();
  await page.getByTestId('serve-engine-ollama').click();
  await page.getByTestId('serve-next').click();
  await expect(page.getByTestId('serve-review-command')).toHaveValue('ollama pull granite3.3:2b && ollama run --keepalive 30m granite3.3:2b </dev/null');
  await expect(page.getByTestId('serve-guard')).toHaveAttribute('data-verdict', 'unjudged');
  await page.getByTestId('serve-launch').click();
  const card = page.getByTestId('serve-card').filter({ hasText: 'granite3.3:2b' });
  await expect(card).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(card.getByTestId('serve-card-url')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  await card.getByTestId('serve-card-stop').click();
  await expect(card).toHaveCount(0, { timeout: 30_000 });
});

test('an NVFP4 MoE model on NGC vLLM 25.09: the review warns before launch and offers 26.03-py3', async ({ page, app }) => {
  await openWizard(page, app.url, 'nvidia/Qwen3-30B-A3B-FP4');
  await page.getByTestId('serve-engine-vllm').click();
  await page.getByTestId('serve-next').click();
  await expect(page.getByTestId('serve-review-image')).toHaveText('nvcr.io/nvidia/vllm:25.09-py3');
  await expect(page.getByTestId('serve-image-advice')).toContainText('cannot run NVFP4 MoE models on GB10');
  await page.getByTestId('serve-image-switch').click();
  await expect(page.getByTestId('serve-review-image')).toHaveText('nvcr.io/nvidia/vllm:26.03-py3');
  await expect(page.getByTestId('serve-review-command')).toHaveValue(/nvcr\.io\/nvidia\/vllm:26\.03-py3/);
  await expect(page.getByTestId('serve-image-advice')).toHaveCount(0);
});
