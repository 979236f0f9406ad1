import { create } from 'zustand';
import type { AppError } from '../../src/contract/errors.js';
import type { Settings, SettingsPatch } from '../../src/domain/settings.js';
import { bridge } from '../bridge/bridge.js';

interface SettingsState {
  readonly settings: Settings | undefined;
  readonly error: AppError | undefined;
  load(): Promise<void>;
  update(patch: SettingsPatch): Promise<void>;
  /**
   * Changes fields of one section (alerts, terminal). Like update, but a refusal comes back to the
   * form that asked instead of the page banner.
   */
  updateSection<K extends SettingsSection>(section: K, change: NonNullable<SettingsPatch[K]>): Promise<AppError | undefined>;
}

/** The settings that are groups of fields, each with its own form. */
type SettingsSection = 'alerts' | 'terminal';

export const useSettingsStore = create<SettingsState>()((set, get) => ({
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
  updateSection: async (section, change) => {
    // The whole section goes every time, what the form changed laid over what is saved, so a
    // patch never depends on how the schema fills fields it was not given.
    const whole = { ...get().settings?.[section], ...change };
    const result = await bridge().call('settings:update', { [section]: whole });
    if (!result.ok) return result.error;
    set({ settings: result.value });
    return undefined;
  },
}));

/** Other windows (or the other shell) may change settings: follow them. */
export const followSettings = () =>
  bridge().on('settings:changed', (settings) => useSettingsStore.setState({ settings }));
