/**
 * coreutils' human_readable() as df -h / free -h use it: powers of 1024 (or 1000 with -H/--si),
 * one decimal below 10, and df's rounding up (free rounds to nearest; the caller says which).
 */

const suffixes = ['', 'K', 'M', 'G', 'T', 'P', 'E'] as const;

export const humanSize = (bytes: number, options: { base?: 1000 | 1024; round?: 'up' | 'nearest'; unitSuffix?: string } = {}): string => {
  const base = options.base ?? 1024;
  const round = options.round === 'nearest' ? Math.round : (x: number) => Math.ceil(x - 1e-9);
  const unit = options.unitSuffix ?? '';
  if (bytes < base) return `${round(bytes)}${bytes === 0 && unit ? 'B' : ''}`;
  let exp = 0;
  let value = bytes;
  while (value >= base && exp < suffixes.length - 1) {
    value /= base;
    exp += 1;
  }
  const letter = (e: number) => `${base === 1000 && e === 1 ? 'k' : suffixes[e]}${unit}`;
  if (value < 10) {
    const tenths = round(value * 10) / 10;
    return tenths >= 10 ? `10${letter(exp)}` : `${tenths.toFixed(1)}${letter(exp)}`;
  }
  const whole = round(value);
  return whole >= base ? `1.0${letter(exp + 1)}` : `${whole}${letter(exp)}`;
};
