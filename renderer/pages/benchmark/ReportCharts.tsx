import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoadTestReport } from '../../../src/domain/loadtest.js';
import { latencyVsThroughput, percentileCurve, throughputVsConcurrency } from '../../loadtest/chart-data.js';
import { latencyMetrics, type LatencyMetric } from '../../loadtest/metrics.js';
import { exportFileName } from '../../loadtest/report-csv.js';
import { XyChart } from './XyChart.js';

/** Picks a latency metric (and a percentile for the curve). */
export const MetricPicker = ({ metric, onMetric, percentile, onPercentile, testId }: { metric: LatencyMetric; onMetric: (m: LatencyMetric) => void; percentile?: string; onPercentile?: (p: string) => void; testId: string }) => {
  const { t } = useTranslation();
  return (
    <span className="row bm-picker">
      <select aria-label={t('benchmark.charts.metric')} value={metric} onChange={(e) => onMetric(e.target.value as LatencyMetric)} data-testid={`${testId}-metric`}>
        {latencyMetrics.map((m) => (
          <option key={m} value={m}>
            {t(`benchmark.metrics.${m}`)}
          </option>
        ))}
      </select>
      {percentile !== undefined && onPercentile && (
        <select aria-label={t('benchmark.charts.percentile')} value={percentile} onChange={(e) => onPercentile(e.target.value)} data-testid={`${testId}-percentile`}>
          {['p50', 'p90', 'p99'].map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      )}
    </span>
  );
};

/** A run's charts: its latency distributions per level, and for a sweep throughput vs concurrency and the throughput–latency curve. */
export const ReportCharts = ({ report }: { report: LoadTestReport }) => {
  const { t } = useTranslation();
  const [distMetric, setDistMetric] = useState<LatencyMetric>('tpotMs');
  const [curveMetric, setCurveMetric] = useState<LatencyMetric>('e2eMs');
  const [curvePct, setCurvePct] = useState('p50');
  const sweep = report.levels.length > 1;
  const distribution = useMemo(() => report.levels.map((l) => ({ label: t('benchmark.report.level', { n: l.parallel }), points: percentileCurve(l, distMetric) })), [report, distMetric, t]);
  const throughput = useMemo(() => [throughputVsConcurrency(report)], [report]);
  const curve = useMemo(() => [latencyVsThroughput(report, curveMetric, curvePct)], [report, curveMetric, curvePct]);
  const m = (id: LatencyMetric) => t(`benchmark.metrics.${id}`);
  return (
    <div className="bm-charts">
      <div>
        <MetricPicker metric={distMetric} onMetric={setDistMetric} testId="bm-dist" />
        <XyChart title={`${t('benchmark.charts.distribution')} · ${m(distMetric)}`} series={distribution} xLabel={`${m(distMetric)} (ms)`} yLabel={t('benchmark.charts.distributionAxis')} pngName={exportFileName(report.name, 'png', `${distMetric}-distribution`)} testId="bm-chart-distribution" />
      </div>
      {sweep && (
        <>
          <XyChart title={t('benchmark.charts.throughput')} series={throughput} xLabel={t('benchmark.charts.concurrency')} yLabel={t('benchmark.charts.outputTps')} xLog2 pngName={exportFileName(report.name, 'png', 'throughput')} testId="bm-chart-throughput" />
          <div>
            <MetricPicker metric={curveMetric} onMetric={setCurveMetric} percentile={curvePct} onPercentile={setCurvePct} testId="bm-curve" />
            <XyChart title={`${t('benchmark.charts.curve')} · ${m(curveMetric)} ${curvePct}`} series={curve} xLabel={t('benchmark.charts.outputTps')} yLabel={`${m(curveMetric)} (ms)`} pngName={exportFileName(report.name, 'png', 'curve')} testId="bm-chart-curve" />
          </div>
        </>
      )}
    </div>
  );
};
