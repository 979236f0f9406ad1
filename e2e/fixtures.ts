import { test as base } from '@playwright/test';
import { startBrowserMode, type BrowserModeApp } from './harness/browser-mode.js';

/** Every spec gets its own backend in browser mode, with its own data folder. */
export const test = base.extend<{ app: BrowserModeApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object
  app: async ({}, use) => {
    const app = await startBrowserMode();
    await use(app);
    await app.stop();
  },
});

export { expect } from '@playwright/test';
