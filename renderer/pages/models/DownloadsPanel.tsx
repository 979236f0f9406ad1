import { Ban, Play, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DownloadView } from '../../../src/domain/model-download.js';
import { cancelDownload, removeDownload, resumeDownload } from '../../models/models-store.js';
import { duration, modelSize } from './model-format.js';
import { FailureNotice } from '../../components/Notice.js';

const percentOf = (d: DownloadView): number | null => {
  if (d.phase === 'done') return 100;
  if (d.bytesTotal !== null && d.bytesTotal > 0) return Math.min(100, (d.bytesDone / d.bytesTotal) * 100);
  if (d.filesTotal !== null && d.filesTotal > 0 && d.filesDone !== null) return Math.min(100, (d.filesDone / d.filesTotal) * 100);
  return null;
};

/** The problem kinds (download-job.ts) with a sentence in every language. */
const localizedKinds = ['gated', 'unauthorized', 'not-found', 'revision-not-found', 'file-not-found', 'no-space', 'network', 'stopped'] as const;
const isLocalizedKind = (kind: string): kind is (typeof localizedKinds)[number] => (localizedKinds as readonly string[]).includes(kind);

const DownloadRow = ({ deviceId, download: d, connected }: { deviceId: string; download: DownloadView; connected: boolean }) => {
  const { t } = useTranslation();
  const percent = percentOf(d);
  // Known kinds in the user's language; others (an exit code, Ollama's own message) keep main's English.
  const localized = d.problem !== null && isLocalizedKind(d.problem.kind) ? d.problem.kind : null;
  const bytes = [modelSize(d.bytesDone) ?? '0 MB', d.bytesTotal !== null ? modelSize(d.bytesTotal) : null].filter(Boolean).join(' / ');
  const running = d.phase === 'running' || d.phase === 'queued';
  return (
    <li className={`models__download models__download--${d.phase}`} data-testid="download-row" data-phase={d.phase} data-model={d.model}>
      <div className="row models__download-head">
        <span className="models__id">{d.model}</span>
        <span className="small muted">{t(`models.source.${d.source}`)}</span>
        <span className={`models__phase models__phase--${d.phase}`} data-testid="download-phase">
          {t(`models.phase.${d.phase}`)}
        </span>
        <span className="cnt-spacer" />
        {running ? (
          <button type="button" className="button button--ghost small" disabled={!connected} onClick={() => void cancelDownload(deviceId, d.id)} data-testid="download-cancel">
            <Ban size={14} aria-hidden /> {t('models.cancel')}
          </button>
        ) : null}
        {d.phase === 'failed' || d.phase === 'cancelled' ? (
          <button type="button" className="button button--ghost small" disabled={!connected} onClick={() => void resumeDownload(deviceId, d.id)} data-testid="download-resume">
            <Play size={14} aria-hidden /> {t('models.resume')}
          </button>
        ) : null}
        {!running ? (
          <button type="button" className="icon-button" aria-label={t('models.remove')} title={t('models.remove')} disabled={!connected} onClick={() => void removeDownload(deviceId, d.id)} data-testid="download-remove">
            <Trash2 size={15} />
          </button>
        ) : null}
      </div>
      <div className="cnt-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent === null ? undefined : Math.round(percent)}>
        <div className="cnt-bar__fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <div className="row small muted models__download-stats">
        <span data-testid="download-bytes">{bytes}</span>
        {d.filesTotal !== null && d.source !== 'ollama' ? <span>{t('models.files', { done: d.filesDone ?? 0, total: d.filesTotal })}</span> : null}
        {d.rate !== null ? <span>{modelSize(d.rate)}/s</span> : null}
        {d.eta !== null ? <span data-testid="download-eta">{t(d.etaScope === 'download' ? 'models.eta' : 'models.etaFile', { time: duration(d.eta) })}</span> : null}
        {d.currentFile ? <span className="cnt-mono">{d.currentFile}</span> : null}
      </div>
      {d.problem ? (
        <FailureNotice
          message={localized ? t(`models.downloadProblem.${localized}.message`, { model: d.model }) : d.problem.message}
          hint={localized ? t(`models.downloadProblem.${localized}.hint`) : d.problem.hint}
          lines={d.lastLines}
          className="models__problem"
          testId="download-problem"
        />
      ) : null}
    </li>
  );
};

export const DownloadsPanel = ({ deviceId, downloads, connected }: { deviceId: string; downloads: readonly DownloadView[]; connected: boolean }) => {
  const { t } = useTranslation();
  if (downloads.length === 0) return null;
  return (
    <section className="models__downloads" aria-label={t('models.downloads')} data-testid="downloads-panel">
      <h2 className="models__group-title">{t('models.downloads')}</h2>
      <ul className="models__download-list">
        {downloads.map((d) => (
          <DownloadRow key={d.id} deviceId={deviceId} download={d} connected={connected} />
        ))}
      </ul>
    </section>
  );
};
