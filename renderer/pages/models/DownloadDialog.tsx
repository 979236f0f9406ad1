import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src/contract/errors.js';
import type { DownloadSource } from '../../../src/domain/model-download.js';
import { bridge } from '../../bridge/bridge.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorNotice } from '../../components/Notice.js';
import { startDownload } from '../../models/models-store.js';

const sources: readonly DownloadSource[] = ['huggingface', 'modelscope', 'ollama'];

/** Source, model id, revision, and a hub token kept in the secret store (never shown again). */
export const DownloadDialog = ({ deviceId, open, onClose }: { deviceId: string; open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const [source, setSource] = useState<DownloadSource>('huggingface');
  const [id, setId] = useState('');
  const [revision, setRevision] = useState('');
  const [useToken, setUseToken] = useState(false);
  const [token, setToken] = useState('');
  const [kept, setKept] = useState<{ huggingface: boolean; modelscope: boolean }>({ huggingface: false, modelscope: false });
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const readKept = () => void bridge().call('models:token-status', {}).then((r) => r.ok && setKept(r.value));
  useEffect(() => {
    if (open) readKept();
  }, [open]);

  const hub = source === 'ollama' ? null : source;
  const saveToken = async (value: string | null) => {
    if (!hub) return;
    const result = await bridge().call('models:token-set', { source: hub, token: value });
    if (!result.ok) setError(result.error);
    setToken('');
    readKept();
  };
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    const result = await startDownload(deviceId, { source, id: id.trim(), ...(revision.trim() && hub ? { revision: revision.trim() } : {}), useToken: useToken && hub !== null });
    setBusy(false);
    if (result.ok) {
      setId('');
      setRevision('');
      onClose();
    } else setError(result.error);
  };

  return (
    <Dialog open={open} title={t('models.dialog.title')} onClose={onClose} testId="download-dialog">
      <form
        className="models__dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label className="cnt-field">
          <span className="cnt-field__label">{t('models.dialog.source')}</span>
          <select className="cnt-field__control" value={source} onChange={(e) => setSource(e.target.value as DownloadSource)} data-testid="download-source">
            {sources.map((s) => (
              <option key={s} value={s}>
                {t(`models.source.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="cnt-field">
          <span className="cnt-field__label">{t('models.dialog.id')}</span>
          <input className="cnt-field__control cnt-mono" value={id} onChange={(e) => setId(e.target.value)} placeholder={t(`models.dialog.idHint.${source}`)} required data-testid="download-id" />
        </label>
        {hub ? (
          <>
            <label className="cnt-field">
              <span className="cnt-field__label">{t('models.dialog.revision')}</span>
              <input className="cnt-field__control cnt-mono" value={revision} onChange={(e) => setRevision(e.target.value)} placeholder="main" data-testid="download-revision" />
            </label>
            <p className="small muted">{t('models.dialog.revisionHint')}</p>
            <label className="row models__check">
              <input type="checkbox" checked={useToken} onChange={(e) => setUseToken(e.target.checked)} data-testid="download-use-token" /> {t('models.dialog.useToken')}
            </label>
            {useToken ? (
              <div className="models__token">
                <p className="small muted">{kept[hub] ? t('models.dialog.tokenSaved') : t('models.dialog.tokenNone')}</p>
                <div className="row">
                  <input className="cnt-field__control cnt-mono" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} aria-label={t('models.dialog.token')} placeholder={t('models.dialog.token')} data-testid="download-token" />
                  <button type="button" className="button small" disabled={token.trim() === ''} onClick={() => void saveToken(token.trim())}>
                    {t('models.dialog.tokenSave')}
                  </button>
                  {kept[hub] ? (
                    <button type="button" className="button button--ghost small" onClick={() => void saveToken(null)}>
                      {t('models.dialog.tokenClear')}
                    </button>
                  ) : null}
                </div>
              </div>
            ) : null}
          </>
        ) : null}
        <p className="small muted">{t('models.dialog.spaceNote')}</p>
        {error ? <ErrorNotice error={error} /> : null}
        <div className="row dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy || id.trim() === ''} data-testid="download-start">
            {t('models.dialog.start')}
          </button>
        </div>
      </form>
    </Dialog>
  );
};
