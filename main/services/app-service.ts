import type { AppInfo } from '../../src/contract/methods/app.js';
import { appName, appVersion } from '../app-meta.js';
import type { Handlers } from './rpc/router.js';

const platformOf = (p: NodeJS.Platform): AppInfo['platform'] =>
  p === 'darwin' || p === 'win32' || p === 'linux' ? p : 'other';

export const appHandlers = (options: {
  dataDir: string;
  secretStorage: AppInfo['secretStorage'];
}): Pick<Handlers, 'app:info'> => ({
  'app:info': () => ({
    name: appName,
    version: appVersion,
    platform: platformOf(process.platform),
    secretStorage: options.secretStorage,
    dataDir: options.dataDir,
  }),
});
