// Where Electron's binary is, or why it is not there. Shared by start.mjs and dist.mjs.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

export const electronBinary = () => {
  const require = createRequire(import.meta.url);
  let path;
  try {
    path = require('electron');
  } catch {
    return { ok: false, reason: "Electron's binary is not installed (its download failed during npm install)" };
  }
  if (typeof path !== 'string' || !existsSync(path)) {
    return { ok: false, reason: "Electron's binary is not installed (its download failed during npm install)" };
  }
  return { ok: true, path };
};

export const hasDisplay = () =>
  process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
