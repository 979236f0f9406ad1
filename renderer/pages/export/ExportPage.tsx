import { PackageOpen } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportView } from '../../../src/domain/export.js';
import { Welcome } from '../../app/Welcome.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/Notice.js';
import { exportSettingsOf } from '../../export/export-form.js';
import { clearError, followExports, loadExports, loadModels, loadTools, selectExport, setFormFollowing, setTab, useExportStore, type ExportTab } from '../../export/export-store.js';
import { usePlan } from '../../export/use-plan.js';
import { loadRuns, useFinetuneStore } from '../../finetune/finetune-store.js';
import { useSelectedDevice } from '../../state/devices-store.js';
import { useNavStore } from '../../state/nav-store.js';
import { ExportDetail } from './ExportDetail.js';
import { PreviewStep } from './PreviewStep.js';
import { SettingsStep } from './SettingsStep.js';
import { SourceStep } from './SourceStep.js';
import '../benchmark/benchmark.css';
import '../finetune/finetune.css';
import './export.css';

const tabs: readonly ExportTab[] = ['new', 'exports'];

/** The new export: source → settings → the plan (files, script, tools, disk) → Start. */
const NewExport = ({ deviceId, connected }: { deviceId: string; connected: boolean }) => {
  const form = useExportStore((s) => s.form);
  const runs = useFinetuneStore((s) => s.runs[deviceId]);
  const models = useExportStore((s) => s.models[deviceId]) ?? [];
  const finished = useMemo(() => (runs ?? []).filter((r) => r.kind === 'train' && r.state === 'done'), [runs]);
  const checked = useMemo(() => exportSettingsOf(form), [form]);
  const [again, setAgain] = useState(0);
  const planAgain = useCallback(() => setAgain((n) => n + 1), []);
  const { preview, error, planning } = usePlan(deviceId, checked.ok ? checked.settings : null, connected, again);
  // With nothing picked yet, the newest finished training run is the source (once per visit).
  const autoPicked = useRef(false);
  useEffect(() => {
    const newest = finished[0];
    if (autoPicked.current || form.source !== null || !newest) return;
    autoPicked.current = true;
    setFormFollowing({ source: { kind: 'finetune', runId: newest.id }, sourceName: newest.name });
  }, [finished, form.source]);
  return (
    <div className="ex-new">
      <div className="ft-step">
        <SourceStep runs={finished} models={models} />
        <SettingsStep preview={preview} problems={checked.ok ? [] : checked.problems.filter((p) => p.field !== 'source')} merging={form.source?.kind !== 'model'} />
      </div>
      <PreviewStep deviceId={deviceId} connected={connected} settings={checked.ok ? checked.settings : null} preview={checked.ok ? preview : null} planning={planning} planError={error} onPlanAgain={planAgain} />
    </div>
  );
};

/** The box's exports, newest first, and the one opened. */
const Exports = ({ list, connected }: { list: readonly ExportView[]; connected: boolean }) => {
  const { t } = useTranslation();
  const selectedId = useExportStore((s) => s.selectedId);
  const opened = list.find((e) => e.id === selectedId) ?? list[0];
  if (list.length === 0) {
    return (
      <p className="muted" data-testid="ex-none">
        {t('export.run.none')}{' '}
        <button type="button" className="button small" onClick={() => setTab('new')}>
          {t('export.tabs.new')}
        </button>
      </p>
    );
  }
  return (
    <div className="ft-step ft-runs">
      <ul className="ft-runlist" data-testid="ex-list">
        {list.map((e) => (
          <li key={e.id}>
            <button type="button" className={`ft-runlist__item${e.id === opened?.id ? ' is-current' : ''}`} aria-pressed={e.id === opened?.id} onClick={() => selectExport(e.id)} data-testid="ex-list-item" data-state={e.state} data-name={e.ollamaName}>
              <span className="ft-runlist__name">{e.ollamaName}</span>
              <span className="muted small">
                {t(`export.state.${e.state}`)} · {new Date(e.startedAt).toLocaleString()}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {opened && <ExportDetail view={opened} connected={connected} />}
    </div>
  );
};

const ExportPage = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  const deviceId = view?.device.id;
  const connected = view?.status.kind === 'connected';
  const tab = useExportStore((s) => s.tab);
  const error = useExportStore((s) => (deviceId ? s.errors[deviceId] : undefined));
  const list = useExportStore((s) => (deviceId ? s.exports[deviceId] : undefined));
  const runs = useFinetuneStore((s) => (deviceId ? s.runs[deviceId] : undefined));
  const models = useExportStore((s) => (deviceId ? s.models[deviceId] : undefined));
  const go = useNavStore((s) => s.go);

  useEffect(() => followExports(), []);
  useEffect(() => {
    if (!deviceId || !connected) return;
    void loadExports(deviceId);
    void loadRuns(deviceId);
    void loadModels(deviceId);
    void loadTools(deviceId);
  }, [deviceId, connected]);

  if (!view || !deviceId) return <Welcome page={t('nav.export')} />;
  const hasSource = (runs ?? []).some((r) => r.kind === 'train' && r.state === 'done') || (models?.length ?? 0) > 0;
  const known = runs !== undefined && models !== undefined;
  const running = list?.some((e) => e.state === 'running');
  return (
    <div className="benchmark finetune export" data-testid="export-page">
      <header className="page__header row">
        <h1>{t('nav.export')}</h1>
      </header>
      {!connected && <p className="muted">{t('export.notConnected', { box: view.device.name })}</p>}
      <nav className="bm-tabs ft-steps" role="tablist" aria-label={t('export.tabsLabel')}>
        {tabs.map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={`bm-tab${tab === id ? ' is-current' : ''}`} onClick={() => setTab(id)} data-testid={`ex-tab-${id}`}>
            {t(`export.tabs.${id}`)}
            {id === 'exports' && list?.length ? <span className="ft-steps__mark">{running ? '●' : list.length}</span> : null}
          </button>
        ))}
      </nav>
      {error && <ErrorNotice error={error} onRetry={() => clearError(deviceId)} retryLabel={t('common.close')} />}
      {tab === 'new' && known && !hasSource ? (
        <EmptyState icon={PackageOpen} title={t('export.empty.title')} body={t('export.empty.body')} testId="ex-empty">
          <button type="button" className="button button--primary" onClick={() => go('finetune')}>
            {t('export.empty.finetune')}
          </button>
          <button type="button" className="button" onClick={() => go('models')}>
            {t('export.empty.models')}
          </button>
        </EmptyState>
      ) : tab === 'new' ? (
        <NewExport deviceId={deviceId} connected={connected} />
      ) : (
        <Exports list={list ?? []} connected={connected} />
      )}
    </div>
  );
};

export default ExportPage;
