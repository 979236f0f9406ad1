/**
 * The terminal in Chromium against browser mode and the real sshd: TERM and size (and resize),
 * Unicode typed and echoed, a multi-line paste confirmed first, a flood that leaves the page responsive and stops on Ctrl-C, a cut
 * connection that re-attaches to the same tmux shell, and the local shell.
 */
import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.js';
import { addSshdDevice, terminalId as screenId, terminalText as screenText, updateSettings, waitForPrompt } from './helpers.js';
import { startSshd, type Sshd } from './harness/sshd.js';


let sshd: Sshd | undefined;
const withSshd = async () => {
  sshd = await startSshd({ authorizeClientKey: false });
  test.skip(!sshd.canPassword, 'adding a box by password needs the harness to run as root');
  return sshd;
};
test.afterEach(async () => {
  if (!sshd) return;
  // Our tmux server outlives the connection by design; it goes with the test user.
  spawnSync('pkill', ['-u', sshd.user, 'tmux']);
  await sshd.stop();
  sshd = undefined;
});

const openBoxTab = async (page: Page, url: string) => {
  await page.goto(url);
  await addSshdDevice(page, await withSshd());
  await page.getByTestId('nav-terminal').click();
  await expect(page.getByTestId('terminal-empty')).toBeVisible();
  await page.getByTestId('terminal-new').click();
  const id = await screenId(page);
  await waitForPrompt(page, id);
  // tmux passes a new size on to the pane a moment after the prompt is drawn.
  await page.waitForTimeout(300);
  return id;
};

test('a tab on the box: xterm-256color, the pane’s size, resize follows, Unicode round-trips, a cut re-attaches', async ({ page, app }) => {
  await page.setViewportSize({ width: 1200, height: 800 });
  const id = await openBoxTab(page, app.url);
  await page.keyboard.type('echo "term=$TERM"; stty size');
  await page.keyboard.press('Enter');
  const size = await page.evaluate((tid) => window.pgxTerminal?.size(tid), id);
  expect(size!.cols).toBeGreaterThan(80);
  await expect.poll(() => screenText(page, id)).toContain('term=xterm-256color');
  await expect.poll(() => screenText(page, id)).toContain(`\n${size!.rows} ${size!.cols}`);

  // A narrower, shorter window: xterm refits to the pane and the shell's size follows.
  await page.setViewportSize({ width: 900, height: 600 });
  await expect.poll(async () => (await page.evaluate((tid) => window.pgxTerminal?.size(tid), id))!.cols).toBeLessThan(size!.cols);
  await page.waitForTimeout(500);
  const smaller = (await page.evaluate((tid) => window.pgxTerminal?.size(tid), id))!;
  await page.keyboard.type('stty size');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page, id)).toContain(`\n${smaller.rows} ${smaller.cols}`);

  // Chinese and emoji, typed and echoed back intact.
  await page.keyboard.type('echo "你好，GB10 🙂🚀"');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await screenText(page, id)).split('\n').filter((l) => l.trim() === '你好，GB10 🙂🚀').length).toBe(1);

  // Cut the connection: the tab says it waits, then re-attaches to the same tmux shell with its output.
  await page.keyboard.type('echo "marker-$((6*7)) pid=$$"');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page, id)).toMatch(/marker-42 pid=\d+/);
  const pid = /marker-42 pid=(\d+)/.exec(await screenText(page, id))![1];
  sshd!.cutConnections();
  await expect(page.getByTestId('terminal-reconnecting')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('terminal-reconnecting')).toBeHidden({ timeout: 30_000 });
  await expect.poll(() => screenText(page, id)).toMatch(/marker-42 pid=\d+/);
  await page.getByTestId('terminal-screen').click();
  await page.keyboard.type('echo "again=$$"');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page, id), { timeout: 10_000 }).toContain(`again=${pid}`);

  // A reload (an app restart) opens the tab again on the same shell, its history written first.
  await page.reload();
  await page.getByTestId('nav-terminal').click();
  const reopened = await screenId(page);
  expect(reopened).not.toBe(id);
  await expect.poll(() => screenText(page, reopened), { timeout: 15_000 }).toMatch(/marker-42 pid=\d+/);
  await waitForPrompt(page, reopened);
  await page.getByTestId('terminal-screen').click();
  await page.keyboard.type('echo "back=$$"');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page, reopened), { timeout: 10_000 }).toContain(`back=${pid}`);
});

test('a multi-line paste waits for a confirmation: Cancel drops it, Paste hands the block intact to the shell (bracketed), Enter runs it', async ({ page, app }) => {
  const id = await openBoxTab(page, app.url);
  // A real paste event on xterm's textarea, with the text in its clipboardData (as Ctrl/Cmd-V gives).
  const paste = (text: string) =>
    page.evaluate(
      ({ tid, text }) => {
        const target = document.querySelector(`[data-terminal-id="${tid}"] textarea`)!;
        const data = new DataTransfer();
        data.setData('text/plain', text);
        target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      },
      { tid: id, text },
    );
  const lines = 'echo "first=$((6*7))"\necho "second=盒子🙂"\n';
  await paste(lines);
  const dialog = page.getByTestId('terminal-paste-confirm');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('echo "second=盒子🙂"');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  // Something typed after the Cancel runs; what was cancelled did not arrive before it.
  await page.keyboard.type('echo "after=$((1+1))"');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page, id)).toMatch(/^after=2\s*$/m);
  expect(await screenText(page, id)).not.toContain('first=');

  await paste(lines);
  await page.getByTestId('terminal-paste-ok').click();
  // Bracketed paste: the shell takes the block as typed text and runs it on Enter, not line by line.
  await expect.poll(() => screenText(page, id), { timeout: 10_000 }).toContain('echo "second=盒子🙂"');
  expect(await screenText(page, id)).not.toMatch(/^first=42$/m);
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page, id), { timeout: 10_000 }).toMatch(/^second=盒子🙂\s*$/m);
  expect(await screenText(page, id)).toMatch(/^first=42\s*$/m);
});

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

test('the local shell runs on this computer, and says so', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByTestId('nav-terminal').click();
  await page.getByTestId('terminal-new-local').click();
  await expect(page.getByText(/runs on this computer/)).toBeVisible();
  const id = await screenId(page);
  await waitForPrompt(page, id);
  await page.keyboard.type('echo "local-$((6*7))"');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page, id)).toContain('\nlocal-42');
});
