import { BarChart3, Download, ExternalLink, FolderOpen, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportView } from '../../../src/contract/methods/profiler.js';
import { deleteReport, downloadReport, loadStats, openReport, revealReport, useProfilerStore } from '../../profiler/profiler-store.js';

const sizeText = (bytes: number) => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`);

const ReportRow = ({ deviceId, report, onSummary }: { deviceId: string; report: ReportView; onSummary: () => void }) => {
  const { t } = useTranslation();
  const transfer = useProfilerStore((s) => s.downloads[report.path]);
  const busy = useProfilerStore((s) => s.busy[`download:${report.path}`] === true || s.busy[`delete:${report.name}`] === true);
  const [notInstalled, setNotInstalled] = useState<string | null>(null);
  const done = transfer?.state === 'done';
  const percent = transfer && transfer.size ? Math.floor((transfer.bytes / transfer.size) * 100) : 0;
  const open = async () => {
    if (!transfer) return;
    const answer = await openReport(transfer.localPath);
    setNotInstalled(answer && !answer.opened ? answer.downloadUrl : null);
  };
  return (
    <li className="profiler__report" data-testid={`profiler-report-${report.name}`}>
      <div className="row">
        <strong className="profiler__name">{report.name}</strong>
        <span className="muted">
          {sizeText(report.sizeBytes)} · {new Date(report.modifiedAt).toLocaleString()}
          {report.meta ? ` · ${t(`profiler.reports.mode.${report.meta.mode}`)}${report.meta.command ? `: ${report.meta.command}` : ''}` : ''}
        </span>
        <span className="cnt-spacer" />
        <button type="button" className="button button--ghost small" onClick={onSummary} data-testid="profiler-report-summary">
          <BarChart3 size={14} aria-hidden /> {t('profiler.reports.summary')}
        </button>
        {done ? (
          <>
            <button type="button" className="button button--ghost small" onClick={() => void open()} data-testid="profiler-report-open">
              <ExternalLink size={14} aria-hidden /> {t('profiler.reports.open')}
            </button>
            <button type="button" className="button button--ghost small" onClick={() => void revealReport(transfer.localPath)} data-testid="profiler-report-reveal">
              <FolderOpen size={14} aria-hidden /> {t('profiler.reports.reveal')}
            </button>
          </>
        ) : (
          <button type="button" className="button button--ghost small" disabled={busy || (transfer !== undefined && transfer.state !== 'failed' && transfer.state !== 'cancelled')} onClick={() => void downloadReport(deviceId, report.path)} data-testid="profiler-report-download">
            <Download size={14} aria-hidden /> {transfer && transfer.state !== 'failed' ? t('profiler.reports.downloading', { percent }) : t('profiler.reports.download')}
          </button>
        )}
        <button type="button" className="button button--ghost small" disabled={busy} onClick={() => void deleteReport(deviceId, report.name)} aria-label={t('profiler.reports.delete')}>
          <Trash2 size={14} aria-hidden />
        </button>
      </div>
      {done ? (
        <p className="muted" data-testid="profiler-report-downloaded">
          {t('profiler.reports.downloaded')}: {transfer.localPath}
          {transfer.checksum?.match ? ` · ${t('profiler.reports.checksum')}` : ''}
        </p>
      ) : null}
      {transfer?.error ? (
        <p className="notice notice--error">
          {transfer.error.message} {transfer.error.hint}
        </p>
      ) : null}
      {notInstalled ? (
        <p className="notice" data-testid="profiler-nsight-missing">
          {t('profiler.reports.notInstalled', { url: notInstalled })}
        </p>
      ) : null}
    </li>
  );
};

export const ReportsPanel = ({ deviceId, reports, dir, onSummary }: { deviceId: string; reports: readonly ReportView[]; dir: string; onSummary: (report: ReportView) => void }) => {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="profiler-reports">
      <h2>{t('profiler.reports.title')}</h2>
      {reports.length === 0 ? (
        <p className="muted">{t('profiler.reports.empty', { dir })}</p>
      ) : (
        <ul className="profiler__list">
          {reports.map((r) => (
            <ReportRow
              key={r.path}
              deviceId={deviceId}
              report={r}
              onSummary={() => {
                onSummary(r);
                void loadStats(deviceId, r.path);
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
};
