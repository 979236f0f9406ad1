/**
 * The file manager on the demo box, in Chromium against browser mode: hostile names (spaces, both
 * quotes, a newline, Chinese and an emoji) uploaded through the page's file input (staged through
 * the backend, as a browser has no paths), listed intact, downloaded back into
 * `<dataDir>/downloads` with identical names and bytes; then one renamed (F2) and one deleted (Del,
 * asked first); a new folder, and moving between folders with double-click, the path bar and Backspace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const hostile = [
  { name: 'with spaces in it.txt', text: 'spaces\n' },
  { name: `it's "quoted".txt`, text: 'quotes\n' },
  { name: 'first line\nsecond line.txt', text: 'a newline in the name\n' },
  { name: '中文 文件名 🚀.txt', text: '中文内容 🚀\n' },
];

/** The exact names the table lists (its data-name attributes hold the real names, newlines included). */
const listedNames = (page: Page): Promise<string[]> => page.getByTestId('files-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name') ?? ''));

/** The row with exactly this name (built in the page: no selector syntax has to hold a newline or quotes). */
const rowIndex = async (page: Page, name: string): Promise<number> => (await listedNames(page)).indexOf(name);

const clickRow = async (page: Page, name: string, options: { modifiers?: ('Control' | 'Shift')[] } = {}) => {
  const index = await rowIndex(page, name);
  expect(index, name).toBeGreaterThanOrEqual(0);
  await page.getByTestId('files-row').nth(index).click(options);
};

test('hostile names round-trip: upload, list, download, rename and delete; folders open and close', async ({ page, app }) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByTestId('nav-files').click();
  await expect(page.getByTestId('files-table')).toBeVisible();
  const crumbs = page.getByTestId('files-crumbs');
  await expect(crumbs).toContainText('demo');

  // A new folder, opened with a double-click.
  const folder = `e2e 'uploads' "here"`;
  await page.getByTestId('files-mkdir').click();
  await page.getByTestId('files-name-input').fill(folder);
  await page.getByTestId('files-name-submit').click();
  await expect.poll(() => listedNames(page)).toContain(folder);
  await page.getByTestId('files-row').nth(await rowIndex(page, folder)).dblclick();
  await expect(crumbs).toContainText(folder);
  await expect(page.getByTestId('files-empty')).toBeVisible();

  // Upload through the file input.
  await page.getByTestId('files-upload-input').setInputFiles(hostile.map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: Buffer.from(f.text) })));
  const uploads = page.locator('[data-testid="transfer-row"][data-direction="upload"]');
  await expect(uploads).toHaveCount(hostile.length, { timeout: 30_000 });
  await expect.poll(() => uploads.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state'))), { timeout: 30_000 }).toEqual(hostile.map(() => 'done'));
  await page.getByTestId('files-refresh').click();
  await expect.poll(() => listedNames(page)).toEqual(expect.arrayContaining(hostile.map((f) => f.name)));
  // A newline shows as ⏎ and never breaks the row.
  await expect(page.getByTestId('files-row').nth(await rowIndex(page, hostile[2]!.name))).toContainText('first line⏎second line.txt');

  // Download each back: same name, same bytes, under <dataDir>/downloads.
  for (const f of hostile) {
    await clickRow(page, f.name);
    await page.getByTestId('files-download').click();
  }
  const downloads = page.locator('[data-testid="transfer-row"][data-direction="download"]');
  await expect.poll(() => downloads.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state'))), { timeout: 30_000 }).toEqual(hostile.map(() => 'done'));
  for (const f of hostile) expect(readFileSync(join(app.dataDir, 'downloads', f.name), 'utf8'), f.name).toBe(f.text);
  await expect(downloads.first().getByTestId('transfer-checksum')).toBeVisible();

  // Rename with F2, delete with Del (asked first, naming what goes).
  const table = page.getByTestId('files-table-wrap');
  await clickRow(page, hostile[0]!.name);
  await table.press('F2');
  await page.getByTestId('files-name-input').fill(`renamed "${hostile[0]!.name}"`);
  await page.getByTestId('files-name-submit').click();
  await expect.poll(() => listedNames(page)).toContain(`renamed "${hostile[0]!.name}"`);
  expect(await listedNames(page)).not.toContain(hostile[0]!.name);

  await clickRow(page, hostile[1]!.name);
  await table.press('Delete');
  const dialog = page.getByTestId('files-delete-dialog');
  await expect(dialog).toContainText(hostile[1]!.name);
  await page.getByTestId('files-delete-confirm').click();
  await expect.poll(() => listedNames(page)).not.toContain(hostile[1]!.name);
  expect(await listedNames(page)).toEqual(expect.arrayContaining([hostile[2]!.name, hostile[3]!.name]));

  // Backspace goes up; the path bar takes a typed path; ~ is home.
  await table.press('Backspace');
  await expect(crumbs).not.toContainText(folder);
  await expect.poll(() => listedNames(page)).toContain(folder);
  await page.getByTestId('files-path-edit').click();
  await page.getByTestId('files-path-input').fill(`~/${folder}`);
  await page.getByTestId('files-path-input').press('Enter');
  await expect(crumbs).toContainText(folder);
  await page.getByTestId('files-home').click();
  await expect(crumbs).not.toContainText(folder);

  // The folder, deleted with what is in it.
  await clickRow(page, folder);
  await page.getByTestId('files-delete').click();
  await expect(page.getByTestId('files-delete-dialog')).toContainText('Folders are deleted with everything in them.');
  await page.getByTestId('files-delete-confirm').click();
  await expect.poll(() => listedNames(page)).not.toContain(folder);
});
