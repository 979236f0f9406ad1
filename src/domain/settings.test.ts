import { describe, expect, it } from 'vitest';
import { SettingsPatch } from './settings.js';

describe('settings patch', () => {
  it('a patch of one threshold carries only that threshold (no defaults filled in)', () => {
    expect(SettingsPatch.parse({ alerts: { memoryPercent: 50 } })).toEqual({ alerts: { memoryPercent: 50 } });
    expect(SettingsPatch.safeParse({ alerts: { memoryPercent: 20 } }).success).toBe(false);
  });
});
