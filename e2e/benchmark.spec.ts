/**
 * Load tests on the demo box, in Chromium against browser mode: serve a model with vLLM, sweep
 * 1 → 64 against it from the Benchmark page (live progress, then the report with formulas and the
 * throughput–latency curve drawn), save three runs under different names, and compare them side by
 * side with the best marked and the curves overlaid.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { serveWithVllm } from './helpers.js';

const model = 'Qwen/Qwen3-8B';

const runSweep = async (page: Page, name: string, parallel: string, maxTokens: string) => {
  await page.getByTestId('bm-name').fill(name);
  await page.getByTestId('bm-parallel').fill(parallel);
  await page.getByTestId('bm-requests').fill('8');
  await page.getByTestId('bm-max-tokens').fill(maxTokens);
  // Ctrl-Enter starts, as the button does.
  await page.getByTestId('bm-requests').press('Control+Enter');
  await expect(page.getByTestId('bm-live')).toBeVisible();
  await expect(page.getByTestId('bm-live')).toBeHidden({ timeout: 90_000 });
  await expect(page.getByTestId('bm-report').locator('h2')).toHaveText(name);
  await expect(page.getByTestId('bm-report-state')).toHaveText('Finished');
};

test('a sweep 1 → 64 draws the throughput–latency curve; three saved runs compare side by side', async ({ page, app }) => {
  test.setTimeout(300_000);
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');

  // No server yet: the page says to start one on the Serve page.
  await page.getByTestId('nav-benchmark').click();
  await expect(page.getByTestId('bm-no-server')).toBeVisible();

  await serveWithVllm(page, model);
  await page.getByTestId('nav-benchmark').click();
  await expect(page.getByTestId('bm-server')).toContainText(model);
  await expect(page.getByTestId('bm-model')).toHaveValue(model);

  // Validation speaks in sentences and starts nothing.
  await page.getByTestId('bm-parallel').fill('1,two');
  await page.getByTestId('bm-start').click();
  await expect(page.getByTestId('bm-form')).toContainText('Parallel: “two” is not a whole number.');
  await expect(page.getByTestId('bm-live')).toHaveCount(0);

  await runSweep(page, 'vLLM sweep 16 tokens', '1,2,4,8,16,32,64', '16');
  const report = page.getByTestId('bm-report');
  for (const n of [1, 2, 4, 8, 16, 32, 64]) await expect(report.getByTestId(`bm-level-${n}`)).toBeVisible();
  await expect(report.getByTestId('bm-formula-tpotMs').first()).toHaveText('ƒ TPOT = (E2EL − TTFT) / (output tokens − 1)');
  // Every level measured something: a point per level on both sweep charts.
  await expect(report.getByTestId('bm-chart-throughput').locator('.bm-chart__plot')).toHaveAttribute('data-points', '7');
  await expect(report.getByTestId('bm-chart-curve').locator('.bm-chart__plot')).toHaveAttribute('data-points', '7');
  await expect(report.getByTestId('bm-chart-curve').locator('canvas')).toBeVisible();
  const tps1 = Number((await report.getByTestId('bm-rate-outputTokensPerS-1').textContent())!.replace(/,/g, ''));
  const tps64 = Number((await report.getByTestId('bm-rate-outputTokensPerS-64').textContent())!.replace(/,/g, ''));
  expect(tps1).toBeGreaterThan(0);
  expect(tps64).toBeGreaterThan(tps1);

  // Exports: the JSON is the report itself, the CSV has a row per level × metric, the PNG is a PNG.
  const [json] = await Promise.all([page.waitForEvent('download'), report.getByTestId('bm-export-json').click()]);
  expect(json.suggestedFilename()).toBe('vLLM-sweep-16-tokens.json');
  const saved = JSON.parse(await readFile((await json.path())!, 'utf8')) as { name: string; levels: { parallel: number; succeeded: number }[] };
  expect(saved.name).toBe('vLLM sweep 16 tokens');
  expect(saved.levels.map((l) => [l.parallel, l.succeeded])).toEqual([1, 2, 4, 8, 16, 32, 64].map((n) => [n, 8]));
  const [csv] = await Promise.all([page.waitForEvent('download'), report.getByTestId('bm-export-csv').click()]);
  expect(csv.suggestedFilename()).toBe('vLLM-sweep-16-tokens.csv');
  const csvLines = (await readFile((await csv.path())!, 'utf8')).trim().split(/\r?\n/);
  expect(csvLines[0]).toMatch(/^run,parallel,metric,/);
  for (const n of [1, 64]) expect(csvLines.filter((l) => l.startsWith(`vLLM sweep 16 tokens,${n},`)).map((l) => l.split(',')[2])).toContain('ttftMs');
  const [png] = await Promise.all([page.waitForEvent('download'), report.getByTestId('bm-chart-curve-png').click()]);
  expect(png.suggestedFilename()).toBe('vLLM-sweep-16-tokens-curve.png');
  expect((await readFile((await png.path())!)).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

  // Cancel stops a long run at once: the report says Cancelled with the requests it stopped.
  await page.getByTestId('bm-name').fill('cancelled run');
  await page.getByTestId('bm-parallel').fill('64');
  await page.getByTestId('bm-requests').fill('2000');
  await page.getByTestId('bm-max-tokens').fill('512');
  await page.getByTestId('bm-start').click();
  await expect(page.getByTestId('bm-live')).toBeVisible();
  await page.getByTestId('bm-cancel').click();
  await expect(page.getByTestId('bm-live')).toBeHidden({ timeout: 10_000 });
  await expect(page.getByTestId('bm-report').locator('h2')).toHaveText('cancelled run');
  await expect(page.getByTestId('bm-report-state')).toHaveText('Cancelled');

  // The client on the box itself (the demo box runs its stand-in for the Python script).
  await page.getByTestId('bm-form').locator('summary').click();
  await page.getByTestId('bm-place').selectOption('box');
  await runSweep(page, 'on the box', '4', '8');
  await expect(page.getByTestId('bm-report')).toContainText('On the box (leaves Wi-Fi out)');
  await expect(page.getByTestId('bm-report').getByTestId('bm-level-4')).toBeVisible();
  await page.getByTestId('bm-place').selectOption('laptop');

  await runSweep(page, 'vLLM sweep 32 tokens', '1,4,16', '32');
  await runSweep(page, 'vLLM sweep 8 tokens', '1,4,16', '8');

  await page.getByTestId('bm-tab-saved').click();
  const rows = page.getByTestId('bm-saved-row');
  for (const name of ['vLLM sweep 16 tokens', 'vLLM sweep 32 tokens', 'vLLM sweep 8 tokens']) await rows.filter({ hasText: name }).getByTestId('bm-saved-pick').check();
  await page.getByTestId('bm-compare-selected').click();

  const compare = page.getByTestId('bm-compare');
  await expect(compare.getByTestId('bm-compare-run')).toHaveText([/vLLM sweep 16 tokens/, /vLLM sweep 32 tokens/, /vLLM sweep 8 tokens/]);
  await expect(compare.locator('[data-best]').first()).toBeVisible();
  await expect(compare.getByTestId('bm-compare-curve-chart').locator('.bm-chart__plot')).toHaveAttribute('data-points', '13');
  await page.getByTestId('bm-compare-at').selectOption('16');
});
