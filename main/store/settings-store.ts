import type { Settings, SettingsPatch } from '../../src/domain/settings.js';
import type { AppDocument } from './app-document.js';
import type { DocumentStore } from './document-store.js';

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

export const settingsStore = (document: DocumentStore<AppDocument>): SettingsStore => ({
  get: () => document.get().settings,
  update(patch) {
    const doc = document.get();
    const { alerts, terminal, ...rest } = patch;
    // Thresholds merge one by one: changing one keeps the others.
    const settings: Settings = { ...doc.settings, ...definedOnly(rest), alerts: { ...doc.settings.alerts, ...definedOnly(alerts ?? {}) }, terminal: { ...doc.settings.terminal, ...definedOnly(terminal ?? {}) } };
    document.set({ ...doc, settings });
    return settings;
  },
});

const definedOnly = <T extends object>(patch: T): Partial<T> =>
  Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
