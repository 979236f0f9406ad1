import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown> & {
  mac: { target: Array<{ target: string; arch: string[] }>; entitlements: string; hardenedRuntime: boolean; icon: string };
  win: { target: Array<{ target: string }>; icon: string };
  linux: { target: Array<{ target: string }>; icon: string };
  asarUnpack: string[];
};

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the product and targets every OS as promised', () => {
    expect(config['productName']).toBe('PGX Companion');
    expect(config['appId']).toMatch(/^[a-z0-9.]+$/);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
  });

  it('unpacks native modules and points at files that exist', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/node-pty/**', 'node_modules/cpu-features/**']));
    for (const path of [config.mac.icon, config.win.icon, config.linux.icon, config.mac.entitlements]) expect(existsSync(path), path).toBe(true);
    expect(readFileSync(config.mac.entitlements, 'utf8')).toContain('com.apple.security.cs.allow-jit');
  });

  it('pins the same Electron version as package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
    expect(config['electronVersion']).toBe(pkg.devDependencies['electron']);
  });
});

describe('npm run dist', () => {
  it('says in one sentence why it cannot package when Electron is missing', () => {
    const electronInstalled = spawnSync(process.execPath, ['-e', "require('electron')"], { encoding: 'utf8' }).status === 0;
    if (electronInstalled) return; // On machines with the binary, dist really packages; not run in unit tests.
    const result = spawnSync(process.execPath, ['scripts/dist.mjs'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^npm run dist cannot package PGX Companion here: .+\.$/);
    expect(lines[0]).not.toMatch(/\bat .+:\d+:\d+/);
  });
});
