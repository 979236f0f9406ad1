import { ArrowDownToLine, ArrowUpFromLine, Ban, CircleCheck, FolderOpen, Play, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { TransferView } from '../../../src/domain/transfer.js';
import { cancelTransfer, removeTransfer, resumeTransfer, revealDownload } from '../../files/files-store.js';
import { displayName, etaSeconds, fileSize, shortDuration, transferPercent } from './file-format.js';

const active = (t: TransferView) => t.state === 'queued' || t.state === 'running' || t.state === 'retrying' || t.state === 'verifying';

const Row = ({ transfer: x, connected }: { transfer: TransferView; connected: boolean }) => {
  const { t } = useTranslation();
  const percent = transferPercent(x);
  const eta = etaSeconds(x);
  const Direction = x.direction === 'download' ? ArrowDownToLine : ArrowUpFromLine;
  const shown = displayName(x.name);
  return (
    <li className={`files__transfer files__transfer--${x.state}`} data-testid="transfer-row" data-state={x.state} data-direction={x.direction} data-name={x.name}>
      <div className="row files__transfer-head">
        <Direction size={15} aria-label={t(`files.direction.${x.direction}`)} />
        <span className="files__transfer-name" title={shown}>
          {shown}
        </span>
        <span className={`models__phase files__state files__state--${x.state}`} data-testid="transfer-state">
          {t(`files.state.${x.state}`)}
        </span>
        {x.checksum?.match === true ? (
          <span className="files__checksum" title={t('files.checksumTitle', { sha256: x.checksum.local ?? '' })} data-testid="transfer-checksum">
            <CircleCheck size={14} aria-hidden /> sha256
          </span>
        ) : null}
        <span className="cnt-spacer" />
        {active(x) && x.state !== 'verifying' ? (
          <button type="button" className="button button--ghost small" onClick={() => void cancelTransfer(x.deviceId, x.id)} data-testid="transfer-cancel">
            <Ban size={14} aria-hidden /> {t('files.cancel')}
          </button>
        ) : null}
        {x.state === 'failed' || x.state === 'cancelled' ? (
          <button type="button" className="button button--ghost small" disabled={!connected} onClick={() => void resumeTransfer(x.deviceId, x.id)} data-testid="transfer-resume">
            <Play size={14} aria-hidden /> {t('files.resume')}
          </button>
        ) : null}
        {x.direction === 'download' && x.state === 'done' ? (
          <button type="button" className="button button--ghost small" onClick={() => void revealDownload(x.deviceId, x.localPath)} data-testid="transfer-reveal">
            <FolderOpen size={14} aria-hidden /> {t('files.reveal')}
          </button>
        ) : null}
        {!active(x) ? (
          <button type="button" className="icon-button" aria-label={t('files.removeTransfer')} title={t('files.removeTransfer')} onClick={() => void removeTransfer(x.deviceId, x.id)} data-testid="transfer-remove">
            <Trash2 size={15} />
          </button>
        ) : null}
      </div>
      <div className="cnt-bar" role="progressbar" aria-label={shown} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent === null ? undefined : Math.round(percent)}>
        <div className="cnt-bar__fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <div className="row small muted files__transfer-stats">
        <span data-testid="transfer-bytes">{x.size === null ? fileSize(x.bytes) : `${fileSize(x.bytes)} / ${fileSize(x.size)}`}</span>
        {x.kind === 'dir' ? <span>{t('files.filesDone', { done: x.files.done, total: x.files.total ?? '…' })}</span> : null}
        {x.state === 'running' && x.rate > 0 ? <span>{fileSize(x.rate)}/s</span> : null}
        {eta !== null ? <span>{t('files.eta', { time: shortDuration(eta) })}</span> : null}
        {x.resumes > 0 ? <span>{t('files.resumes', { count: x.resumes })}</span> : null}
        <span className="files__transfer-where" title={x.direction === 'download' ? x.localPath : x.remotePath}>
          {t(x.direction === 'download' ? 'files.savedTo' : 'files.uploadedTo', { path: displayName(x.direction === 'download' ? x.localPath : x.remotePath) })}
        </span>
      </div>
      {x.error ? (
        <div className="notice notice--error files__transfer-error" role="alert">
          <div>
            <p className="notice__message">{x.error.message}</p>
            {x.error.hint ? <p className="notice__hint">{x.error.hint}</p> : null}
          </div>
        </div>
      ) : null}
    </li>
  );
};

/** This box's transfers, newest first, with what can be done to each. */
export const TransfersPanel = ({ deviceId, transfers, connected }: { deviceId: string; transfers: readonly TransferView[]; connected: boolean }) => {
  const { t } = useTranslation();
  const mine = transfers.filter((x) => x.deviceId === deviceId);
  return (
    <section className="card files__transfers" aria-labelledby="files-transfers-title" data-testid="transfers-panel">
      <h2 className="card__title" id="files-transfers-title">
        {t('files.transfers')}
      </h2>
      {mine.length === 0 ? (
        <p className="small muted" data-testid="transfers-empty">
          {t('files.transfersEmpty')}
        </p>
      ) : (
        <ul className="files__transfer-list">
          {mine.map((x) => (
            <Row key={x.id} transfer={x} connected={connected} />
          ))}
        </ul>
      )}
    </section>
  );
};
