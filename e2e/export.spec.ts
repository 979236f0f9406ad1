/**
 * The export chain on the demo box, in Chromium against browser mode (issue 12, Done-when 1 and 2):
 * a short LoRA fine-tune of Qwen3-8B through the Fine-tune page (as e2e/finetune.spec.ts does it,
 * one epoch), then its "Export…" button → the Export page with the run picked → merge → GGUF →
 * Q4_K_M → `ollama create` → the test prompt answered, the Modelfile's template ChatML as Qwen3's
 * is, and the model listed by `ollama list` (the Models page's Ollama group). Then a second export
 * whose quantize step meets a full disk (the demo's disk-full fault): it fails with the disk's
 * sentence, and after the fault is off Retry goes on from quantize — merge and convert skipped.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const sample = join(import.meta.dirname, 'fixtures', 'huanhuan-sample.json');

const toggleFault = async (page: Page, name: RegExp) => {
  await page.getByTestId('fault-menu').click();
  await page.getByRole('menuitemcheckbox', { name }).locator('input').click();
  await page.keyboard.press('Escape');
};

/** Upload, register and train one short LoRA run; waits until it is done. */
const finishedFinetune = async (page: Page) => {
  await page.getByTestId('nav-finetune').click();
  await expect(page.getByTestId('ft-env')).toHaveAttribute('data-kind', /^(host|container)$/, { timeout: 20_000 });
  await page.getByTestId('ft-env-next').click();
  await page.getByTestId('ft-upload-input').setInputFiles(sample);
  await expect(page.getByTestId('ft-check')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  await page.getByTestId('ft-register-name').fill('huanhuan_export');
  await page.getByTestId('ft-register').click();
  await expect(page.locator('[data-testid="ft-dataset-entry"][data-name="huanhuan_export"]')).toBeVisible();
  await page.getByTestId('ft-dataset-next').click();
  // The form picks the library's first model once the list arrives: wait for it, so the fill is not raced.
  await expect(page.getByTestId('ft-f-baseModel')).not.toHaveValue('', { timeout: 20_000 });
  await page.getByTestId('ft-f-baseModel').fill('Qwen/Qwen3-8B');
  await expect(page.getByTestId('ft-f-template')).toHaveValue('qwen3_nothink');
  await expect(page.locator('[data-testid="ft-f-dataset"][data-name="huanhuan_export"]')).toBeChecked();
  await page.getByTestId('ft-f-epochs').fill('1');
  await expect(page.getByTestId('ft-yaml')).toHaveValue(/num_train_epochs: 1(\.0)?\b/);
  await page.getByTestId('ft-run-name').fill('Huanhuan export');
  await page.getByTestId('ft-launch').click();
  await expect(page.getByTestId('ft-run')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
};

/** Waits for the plan of the settings on screen (the Start button is off while it is asked). */
const planned = async (page: Page) => {
  await expect(page.getByTestId('ex-preview')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('ex-start')).toBeEnabled();
};

test('from a finished fine-tune to an Ollama model that answers; a full disk at quantize, then Retry skips merge and convert', async ({ page, app }) => {
  test.setTimeout(300_000);
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await finishedFinetune(page);

  // The finished run's "Export…" opens the Export page with it picked and a name suggested.
  await page.getByTestId('ft-to-export').click();
  await expect(page.getByTestId('export-page')).toBeVisible();
  const name = page.getByTestId('ex-f-ollamaName');
  await expect(name).toHaveValue('huanhuan-export:q4_k_m');
  // Enter in the name starts nothing.
  await name.press('Enter');
  await expect(page.getByTestId('ex-tab-new')).toHaveAttribute('aria-selected', 'true');
  await planned(page);
  await expect(page.getByTestId('ex-family')).toHaveAttribute('data-family', 'chatml');
  await expect(page.getByTestId('ex-tools')).toHaveAttribute('data-found', 'true');
  await expect(page.getByTestId('ex-disk')).toHaveAttribute('data-verdict', 'ok');
  // Qwen3's chat format: the Modelfile's TEMPLATE is ChatML with its stop tokens.
  const modelfile = page.getByTestId('ex-modelfile');
  await expect(modelfile).toHaveValue(/TEMPLATE """[\s\S]*<\|im_start\|>user[\s\S]*<\|im_start\|>assistant/);
  await expect(modelfile).toHaveValue(/PARAMETER stop "?<\|im_end\|>"?/);
  await expect(modelfile).toHaveValue(/^FROM .*Q4_K_M\.gguf$/m);
  await expect(page.getByTestId('ex-merge-yaml')).toHaveValue(/adapter_name_or_path: /);

  // Done-when 1: every step done, the test prompt answered, `ollama list` has it.
  await page.getByTestId('ex-start').click();
  const run = page.getByTestId('ex-run');
  await expect(run).toHaveAttribute('data-state', /running|done/, { timeout: 20_000 });
  await expect(run).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  for (const step of ['merge', 'convert', 'quantize', 'create', 'test']) await expect(page.getByTestId(`ex-step-${step}`)).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('ex-test-prompt')).toHaveText('你是谁？');
  await expect(page.getByTestId('ex-answer')).not.toBeEmpty();
  expect((await page.getByTestId('ex-answer').textContent())?.trim()).not.toBe('(no answer was printed)');
  await expect(page.getByTestId('ex-run-command')).toHaveText('ollama run huanhuan-export:q4_k_m');
  // The ends of the fine-tune run and of the export are in the bell, whichever page is open.
  await page.getByTestId('alerts-bell').click();
  await expect(page.locator('[data-testid="alert-item"][data-kind="job-export"][data-state="done"]')).toContainText('huanhuan-export:q4_k_m');
  await expect(page.locator('[data-testid="alert-item"][data-kind="job-finetune"][data-state="done"]')).toContainText('Huanhuan export');
  await page.getByTestId('alerts-bell').click();
  // Take it home: the Modelfile lands in the transfer queue and arrives with its sha256 checked.
  await page.getByTestId('ex-download-modelfile').click();
  await expect(page.locator('[data-testid="ex-transfer"][data-name="Modelfile"]')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.locator('[data-testid="ex-transfer"][data-name="Modelfile"]')).toContainText('sha256 matches the box');

  await page.getByTestId('nav-models').click();
  await page.getByTestId('models-refresh').click();
  await expect(page.getByTestId('models-group-ollama').locator('[data-testid="model-row"][data-model="huanhuan-export:q4_k_m"]')).toBeVisible({ timeout: 30_000 });

  // Done-when 2: a second export; the disk fills while it quantizes.
  await page.getByTestId('nav-export').click();
  await page.getByTestId('ex-tab-new').click();
  await name.fill('huanhuan-export-2:q4_k_m');
  await planned(page);
  await page.getByTestId('ex-start').click();
  const second = page.locator('[data-testid="ex-run"]');
  await expect(page.locator('[data-testid="ex-list-item"][data-name="huanhuan-export-2:q4_k_m"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('ex-step-quantize')).toHaveAttribute('data-state', 'running', { timeout: 90_000 });
  await toggleFault(page, /Disk full/);
  await expect(page.getByTestId('ex-step-quantize')).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  await expect(second).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('ex-failure')).toContainText('disk is full');
  await toggleFault(page, /Disk full/);

  await page.getByTestId('ex-retry').click();
  await expect(second).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('ex-step-merge')).toHaveAttribute('data-state', 'skipped');
  await expect(page.getByTestId('ex-step-convert')).toHaveAttribute('data-state', 'skipped');
  await expect(page.getByTestId('ex-step-merge')).toContainText('skipped — already done');
  for (const step of ['quantize', 'create', 'test']) await expect(page.getByTestId(`ex-step-${step}`)).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('ex-answer')).not.toBeEmpty();
});
