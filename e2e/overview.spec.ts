/**
 * The dashboard against the demo box (numbers match the simulator's state at that moment, and
 * move when its load changes) and against the real sshd (memory is this machine's MemTotal).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { startSshd } from './harness/sshd.js';
import { addSshdDevice } from './helpers.js';
import { fileStateStore } from '../main/demo/sim/state-store.js';
import { gpuTemperatureC, gpuUtilization, memory, setActivity } from '../main/demo/sim/dynamics.js';
import type { TelemetrySample } from '../src/domain/telemetry.js';

const GiB = 1024 ** 3;
const number = async (page: Page, id: string) => Number((await page.getByTestId(id).first().textContent())?.replace(/[^\d.]/g, ''));

test('the dashboard matches the demo box, and follows its load', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  await page.getByTestId('nav-overview').click();
  await expect(page.getByTestId('ov-gpu-util')).toHaveText(/^\d+ %$/, { timeout: 10_000 });

  const store = fileStateStore(join(app.dataDir, 'demo-box', 'state'));
  // What the simulator says over the last two seconds (one sample interval plus slack).
  const window = (read: (now: number) => number) => {
    const now = Date.now();
    const values = [0, 500, 1000, 1500, 2000].map((ago) => read(now - ago));
    return [Math.min(...values), Math.max(...values)] as const;
  };
  const shown = {
    util: await number(page, 'ov-gpu-util'),
    temp: await number(page, 'ov-gpu-temp'),
    used: await number(page, 'ov-mem-used'),
    total: await number(page, 'ov-mem-total'),
    cpu: await number(page, 'ov-cpu'),
  };
  const [utilLo, utilHi] = window((t) => gpuUtilization(store.read(), t));
  expect(shown.util).toBeGreaterThanOrEqual(Math.floor(utilLo) - 1);
  expect(shown.util).toBeLessThanOrEqual(Math.ceil(utilHi) + 1);
  const [tempLo, tempHi] = window((t) => gpuTemperatureC(store.read(), t));
  expect(shown.temp).toBeGreaterThanOrEqual(Math.floor(tempLo) - 1);
  expect(shown.temp).toBeLessThanOrEqual(Math.ceil(tempHi) + 1);
  const [usedLo, usedHi] = window((t) => {
    const m = memory(store.read(), t);
    return ((m.totalKb - m.availableKb) * 1024) / GiB;
  });
  expect(shown.used).toBeGreaterThanOrEqual(Math.floor(usedLo * 10) / 10 - 0.1);
  expect(shown.used).toBeLessThanOrEqual(Math.ceil(usedHi * 10) / 10 + 0.1);
  expect(shown.total).toBeCloseTo((store.read().box.memTotalKb * 1024) / GiB, 1);

  // Load the simulated GPU: the numbers follow within a few samples.
  store.update((state, now) => setActivity(state, 'e2e-load', { util: 95, cpuCores: 6 }, now), Date.now());
  await expect.poll(() => number(page, 'ov-gpu-util'), { timeout: 10_000 }).toBeGreaterThan(80);
  // 4 Hz: the collector restarts at the new rate.
  await page.getByTestId('ov-rate').selectOption('250');
  const stamps = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const el = document.querySelector('.ov-big')!;
        const seen: number[] = [];
        new MutationObserver(() => {
          seen.push(Number(el.getAttribute('data-sample-at')));
          if (seen.length === 6) resolve(seen);
        }).observe(el, { attributes: true, attributeFilter: ['data-sample-at'] });
      }),
  );
  const gaps = stamps.slice(2).map((at, i) => at - stamps[i + 1]!);
  expect(Math.max(...gaps)).toBeLessThan(600);

  // Six of twenty cores busy on top of what was there.
  await expect.poll(() => number(page, 'ov-cpu'), { timeout: 10_000 }).toBeGreaterThan(shown.cpu + 15);
});

test('against the real sshd, unified memory is this machine’s MemTotal', async ({ page, app }) => {
  const sshd = await startSshd({ simulator: true, authorizeClientKey: false });
  test.skip(!sshd.canPassword, 'adding a box by password needs the harness to run as root');
  try {
    await page.goto(app.url);
    await addSshdDevice(page, sshd);
    await page.getByTestId('nav-overview').click();
    const memTotalKb = Number(/^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
    await expect(page.getByTestId('ov-mem-total')).toHaveText(`${((memTotalKb * 1024) / GiB).toFixed(1)} GiB`, { timeout: 15_000 });
  } finally {
    await sshd.stop();
  }
});

test('the 24-hour view draws the minutes the laptop kept in an earlier run', async ({ page, app }) => {
  test.setTimeout(90_000);
  const minuteMs = 60_000;
  // Begin in a minute's first 40 s: the box's live samples all fall in this minute or later, and
  // none of them closes a minute before the checks below (a live minute would be the newest).
  if (Date.now() % minuteMs > 40_000) await page.waitForTimeout(minuteMs - (Date.now() % minuteMs) + 500);
  const thisMinute = Math.floor(Date.now() / minuteMs) * minuteMs;
  await page.goto(app.url);
  await page.getByTestId('try-demo').first().click();
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected');
  // Three hours of minutes, an hour nobody watched, then two more hours up to the minute before
  // this one, as an earlier run of the archive wrote them.
  const doc = JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as { devices: Array<{ id: string }> };
  const deviceId = doc.devices[0]!.id;
  const start = thisMinute - 6 * 60 * minuteMs;
  const minutes: TelemetrySample[] = [];
  for (let i = 0; i < 6 * 60; i++) {
    if (i >= 180 && i < 240) continue;
    minutes.push({
      at: start + i * minuteMs,
      gpu: { utilizationPercent: 50, temperatureC: 60, powerW: 60, graphicsClockMHz: 2400, pstate: 'P0', throttled: false },
      memory: { totalBytes: 119 * GiB, usedBytes: 40 * GiB + i * 2 ** 20, cacheBytes: 20 * GiB, freeBytes: 59 * GiB, swapTotalBytes: 0, swapUsedBytes: 0 },
      cpuBusyPercent: 10,
      cores: [],
      load: [1, 1, 1],
      net: [],
      disks: [],
      uptimeSeconds: i * 60,
      processes: [],
    });
  }
  mkdirSync(join(app.dataDir, 'telemetry'), { recursive: true });
  writeFileSync(join(app.dataDir, 'telemetry', `${deviceId}.jsonl`), minutes.map((m) => JSON.stringify(m) + '\n').join(''), { mode: 0o600 });

  await page.getByTestId('nav-overview').click();
  await expect(page.getByTestId('ov-gpu-util')).toHaveText(/^\d+ %$/, { timeout: 10_000 });
  await expect(page.getByTestId('ov-day-note')).toHaveCount(0);
  await page.getByTestId('ov-range-24h').click();
  await expect(page.getByTestId('ov-day-note')).toContainText('Kept so far: 5 h 0 min');
  // The charts draw the minutes: the legend reads the newest one (40 GiB + 359 MiB = 40.4 GiB).
  await expect(page.getByTestId('ov-chart-memory').locator('.u-legend')).toContainText('40.4 GiB');
  // Back to live samples: the demo box's own numbers again.
  await page.getByTestId('ov-range-5m').click();
  await expect(page.getByTestId('ov-day-note')).toHaveCount(0);
  await expect(page.getByTestId('ov-chart-memory').locator('.u-legend')).not.toContainText('40.4 GiB');
});
