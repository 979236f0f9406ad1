import { RotateCcw, Square, Trash2 } from 'lucide-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportView } from '../../../src/domain/export.js';
import { bridge } from '../../bridge/bridge.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { Elapsed } from '../../components/Elapsed.js';
import { LogViewer } from '../../components/LogViewer.js';
import { clockText } from '../../components/use-elapsed.js';
import { removeExport, retryExport, stopExport } from '../../export/export-store.js';
import { StepList } from './StepList.js';
import { TakeHome } from './TakeHome.js';
import { FailureNotice } from '../../components/Notice.js';

/** One export: its five steps, elapsed time, the failure with Retry, the log, and when done what to take home. */
export const ExportDetail = ({ view, connected }: { view: ExportView; connected: boolean }) => {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [deleteFiles, setDeleteFiles] = useState(false);
  const running = view.state === 'running';
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    await work();
    setBusy(false);
  };
  const loadLog = useCallback(
    async (tail: number) => {
      const r = await bridge().call('export:get', { deviceId: view.deviceId, exportId: view.id, tail });
      return r.ok ? { ok: true as const, value: { text: r.value.log } } : r;
    },
    [view.deviceId, view.id],
  );
  // The log is read again whenever a step moves on (export:changed brings the steps about every 2 s while it runs).
  const logKey = `${view.id}:${view.attempt}:${view.state}:${Object.values(view.steps).join(',')}`;

  return (
    <section className="card ex-run" data-testid="ex-run" data-state={view.state} data-export-id={view.id}>
      <header className="row ft-head">
        <h2 className="card__title">{view.ollamaName}</h2>
        <span className={`badge ft-state ft-state--${view.state}`} data-testid="ex-run-state">
          {t(`export.state.${view.state}`)}
        </span>
        <span className="muted small" data-testid="ex-elapsed">
          {running ? <Elapsed since={view.startedAt} /> : view.endedAt !== null ? clockText(view.endedAt - view.startedAt) : ''}
        </span>
        <span className="cnt-spacer" />
        {running && (
          <button type="button" className="button button--danger small" disabled={busy || !connected} onClick={() => void act(() => stopExport(view.deviceId, view.id))} data-testid="ex-stop">
            <Square size={14} aria-hidden /> {t('export.run.stop')}
          </button>
        )}
        {(view.state === 'failed' || view.state === 'stopped') && (
          <button type="button" className="button button--primary small" disabled={busy || !connected} onClick={() => void act(() => retryExport(view.deviceId, view.id))} data-testid="ex-retry">
            <RotateCcw size={14} aria-hidden /> {t('export.run.retry')}
          </button>
        )}
        {!running && (
          <button type="button" className="button button--ghost small" disabled={busy || !connected} onClick={() => setRemoving(true)} data-testid="ex-remove">
            <Trash2 size={14} aria-hidden /> {t('export.run.remove')}
          </button>
        )}
      </header>
      <p className="muted small">
        {view.sourceLabel}
        {view.attempt > 1 ? ` · ${t('export.run.attempt', { n: view.attempt })}` : ''}
      </p>
      <StepList view={view} />
      {view.failure && <FailureNotice message={view.failure.message} hint={view.failure.hint} lines={view.failure.lines} testId="ex-failure" />}
      {view.state === 'done' && <TakeHome view={view} connected={connected} />}
      <details className="ex-log" open={view.state !== 'done'}>
        <summary>{t('export.run.log')}</summary>
        {connected && <LogViewer key={logKey} name={`export-${view.ollamaName.replace(/[:/]/g, '-')}`} load={loadLog} testId="ex-log" />}
      </details>
      <ConfirmDialog
        open={removing}
        title={t('export.run.removeTitle', { name: view.ollamaName })}
        onClose={() => setRemoving(false)}
        onConfirm={() => void act(() => removeExport(view.deviceId, view.id, deleteFiles))}
        confirmLabel={t('export.run.remove')}
        cancelLabel={t('common.cancel')}
        icon={<Trash2 size={14} aria-hidden />}
        testId="ex-remove-confirm"
        confirmTestId="ex-remove-go"
      >
        <p>{t('export.run.removeBody')}</p>
        <label className="bm-check">
          <input type="checkbox" checked={deleteFiles} onChange={(e) => setDeleteFiles(e.target.checked)} data-testid="ex-remove-files" /> {t('export.run.removeFiles', { dir: view.workDir })}
        </label>
      </ConfirmDialog>
    </section>
  );
};
