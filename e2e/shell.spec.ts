import { expect, test } from './fixtures.js';

test('the tokened URL renders the app shell with the empty state', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible();
  await expect(page.getByTestId('devices-empty')).toContainText('No boxes yet');
  await expect(page.getByRole('button', { name: 'Add device' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try the demo box' }).first()).toBeVisible();
  // The token was traded for a cookie and is no longer in the address bar.
  expect(page.url()).not.toContain('token=');
});

test('settings switch language and theme, and they persist', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible();
  await page.keyboard.press('Control+,');
  await expect(page.getByTestId('settings-page')).toBeVisible();
  await expect(page.getByTestId('app-shell')).toHaveText('Browser mode (backend on 127.0.0.1)');

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.getByRole('radio', { name: '深色' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.reload();
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the theme follows the OS when set to system', async ({ browser, app }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await context.close();
});

test('keyboard shortcuts move between pages', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible();
  await page.keyboard.press('Control+2');
  await expect(page).toHaveURL(/#\/terminal$/);
  await page.keyboard.press('Control+b');
  await expect(page.locator('.sidebar')).toHaveAttribute('data-collapsed', 'true');
});
