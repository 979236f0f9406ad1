import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder holding settings, known hosts, keys and logs. It is the same folder Electron's
 * app.getPath('userData') returns for "PGX Companion", so browser mode and the desktop app share
 * devices and trust decisions. PGX_COMPANION_HOME overrides it (tests, portable installs).
 */
export const defaultDataDir = (env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string => {
  if (env['PGX_COMPANION_HOME']) return env['PGX_COMPANION_HOME'];
  const product = 'PGX Companion';
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', product);
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), product);
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), product);
};
