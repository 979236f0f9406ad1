import { describe, expect, it } from 'vitest';
import { AlertThresholds } from '../../src/domain/settings.js';
import { checkThreshold, thresholdFields, thresholdRanges } from './thresholds.js';

describe('threshold check', () => {
  it('accepts the ends of each range and rejects one past them', () => {
    expect(checkThreshold('gpuTemperatureC', '40')).toEqual({ ok: true, value: 40 });
    expect(checkThreshold('gpuTemperatureC', '110')).toEqual({ ok: true, value: 110 });
    expect(checkThreshold('gpuTemperatureC', '39')).toMatchObject({ ok: false, reason: 'out-of-range', min: 40, max: 110 });
    expect(checkThreshold('gpuTemperatureC', '111')).toMatchObject({ ok: false, reason: 'out-of-range' });
    expect(checkThreshold('memoryPercent', '50')).toEqual({ ok: true, value: 50 });
    expect(checkThreshold('memoryPercent', '100.5')).toMatchObject({ ok: false, reason: 'out-of-range', min: 50, max: 100 });
    expect(checkThreshold('diskPercent', '49.9')).toMatchObject({ ok: false, reason: 'out-of-range' });
    expect(checkThreshold('diskPercent', '92.5')).toEqual({ ok: true, value: 92.5 });
  });

  it('tells an empty field from one that is not a number', () => {
    expect(checkThreshold('diskPercent', '')).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkThreshold('diskPercent', '   ')).toMatchObject({ ok: false, reason: 'empty' });
    for (const raw of ['abc', '1e2', '0x50', '85°', '8 5', 'NaN', 'Infinity', '-'])
      expect(checkThreshold('diskPercent', raw), raw).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(checkThreshold('gpuTemperatureC', ' 85 ')).toEqual({ ok: true, value: 85 });
  });

  it('agrees with the schema main validates against', () => {
    for (const field of thresholdFields) {
      const { min, max } = thresholdRanges[field];
      for (const value of [min - 1, min - 0.5, min, min + 0.5, max - 0.5, max, max + 0.5, max + 1]) {
        const server = AlertThresholds.partial().safeParse({ [field]: value }).success;
        expect(checkThreshold(field, String(value)).ok, `${field}=${value}`).toBe(server);
      }
    }
  });
});
