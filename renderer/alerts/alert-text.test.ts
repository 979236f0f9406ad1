import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { zhCN } from '../i18n/zh-CN.js';
import { alertKindLabel, alertNotification, alertText, formatAlertTime } from './alert-text.js';
import type { AlertKind } from './alerts.js';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});

describe('alert text', () => {
  it('says what crossed which limit, in whole units', () => {
    const t = i18n.getFixedT('en');
    expect(alertText(t, { kind: 'gpu-hot', value: 86.6, threshold: 85 })).toBe('GPU at 87 °C (limit 85 °C)');
    expect(alertText(t, { kind: 'memory-high', value: 92.3, threshold: 90 })).toBe(
      'Unified memory 92 % full — the box may freeze when it runs out',
    );
    expect(alertText(t, { kind: 'disk-full', value: 93, threshold: 90 })).toBe('Disk 93 % full');
    expect(alertText(t, { kind: 'throttled', value: 1, threshold: 1 })).toBe('GPU clocks are throttled');
  });

  it('names the box first in a desktop notification', () => {
    const t = i18n.getFixedT('en');
    expect(alertNotification(t, { kind: 'gpu-hot', value: 87, threshold: 85 }, 'Demo box')).toEqual({
      title: 'PGX Companion',
      body: 'Demo box: GPU at 87 °C (limit 85 °C)',
    });
  });

  it('speaks Chinese with the same numbers', () => {
    const t = i18n.getFixedT('zh-CN');
    const text = alertText(t, { kind: 'gpu-hot', value: 87, threshold: 85 });
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).toContain('87');
    expect(text).toContain('85');
    expect(alertNotification(t, { kind: 'disk-full', value: 93, threshold: 90 }, '演示主机').body).toBe('演示主机：磁盘已用 93%');
  });

  it('has a label and a sentence for every kind, in both languages', () => {
    const kinds: AlertKind[] = ['gpu-hot', 'memory-high', 'disk-full', 'throttled'];
    for (const lng of ['en', 'zh-CN']) {
      const t = i18n.getFixedT(lng);
      for (const kind of kinds) {
        expect(alertKindLabel(t, kind)).not.toMatch(/^alerts\./);
        expect(alertText(t, { kind, value: 1, threshold: 1 })).not.toMatch(/^alerts\.|\{\{/);
      }
    }
  });
});

describe('alert time', () => {
  const now = new Date(2025, 5, 10, 15, 0, 0).getTime();

  it('shows only the time for today', () => {
    const text = formatAlertTime(new Date(2025, 5, 10, 9, 5, 7).getTime(), now, 'en-GB');
    expect(text).toBe('09:05:07');
  });

  it('adds the date for an older alert', () => {
    const text = formatAlertTime(new Date(2025, 5, 8, 9, 5, 7).getTime(), now, 'en-GB');
    expect(text).toContain('8');
    expect(text).toContain('Jun');
    expect(text).toContain('09:05');
  });
});
