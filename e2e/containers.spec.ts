/**
 * The Containers page on the demo box: the list from docker's JSON, a container run from the form
 * (the exact command shown first, arm64 verified), its logs, and removal with confirmation.
 */
import { expect, test } from './fixtures.js';

test('run a container from the form, see it listed with its logs, remove it', async ({ page, app }) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByTestId('nav-containers').click();
  await expect(page.getByTestId('containers-page')).toBeVisible();
  await expect(page.getByTestId('containers-table').or(page.getByTestId('containers-empty'))).toBeVisible({ timeout: 20_000 });

  await page.getByTestId('run-image').fill('nvcr.io/nvidia/pytorch:25.09-py3');
  await page.getByTestId('run-name').fill('e2e-torch');
  await expect(page.getByTestId('run-command')).toContainText("docker run -d -it --name e2e-torch", { timeout: 10_000 });
  await expect(page.getByTestId('run-platform')).toHaveAttribute('data-verdict', /verified/);
  const shown = (await page.getByTestId('run-command').textContent())!;
  await page.getByTestId('run-submit').click();
  await expect(page.getByTestId('run-result')).toBeVisible({ timeout: 90_000 });
  const row = page.locator('[data-testid=container-row][data-name=e2e-torch]');
  await expect(row).toBeVisible({ timeout: 15_000 });
  expect(shown).toContain('nvcr.io/nvidia/pytorch:25.09-py3');

  await row.getByTestId('container-action-logs').click();
  await expect(page.getByTestId('containers-logs')).toBeVisible();
  await expect(page.getByTestId('containers-logs-text')).not.toBeEmpty({ timeout: 10_000 });
  await page.keyboard.press('Escape');

  await row.getByTestId('container-action-remove').click();
  await page.getByTestId('container-remove-confirm').click();
  await expect(row).toHaveCount(0, { timeout: 15_000 });
});
