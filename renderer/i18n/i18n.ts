import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../src/domain/settings.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export type UiLanguage = 'en' | 'zh-CN';

/** 'system' follows the OS / browser language: any Chinese locale gets 简体中文, the rest English. */
export const resolveLanguage = (choice: Language, systemLanguages: readonly string[]): UiLanguage => {
  if (choice !== 'system') return choice;
  return systemLanguages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
};

export const initI18n = async (language: UiLanguage) => {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
};

export const setUiLanguage = async (language: UiLanguage) => {
  if (i18next.language !== language) await i18next.changeLanguage(language);
  document.documentElement.lang = language;
};

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}
