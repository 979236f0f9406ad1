import { useTranslation } from 'react-i18next';
import type { ReportView } from '../../../src/contract/methods/profiler.js';
import { loadStats, statsKey, useProfilerStore } from '../../profiler/profiler-store.js';
import { ReportRow } from './ReportRow.js';

export const ReportsPanel = ({ deviceId, reports, dir, onSummary }: { deviceId: string; reports: readonly ReportView[] | undefined; dir: string; onSummary: (report: ReportView) => void }) => {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="profiler-reports">
      <h2>{t('profiler.reports.title')}</h2>
      {reports === undefined ? (
        <p className="muted">{t('profiler.reports.reading')}</p>
      ) : reports.length === 0 ? (
        <p className="muted" data-testid="profiler-reports-empty">
          {t('profiler.reports.empty', { dir })}
        </p>
      ) : (
        <ul className="profiler__list">
          {reports.map((r) => (
            <ReportRow
              key={r.path}
              deviceId={deviceId}
              report={r}
              onSummary={() => {
                onSummary(r);
                // nsys stats post-processes the whole report (minutes for a big one): read once, retry on failure.
                const known = useProfilerStore.getState().stats[statsKey(deviceId, r.path)];
                if (!known || known.error) void loadStats(deviceId, r.path);
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
};
