import { z } from 'zod';

export const languages = ['system', 'en', 'zh-CN'] as const;
export const themes = ['system', 'light', 'dark'] as const;

export const Language = z.enum(languages);
export const Theme = z.enum(themes);
export type Language = z.infer<typeof Language>;
export type Theme = z.infer<typeof Theme>;

/** What the user chose in Settings. Every field has a default so a partial or old file still loads. */
export const Settings = z.object({
  language: Language.default('system'),
  theme: Theme.default('system'),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.strictObject({
  language: Language.optional(),
  theme: Theme.optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const defaultSettings = (): Settings => Settings.parse({});
