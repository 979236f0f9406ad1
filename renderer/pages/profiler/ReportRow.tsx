import { BarChart3, CircleCheck, Download, ExternalLink, FolderOpen, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportView } from '../../../src/contract/methods/profiler.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { deleteReport, downloadReport, openReport, revealReport, useProfilerStore } from '../../profiler/profiler-store.js';

const sizeText = (bytes: number) => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`);

/** What the last Open answered when it could not open the report. */
type OpenAnswer = { kind: 'no-nsight'; url: string } | { kind: 'missing'; path: string };

const OpenNotice = ({ answer, onReveal }: { answer: OpenAnswer; onReveal: () => void }) => {
  const { t } = useTranslation();
  if (answer.kind === 'missing') return <p className="notice notice--error">{t('profiler.reports.missingFile', { path: answer.path })}</p>;
  return (
    <div className="notice profiler__answer" data-testid="profiler-nsight-missing">
      <p>{t('profiler.reports.notInstalled')}</p>
      <div className="row">
        <a className="button button--ghost small" href={answer.url} target="_blank" rel="noreferrer" data-testid="profiler-nsight-get">
          <ExternalLink size={14} aria-hidden /> {t('profiler.reports.getNsight')}
        </a>
        <button type="button" className="button button--ghost small" onClick={onReveal} data-testid="profiler-nsight-reveal">
          <FolderOpen size={14} aria-hidden /> {t('profiler.reports.reveal')}
        </button>
      </div>
    </div>
  );
};

export const ReportRow = ({ deviceId, report, onSummary }: { deviceId: string; report: ReportView; onSummary: () => void }) => {
  const { t } = useTranslation();
  const transfer = useProfilerStore((s) => s.downloads[report.path]);
  const busy = useProfilerStore((s) => s.busy[`download:${report.path}`] === true || s.busy[`delete:${report.name}`] === true);
  const [asking, setAsking] = useState(false);
  const [openAnswer, setOpenAnswer] = useState<OpenAnswer | null>(null);
  /** Where the file is, when no file browser could be opened to show it. */
  const [notShown, setNotShown] = useState<string | null>(null);
  const done = transfer?.state === 'done';
  const moving = transfer !== undefined && transfer.state !== 'failed' && transfer.state !== 'cancelled' && !done;
  const percent = transfer && transfer.size ? Math.floor((transfer.bytes / transfer.size) * 100) : 0;
  const reveal = async () => {
    if (!transfer) return;
    const shown = await revealReport(transfer.localPath);
    setNotShown(shown && !shown.shown ? shown.path : null);
  };
  const open = async () => {
    if (!transfer) return;
    const opened = await openReport(transfer.localPath);
    if (!opened || opened.opened) return setOpenAnswer(null);
    setOpenAnswer(opened.app === null ? { kind: 'no-nsight', url: opened.downloadUrl } : { kind: 'missing', path: transfer.localPath });
  };
  const what = report.meta ? `${t(`profiler.reports.mode.${report.meta.mode}`)}${report.meta.command ? `: ${report.meta.command}` : ''}` : null;
  return (
    <li className="profiler__report" data-testid={`profiler-report-${report.name}`}>
      <div className="row profiler__report-head">
        <strong className="profiler__name" title={report.path}>
          {report.name}
        </strong>
        <span className="muted profiler__report-meta">
          {sizeText(report.sizeBytes)} · {new Date(report.modifiedAt).toLocaleString()}
          {what ? ` · ${what}` : ''}
        </span>
      </div>
      <div className="row profiler__report-actions">
        <button type="button" className="button button--ghost small" onClick={onSummary} data-testid="profiler-report-summary">
          <BarChart3 size={14} aria-hidden /> {t('profiler.reports.summary')}
        </button>
        {done ? (
          <>
            <button type="button" className="button button--ghost small" onClick={() => void open()} data-testid="profiler-report-open">
              <ExternalLink size={14} aria-hidden /> {t('profiler.reports.open')}
            </button>
            <button type="button" className="button button--ghost small" onClick={() => void reveal()} data-testid="profiler-report-reveal">
              <FolderOpen size={14} aria-hidden /> {t('profiler.reports.reveal')}
            </button>
          </>
        ) : (
          <button type="button" className="button button--ghost small" disabled={busy || moving} onClick={() => void downloadReport(deviceId, report.path)} data-testid="profiler-report-download">
            <Download size={14} aria-hidden /> {moving ? t('profiler.reports.downloading', { percent }) : t('profiler.reports.download')}
          </button>
        )}
        <span className="cnt-spacer" />
        <button type="button" className="button button--ghost small" disabled={busy || moving} onClick={() => setAsking(true)} aria-label={t('profiler.reports.delete')} title={t('profiler.reports.delete')} data-testid="profiler-report-delete">
          <Trash2 size={14} aria-hidden />
        </button>
      </div>
      {done ? (
        <p className="muted profiler__downloaded" data-testid="profiler-report-downloaded">
          {t('profiler.reports.downloaded')} <code className="profiler__path">{transfer.localPath}</code>
          {transfer.checksum?.match ? (
            <span className="profiler__checksum" title={transfer.checksum.local ?? ''} data-testid="profiler-report-checksum" data-sha256={transfer.checksum.local ?? ''}>
              <CircleCheck size={14} aria-hidden /> {t('profiler.reports.checksum', { hash: (transfer.checksum.local ?? '').slice(0, 12) })}
            </span>
          ) : null}
        </p>
      ) : null}
      {transfer?.error ? (
        <p className="notice notice--error">
          {transfer.error.message} {transfer.error.hint}
        </p>
      ) : null}
      <ConfirmDialog
        open={asking}
        title={t('profiler.reports.deleteTitle', { name: report.name })}
        onClose={() => setAsking(false)}
        onConfirm={() => (setAsking(false), void deleteReport(deviceId, report.name))}
        confirmLabel={t('profiler.reports.delete')}
        cancelLabel={t('profiler.reports.cancel')}
        tone="danger"
        confirmTestId="profiler-report-delete-confirm"
      >
        <p>{t('profiler.reports.deleteBody', { path: report.path })}</p>
      </ConfirmDialog>
      {openAnswer ? <OpenNotice answer={openAnswer} onReveal={() => void reveal()} /> : null}
      {notShown ? (
        <p className="notice" data-testid="profiler-reveal-unavailable">
          {t('profiler.reports.noFileBrowser')} <code className="profiler__path">{notShown}</code>
        </p>
      ) : null}
    </li>
  );
};
