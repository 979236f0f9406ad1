import type { SettingsStore } from '../store/settings-store.js';
import type { Handlers } from './rpc/router.js';
import type { ClientHub } from './rpc/hub.js';

export const settingsHandlers = (store: SettingsStore, hub: () => ClientHub): Pick<Handlers, 'settings:get' | 'settings:update'> => ({
  'settings:get': () => store.get(),
  'settings:update': (patch) => {
    const next = store.update(patch);
    hub().broadcast('settings:changed', next);
    return next;
  },
});
