/**
 * The Models page on the demo box, in Chromium against browser mode: the seeded library with its
 * formats; a download of Qwen/Qwen3-1.7B (~4 GB at the simulator's 400 MiB/s: about ten seconds)
 * whose bar and bytes move, cancelled, resumed, finished and then listed; deleted with the
 * confirmation naming the space it frees. Then Settings → Model folders: a relative folder is
 * refused, and removing the missing /data/llm-model clears the page's problem line at once.
 */
import { expect, test } from './fixtures.js';
import { byteText } from './helpers.js';

test('library formats; download with progress, cancel, resume, done; delete frees its size; model folders', async ({ page, app }) => {
  test.setTimeout(150_000);
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByTestId('nav-models').click();

  const row = (id: string) => page.locator(`[data-testid="model-row"][data-model="${id}"]`);
  await expect(page.getByTestId('models-group-huggingface').locator(`[data-model="nvidia/Qwen3-30B-A3B-NVFP4"]`).getByTestId('model-format')).toHaveText('NVFP4', { timeout: 30_000 });
  await expect(row('Qwen/Qwen3-8B').getByTestId('model-format')).toHaveText('BF16');
  await expect(page.getByTestId('models-group-folder').locator('[data-model="Qwen3-8B-Q4_K_M.gguf"]').getByTestId('model-format')).toHaveText('GGUF Q4_K_M');
  await expect(page.getByTestId('models-group-ollama').locator('[data-model="qwen3:1.7b"]')).toBeVisible();
  await expect(page.locator('[data-testid="models-problem"][data-code="folder-missing"]')).toContainText('/data/llm-model');

  // Download: the bar and the bytes move.
  await page.getByTestId('models-download').click();
  await page.getByTestId('download-id').fill('Qwen/Qwen3-1.7B');
  await page.getByTestId('download-start').click();
  await expect(page.getByTestId('download-dialog')).toBeHidden({ timeout: 30_000 });
  const download = page.locator('[data-testid="download-row"][data-model="Qwen/Qwen3-1.7B"]');
  await expect(download).toHaveAttribute('data-phase', 'running', { timeout: 20_000 });
  const bytes = download.getByTestId('download-bytes');
  await expect.poll(async () => byteText(await bytes.textContent()), { timeout: 20_000 }).toBeGreaterThan(0);
  const first = byteText(await bytes.textContent());
  await expect.poll(async () => byteText(await bytes.textContent()), { timeout: 20_000 }).toBeGreaterThan(first);
  await expect(download.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /\d+/);

  // Cancel keeps what arrived; Resume goes on from there to the end.
  await download.getByTestId('download-cancel').click();
  await expect(download).toHaveAttribute('data-phase', 'cancelled', { timeout: 20_000 });
  const kept = byteText(await bytes.textContent());
  expect(kept).toBeGreaterThan(0);
  await download.getByTestId('download-resume').click();
  await expect(download).toHaveAttribute('data-phase', /queued|running/, { timeout: 20_000 });
  await expect(download).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(download.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  expect(byteText(await bytes.textContent())).toBeGreaterThan(4e9);

  // The finished model is listed without pressing Refresh.
  const fresh = page.getByTestId('models-group-huggingface').locator('[data-model="Qwen/Qwen3-1.7B"]');
  await expect(fresh).toBeVisible({ timeout: 30_000 });
  await expect(fresh.getByTestId('model-format')).toHaveText('BF16');
  const size = (await fresh.locator('td').nth(1).textContent())!;
  expect(size).toMatch(/^4\.\d GB$/);

  // Delete: the confirmation names the folder and the space; the notice confirms it was freed.
  await fresh.getByTestId('model-delete').click();
  const dialog = page.getByTestId('model-delete-dialog');
  await expect(dialog).toContainText('models--Qwen--Qwen3-1.7B');
  await expect(dialog).toContainText(`frees ${size}`);
  await page.getByTestId('model-delete-confirm').click();
  await expect(page.getByTestId('models-freed')).toHaveText(`Qwen/Qwen3-1.7B deleted: ${size} freed.`);
  await expect(fresh).toHaveCount(0);

  // Settings → Model folders: a relative folder is refused; removing the missing one clears the problem.
  await page.getByTestId('nav-settings').click();
  const folders = page.getByTestId('model-folder-settings');
  await folders.getByTestId('model-folder-input').fill('llm-model');
  await folders.getByTestId('model-folder-add').click();
  await expect(folders.getByTestId('model-folder-invalid')).toContainText('starting with / or ~/');
  await expect(folders.getByTestId('model-folder')).toHaveText(['~/models', '/data/llm-model']);
  await folders.getByTestId('model-folder').filter({ hasText: '/data/llm-model' }).getByTestId('model-folder-remove').click();
  await expect(folders.getByTestId('model-folder')).toHaveText(['~/models']);
  await page.getByTestId('nav-models').click();
  await expect(row('Qwen/Qwen3-8B')).toBeVisible();
  await expect(page.getByTestId('models-problem')).toHaveCount(0, { timeout: 30_000 });
});
