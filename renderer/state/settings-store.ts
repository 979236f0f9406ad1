import { create } from 'zustand';
import type { AppError } from '../../src/contract/errors.js';
import type { Settings, SettingsPatch } from '../../src/domain/settings.js';
import { bridge } from '../bridge/bridge.js';

interface SettingsState {
  readonly settings: Settings | undefined;
  readonly error: AppError | undefined;
  load(): Promise<void>;
  update(patch: SettingsPatch): Promise<void>;
  /** Like update, but a refusal comes back to the form that asked instead of the page banner. */
  updateAlerts(alerts: NonNullable<SettingsPatch['alerts']>): Promise<AppError | undefined>;
  /** The same for the terminal's options. */
  updateTerminal(terminal: NonNullable<SettingsPatch['terminal']>): Promise<AppError | undefined>;
}

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
  updateAlerts: async (change) => {
    // The whole set goes every time: SettingsPatch parses a partial `alerts` with the schema's
    // defaults filled in (zod 4 applies defaults inside optional fields), so sending one field
    // would put the other thresholds back to their defaults.
    const alerts = { ...get().settings?.alerts, ...change };
    const result = await bridge().call('settings:update', { alerts });
    if (!result.ok) return result.error;
    set({ settings: result.value });
    return undefined;
  },
  updateTerminal: async (change) => {
    const result = await bridge().call('settings:update', { terminal: { ...get().settings?.terminal, ...change } });
    if (!result.ok) return result.error;
    set({ settings: result.value });
    return undefined;
  },
}));

/** Other windows (or the other shell) may change settings: follow them. */
export const followSettings = () =>
  bridge().on('settings:changed', (settings) => useSettingsStore.setState({ settings }));
