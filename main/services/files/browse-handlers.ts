import type { Handlers } from '../rpc/router.js';
import type { BrowseService } from './browse-service.js';

export const browseHandlers = (browse: BrowseService, checkDevice: (deviceId: string) => void): Pick<Handlers, 'files:list' | 'files:mkdir' | 'files:rename' | 'files:delete' | 'files:cache-sizes'> => ({
  'files:list': ({ deviceId, path }) => (checkDevice(deviceId), browse.list(deviceId, path)),
  'files:mkdir': ({ deviceId, dir, name }) => (checkDevice(deviceId), browse.mkdir(deviceId, dir, name)),
  'files:rename': ({ deviceId, path, name }) => (checkDevice(deviceId), browse.rename(deviceId, path, name)),
  'files:delete': async ({ deviceId, path }) => {
    checkDevice(deviceId);
    await browse.delete(deviceId, path);
    return {};
  },
  'files:cache-sizes': ({ deviceId }) => (checkDevice(deviceId), browse.cacheSizes(deviceId)),
});
