import { useTranslation } from 'react-i18next';
import type { LevelSummary } from '../../../src/domain/loadtest.js';
import { metricFormulas } from '../../../src/loadtest/formulas.js';
import { formatNumber, formulaIdOf, latencyMetrics, metricUnit, rateMetrics, type MetricId } from '../../loadtest/metrics.js';

/** A metric's name with its definition beside it, visible (not only on hover). */
const MetricName = ({ metric, showFormula }: { metric: MetricId; showFormula: boolean }) => {
  const { t } = useTranslation();
  const f = metricFormulas[formulaIdOf[metric]];
  return (
    <th scope="row" className="bm-metric" title={`${f.formula}\n${f.note}`}>
      {t(`benchmark.metrics.${metric}`)} <span className="muted">({metricUnit[metric]})</span>
      {showFormula && (
        <code className="bm-metric__formula" data-testid={`bm-formula-${metric}`}>
          ƒ {f.formula}
        </code>
      )}
    </th>
  );
};

/** One level's metrics: the latency distributions (mean, median, the asked percentiles), the rates, the failures. */
export const LevelTable = ({ level, percentiles, showFormulas }: { level: LevelSummary; percentiles: readonly string[]; showFormulas: boolean }) => {
  const { t } = useTranslation();
  return (
    <section className="bm-level" data-testid={`bm-level-${level.parallel}`}>
      <h3>
        {t('benchmark.report.level', { n: level.parallel })}{' '}
        <span className="muted">{t('benchmark.report.levelFacts', { succeeded: level.succeeded, total: level.total, seconds: formatNumber(level.durationS) })}</span>
      </h3>
      {level.succeeded === 0 && <p className="bm-warn">{t('benchmark.report.noSuccess')}</p>}
      <div className="cnt-table-wrap">
        <table className="data-table bm-table">
          <thead>
            <tr>
              <th scope="col">{t('benchmark.report.metric')}</th>
              <th scope="col" className="data-table__num">{t('benchmark.stats.mean')}</th>
              <th scope="col" className="data-table__num">{t('benchmark.stats.median')}</th>
              {percentiles.map((p) => (
                <th key={p} scope="col" className="data-table__num">{p}</th>
              ))}
              <th scope="col" className="data-table__num">{t('benchmark.stats.max')}</th>
            </tr>
          </thead>
          <tbody>
            {latencyMetrics.map((m) => {
              const d = level[m];
              return (
                <tr key={m}>
                  <MetricName metric={m} showFormula={showFormulas} />
                  <td className="data-table__num">{formatNumber(d?.mean)}</td>
                  <td className="data-table__num">{formatNumber(d?.median)}</td>
                  {percentiles.map((p) => (
                    <td key={p} className="data-table__num">{formatNumber(d?.percentiles[p])}</td>
                  ))}
                  <td className="data-table__num">{formatNumber(d?.max)}</td>
                </tr>
              );
            })}
            {rateMetrics.map((m) => (
              <tr key={m}>
                <MetricName metric={m} showFormula={showFormulas} />
                <td className="data-table__num" colSpan={percentiles.length + 3} data-testid={`bm-rate-${m}-${level.parallel}`}>
                  {m === 'goodputPerS' && level.goodputPerS === null ? <span className="muted">{t('benchmark.report.goodputNone')}</span> : formatNumber(level[m])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {level.failures.length > 0 && (
        <div className="bm-failures" data-testid={`bm-failures-${level.parallel}`}>
          <h4>{t('benchmark.report.failures')}</h4>
          <ul>
            {level.failures.map((f) => (
              <li key={`${f.reason}-${f.message}`}>
                <b>{f.count}×</b> {t(`benchmark.report.failureReason.${f.reason}`)}: <span className="cnt-mono">{f.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {level.countedByChunks && <p className="muted bm-note">{t('benchmark.report.countedByChunks')}</p>}
    </section>
  );
};
