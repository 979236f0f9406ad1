import { describe, expect, it } from 'vitest';
import { heatColor, heatLevel, heatScale } from './heat.js';

const parts = (color: string | null) => {
  const match = /^hsl\((\d+) (\d+)% (\d+)% \/ ([\d.]+)\)$/.exec(color ?? '');
  if (!match) throw new Error(`not an hsl colour: ${color}`);
  return { hue: Number(match[1]), alpha: Number(match[4]) };
};

describe('heat-strip colour scale', () => {
  it('goes from the cold hue at idle to the hot hue at 100 %', () => {
    expect(parts(heatColor(0)).hue).toBe(heatScale.coldHue);
    expect(parts(heatColor(100)).hue).toBe(heatScale.hotHue);
    expect(parts(heatColor(0)).alpha).toBeCloseTo(heatScale.minAlpha);
    expect(parts(heatColor(100)).alpha).toBe(1);
  });

  it('gets hotter and more opaque as load rises', () => {
    let previous = parts(heatColor(0));
    for (let busy = 5; busy <= 100; busy += 5) {
      const next = parts(heatColor(busy));
      expect(next.hue).toBeLessThanOrEqual(previous.hue);
      expect(next.alpha).toBeGreaterThan(previous.alpha);
      previous = next;
    }
  });

  it('clamps out-of-range readings', () => {
    expect(heatColor(140)).toBe(heatColor(100));
    expect(heatColor(-3)).toBe(heatColor(0));
  });

  it('has no colour for a core the box did not report', () => {
    expect(heatColor(null)).toBeNull();
    expect(heatColor(Number.NaN)).toBeNull();
    expect(heatLevel(null)).toBeNull();
    expect(heatLevel(50)).toBe(0.5);
  });
});
