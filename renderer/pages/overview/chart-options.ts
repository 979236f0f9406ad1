import type uPlot from 'uplot';

/** One line of a chart: a ring column, drawn in a theme colour (a CSS custom property). */
export interface ChartLine {
  readonly key: string;
  readonly label: string;
  /** Name of a CSS custom property holding a #rrggbb colour, e.g. '--ov-gpu'. */
  readonly color: string;
  readonly scale: string;
  /** Stored value × factor = drawn value (bytes → GiB, bytes/s → MB/s). */
  readonly factor?: number;
  readonly fill?: boolean;
  readonly format: (value: number | null) => string;
}

export interface ChartAxis {
  readonly scale: string;
  readonly side: 'left' | 'right';
  readonly unit: string;
  /** Fixed bounds, e.g. 0 … 100 for percentages; absent: from 0 to what the data needs. */
  readonly range?: readonly [number, number];
  /** A ceiling that follows the box, e.g. its real memory total. */
  readonly max?: () => number | null;
}

const chartSizes = {
  /** Room for a y axis: its longest label at about 6.5 px a character, plus the gap. */
  axisMinWidth: 36,
  axisCharWidth: 6.5,
  axisPadding: 14,
  font: '11px system-ui, sans-serif',
  /** Fill under a line: the line colour at about 12 % opacity (hex alpha 1f). */
  fillAlpha: '1f',
} as const;

// Canvas needs concrete colours; reading the custom property at draw time follows the theme.
const cssVar = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();

const axisValue = (unit: string) => (_u: uPlot, splits: number[]) =>
  splits.map((v) => `${Number.isInteger(v) ? v : v.toFixed(v < 10 ? 1 : 0)}${unit ? ` ${unit}` : ''}`);

const scaleRange = (axis: ChartAxis): uPlot.Scale.Range => {
  if (axis.range) {
    const [min, max] = axis.range;
    return () => [min, max];
  }
  return (_u, _min, dataMax) => {
    const ceiling = axis.max?.();
    const top = ceiling ?? (dataMax > 0 && Number.isFinite(dataMax) ? dataMax * 1.15 : 1);
    return [0, top];
  };
};

/** The time axis and legend in the UI's language (uPlot's own formats are English-only). */
export interface ChartTime {
  readonly label: string;
  readonly locale: string;
  /** Samples further apart than this are not joined by a line (a pause, a dropped connection). */
  readonly gapMs?: number;
}

/**
 * uPlot breaks a line only at nulls; this also breaks it where two neighbouring samples are more
 * than `gapMs` apart, merged with the null gaps uPlot found (canvas pixels, sorted).
 */
export const timeGaps =
  (gapMs: number) =>
  (u: uPlot, _seriesIdx: number, idx0: number, idx1: number, nullGaps: uPlot.Series.Gaps): uPlot.Series.Gaps => {
    const xs = u.data[0];
    const found: Array<[number, number]> = [];
    for (let i = idx0 + 1; i <= idx1; i++) {
      const a = xs[i - 1];
      const b = xs[i];
      if (a === undefined || b === undefined || b - a <= gapMs) continue;
      found.push([Math.round(u.valToPos(a, 'x', true)), Math.round(u.valToPos(b, 'x', true))]);
    }
    if (found.length === 0) return nullGaps;
    const merged: Array<[number, number]> = [];
    for (const [from, to] of [...nullGaps, ...found].sort((p, q) => p[0] - q[0])) {
      const last = merged[merged.length - 1];
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else merged.push([from, to]);
    }
    return merged;
  };

const clock = (locale: string, ms: number, seconds: boolean) =>
  new Date(ms).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}) });

export const chartOptions = (lines: readonly ChartLine[], axes: readonly ChartAxis[], width: number, height: number, time: ChartTime = { label: 'Time', locale: 'en' }): uPlot.Options => ({
  width,
  height,
  // Time values are the box's milliseconds, as the ring keeps them.
  ms: 1,
  cursor: { drag: { x: false, y: false }, points: { size: 6 } },
  legend: { show: true, live: true },
  scales: {
    x: { time: true },
    ...Object.fromEntries(axes.map((a) => [a.scale, { auto: true, range: scaleRange(a) }])),
  },
  axes: [
    {
      stroke: (u) => cssVar(u.root, '--text-muted'),
      grid: { stroke: (u) => cssVar(u.root, '--border'), width: 1 },
      ticks: { show: false },
      font: chartSizes.font,
      values: (_u, splits) => splits.map((v) => clock(time.locale, v, false)),
    },
    ...axes.map(
      (a): uPlot.Axis => ({
        scale: a.scale,
        side: a.side === 'left' ? 3 : 1,
        size: (_u, values) =>
          Math.max(chartSizes.axisMinWidth, Math.max(0, ...(values ?? []).map((v) => v.length)) * chartSizes.axisCharWidth + chartSizes.axisPadding),
        stroke: (u) => cssVar(u.root, '--text-muted'),
        grid: { show: a.side === 'left', stroke: (u) => cssVar(u.root, '--border'), width: 1 },
        ticks: { show: false },
        font: chartSizes.font,
        values: axisValue(a.unit),
      }),
    ),
  ],
  series: [
    { label: time.label, value: (_u, v) => (v === null || v === undefined ? '—' : clock(time.locale, v, true)) },
    ...lines.map(
      (l): uPlot.Series => ({
        label: l.label,
        scale: l.scale,
        width: 1.5,
        stroke: (u) => cssVar(u.root, l.color),
        ...(l.fill
          ? {
              fill: (u: uPlot) => {
                const c = cssVar(u.root, l.color);
                return /^#[0-9a-f]{6}$/i.test(c) ? `${c}${chartSizes.fillAlpha}` : 'transparent';
              },
            }
          : {}),
        points: { show: false },
        ...(time.gapMs ? { gaps: timeGaps(time.gapMs) } : {}),
        value: (_u, v) => l.format(v),
      }),
    ),
  ],
});
