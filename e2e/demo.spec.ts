import { expect, test } from './fixtures.js';

test('Try the demo box: connected in under 3 s, no SSH server needed, labelled on every page', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('devices-empty')).toBeVisible();
  const started = Date.now();
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected', { timeout: 3_000 });
  const elapsed = Date.now() - started;
  expect(elapsed).toBeLessThan(3_000);
  test.info().annotations.push({ type: 'demo connect', description: `${elapsed} ms` });

  await expect(page.getByTestId('device-demo')).toContainText('Demo box (simulated)');
  for (const id of ['overview', 'terminal', 'containers', 'apps', 'models', 'serve', 'benchmark', 'finetune', 'export', 'profiler', 'files']) {
    await page.getByTestId(`nav-${id}`).click();
    await expect(page.getByTestId('device-bar')).toContainText('Simulated');
  }
});

test('the demo box is removed in one click and comes back connected in one click', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByRole('button', { name: 'Device actions: Demo box (simulated)' }).click();
  await page.getByTestId('menu-remove').click();
  await expect(page.getByTestId('devices-empty')).toBeVisible();
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
});

test('the demo box is still there, and connects by itself, after the app restarts', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  const { startBrowserMode } = await import('./harness/browser-mode.js');
  await app.stop();
  const again = await startBrowserMode({ dataDir: app.dataDir });
  try {
    await page.goto(again.url);
    await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  } finally {
    await again.stop();
  }
});
