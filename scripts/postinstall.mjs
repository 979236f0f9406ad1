// Runs after `npm install`. Electron's own download script is not run by npm (see allowScripts
// in package.json) because where github.com is unreachable it fails the whole install. We run
// it here instead and turn a failure into one sentence: the app still works in browser mode.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { electronBinary } from './electron-binary.mjs';

const installer = 'node_modules/electron/install.js';
const skip = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || process.env.PGX_SKIP_ELECTRON_DOWNLOAD;

if (!existsSync(installer)) {
  process.stdout.write('PGX Companion: the electron package is missing; `npm start` will use browser mode.\n');
} else if (electronBinary().ok) {
  // Already downloaded (an earlier install, or npm ran Electron's script itself).
} else if (skip) {
  process.stdout.write("PGX Companion: skipped Electron's binary download as asked; `npm start` will use browser mode.\n");
} else {
  const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 300_000 });
  if (result.status === 0 && electronBinary().ok) {
    process.stdout.write("PGX Companion: Electron's binary is installed; `npm start` opens the desktop app.\n");
  } else {
    const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
    const why = /ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(output)
      ? "its download host could not be reached"
      : result.error?.code === 'ETIMEDOUT'
        ? 'the download timed out'
        : 'the download failed';
    process.stdout.write(
      `PGX Companion: Electron's binary could not be downloaded (${why}); \`npm start\` will run the app in browser mode instead.\n`,
    );
  }
}
