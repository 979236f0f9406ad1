import { Copy, Download, FolderOpen } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportView } from '../../../src/domain/export.js';
import { useCopy } from '../../components/use-copy.js';
import { downloadExport, useExportStore } from '../../export/export-store.js';
import { useFilesStore } from '../../files/files-store.js';
import { useNavStore } from '../../state/nav-store.js';
import { fileSize } from '../files/file-format.js';

/** The downloads this export started, as the transfer queue reports them. */
const Transfers = ({ exportId }: { exportId: string }) => {
  const { t } = useTranslation();
  const ids = useExportStore((s) => s.downloads[exportId]);
  const transfers = useFilesStore((s) => s.transfers).filter((x) => ids?.includes(x.id));
  if (transfers.length === 0) return null;
  return (
    <ul className="ex-transfers" data-testid="ex-transfers">
      {transfers.map((x) => (
        <li key={x.id} data-testid="ex-transfer" data-state={x.state} data-name={x.name}>
          <span className="ex-transfer__name">{x.name}</span>
          <progress max={Math.max(x.size ?? 1, 1)} value={x.state === 'done' ? Math.max(x.size ?? 1, 1) : x.bytes} aria-label={x.name} />
          <span className="muted small">
            {fileSize(x.bytes)}
            {x.size !== null ? ` / ${fileSize(x.size)}` : ''} · {t(`export.transfer.${x.state}`)}
            {x.checksum?.match === true ? ` · ${t('export.transfer.verified')}` : ''}
          </span>
          {x.state === 'done' && <code className="muted small">{x.localPath}</code>}
        </li>
      ))}
    </ul>
  );
};

/** A finished chain: the test prompt and the answer, `ollama run NAME`, and the GGUF / Modelfile to take home. */
export const TakeHome = ({ view, connected }: { view: ExportView; connected: boolean }) => {
  const { t } = useTranslation();
  const copy = useCopy();
  const go = useNavStore((s) => s.go);
  const [busy, setBusy] = useState(false);
  const command = `ollama run ${view.ollamaName}`;
  const download = async (file: 'gguf' | 'modelfile') => {
    setBusy(true);
    await downloadExport(view.deviceId, view.id, file);
    setBusy(false);
  };
  return (
    <div className="ex-done" data-testid="ex-done">
      <div className="ex-answer">
        <p className="muted small">{t('export.done.prompt')}</p>
        <p className="ex-answer__prompt" data-testid="ex-test-prompt">
          {view.testPrompt}
        </p>
        <p className="muted small">{t('export.done.answer')}</p>
        <p className="ex-answer__text" data-testid="ex-answer">
          {view.answer ?? t('export.done.noAnswer')}
        </p>
      </div>
      <div className="row ex-command">
        <code data-testid="ex-run-command">{command}</code>
        <button type="button" className="button button--ghost small" onClick={() => void copy.copy(command)} data-testid="ex-run-copy">
          <Copy size={14} aria-hidden /> {copy.state === 'copied' ? t('export.copied') : copy.state === 'failed' ? t('export.copyFailed') : t('export.copy')}
        </button>
      </div>
      <h3 className="ft-sub">{t('export.done.takeHome')}</h3>
      <div className="row ft-actions">
        <button type="button" className="button" disabled={!connected || busy} onClick={() => void download('gguf')} data-testid="ex-download-gguf">
          <Download size={14} aria-hidden /> {t('export.done.downloadGguf')}
        </button>
        <button type="button" className="button" disabled={!connected || busy} onClick={() => void download('modelfile')} data-testid="ex-download-modelfile">
          <Download size={14} aria-hidden /> {t('export.done.downloadModelfile')}
        </button>
        <button type="button" className="button button--ghost small" onClick={() => go('files')}>
          <FolderOpen size={14} aria-hidden /> {t('export.done.queue')}
        </button>
      </div>
      <Transfers exportId={view.id} />
      <p className="muted small">{t('export.done.where', { dir: view.workDir, name: view.ollamaName })}</p>
    </div>
  );
};
