import { Square } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Distribution } from '../../../src/domain/loadtest.js';
import { Elapsed } from '../../components/Elapsed.js';
import { cancelLoadTest, type ActiveRun } from '../../loadtest/loadtest-store.js';
import { formatNumber } from '../../loadtest/metrics.js';

const runningKeys = ['p50', 'p90', 'p99'] as const;

const Running = ({ label, d }: { label: string; d: Distribution | null }) => (
  <span className="bm-live__dist">
    <b>{label}</b> {runningKeys.map((k) => `${k} ${formatNumber(k === 'p50' ? (d?.percentiles[k] ?? d?.median) : d?.percentiles[k])}`).join(' · ')} ms
  </span>
);

/** A bar per level with done/total, running percentiles and req/s; Cancel stops every request at once. */
export const LiveProgress = ({ run }: { run: ActiveRun }) => {
  const { t } = useTranslation();
  return (
    <section className="card bm-live" aria-label={t('benchmark.live.title')} data-testid="bm-live">
      <header className="row">
        <h2 className="card__title">{t('benchmark.live.title')}</h2>
        <span className="muted">
          {t('benchmark.live.elapsed')} <Elapsed since={run.startedAt} />
        </span>
        <span className="cnt-spacer" />
        <button type="button" className="button button--danger small" disabled={run.cancelling} onClick={() => void cancelLoadTest()} data-testid="bm-cancel">
          <Square size={14} aria-hidden /> {run.cancelling ? t('benchmark.live.cancelling') : t('benchmark.live.cancel')}
        </button>
      </header>
      <ol className="bm-live__levels">
        {run.settings.parallel.map((n) => {
          const p = run.levels[n];
          const total = p?.total ?? run.settings.requests;
          const done = p?.done ?? 0;
          return (
            <li key={n} className="bm-live__level" data-testid={`bm-live-level-${n}`}>
              <span className="bm-live__name">{t('benchmark.live.level', { n })}</span>
              <progress max={total} value={done} aria-label={t('benchmark.live.level', { n })} />
              <span className="bm-live__count">{p ? t('benchmark.live.done', { done, total }) : t('benchmark.live.waiting')}</span>
              {p && (
                <span className="bm-live__stats muted">
                  <Running label={t('benchmark.metrics.ttftMs')} d={p.summary.ttftMs} />
                  <Running label={t('benchmark.metrics.tpotMs')} d={p.summary.tpotMs} />
                  <Running label={t('benchmark.metrics.e2eMs')} d={p.summary.e2eMs} />
                  <span>{t('benchmark.live.reqPerS', { value: formatNumber(p.summary.requestsPerS) })}</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
};
