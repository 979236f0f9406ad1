import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { mountPlot } from '../../components/mount-plot.js';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../../loadtest/metrics.js';
import { seriesColors } from '../benchmark/XyChart.js';

export interface CurveLine {
  readonly label: string;
  /** One value per x (null where this line has no point at that step). */
  readonly values: ReadonlyArray<number | null>;
}

const font = '11px system-ui, sans-serif';
const cssVar = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();
/** Learning rates are tiny (2e-5): exponent form keeps the axis readable. */
const tick = (v: number) => (v !== 0 && Math.abs(v) < 0.001 ? v.toExponential(1) : Number.isInteger(v) ? v.toLocaleString('en-US') : formatNumber(v));

/**
 * A training curve drawn by uPlot that grows while the run trains: built once per set of lines,
 * then fed new data with setData (no rebuild per point). x is the optimizer step.
 */
export const LiveCurve = ({ title, xs, lines, xLabel, yLabel, testId, height = 220 }: { title: string; xs: readonly number[]; lines: readonly CurveLine[]; xLabel: string; yLabel: string; testId: string; height?: number }) => {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const labels = lines.map((l) => l.label).join('\u0000');
  const points = lines.reduce((n, l) => n + l.values.filter((v) => v !== null).length, 0);
  const data = (): uPlot.AlignedData => [xs as number[], ...lines.map((l) => l.values as Array<number | null>)];

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const axis = (label: string, size?: number): uPlot.Axis => ({
      label,
      ...(size ? { size } : {}),
      stroke: (u) => cssVar(u.root, '--text-muted'),
      grid: { stroke: (u) => cssVar(u.root, '--border'), width: 1 },
      ticks: { show: false },
      font,
      labelFont: font,
      values: (_u, splits) => splits.map(tick),
    });
    return mountPlot(
      el,
      {
        width: Math.max(el.clientWidth, 240),
        height,
        cursor: { drag: { x: false, y: false } },
        legend: { show: true, live: true },
        scales: { x: { time: false } },
        axes: [axis(xLabel), axis(yLabel, 60)],
        series: [
          { label: xLabel, value: (_u, v) => (v === null || v === undefined ? '' : String(v)) },
          ...lines.map((l, i): uPlot.Series => ({ label: l.label, stroke: seriesColors[i % seriesColors.length], width: 2, spanGaps: true, points: { show: l.values.length < 60 }, value: (_u, v) => (v === null || v === undefined ? '' : tick(v)) })),
        ],
      },
      data(),
      (u) => (plot.current = u),
    );
    // Rebuilt only when the lines themselves change; new points go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labels, xLabel, yLabel, height]);

  useEffect(() => {
    plot.current?.setData(data());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [xs, lines]);

  return (
    <section className="card ft-curve" aria-label={title} data-testid={testId}>
      <h3 className="card__title">{title}</h3>
      <div ref={host} className="ft-curve__plot" data-points={points} data-last-step={xs.at(-1) ?? ''} />
    </section>
  );
};
