/**
 * The terminal under a flood, in Chromium against browser mode and the real sshd: keys still echo
 * within 100 ms, Ctrl-C stops the output within 100 ms, and memory stays flat. It is a timing
 * test, so it runs alone after every other spec (playwright.config.ts: the "alone" project), as
 * the unit suite's timing tests do: a load test in the other worker would be measured, not the
 * terminal.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.js';
import { terminalText as screenText, updateSettings, waitForPrompt } from './helpers.js';
import { sshdPerTest } from './terminal-box.js';

const { openBoxTab } = sshdPerTest();

test('a flood: keys still echo within 100 ms, Ctrl-C stops it within 100 ms, memory stays flat', async ({ page, app }) => {
  test.setTimeout(180_000);
  // Without tmux, so the flood goes byte for byte through the whole path (tmux would redraw
  // screens instead of passing every byte on).
  await page.goto(app.url);
  await updateSettings(page, { terminal: { useTmux: false } });
  const id = await openBoxTab(page, app.url);
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${app.process.pid}/status`, 'utf8'))![1]) / 1024;
  const heap = () => page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 2 ** 20);
  const stats = () => page.evaluate((tid) => ({ ...window.pgxTerminal!.stats(tid)! }), id);

  await page.keyboard.type('yes | head -c 500M');
  await page.keyboard.press('Enter');
  // The flood is on once a few MiB went by (`yes` through a PTY runs only a few MiB/s on a small VM).
  await expect.poll(async () => (await stats()).parsedBytes, { timeout: 20_000 }).toBeGreaterThan(4 * 2 ** 20);
  const start = { at: Date.now(), bytes: (await stats()).parsedBytes, rss: rss(), heap: await heap() };

  // A key typed during the flood: the tty echoes it into the stream. Timed in the page, from the
  // real keydown reaching xterm to the echo being parsed.
  const armProbe = (key: string, mark: string) =>
    page.evaluate(
      ({ tid, key, mark }) => {
        const s = window.pgxTerminal!.stats(tid)!;
        const w = window as unknown as { pgxProbe?: Promise<number> };
        w.pgxProbe = new Promise<number>((resolve) => {
          let pressed = 0;
          const onKey = (event: KeyboardEvent) => {
            if (event.key.toLowerCase() !== key) return;
            pressed = performance.now();
            window.removeEventListener('keydown', onKey, true);
          };
          window.addEventListener('keydown', onKey, true);
          s.probe = (text, at) => {
            if (!pressed || !text.includes(mark)) return;
            s.probe = undefined;
            resolve(at - pressed);
          };
        });
      },
      { tid: id, key, mark },
    );
  const probeResult = () => page.evaluate(() => (window as unknown as { pgxProbe: Promise<number> }).pgxProbe);
  const echoMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    await armProbe('z', 'Z');
    await page.keyboard.press('Shift+KeyZ');
    echoMs.push(await probeResult());
    await page.waitForTimeout(300);
  }
  const mid = { rss: rss(), heap: await heap() };
  await page.waitForTimeout(2000);
  const late = { at: Date.now(), bytes: (await stats()).parsedBytes, rss: rss(), heap: await heap() };
  const mbps = (late.bytes - start.bytes) / 2 ** 20 / ((late.at - start.at) / 1000);

  // Ctrl-C: output stops within 100 ms of the keypress (the last parsed byte, once quiet).
  await page.evaluate(() => {
    const w = window as unknown as { pgxCtrlC?: number };
    window.addEventListener('keydown', (event) => {
      if (event.ctrlKey && event.key.toLowerCase() === 'c') w.pgxCtrlC ??= performance.now();
    }, true);
  });
  await page.keyboard.press('Control+KeyC');
  await page.waitForTimeout(1500);
  const after = await stats();
  const pressedAt = await page.evaluate(() => (window as unknown as { pgxCtrlC: number }).pgxCtrlC);
  const stopMs = after.lastParsedAt - pressedAt;
  const text = await screenText(page, id);
  console.log(
    `flood: ${mbps.toFixed(1)} MiB/s through the whole path; key echo ${echoMs.map((m) => m.toFixed(0)).join(', ')} ms; Ctrl-C to last byte ${stopMs.toFixed(0)} ms; ` +
      `backend RSS ${start.rss.toFixed(0)} → ${mid.rss.toFixed(0)} → ${late.rss.toFixed(0)} MiB; renderer heap ${start.heap.toFixed(1)} → ${mid.heap.toFixed(1)} → ${late.heap.toFixed(1)} MiB`,
  );
  expect(Math.max(...echoMs)).toBeLessThan(100);
  expect(stopMs).toBeLessThan(100);
  expect(text).toMatch(/\^C/);
  // Flat: the flood moved hundreds of MiB; what is held stays within a few watermarks.
  expect(late.rss - start.rss).toBeLessThan(64);
  expect(late.heap - start.heap).toBeLessThan(32);
  // And the prompt is back: the shell answers.
  await waitForPrompt(page, id);
});
