import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium: no browser download, ever (see TOOLCHAIN.md). PGX_CHROMIUM overrides.
const chromium = process.env['PGX_CHROMIUM'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Timing e2e (the terminal flood's 100 ms limits) run alone, after every other spec, as the unit
  // suite's timing tests do: a load test in the other worker would be measured, not the terminal.
  // A targeted run of one of them: `npx playwright test --no-deps e2e/terminal-flood.spec.ts`.
  projects: [
    { name: 'e2e', testIgnore: '**/terminal-flood.spec.ts' },
    { name: 'alone', testMatch: '**/terminal-flood.spec.ts', dependencies: ['e2e'] },
  ],
  globalTeardown: './e2e/global-teardown.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: existsSync(chromium)
      ? {
          executablePath: chromium,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        }
      : {},
  },
});
