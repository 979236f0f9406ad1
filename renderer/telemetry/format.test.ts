import { describe, expect, it } from 'vitest';
import { pstateNumber, sampleRow } from './columns.js';
import {
  formatCelsius,
  formatGiB,
  formatLoad,
  formatMBps,
  formatMHz,
  formatPercent,
  formatWatts,
  fromStored,
  missing,
  shareOf,
  uptimeParts,
} from './format.js';
import { idleSample } from './sample-fixture.js';

describe('formatting', () => {
  it('writes a number with its unit, as the e2e tests read it', () => {
    expect(formatPercent(42.4)).toBe('42 %');
    expect(formatCelsius(51)).toBe('51 °C');
    expect(formatWatts(23.44)).toBe('23.4 W');
    expect(formatMHz(2418)).toBe('2418 MHz');
    expect(formatGiB(17.2 * 1024 ** 3)).toBe('17.2 GiB');
    expect(formatMBps(12_345_678)).toBe('12.3 MB/s');
    expect(formatLoad(0.5)).toBe('0.50');
  });

  it('uses binary gibibytes for memory: 128 GB of RAM is 119.2 GiB, not 128', () => {
    expect(formatGiB(128e9)).toBe('119.2 GiB');
    expect(formatGiB(1024 ** 3, 2)).toBe('1.00 GiB');
  });

  it('writes a dash for null and non-finite values, never zero', () => {
    for (const f of [formatPercent, formatCelsius, formatWatts, formatMHz, formatGiB, formatMBps, formatLoad]) {
      expect(f(null)).toBe(missing);
      expect(f(Number.NaN)).toBe(missing);
    }
    expect(formatPercent(0)).toBe('0 %');
  });

  it('does not print a negative zero', () => {
    expect(formatWatts(-0.01)).toBe('0.0 W');
  });

  it('turns stored NaN back into null', () => {
    expect(fromStored(Number.NaN)).toBeNull();
    expect(fromStored(0)).toBe(0);
  });

  it('splits uptime into days, hours and minutes', () => {
    expect(uptimeParts(3 * 86400 + 4 * 3600 + 5 * 60 + 59)).toEqual({ days: 3, hours: 4, minutes: 5 });
    expect(uptimeParts(-5)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it('clamps shares to 0 … 100 and survives a zero total', () => {
    expect(shareOf(1, 4)).toBe(25);
    expect(shareOf(5, 4)).toBe(100);
    expect(shareOf(1, 0)).toBe(0);
  });
});

describe('sample rows', () => {
  it('reads P-states and refuses anything else', () => {
    expect(pstateNumber('P0')).toBe(0);
    expect(pstateNumber(' P12 ')).toBe(12);
    expect(pstateNumber('[N/A]')).toBeNull();
    expect(pstateNumber(null)).toBeNull();
  });

  it('keeps the box not saying apart from zero', () => {
    const row = sampleRow({ ...idleSample(1000), gpu: null });
    expect(row['gpuUtil']).toBeNull();
    expect(row['power']).toBeNull();
    expect(row['memUsed']).toBe(idleSample(0).memory!.usedBytes);
    expect(row['net:enP7s7:rx']).toBe(1_500_000);
  });
});
