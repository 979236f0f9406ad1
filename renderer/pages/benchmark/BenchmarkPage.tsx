import { Gauge } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoadTestReport } from '../../../src/domain/loadtest.js';
import { Welcome } from '../../app/Welcome.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/Notice.js';
import { clearLoadTestError, followLoadTests, loadReports, openReport, setRunForm, useLoadTestStore } from '../../loadtest/loadtest-store.js';
import { withServer, type ServerTarget } from '../../loadtest/run-form.js';
import { loadServers, useServeStore } from '../../serve/serve-store.js';
import { useSelectedDevice } from '../../state/devices-store.js';
import { CompareView } from './CompareView.js';
import { LiveProgress } from './LiveProgress.js';
import { ReportView } from './ReportView.js';
import { RunSettings } from './RunSettings.js';
import { SavedRuns } from './SavedRuns.js';
import './benchmark.css';

type Tab = 'run' | 'saved' | 'compare';

const BenchmarkPage = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  const deviceId = view?.device.id;
  const connected = view?.status.kind === 'connected';
  const servers = useServeStore((s) => (deviceId ? s.byDevice[deviceId] : undefined));
  const active = useLoadTestStore((s) => s.active);
  const error = useLoadTestStore((s) => s.error);
  const lastReportId = useLoadTestStore((s) => s.lastReportId);
  const summaries = useLoadTestStore((s) => s.summaries);
  const reports = useLoadTestStore((s) => s.reports);
  const form = useLoadTestStore((s) => s.form);
  const [tab, setTab] = useState<Tab>('run');
  const [openedId, setOpenedId] = useState<string | null>(null);
  const [picked, setPicked] = useState<readonly string[]>([]);

  useEffect(() => {
    followLoadTests();
    void loadReports();
  }, []);
  useEffect(() => {
    if (deviceId && connected) void loadServers(deviceId);
  }, [deviceId, connected]);

  const targets = useMemo<ServerTarget[]>(
    () =>
      (servers ?? [])
        .filter((s) => s.state === 'ready' && s.boxPort !== null)
        .map((s) => ({ key: s.key, deviceId: s.deviceId, boxPort: s.boxPort!, model: s.servedModelName ?? s.model ?? s.containerName, label: `${t(`serve.engines.${s.engine}.title`)} · ${s.servedModelName ?? s.containerName}` })),
    [servers, t],
  );

  // The first running server is the target (and its model the model) until the user picks another.
  useEffect(() => {
    if (form.targetKind === 'server' && !targets.some((s) => s.key === form.serverKey) && targets[0]) setRunForm(withServer(form, targets[0]));
  }, [targets, form]);

  useEffect(() => {
    for (const id of [...picked, ...(openedId ? [openedId] : [])]) void openReport(id);
  }, [picked, openedId]);

  if (!view || !deviceId) return <Welcome page={t('nav.benchmark')} />;
  const lastReport = lastReportId ? reports[lastReportId] : undefined;
  const opened = openedId ? reports[openedId] : undefined;
  const compared = picked.map((id) => reports[id]).filter((r): r is LoadTestReport => r !== undefined);
  return (
    <div className="benchmark" data-testid="benchmark-page">
      <header className="page__header row">
        <h1>{t('nav.benchmark')}</h1>
      </header>
      {!connected && <p className="muted">{t('benchmark.notConnected', { box: view.device.name })}</p>}
      <nav className="bm-tabs" role="tablist">
        {(['run', 'saved', 'compare'] as const).map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={`bm-tab${tab === id ? ' is-current' : ''}`} onClick={() => setTab(id)} data-testid={`bm-tab-${id}`}>
            {t(`benchmark.tabs.${id}`)}
          </button>
        ))}
      </nav>
      {error && <ErrorNotice error={error} onRetry={clearLoadTestError} retryLabel={t('common.close')} />}
      {tab === 'run' && (
        <div className="bm-run">
          {targets.length === 0 && form.targetKind === 'server' && !active && (
            <EmptyState icon={Gauge} title={t('benchmark.noServer.title')} body={t('benchmark.noServer.body')} testId="bm-no-server">
              <button type="button" className="button button--primary" onClick={() => (location.hash = '#/serve')} data-testid="bm-open-serve">
                {t('benchmark.noServer.openServe')}
              </button>
              <button type="button" className="button" onClick={() => setRunForm({ targetKind: 'url' })} data-testid="bm-use-url">
                {t('benchmark.noServer.useUrl')}
              </button>
            </EmptyState>
          )}
          {active && <LiveProgress run={active} />}
          {(targets.length > 0 || form.targetKind === 'url' || active) && <RunSettings servers={targets} running={active !== null} />}
          {lastReport && !active && <ReportView report={lastReport} />}
        </div>
      )}
      {tab === 'saved' && (
        <div className="bm-run">
          <SavedRuns summaries={summaries ?? []} picked={picked} onPick={setPicked} onOpen={setOpenedId} onCompare={() => setTab('compare')} />
          {opened && <ReportView report={opened} />}
        </div>
      )}
      {tab === 'compare' && <CompareView reports={compared} />}
    </div>
  );
};

export default BenchmarkPage;
