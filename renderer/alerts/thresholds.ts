import type { AlertThresholds } from '../../src/domain/settings.js';

export type ThresholdField = Exclude<keyof AlertThresholds, 'clocksThrottled'>;

/**
 * The ranges AlertThresholds (src/domain/settings.ts) accepts, checked here too so a typo is
 * explained beside the field instead of round-tripping to main (a test keeps the two equal).
 */
export const thresholdRanges = {
  /** Below 40 °C every idle GPU would alert; above 110 °C the GPU has shut itself down. */
  gpuTemperatureC: { min: 40, max: 110 },
  memoryPercent: { min: 50, max: 100 },
  diskPercent: { min: 50, max: 100 },
} as const satisfies Record<ThresholdField, { min: number; max: number }>;

export const thresholdFields = Object.keys(thresholdRanges) as ThresholdField[];

export type ThresholdCheck =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly reason: 'empty' | 'not-a-number' | 'out-of-range'; readonly min: number; readonly max: number };

/** Reads what the user typed into a threshold field. */
export const checkThreshold = (field: ThresholdField, raw: string): ThresholdCheck => {
  const { min, max } = thresholdRanges[field];
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'empty', min, max };
  // Number('') and Number(' ') are 0 and Number('1e2') is 100: accept only plain decimals.
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, reason: 'not-a-number', min, max };
  const value = Number(text);
  if (value < min || value > max) return { ok: false, reason: 'out-of-range', min, max };
  return { ok: true, value };
};
