/**
 * Colour of a CPU core by how busy it is: green when idle through amber to red when saturated.
 * Opacity rises with load, so an idle core fades into whatever background the theme has (light or
 * dark) and only busy cores stand out.
 */
export const heatScale = {
  /** Hue at 0 % busy (green) and 100 % (red); amber sits in between. */
  coldHue: 130,
  hotHue: 0,
  saturation: 72,
  lightness: 48,
  /** An idle core stays faintly visible so the strip still shows how many cores there are. */
  minAlpha: 0.14,
} as const;

/** 0 … 1 from a busy percentage; null when the box did not say. */
export const heatLevel = (busyPercent: number | null): number | null =>
  busyPercent === null || !Number.isFinite(busyPercent) ? null : Math.min(1, Math.max(0, busyPercent / 100));

/** A CSS colour for a core, or null for "unknown" (the strip draws that cell hatched). */
export const heatColor = (busyPercent: number | null): string | null => {
  const level = heatLevel(busyPercent);
  if (level === null) return null;
  const { coldHue, hotHue, saturation, lightness, minAlpha } = heatScale;
  const hue = Math.round(coldHue + (hotHue - coldHue) * level);
  const alpha = (minAlpha + (1 - minAlpha) * level).toFixed(2);
  return `hsl(${hue} ${saturation}% ${lightness}% / ${alpha})`;
};
