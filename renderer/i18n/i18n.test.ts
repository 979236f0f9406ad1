import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';
import { resolveLanguage } from './i18n.js';

const keys = (value: object, prefix = ''): string[] =>
  Object.entries(value).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('translations', () => {
  it('have the same keys in English and Chinese', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it('keep the same interpolation placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const flat = (o: object, p = ''): Array<[string, string]> =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? flat(v as object, `${p}${k}.`) : [[`${p}${k}`, v as string]]));
    const zh = new Map(flat(zhCN));
    for (const [key, text] of flat(en)) expect(placeholders(zh.get(key)!), key).toEqual(placeholders(text));
  });

  it('Chinese strings are actually translated where English words would show', () => {
    expect(zhCN.nav.overview).not.toBe(en.nav.overview);
    expect(zhCN.devices.tryDemo).toMatch(/[\u4e00-\u9fff]/);
  });

  it('follows the system language unless the user picked one', () => {
    expect(resolveLanguage('system', ['zh-TW', 'en'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['de-DE', 'en-US'])).toBe('en');
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
    expect(resolveLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
  });
});
