import { ImageDown } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { alignSeries, type XySeries } from '../../loadtest/chart-data.js';
import { formatNumber } from '../../loadtest/metrics.js';
import { downloadChartPng } from '../../loadtest/png.js';
import { mountPlot } from '../../components/mount-plot.js';

/** Line colours by series index: distinct in light and dark themes (the review's three runs first). */
export const seriesColors = ['#76b900', '#5b8def', '#e0a030', '#d05a9b', '#20b2aa', '#a070d0', '#c0504d', '#8c8c8c'] as const;

const chartLook = {
  font: '11px system-ui, sans-serif',
  axisSize: 52,
  pointSize: 6,
} as const;

const cssVar = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();

/** Axis ticks: whole numbers as they are (concurrency 1, 2, 4 …), others as the tables show them. */
const tickText = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en-US') : formatNumber(v));
/** The legend's readout: empty away from the cursor (no dash per series). */
const readout = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatNumber(v));

interface XyChartProps {
  readonly title: string;
  readonly series: readonly XySeries[];
  readonly xLabel: string;
  readonly yLabel: string;
  /** The x axis in log2 steps (concurrency 1, 2, 4 … 64). */
  readonly xLog2?: boolean;
  readonly height?: number;
  readonly pngName: string;
  readonly testId: string;
}

/**
 * An x–y line chart drawn by uPlot: one line per series with a point per measurement, on the
 * union of their xs (spanGaps joins a series across the others' xs). Rebuilt when its data
 * changes: a report's data is fixed, so that is once per report.
 */
export const XyChart = ({ title, series, xLabel, yLabel, xLog2 = false, height = 220, pngName, testId }: XyChartProps) => {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const empty = series.every((s) => s.points.length === 0);

  useEffect(() => {
    const el = host.current;
    if (!el || empty) return;
    const { xs, ys } = alignSeries(series);
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 240),
      height,
      cursor: { drag: { x: false, y: false }, points: { size: chartLook.pointSize } },
      legend: { show: true, live: true },
      scales: { x: { time: false, ...(xLog2 ? { distr: 3, log: 2 } : {}) }, y: { range: (_u, _min, max) => [0, max > 0 && Number.isFinite(max) ? max * 1.1 : 1] } },
      axes: [
        { label: xLabel, stroke: (u) => cssVar(u.root, '--text-muted'), grid: { stroke: (u) => cssVar(u.root, '--border'), width: 1 }, ticks: { show: false }, font: chartLook.font, labelFont: chartLook.font, values: (_u, splits) => splits.map(tickText) },
        { label: yLabel, size: chartLook.axisSize, stroke: (u) => cssVar(u.root, '--text-muted'), grid: { stroke: (u) => cssVar(u.root, '--border'), width: 1 }, ticks: { show: false }, font: chartLook.font, labelFont: chartLook.font, values: (_u, splits) => splits.map(tickText) },
      ],
      series: [
        { label: xLabel, value: (_u, v) => readout(v) },
        ...series.map(
          (s, i): uPlot.Series => ({
            label: s.label,
            stroke: seriesColors[i % seriesColors.length],
            width: 2,
            spanGaps: true,
            points: { show: true, size: chartLook.pointSize, fill: seriesColors[i % seriesColors.length] },
            value: (_u, v) => readout(v),
          }),
        ),
      ],
    };
    return mountPlot(el, opts, [xs, ...ys], (u) => (plot.current = u));
  }, [series, xLabel, yLabel, xLog2, height, empty]);

  return (
    <section className="card bm-chart" data-testid={testId} aria-label={title}>
      <header className="row bm-chart__head">
        <h3 className="card__title">{title}</h3>
        <span className="cnt-spacer" />
        <button
          type="button"
          className="button button--ghost small"
          disabled={empty}
          title={t('benchmark.charts.savePng')}
          onClick={() => plot.current && downloadChartPng(plot.current.ctx.canvas, plot.current.root, title, pngName)}
          data-testid={`${testId}-png`}
        >
          <ImageDown size={14} aria-hidden /> {t('benchmark.report.png')}
        </button>
      </header>
      {empty ? <p className="muted">—</p> : <div ref={host} className="bm-chart__plot" data-points={series.reduce((n, s) => n + s.points.length, 0)} />}
    </section>
  );
};
