/**
 * The terminal specs' box: a real sshd for each test (added by password, so the harness must run
 * as root), stopped after the test with its tmux server, and a terminal tab opened on it.
 */
import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { expect, test } from './fixtures.js';
import { addSshdDevice, terminalId, waitForPrompt } from './helpers.js';
import { startSshd, type Sshd } from './harness/sshd.js';

/** Call once at a spec file's top level. */
export const sshdPerTest = () => {
  let sshd: Sshd | undefined;
  test.afterEach(async () => {
    if (!sshd) return;
    // Our tmux server outlives the connection by design; it goes with the test user.
    spawnSync('pkill', ['-u', sshd.user, 'tmux']);
    await sshd.stop();
    sshd = undefined;
  });
  const withSshd = async (): Promise<Sshd> => {
    sshd = await startSshd({ authorizeClientKey: false });
    test.skip(!sshd.canPassword, 'adding a box by password needs the harness to run as root');
    return sshd;
  };
  /** Adds the sshd as a box, opens a terminal tab on it and waits for the prompt; gives the tab's id. */
  const openBoxTab = async (page: Page, url: string): Promise<string> => {
    await page.goto(url);
    await addSshdDevice(page, await withSshd());
    await page.getByTestId('nav-terminal').click();
    await expect(page.getByTestId('terminal-empty')).toBeVisible();
    await page.getByTestId('terminal-new').click();
    const id = await terminalId(page);
    await waitForPrompt(page, id);
    // tmux passes a new size on to the pane a moment after the prompt is drawn.
    await page.waitForTimeout(300);
    return id;
  };
  return { openBoxTab, current: () => sshd };
};
