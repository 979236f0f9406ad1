import type { Page } from '@playwright/test';
import { expect } from './fixtures.js';
import type { Sshd } from './harness/sshd.js';
// The page's window.pgxTerminal (stats and text of each tab), declared by the renderer.
import type {} from '../renderer/terminal/terminal-store.js';

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
  await expect(page.getByTestId('device-bar-status')).toHaveText('Connected', { timeout: 20_000 });
};
