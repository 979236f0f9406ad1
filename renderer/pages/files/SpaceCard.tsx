import { Database, FolderOpen, Loader2, RefreshCw } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CacheFolder } from '../../../src/domain/transfer.js';
import { ErrorNotice } from '../../components/Notice.js';
import { loadCacheSizes, useFilesStore } from '../../files/files-store.js';
import { useNavStore } from '../../state/nav-store.js';
import { displayName, fileSize } from './file-format.js';

/** Model caches are cleaned up on the Models page (it knows which files belong to which model). */
const modelCaches: ReadonlySet<CacheFolder['key']> = new Set(['huggingface', 'modelscope', 'ollama']);

/** How much each folder that grows on a GB10 holds, largest bar first, with where to clean it up. */
export const SpaceCard = ({ deviceId, connected, onOpen }: { deviceId: string; connected: boolean; onOpen: (path: string) => void }) => {
  const { t } = useTranslation();
  const cache = useFilesStore((s) => s.caches[deviceId]);
  const go = useNavStore((s) => s.go);
  useEffect(() => {
    if (connected) void loadCacheSizes(deviceId);
  }, [deviceId, connected]);
  const folders = [...(cache?.folders ?? [])].sort((a, b) => (b.bytes ?? -1) - (a.bytes ?? -1));
  const largest = Math.max(1, ...folders.map((f) => f.bytes ?? 0));
  return (
    <section className="card files__space" aria-labelledby="files-space-title" data-testid="files-space">
      <div className="row files__space-head">
        <h2 className="card__title" id="files-space-title">
          {t('files.space')}
        </h2>
        <span className="cnt-spacer" />
        <button type="button" className="button button--ghost small" disabled={!connected || cache?.loading} onClick={() => void loadCacheSizes(deviceId)} data-testid="files-space-refresh">
          {cache?.loading ? <Loader2 size={14} className="spin" aria-hidden /> : <RefreshCw size={14} aria-hidden />} {t('files.measure')}
        </button>
      </div>
      <p className="small muted files__space-explain">{t('files.spaceExplain')}</p>
      {cache?.error ? <ErrorNotice error={cache.error} /> : null}
      {cache?.folders === undefined && cache?.loading ? (
        <p className="small muted" role="status">
          <Loader2 size={14} className="spin" aria-hidden /> {t('files.measuring')}
        </p>
      ) : null}
      <ul className="files__space-list">
        {folders.map((f) => (
          <li key={f.key} className="files__space-item" data-testid="files-space-item" data-key={f.key} data-bytes={f.bytes ?? ''}>
            <div className="row files__space-line">
              <span className="files__space-name">{t(`files.caches.${f.key}`)}</span>
              <span className="cnt-spacer" />
              <span className="small">{f.bytes === null ? <span className="muted">{t('files.notThere')}</span> : fileSize(f.bytes)}</span>
            </div>
            <div className="cnt-bar files__space-bar" aria-hidden>
              <div className="cnt-bar__fill" style={{ width: `${f.bytes === null ? 0 : Math.max(1, (f.bytes / largest) * 100)}%` }} />
            </div>
            <div className="row small files__space-line">
              <span className="muted cnt-mono files__space-path" title={f.path}>
                {displayName(f.path)}
              </span>
              <span className="cnt-spacer" />
              {f.bytes === null ? null : modelCaches.has(f.key) ? (
                <button type="button" className="button button--ghost small" onClick={() => go('models')} data-testid="files-space-models">
                  <Database size={14} aria-hidden /> {t('files.cleanInModels')}
                </button>
              ) : (
                <button type="button" className="button button--ghost small" disabled={!connected} onClick={() => onOpen(f.path)} data-testid="files-space-open">
                  <FolderOpen size={14} aria-hidden /> {t('files.openFolder')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
};
