/**
 * Try it on the demo box, in Chromium against browser mode: a short LoRA run on the sample
 * role-play dataset, then Try it → the two commands and the memory they need → both servers
 * ready → "你是谁？" sent once from the one prompt box → two non-empty, different replies side by
 * side (the tuned one in the dataset's voice) → Stop servers.
 */
import { join } from 'node:path';
import { expect, test } from './fixtures.js';

const sample = join(import.meta.dirname, 'fixtures', 'huanhuan-sample.json');

test('train a short LoRA run → Try it → both servers ready → one prompt, two different replies side by side', async ({ page, app }) => {
  test.setTimeout(180_000);
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByTestId('nav-finetune').click();

  // Before any run finished: the empty state.
  await page.getByTestId('ft-step-try').click();
  await expect(page.getByTestId('ft-try-none')).toBeVisible();

  await page.getByTestId('ft-step-environment').click();
  await expect(page.getByTestId('ft-env')).toHaveAttribute('data-kind', /^(host|container)$/, { timeout: 20_000 });
  await page.getByTestId('ft-env-next').click();
  await page.getByTestId('ft-upload-input').setInputFiles(sample);
  await expect(page.getByTestId('ft-check')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  await page.getByTestId('ft-register-name').fill('huanhuan_try');
  await page.getByTestId('ft-register').click();
  await expect(page.getByTestId('ft-registered')).toContainText('huanhuan_try');
  await page.getByTestId('ft-dataset-next').click();

  // The form picks the library's first model once the list arrives: wait for it, so the fill is not raced.
  await expect(page.getByTestId('ft-f-baseModel')).not.toHaveValue('', { timeout: 20_000 });
  await page.getByTestId('ft-f-baseModel').fill('Qwen/Qwen3-8B');
  await expect(page.locator('[data-testid="ft-f-dataset"][data-name="huanhuan_try"]')).toBeChecked();
  await page.getByTestId('ft-f-epochs').fill('1');
  await expect(page.getByTestId('ft-yaml')).toHaveValue(/num_train_epochs: 1\b/);
  await expect(page.getByTestId('ft-memory')).toHaveAttribute('data-verdict', 'ok');
  await page.getByTestId('ft-run-name').fill('huanhuan try');
  await page.getByTestId('ft-launch').click();
  await expect(page.locator('[data-testid="ft-ended"][data-kind="train"]')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });

  // Try it: the two commands and the memory first.
  await page.getByTestId('ft-step-try').click();
  await expect(page.getByTestId('ft-try-command-base')).toContainText('llamafactory-cli api --model_name_or_path Qwen/Qwen3-8B');
  await expect(page.getByTestId('ft-try-command-base')).not.toContainText('adapter_name_or_path');
  await expect(page.getByTestId('ft-try-command-tuned')).toContainText('--adapter_name_or_path');
  await expect(page.getByTestId('ft-try-memory')).toHaveAttribute('data-verdict', 'ok');
  await page.getByTestId('ft-try-start').click();
  await expect(page.getByTestId('ft-try-base')).toHaveAttribute('data-state', 'ready', { timeout: 40_000 });
  await expect(page.getByTestId('ft-try-tuned')).toHaveAttribute('data-state', 'ready', { timeout: 40_000 });

  // One prompt (Enter sends) to both; the replies stream side by side.
  await page.getByTestId('ft-try-prompt').fill('你是谁？');
  await page.getByTestId('ft-try-prompt').press('Enter');
  const reply = (side: string) => page.getByTestId(`ft-try-${side}`).locator('[data-testid="playground-turn-assistant"]');
  await expect(reply('base')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(reply('tuned')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const base = (await reply('base').getByTestId('playground-reply').textContent())?.trim() ?? '';
  const tuned = (await reply('tuned').getByTestId('playground-reply').textContent())?.trim() ?? '';
  expect(base).not.toBe('');
  expect(tuned).not.toBe('');
  expect(tuned).not.toBe(base);
  // The tuned model answers in the dataset's voice (its line for this very question).
  expect(tuned).toContain('甄家的女儿');

  await page.getByTestId('ft-try-stop').click();
  await expect(page.getByTestId('ft-try-start')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('ft-try-base')).toHaveCount(0);
});
