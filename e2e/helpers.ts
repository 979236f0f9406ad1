/**
 * Page steps shared by e2e specs, the benches and the screenshot script (so none of them depends
 * on the test runner's fixtures).
 */
import type { Locator, Page } from '@playwright/test';
import type { SettingsPatch } from '../src/domain/settings.js';
import type { Sshd } from './harness/sshd.js';
// The page's window.pgxTerminal (stats and text of each tab), declared by the renderer.
import type {} from '../renderer/terminal/terminal-store.js';

/** Changes settings through the page's own WebSocket, as the UI would (reload to see them applied). */
export const updateSettings = (page: Page, patch: SettingsPatch): Promise<void> =>
  page.evaluate(async (payload) => {
    const socket = new WebSocket(`ws://${location.host}/ws`);
    await new Promise((r) => socket.addEventListener('message', r, { once: true }));
    socket.send(JSON.stringify({ t: 'call', id: 1, method: 'settings:update', payload }));
    await new Promise((r) => socket.addEventListener('message', r, { once: true }));
    socket.close();
  }, patch);

/** Adds the test sshd as a box through the Add device dialog (password once, then our key). */
export const addSshdDevice = async (page: Page, sshd: Sshd) => {
  await page.getByTestId('add-device-open').first().click();
  const dialog = page.getByTestId('add-device');
  await dialog.locator('input[name=host]').fill(sshd.host);
  await dialog.locator('input[name=port]').fill(String(sshd.port));
  await dialog.locator('input[name=user]').fill(sshd.user);
  await dialog.locator('input[name=password]').fill(sshd.password!);
  await page.getByTestId('add-continue').click();
  await page.getByTestId('accept-key').click();
  await page.getByTestId('device-bar-status').filter({ hasText: 'Connected' }).waitFor({ timeout: 20_000 });
};

/** The terminal id of the tab on screen. */
export const terminalId = async (page: Page): Promise<string> => {
  const id = await page.getByTestId('terminal-screen').getAttribute('data-terminal-id');
  if (!id) throw new Error('the terminal screen has no data-terminal-id');
  return id;
};

/** What a tab shows, a string per line of its buffer. */
export const terminalText = async (page: Page, id: string): Promise<string> => page.evaluate((tid) => (window.pgxTerminal?.text(tid) ?? []).join('\n'), id);

/** Until the tab's last line is a shell prompt (`$ ` or `# `). */
export const waitForPrompt = async (page: Page, id: string, timeoutMs = 15_000): Promise<void> => {
  await page.waitForFunction((tid) => /[$#] *$/.test((window.pgxTerminal?.text(tid) ?? []).join('\n').trimEnd()), id, { timeout: timeoutMs, polling: 50 });
};

/**
 * Serves a model typed into the Serve wizard with vLLM and the box's presets, and waits until its
 * card says ready (the wizard's own steps are e2e/serve.spec.ts's to check). Returns the card.
 */
export const serveWithVllm = async (page: Page, model: string): Promise<Locator> => {
  await page.getByTestId('nav-serve').click();
  await page.getByTestId('serve-tab-new').click();
  await page.getByTestId('serve-model-text').fill(model);
  await page.getByTestId('serve-model-use').click();
  await page.getByTestId('serve-next').click();
  await page.getByTestId('serve-engine-vllm').click();
  await page.getByTestId('serve-next').click();
  await page.getByTestId('serve-launch').click();
  const card = page.getByTestId('serve-card').filter({ hasText: model });
  await card.and(page.locator('[data-state="ready"]')).waitFor({ timeout: 90_000 });
  return card;
};

/** A download row's bytes as the Models page prints them ("417 MB", "4.1 GB / 4.4 GB"), in bytes; 0 before any. */
export const byteText = (text: string | null): number => {
  const m = /^([\d.]+) (kB|MB|GB)/.exec(text ?? '');
  return m ? Number(m[1]) * ({ kB: 1e3, MB: 1e6, GB: 1e9 } as const)[m[2] as 'kB' | 'MB' | 'GB'] : 0;
};
