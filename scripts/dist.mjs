// `npm run dist`: package PGX Companion for this OS with electron-builder — or, where Electron's
// binary cannot be had, stop with one sentence saying so (never a stack trace).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { electronBinary } from './electron-binary.mjs';

const say = (line) => process.stdout.write(`${line}\n`);

const electron = electronBinary();
if (!electron.ok) {
  say(
    `npm run dist cannot package PGX Companion here: ${electron.reason}; run \`npm install\` on a machine that can reach github.com, then \`npm run dist\` again.`,
  );
  process.exit(1);
}

const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (built.status !== 0) {
  say('npm run dist stopped because the build failed (see the errors above).');
  process.exit(1);
}

// Package with the Electron that npm installed, so no second download is needed.
const require = createRequire(import.meta.url);
const electronDist = dirname(require.resolve('electron/package.json')) + '/dist';
const cli = require.resolve('electron-builder/cli.js');
const platformFlag = { darwin: '--mac', win32: '--win', linux: '--linux' }[process.platform] ?? '--linux';
const result = spawnSync(process.execPath, [cli, platformFlag, '--config', 'electron-builder.yml', `-c.electronDist=${electronDist}`], {
  encoding: 'utf8',
  env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: process.env.CSC_IDENTITY_AUTO_DISCOVERY ?? 'false' },
});
mkdirSync('release', { recursive: true });
const log = join('release', 'builder.log');
writeFileSync(log, `${result.stdout ?? ''}${result.stderr ?? ''}`);
if (result.status !== 0) {
  say(`electron-builder could not package PGX Companion for ${process.platform}; its full output is in ${log}.`);
  process.exit(1);
}
say(`Packaged PGX Companion for ${process.platform} into release/ (log: ${log}).`);
