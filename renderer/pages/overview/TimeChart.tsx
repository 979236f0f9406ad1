import { useEffect, useEffectEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { mountPlot } from '../../components/mount-plot.js';
import { col } from '../../telemetry/columns.js';
import type { TelemetryHub } from '../../telemetry/hub.js';
import { chartOptions, type ChartAxis, type ChartLine } from './chart-options.js';

interface TimeChartProps {
  readonly deviceId: string;
  readonly title: string;
  /** Stable (memoised) arrays: a new identity rebuilds the chart. */
  readonly lines: readonly ChartLine[];
  readonly axes: readonly ChartAxis[];
  readonly rangeSeconds: number;
  /** Where the rows come from: the live samples or the day's minutes. */
  readonly hub: TelemetryHub;
  /** Rows further apart than this are not joined by a line. */
  readonly gapMs: number;
  readonly height?: number;
  readonly testId?: string;
}

/**
 * A uPlot time series fed straight from the telemetry ring: new samples go to `setData` in a
 * subscription, never through React state. The y arrays are reused between frames (nulls for
 * gaps, as uPlot wants them), so drawing allocates nothing per sample.
 */
export const TimeChart = ({ deviceId, title, lines, axes, rangeSeconds, hub, gapMs, height = 150, testId }: TimeChartProps) => {
  const { t, i18n } = useTranslation();
  const timeLabel = t('overview.time');
  const locale = i18n.language;
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const ys = useRef<Array<Array<number | null>>>([]);

  const draw = useEffectEvent(() => {
    const u = plot.current;
    const device = hub.peek(deviceId);
    if (!u || !device || device.ring.length === 0) return;
    const { ring } = device;
    const latest = ring.last(col.at);
    const min = latest - rangeSeconds * 1000;
    const from = ring.lowerBound(col.at, min);
    const xs = ring.view(col.at, from);
    const data: uPlot.AlignedData = [
      xs,
      ...lines.map((line, i) => {
        const src = ring.view(line.key, from);
        const factor = line.factor ?? 1;
        const out = (ys.current[i] ??= []);
        out.length = xs.length;
        for (let j = 0; j < xs.length; j++) {
          const v = src[j];
          out[j] = v === undefined || Number.isNaN(v) ? null : v * factor;
        }
        return out;
      }),
    ];
    u.batch(() => {
      u.setData(data, false);
      u.setScale('x', { min, max: latest });
    });
    // Away from the cursor the legend doubles as a readout of the newest values.
    if (u.cursor.idx === null || u.cursor.idx === undefined) u.setLegend({ idx: xs.length - 1 });
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    ys.current = [];
    const unmount = mountPlot(el, chartOptions(lines, axes, Math.max(el.clientWidth, 200), height, { label: timeLabel, locale, gapMs }), [[], ...lines.map(() => [])], (u) => (plot.current = u), 200);
    draw();
    return unmount;
  }, [lines, axes, height, timeLabel, locale, gapMs, hub]);

  useEffect(() => draw(), [rangeSeconds]);
  useEffect(() => {
    draw();
    return hub.subscribe(deviceId, () => draw());
  }, [deviceId, hub]);

  return (
    <section className="card ov-chart" data-testid={testId} aria-label={title}>
      <h2 className="card__title">{title}</h2>
      <div ref={host} className="ov-chart__plot" />
    </section>
  );
};
