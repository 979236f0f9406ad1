/**
 * Fine-tuning on the demo box, in Chromium against browser mode (issue 11, Done-when 1): upload the
 * sample role-play dataset through the page (staged through the backend, as a browser has no
 * paths) → checked (counts, preview, histogram) → registered in dataset_info.json next to a foreign
 * entry that survives (a taken name is refused, the file untouched) → train LoRA on Qwen3-8B → the
 * loss curve grows while the run is running → the finished notice → predict → BLEU-4 / ROUGE
 * shown and the viewer lists label and prediction.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const sample = join(import.meta.dirname, 'fixtures', 'huanhuan-sample.json');
const foreign = { my_own_set: { file_name: 'my_own_set.json', formatting: 'alpaca', columns: { prompt: 'instruction', response: 'output' } } };

const plotPoints = async (page: Page): Promise<number> => Number((await page.getByTestId('ft-curve-loss').locator('.ft-curve__plot').getAttribute('data-points')) ?? '0');

test('upload → check → register (a foreign entry survives) → train LoRA with a live loss curve → finished → predict → BLEU / ROUGE and the viewer', async ({ page, app }) => {
  test.setTimeout(240_000);
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByTestId('nav-finetune').click();

  // 1. Environment: LLaMA Factory found on the box, with its data folder.
  const env = page.getByTestId('ft-env');
  await expect(env).toHaveAttribute('data-kind', /^(host|container)$/, { timeout: 20_000 });
  const dataDir = (await page.getByTestId('ft-env-data-dir').textContent())!.trim();
  expect(dataDir).toMatch(/^\/home\/demo\//);
  // Someone else's entry already in dataset_info.json (written on the demo box's disk).
  const infoOnDisk = join(app.dataDir, 'demo-box', 'root', ...dataDir.split('/').filter(Boolean), 'dataset_info.json');
  mkdirSync(dirname(infoOnDisk), { recursive: true });
  writeFileSync(infoOnDisk, `${JSON.stringify(foreign, null, 2)}\n`);
  await page.getByTestId('ft-env-next').click();

  // 2. Dataset: upload through the file input, checked on the box.
  await page.getByTestId('ft-upload-input').setInputFiles(sample);
  const check = page.getByTestId('ft-check');
  await expect(check).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('ft-check-counts')).toContainText('30 records, 30 usable');
  await expect(page.getByTestId('ft-preview-row').first()).toContainText('海棠');
  await expect(page.getByTestId('ft-histogram')).toBeVisible();

  await page.getByTestId('ft-register-name').fill('huanhuan_e2e');
  await page.getByTestId('ft-register').click();
  await expect(page.getByTestId('ft-registered')).toContainText('huanhuan_e2e');
  await expect(page.locator('[data-testid="ft-dataset-entry"][data-name="huanhuan_e2e"]')).toBeVisible();
  await expect(page.locator('[data-testid="ft-dataset-entry"][data-name="my_own_set"]')).toBeVisible();
  const registered = readFileSync(infoOnDisk, 'utf8');
  expect(JSON.parse(registered)).toMatchObject({ ...foreign, huanhuan_e2e: { file_name: expect.any(String) } });

  // The same name again is refused with a sentence, and the file is left as it was.
  await page.getByTestId('ft-register').click();
  await expect(page.getByTestId('ft-register-refused')).toContainText('huanhuan_e2e');
  expect(readFileSync(infoOnDisk, 'utf8')).toBe(registered);
  await page.getByTestId('ft-dataset-next').click();

  // 3. Train: the form makes the YAML; the memory estimate judges it against the box.
  // The form picks the library's first model once the list arrives: wait for it, so the fill is not raced.
  await expect(page.getByTestId('ft-f-baseModel')).not.toHaveValue('', { timeout: 20_000 });
  await page.getByTestId('ft-f-baseModel').fill('Qwen/Qwen3-8B');
  await expect(page.getByTestId('ft-f-template')).toHaveValue('qwen3_nothink');
  await expect(page.locator('[data-testid="ft-f-dataset"][data-name="huanhuan_e2e"]')).toBeChecked();
  await page.getByTestId('ft-f-loggingSteps').fill('1');
  await page.getByTestId('ft-f-epochs').fill('5');
  await page.getByTestId('ft-f-evalSteps').fill('5');
  await page.getByTestId('ft-f-saveSteps').fill('10');
  const yaml = page.getByTestId('ft-yaml');
  await expect(yaml).toHaveValue(/model_name_or_path: Qwen\/Qwen3-8B/);
  await expect(yaml).toHaveValue(/dataset: huanhuan_e2e/);
  await expect(yaml).toHaveValue(/logging_steps: 1\b/);
  await expect(yaml).toHaveValue(/num_train_epochs: 5/);
  await expect(page.getByTestId('ft-memory')).toHaveAttribute('data-verdict', 'ok');
  await page.getByTestId('ft-run-name').fill('huanhuan e2e');
  await page.getByTestId('ft-launch').click();

  // 4. Run: the loss curve grows while it trains; then the finished notice.
  const run = page.getByTestId('ft-run');
  await expect(run).toHaveAttribute('data-state', /running|queued/, { timeout: 20_000 });
  // The box's GPU beside the curves while it trains.
  await expect(page.getByTestId('ft-gpu')).toBeVisible();
  await expect.poll(() => plotPoints(page), { timeout: 30_000 }).toBeGreaterThan(0);
  const early = await plotPoints(page);
  await expect.poll(() => plotPoints(page), { timeout: 30_000 }).toBeGreaterThan(early);
  // It grew before the end: the run was still going when it had more points than at first.
  expect(await run.getAttribute('data-state')).toBe('running');
  const ended = page.locator('[data-testid="ft-ended"][data-kind="train"]');
  await expect(ended).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(ended).toContainText('huanhuan e2e');
  await expect(run).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('ft-checkpoints')).toBeVisible();

  // 5–6. Evaluate: predict with the adapter → BLEU-4 / ROUGE and label vs prediction.
  await page.getByTestId('ft-to-evaluate').click();
  await page.getByTestId('ft-eval-samples').fill('10');
  await page.getByTestId('ft-predict').click();
  await expect(page.locator('[data-testid="ft-prediction"]').first()).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  for (const k of ['bleu4', 'rouge1', 'rouge2', 'rougeL']) await expect(page.getByTestId(`ft-score-${k}`)).toHaveText(/^\d+(\.\d+)?$/);
  const rows = page.getByTestId('ft-viewer-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(rows.first().getByTestId('ft-viewer-label')).not.toBeEmpty();
  await expect(rows.first().locator('td').first()).not.toContainText('<|');
  await expect(rows.first().getByTestId('ft-viewer-predict')).not.toBeEmpty();
});
