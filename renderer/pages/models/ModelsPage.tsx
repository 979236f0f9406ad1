import { Boxes, Database, Download, RefreshCw } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelEntry } from '../../../src/domain/model.js';
import { Welcome } from '../../app/Welcome.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/Notice.js';
import { clearModelsError, deleteModel, loadLibrary, useModelsStore } from '../../models/models-store.js';
import { useSelectedDevice } from '../../state/devices-store.js';
import { DownloadDialog } from './DownloadDialog.js';
import { DownloadsPanel } from './DownloadsPanel.js';
import { ModelTable } from './ModelTable.js';
import { ScanProblems } from './ScanProblems.js';
import { useModelsRefresh } from './use-models-refresh.js';
import './models.css';
import { matches, modelSize, sortModels, sourceOrder, type SortKey } from './model-format.js';

const ModelsPage = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  const deviceId = view?.device.id;
  const connected = view?.status.kind === 'connected';
  const library = useModelsStore((s) => (deviceId ? s.libraries[deviceId] : undefined));
  const scanning = useModelsStore((s) => (deviceId ? (s.scanning[deviceId] ?? false) : false));
  const downloads = useModelsStore((s) => (deviceId ? s.downloads[deviceId] : undefined));
  const error = useModelsStore((s) => (deviceId ? s.errors[deviceId] : undefined));
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  const [dialog, setDialog] = useState(false);
  const [deleting, setDeleting] = useState<ModelEntry | undefined>(undefined);
  const [freed, setFreed] = useState<string | undefined>(undefined);

  useModelsRefresh(deviceId, connected);

  const shown = useMemo(() => sortModels((library?.models ?? []).filter((m) => matches(m, filter)), sort), [library, filter, sort]);
  if (!view || !deviceId) return <Welcome page={t('nav.models')} />;
  const total = (library?.models ?? []).reduce((s, m) => s + (m.sizeBytes ?? 0), 0);

  return (
    <div className="models" data-testid="models-page">
      <header className="page__header row">
        <h1>{t('nav.models')}</h1>
        <span className="cnt-spacer" />
        <a className="button button--ghost small" href="#/containers" data-testid="models-engine-images">
          <Boxes size={14} aria-hidden /> {t('models.engineImages')}
        </a>
        <button type="button" className="button button--ghost small" onClick={() => void loadLibrary(deviceId)} disabled={!connected || scanning} data-testid="models-refresh">
          <RefreshCw size={14} aria-hidden className={scanning ? 'spin' : undefined} /> {t('models.refresh')}
        </button>
        <button type="button" className="button button--primary small" onClick={() => setDialog(true)} disabled={!connected} data-testid="models-download">
          <Download size={14} aria-hidden /> {t('models.download')}
        </button>
      </header>
      <p className="muted models__explain">{connected ? t('models.explain') : t('models.notConnected', { box: view.device.name })}</p>
      {error ? <ErrorNotice error={error} onRetry={() => clearModelsError(deviceId)} retryLabel={t('common.close')} /> : null}
      {freed ? (
        <div className="notice" role="status" data-testid="models-freed">
          <p className="notice__message">{freed}</p>
        </div>
      ) : null}
      {library ? <ScanProblems problems={library.problems} /> : null}
      <DownloadsPanel deviceId={deviceId} downloads={downloads ?? []} connected={connected} />
      {library && library.models.length === 0 ? (
        <EmptyState icon={Database} title={t('models.emptyTitle')} body={t('models.emptyBody')} testId="models-empty">
          <button type="button" className="button button--primary" onClick={() => setDialog(true)} disabled={!connected}>
            {t('models.download')}
          </button>
        </EmptyState>
      ) : null}
      {library && library.models.length > 0 ? (
        <>
          <div className="row models__toolbar">
            <input className="cnt-field__control models__filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('models.filter')} aria-label={t('models.filter')} data-testid="models-filter" />
            <label className="row small">
              {t('models.sortBy')}
              <select className="cnt-field__control" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
                {(['name', 'size', 'source'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`models.sort.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <span className="cnt-spacer" />
            <span className="small muted" data-testid="models-total">
              {t('models.total', { count: library.models.length, size: modelSize(total) ?? '0 MB' })}
            </span>
          </div>
          {sourceOrder.map((source) => {
            const models = shown.filter((m) => m.source === source);
            return models.length > 0 ? <ModelTable key={source} source={source} models={models} connected={connected} onDelete={setDeleting} /> : null;
          })}
        </>
      ) : null}
      {!library && scanning ? <p className="muted">{t('models.scanning')}</p> : null}
      <DownloadDialog deviceId={deviceId} open={dialog} onClose={() => setDialog(false)} />
      <ConfirmDialog
        open={deleting !== undefined}
        title={t('models.deleteTitle', { id: deleting?.id ?? '' })}
        onClose={() => setDeleting(undefined)}
        onConfirm={() => {
          const target = deleting;
          if (!target) return;
          void deleteModel(deviceId, target.id, target.source).then((r) => r.ok && setFreed(t('models.deleted', { id: target.id, size: modelSize(r.value.freedBytes) ?? t('models.unknownSize') })));
        }}
        confirmLabel={t('models.delete')}
        cancelLabel={t('common.cancel')}
        testId="model-delete-dialog"
        confirmTestId="model-delete-confirm"
      >
        <p className="cnt-dialog-text">
          {deleting?.source === 'ollama'
            ? t('models.deleteBodyOllama', { id: deleting.id, size: modelSize(deleting.sizeBytes) ?? t('models.unknownSize') })
            : t('models.deleteBody', { path: deleting?.path ?? '', size: modelSize(deleting?.sizeBytes ?? null) ?? t('models.unknownSize') })}
        </p>
      </ConfirmDialog>
    </div>
  );
};

export default ModelsPage;
