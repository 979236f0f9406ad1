/**
 * The terminal in Chromium against browser mode and the real sshd: TERM and size (and resize),
 * Unicode typed and echoed, a multi-line paste confirmed first, a cut connection that re-attaches
 * to the same tmux shell, and the local shell. The flood is terminal-flood.spec.ts (it runs alone).
 */
import { expect, test } from './fixtures.js';
import { terminalId as screenId, terminalText as screenText, waitForPrompt } from './helpers.js';
import { sshdPerTest } from './terminal-box.js';

const { openBoxTab, current } = sshdPerTest();

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
  current()!.cutConnections();
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
