import { create } from 'zustand';
import type { AppError } from '../../src/contract/errors.js';
import type { Settings, SettingsPatch } from '../../src/domain/settings.js';
import { bridge } from '../bridge/bridge.js';

interface SettingsState {
  readonly settings: Settings | undefined;
  readonly error: AppError | undefined;
  load(): Promise<void>;
  update(patch: SettingsPatch): Promise<void>;
}

export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: undefined,
  error: undefined,
  load: async () => {
    const result = await bridge().call('settings:get', {});
    if (result.ok) set({ settings: result.value, error: undefined });
    else set({ error: result.error });
  },
  update: async (patch) => {
    const result = await bridge().call('settings:update', patch);
    if (result.ok) set({ settings: result.value, error: undefined });
    else set({ error: result.error });
  },
}));

/** Other windows (or the other shell) may change settings: follow them. */
export const followSettings = () =>
  bridge().on('settings:changed', (settings) => useSettingsStore.setState({ settings }));
