import { RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportView } from '../../../src/contract/methods/profiler.js';
import { Welcome } from '../../app/Welcome.js';
import { ErrorNotice } from '../../components/Notice.js';
import { loadProfiler, loadStats, setProfilerError, statsKey, useProfilerStore } from '../../profiler/profiler-store.js';
import { useSelectedDevice } from '../../state/devices-store.js';
import { CaptureForm } from './CaptureForm.js';
import { ReportsPanel } from './ReportsPanel.js';
import { SessionsPanel } from './SessionsPanel.js';
import { StatsSummary } from './StatsSummary.js';

/** While the page is open, sessions and reports are read again this often (captures started elsewhere show up). */
const refreshMs = 15_000;

const ProfilerPage = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  const deviceId = view?.device.id;
  const connected = view?.status.kind === 'connected';
  const state = useProfilerStore((s) => (deviceId ? s.byDevice[deviceId] : undefined));
  const error = useProfilerStore((s) => s.error);
  const stats = useProfilerStore((s) => s.stats);
  const [summary, setSummary] = useState<ReportView | undefined>(undefined);

  useEffect(() => {
    if (!deviceId || !connected) return;
    void loadProfiler(deviceId);
    const timer = setInterval(() => void loadProfiler(deviceId), refreshMs);
    return () => clearInterval(timer);
  }, [deviceId, connected]);

  if (!view || !deviceId) return <Welcome page={t('nav.profiler')} />;
  // A deleted report's summary goes with it.
  const shown = summary && state?.reports?.some((r) => r.path === summary.path) ? summary : undefined;
  return (
    <div className="profiler" data-testid="profiler-page">
      <header className="page__header row">
        <h1>{t('nav.profiler')}</h1>
        <span className="cnt-spacer" />
        <button type="button" className="button button--ghost small" onClick={() => void loadProfiler(deviceId)} disabled={!connected} data-testid="profiler-refresh">
          <RefreshCw size={14} aria-hidden /> {t('profiler.refresh')}
        </button>
      </header>
      {!connected ? <p className="muted">{t('profiler.notConnected', { box: view.device.name })}</p> : null}
      {error ? <ErrorNotice error={error} onRetry={() => (setProfilerError(undefined), void loadProfiler(deviceId))} /> : null}
      {connected && state?.nsysVersion === null ? <p className="notice notice--error">{t('profiler.noNsys')}</p> : null}
      {connected && state?.nsysVersion ? <p className="muted" data-testid="profiler-nsys">{t('profiler.nsysVersion', { version: state.nsysVersion, dir: state.reportsDir ?? '' })}</p> : null}
      {connected ? (
        <div className="profiler__grid">
          <CaptureForm deviceId={deviceId} />
          <SessionsPanel deviceId={deviceId} sessions={state?.sessions ?? []} captures={state?.captures ?? []} />
          <ReportsPanel deviceId={deviceId} reports={state?.reports} dir={state?.reportsDir ?? '~/pgx-companion/profiles'} onSummary={setSummary} />
          {shown ? <StatsSummary name={shown.name} entry={stats[statsKey(deviceId, shown.path)]} onRetry={() => void loadStats(deviceId, shown.path)} /> : null}
        </div>
      ) : null}
    </div>
  );
};

export default ProfilerPage;
