// `npm start`: build when the sources changed, then run the desktop app — or, where Electron's
// binary or a display is missing, the same app in browser mode, saying so in one line.
// `npm run web` (or `npm start -- --web`) always picks browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary, hasDisplay } from './electron-binary.mjs';

const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

const newest = (path) => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
};

const stamp = 'dist/.build-stamp';
const sources = ['src', 'main', 'renderer', 'package.json', 'vite.config.ts', 'scripts/build.mjs'];
const stale = !existsSync(stamp) || Math.max(...sources.map(newest)) > statSync(stamp).mtimeMs;
if (stale) {
  process.stdout.write('Building PGX Companion (first start takes a little longer)…\n');
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const run = (command, commandArgs) => {
  const child = spawn(command, commandArgs, { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
};

const electron = electronBinary();
if (!forceWeb && electron.ok && hasDisplay()) {
  run(electron.path, ['.', ...passThrough]);
} else {
  const reason = forceWeb
    ? ''
    : !electron.ok
      ? `${electron.reason}, so`
      : 'There is no display to open a window on, so';
  run(process.execPath, ['dist/main/web.mjs', ...(reason ? ['--reason', reason] : []), ...passThrough]);
}
