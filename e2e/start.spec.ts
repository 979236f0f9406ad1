import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';

test('npm start falls back to browser mode in one line with a URL that renders', async ({ page }) => {
  const home = mkdtempSync(join(tmpdir(), 'pgx-start-'));
  const started = Date.now();
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-open'], {
    env: { ...process.env, PGX_COMPANION_HOME: home, DISPLAY: '', WAYLAND_DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (l) => l.includes('http://127.0.0.1:') && resolve(l));
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}`)));
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(line).toMatch(/running in browser mode: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
    // Without a display (or without Electron's binary) the line says why it is browser mode.
    expect(line).toMatch(/^(Electron's binary is not installed|There is no display)/);
    const url = /(http:\S+)/.exec(line)![1]!;
    await page.goto(url);
    await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible();
  } finally {
    child.kill('SIGTERM');
  }
});
