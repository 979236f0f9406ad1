/**
 * Alerts and the environment check against the demo box: a threshold set in Settings is crossed
 * when the simulated GPU heats up, and the bell says so; the check names a missing docker with
 * its fix.
 */
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { terminalId, terminalText } from './helpers.js';
import { fileStateStore } from '../main/demo/sim/state-store.js';
import { setActivity } from '../main/demo/sim/dynamics.js';

test('a GPU temperature alert reaches the bell; thresholds save one by one', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('alert-gpu-temp').fill('40');
  await page.getByTestId('alert-gpu-temp').press('Enter');
  await page.getByTestId('alert-memory').fill('80');
  await page.getByTestId('alert-memory').press('Enter');
  // Both thresholds kept: saving the second did not reset the first.
  await page.reload();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('alert-gpu-temp')).toHaveValue('40');
  await expect(page.getByTestId('alert-memory')).toHaveValue('80');

  await page.getByTestId('nav-overview').click();
  const store = fileStateStore(join(app.dataDir, 'demo-box', 'state'));
  store.update((state, now) => setActivity(state, 'e2e-heat', { util: 98, cpuCores: 2 }, now), Date.now());
  await expect(page.getByTestId('alerts-bell')).toHaveAttribute('data-active', '1', { timeout: 30_000 });
  await page.getByTestId('alerts-bell').click();
  await expect(page.getByTestId('alert-item').first()).toHaveAttribute('data-kind', 'gpu-hot');
});

test('the environment check shows a missing docker with the command that fixes it', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('env-check-run').click();
  await expect(page.locator('[data-testid=env-check-row][data-check=driver]')).toHaveAttribute('data-status', 'pass');
  await expect(page.locator('[data-testid=env-check-row][data-check=docker]')).toHaveAttribute('data-status', 'pass');
  await page.getByTestId('fault-menu').click();
  // The switch is controlled: it shows checked once the demo box has the fault.
  const fault = page.getByRole('menuitemcheckbox', { name: /Docker not installed/ }).locator('input');
  await fault.click();
  await expect(fault).toBeChecked();
  await page.keyboard.press('Escape');
  await page.getByTestId('env-check-run').click();
  const docker = page.locator('[data-testid=env-check-row][data-check=docker]');
  await expect(docker).toHaveAttribute('data-status', 'fail');
  await expect(docker).toContainText('sudo apt install docker.io');

  // "Open in terminal": a tab on the box with the fix typed in, not run (the user presses Enter).
  const fix = await docker.locator('code').textContent();
  await docker.getByTestId('env-check-terminal').click();
  await expect(page.getByTestId('terminal-page')).toBeVisible();
  const id = await terminalId(page);
  await expect
    .poll(() => terminalText(page, id), { timeout: 10_000 })
    .toMatch(/\$ .*sudo apt install docker\.io/);
  // After the last prompt: the command (wrapped over lines at the pane's width) and nothing else.
  const text = await terminalText(page, id);
  const typed = text.slice(text.lastIndexOf('$ ') + 2).replace(/\n/g, '').trim();
  expect(typed).toBe(fix);
});
