/**
 * The Profiler on the demo box, in Chromium against browser mode: a mode 1 capture (a TensorRT-LLM
 * server started under `nsys launch` in its container, a collection window started and stopped)
 * and a mode 2 capture (`sudo -n nsys profile --sample=system-wide … --duration=N` as a job) each
 * write a report the list shows; `nsys stats` on the box summarises them (the top-kernels chart
 * and sortable tables for mode 1; nsys's SKIPPED lines for mode 2, which holds no CUDA trace);
 * a download lands in `<dataDir>/downloads` with the sha256 the page shows and the box's bytes;
 * Open explains that Nsight Systems is not installed here and offers the folder, which explains
 * that no file browser can be opened; Delete asks first. The backend runs with a PATH that has no nsys-ui and no
 * xdg-open, as on a computer without a desktop.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBrowserMode, type BrowserModeApp } from './harness/browser-mode.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let app: BrowserModeApp;
test.beforeEach(async () => {
  app = await startBrowserMode({ env: { PATH: mkdtempSync(join(tmpdir(), 'pgx-e2e-empty-path-')) } });
});
test.afterEach(async () => app.stop());

test('mode 1 and mode 2 captures write reports; nsys stats summarises them; download, Open and Show in folder explain themselves', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByTestId('nav-profiler').click();
  await expect(page.getByTestId('profiler-nsys')).toContainText('reports in /home/demo/pgx-companion/profiles');

  // Mode 1: the server under nsys launch, with the exact command shown first.
  const preview = page.getByTestId('profiler-command-preview');
  await page.getByTestId('profiler-mode-server').click();
  await page.getByTestId('profiler-name').fill('trt-e2e');
  await expect(preview).toContainText('nsys launch --trace=cuda,osrt,nvtx,cublas --session-new=trt-e2e');
  await expect(preview).toContainText('--privileged');
  await page.getByTestId('profiler-start').click();
  const session = page.getByTestId('profiler-session-trt-e2e');
  await expect(session).toContainText('in pgx-nsys-trt-e2e', { timeout: 30_000 });
  await session.getByTestId('profiler-window-name').fill('trt-e2e-w1');
  await session.getByTestId('profiler-session-start').click();
  await expect(session).toContainText('Collecting');
  await session.getByTestId('profiler-session-stop').click();
  const serverReport = page.getByTestId('profiler-report-trt-e2e-w1.nsys-rep');
  await expect(serverReport).toContainText('server window: pgx-nsys-trt-e2e', { timeout: 30_000 });

  // Mode 2: system-wide for 2 s, with what it cannot see said beside the command.
  await page.getByTestId('profiler-mode-system').click();
  await page.getByTestId('profiler-name').fill('sys-e2e');
  await page.getByTestId('profiler-duration').fill('2');
  await expect(preview).toContainText('sudo -n nsys profile --sample=system-wide --gpu-metrics-devices=all --gpu-metrics-frequency=10000 --duration=2 -o /home/demo/pgx-companion/profiles/sys-e2e');
  await expect(page.getByTestId('profiler-caveat')).toContainText('but not the CUDA calls or kernels of a process inside a container');
  await page.getByTestId('profiler-start').click();
  await expect(page.getByTestId('profiler-capture-sys-e2e')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const systemReport = page.getByTestId('profiler-report-sys-e2e.nsys-rep');
  await expect(systemReport).toContainText('system-wide');

  // The mode 1 summary: the top kernels drawn, four tables, sortable.
  const summary = page.getByTestId('profiler-summary');
  await serverReport.getByTestId('profiler-report-summary').click();
  await expect(summary.locator('h2')).toHaveText('Summary of trt-e2e-w1.nsys-rep');
  const bars = summary.getByTestId('profiler-top-kernels').locator('.profiler__bar');
  await expect(bars.first()).toBeVisible({ timeout: 30_000 });
  expect(await bars.count()).toBeGreaterThan(1);
  const kernels = summary.getByTestId('profiler-table-cuda_gpu_kern_sum');
  const kernelRows = kernels.locator('tbody tr');
  expect(await kernelRows.count()).toBeGreaterThan(1);
  await expect(summary.getByTestId('profiler-table-cuda_api_sum').locator('tbody tr').first()).toBeVisible();
  // Sorted by time, longest first; Name sorts alphabetically.
  const names = () => kernelRows.evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));
  const byTime = await names();
  await kernels.locator('th').first().getByRole('button').click();
  await expect(kernels.locator('th').first()).toHaveAttribute('aria-sort', 'ascending');
  expect(await names()).toEqual([...byTime].sort((a, b) => a.localeCompare(b)));

  // The mode 2 summary: no kernels, nsys's own SKIPPED lines, no chart.
  await systemReport.getByTestId('profiler-report-summary').click();
  await expect(summary.locator('h2')).toHaveText('Summary of sys-e2e.nsys-rep');
  await expect(summary.getByTestId('profiler-skipped-cuda_api_sum')).toHaveText('No data: /home/demo/pgx-companion/profiles/sys-e2e.sqlite does not contain CUDA trace data.', { timeout: 30_000 });
  await expect(summary.getByTestId('profiler-skipped-cuda_gpu_kern_sum')).toContainText('does not contain CUDA kernel data.');
  await expect(summary.getByTestId('profiler-top-kernels')).toHaveCount(0);

  // Download: the file in <dataDir>/downloads is the box's, and its sha256 is the one shown.
  await serverReport.getByTestId('profiler-report-download').click();
  const checksum = serverReport.getByTestId('profiler-report-checksum');
  await expect(checksum).toBeVisible({ timeout: 30_000 });
  const local = join(app.dataDir, 'downloads', 'trt-e2e-w1.nsys-rep');
  await expect(serverReport.getByTestId('profiler-report-downloaded')).toContainText(local);
  const onBox = join(app.dataDir, 'demo-box', 'root', 'home', 'demo', 'pgx-companion', 'profiles', 'trt-e2e-w1.nsys-rep');
  expect(sha256(local)).toBe(sha256(onBox));
  await expect(checksum).toHaveAttribute('data-sha256', sha256(local));
  await expect(checksum).toContainText(`sha256 ${sha256(local).slice(0, 12)}… matches the box`);

  // The queue lives in main: after a reload the row still knows its download.
  await page.reload();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await expect(serverReport.getByTestId('profiler-report-checksum')).toHaveAttribute('data-sha256', sha256(local));

  // Open: no Nsight Systems here, said as such, with where to get it and the folder offered.
  await serverReport.getByTestId('profiler-report-open').click();
  const missing = serverReport.getByTestId('profiler-nsight-missing');
  await expect(missing).toContainText('Nsight Systems is not installed on this computer');
  await expect(missing.getByTestId('profiler-nsight-get')).toHaveAttribute('href', 'https://developer.nvidia.com/nsight-systems');
  await missing.getByTestId('profiler-nsight-reveal').click();
  await expect(serverReport.getByTestId('profiler-reveal-unavailable')).toHaveText(`No file browser can be opened from here (this computer has no desktop, or the browser runs elsewhere). The report is saved at ${local}`);
  // Neither answer is an error of the page.
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Delete asks first, then the report leaves the box and the list.
  await systemReport.getByTestId('profiler-report-delete').click();
  await page.getByTestId('profiler-report-delete-confirm').click();
  await expect(systemReport).toHaveCount(0);
  expect(existsSync(join(app.dataDir, 'demo-box', 'root', 'home', 'demo', 'pgx-companion', 'profiles', 'sys-e2e.nsys-rep'))).toBe(false);
});
