import type { Handlers } from '../rpc/router.js';
import type { AppService } from './app-service.js';

export const appsHandlers = (apps: AppService, checkDevice: (deviceId: string) => void): Pick<Handlers, 'apps:list' | 'apps:launch' | 'apps:start' | 'apps:stop' | 'apps:logs'> => ({
  'apps:list': async ({ deviceId }) => {
    checkDevice(deviceId);
    await apps.refresh(deviceId);
    return apps.list(deviceId);
  },
  'apps:launch': ({ deviceId, spec }) => (checkDevice(deviceId), apps.launch(deviceId, spec)),
  'apps:start': ({ deviceId, key }) => (checkDevice(deviceId), apps.start(deviceId, key)),
  'apps:stop': async ({ deviceId, key, remove }) => {
    checkDevice(deviceId);
    await apps.stop(deviceId, key, remove);
    return {};
  },
  'apps:logs': async ({ deviceId, key, tail }) => {
    checkDevice(deviceId);
    return { text: await apps.logs(deviceId, key, tail) };
  },
});
