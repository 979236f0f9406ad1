import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoadTestReport } from '../../../src/domain/loadtest.js';
import type { benchmarkEn } from '../../i18n/en/benchmark.js';
import { boxSeries } from '../../loadtest/chart-data.js';
import { exportFileName } from '../../loadtest/report-csv.js';
import { XyChart } from './XyChart.js';

const pointsOf = (xs: readonly number[], ys: ReadonlyArray<number | null>) => xs.flatMap((x, i) => {
  const y = ys[i];
  return y === null || y === undefined ? [] : [[x, y] as const];
});

/** What the run asked for, the server's recipe, and the box's GPU temperature / power during it. */
export const ReportFacts = ({ report }: { report: LoadTestReport }) => {
  const { t } = useTranslation();
  const f = (key: keyof (typeof benchmarkEn)['benchmark']['report']['facts'], params?: Record<string, string | number>) => t(`benchmark.report.facts.${key}`, params ?? {});
  const s = report.settings;
  const target = s.target.kind === 'server' ? `${s.target.label} (${s.target.model})` : `${s.target.baseUrl} (${s.target.model})`;
  const dataset =
    s.dataset.kind === 'bundled'
      ? t(s.dataset.language === 'en' ? 'benchmark.form.datasetEn' : 'benchmark.form.datasetZh')
      : s.dataset.kind === 'random'
        ? f('random', { input: s.dataset.inputTokens, output: s.dataset.outputTokens })
        : f('fileName', { name: s.dataset.name, count: s.dataset.prompts.length });
  const slo = [s.slo.ttftMs !== null ? `TTFT ≤ ${s.slo.ttftMs} ms` : null, s.slo.tpotMs !== null ? `TPOT ≤ ${s.slo.tpotMs} ms` : null].filter(Boolean).join(', ') || '—';
  const facts: Array<[string, string]> = [
    [f('target'), target],
    [f('api'), s.api],
    [f('parallel'), s.parallel.join(', ')],
    [f('requests'), String(s.requests)],
    [f('rate'), s.rate.kind === 'unlimited' ? f('unlimited') : f('poisson', { rate: s.rate.perSecond })],
    [f('stream'), s.stream ? f('yes') : f('no')],
    [f('tokens'), s.minTokens !== null ? f('minMax', { min: s.minTokens, max: s.maxTokens }) : f('max', { max: s.maxTokens })],
    [f('warmup'), String(s.warmup)],
    [f('dataset'), dataset],
    [f('slo'), slo],
    [f('place'), s.place === 'laptop' ? t('benchmark.form.placeLaptop') : t('benchmark.form.placeBox')],
    [f('seed'), String(s.seed)],
  ];
  const box = useMemo(() => boxSeries(report), [report]);
  const boxLines = useMemo(
    () =>
      box
        ? [
            { label: t('benchmark.charts.temp'), points: pointsOf(box.xs, box.temp) },
            { label: t('benchmark.charts.power'), points: pointsOf(box.xs, box.power) },
          ]
        : [],
    [box, t],
  );
  return (
    <div className="bm-facts">
      <section className="card">
        <h3 className="card__title">{t('benchmark.report.settings')}</h3>
        <dl className="bm-kv" data-testid="bm-report-settings">
          {facts.map(([k, v]) => (
            <div key={k} className="bm-kv__row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="card">
        <h3 className="card__title">{t('benchmark.report.server')}</h3>
        {report.server ? (
          <>
            <dl className="bm-kv">
              <div className="bm-kv__row">
                <dt>{t('benchmark.report.serverEngine')}</dt>
                <dd>{report.server.engine}</dd>
              </div>
              {report.server.image && (
                <div className="bm-kv__row">
                  <dt>{t('benchmark.report.serverImage')}</dt>
                  <dd className="cnt-mono">{report.server.image}</dd>
                </div>
              )}
              {report.server.model && (
                <div className="bm-kv__row">
                  <dt>{t('benchmark.report.serverModel')}</dt>
                  <dd className="cnt-mono">{report.server.model}</dd>
                </div>
              )}
            </dl>
            {report.server.recipe && (
              <details>
                <summary>{t('benchmark.report.recipe')}</summary>
                <pre className="bm-pre">{JSON.stringify(report.server.recipe, null, 2)}</pre>
              </details>
            )}
          </>
        ) : (
          <p className="muted">{t('benchmark.report.serverUnknown')}</p>
        )}
      </section>
      {box ? (
        <XyChart title={t('benchmark.report.box')} series={boxLines} xLabel={t('benchmark.charts.seconds')} yLabel="°C / W" height={140} pngName={exportFileName(report.name, 'png', 'box')} testId="bm-chart-box" />
      ) : (
        <section className="card">
          <h3 className="card__title">{t('benchmark.report.box')}</h3>
          <p className="muted">{t('benchmark.report.boxNone')}</p>
        </section>
      )}
    </div>
  );
};
