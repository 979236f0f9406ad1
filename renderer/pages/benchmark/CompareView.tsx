import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoadTestReport } from '../../../src/domain/loadtest.js';
import { latencyVsThroughput, throughputVsConcurrency } from '../../loadtest/chart-data.js';
import { bestIndex, commonLevels, headlineMetrics, headlineValue, levelAt, type CompareAt, type Headline } from '../../loadtest/compare.js';
import { formatNumber, type LatencyMetric } from '../../loadtest/metrics.js';
import { MetricPicker } from './ReportCharts.js';
import { XyChart, seriesColors } from './XyChart.js';

const headlineKey = (h: Headline) => (h.id === 'e2eMs' ? (h.pick === 'p99' ? 'e2eMsP99' : 'e2eMsMedian') : h.id);

/** 2–4 saved runs side by side: headline metrics with the best marked, and their curves overlaid. */
export const CompareView = ({ reports }: { reports: readonly LoadTestReport[] }) => {
  const { t } = useTranslation();
  const [at, setAt] = useState<CompareAt>('peak');
  const [metric, setMetric] = useState<LatencyMetric>('tpotMs');
  const [pct, setPct] = useState('p50');
  const levels = commonLevels(reports);
  const throughput = useMemo(() => reports.map(throughputVsConcurrency), [reports]);
  const curve = useMemo(() => reports.map((r) => latencyVsThroughput(r, metric, pct)), [reports, metric, pct]);
  if (reports.length < 2) return <p className="muted" data-testid="bm-compare-none">{t('benchmark.compare.none')}</p>;
  const chosen = reports.map((r) => levelAt(r, at));
  const m = (id: LatencyMetric) => t(`benchmark.metrics.${id}`);
  return (
    <section className="bm-compare" data-testid="bm-compare">
      <header className="row">
        <h2>{t('benchmark.compare.title')}</h2>
        <span className="cnt-spacer" />
        <label className="row bm-picker">
          {t('benchmark.compare.at')}
          <select value={String(at)} onChange={(e) => setAt(e.target.value === 'peak' ? 'peak' : Number(e.target.value))} data-testid="bm-compare-at">
            <option value="peak">{t('benchmark.compare.peak')}</option>
            {levels.map((n) => (
              <option key={n} value={n}>
                {t('benchmark.compare.parallelN', { n })}
              </option>
            ))}
          </select>
        </label>
      </header>
      <div className="cnt-table-wrap">
        <table className="data-table bm-compare__table">
          <thead>
            <tr>
              <th scope="col" />
              {reports.map((r, i) => (
                <th key={r.id} scope="col" className="data-table__num" data-testid="bm-compare-run">
                  <span className="bm-swatch" style={{ background: seriesColors[i % seriesColors.length] }} /> {r.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('benchmark.compare.levelUsed')}</th>
              {chosen.map((l, i) => (
                <td key={reports[i]!.id} className="data-table__num">{l ? l.parallel : '—'}</td>
              ))}
            </tr>
            {headlineMetrics.map((h) => {
              const values = chosen.map((l) => headlineValue(l, h));
              const best = bestIndex(values, h.id);
              return (
                <tr key={headlineKey(h)}>
                  <th scope="row">{t(`benchmark.compare.headline.${headlineKey(h)}`)}</th>
                  {values.map((v, i) => (
                    <td key={reports[i]!.id} className={`data-table__num${best === i ? ' bm-best' : ''}`} data-best={best === i || undefined}>
                      {formatNumber(v)}
                      {best === i && <span className="bm-best__tag"> {t('benchmark.compare.best')}</span>}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="bm-charts">
        <XyChart title={t('benchmark.charts.throughput')} series={throughput} xLabel={t('benchmark.charts.concurrency')} yLabel={t('benchmark.charts.outputTps')} xLog2 pngName="compare-throughput.png" testId="bm-compare-throughput" />
        <div>
          <MetricPicker metric={metric} onMetric={setMetric} percentile={pct} onPercentile={setPct} testId="bm-compare-curve" />
          <XyChart title={`${t('benchmark.charts.curve')} · ${m(metric)} ${pct}`} series={curve} xLabel={t('benchmark.charts.outputTps')} yLabel={`${m(metric)} (ms)`} pngName="compare-curve.png" testId="bm-compare-curve-chart" />
        </div>
      </div>
    </section>
  );
};
