import { Download, FolderOpen, FolderPlus, Loader2, Pencil, RefreshCw, Trash2, Unplug, Upload } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileEntry } from '../../../src/domain/transfer.js';
import { Welcome } from '../../app/Welcome.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/Notice.js';
import { boxName } from '../../devices/box-name.js';
import { deleteEntries, download, folderOf, followTransfers, makeFolder, openFolder, refreshFolder, renameEntry, select, setActionError, useFilesStore } from '../../files/files-store.js';
import { uploadFiles } from '../../files/upload.js';
import { useSelectedDevice } from '../../state/devices-store.js';
import { DeleteDialog, NameDialog } from './FileDialogs.js';
import { fileSize } from './file-format.js';
import { FileTable } from './FileTable.js';
import { PathBar } from './PathBar.js';
import { SpaceCard } from './SpaceCard.js';
import { TransfersPanel } from './TransfersPanel.js';
import './files.css';

type Asking = { kind: 'mkdir' } | { kind: 'rename'; entry: FileEntry } | { kind: 'delete'; entries: readonly FileEntry[] } | undefined;

const Files = ({ deviceId, box, connected }: { deviceId: string; box: string; connected: boolean }) => {
  const { t, i18n } = useTranslation();
  const folder = useFilesStore((s) => folderOf(s, deviceId));
  const transfers = useFilesStore((s) => s.transfers);
  const actionError = useFilesStore((s) => s.actionErrors[deviceId]);
  const [asking, setAsking] = useState<Asking>(undefined);
  const [staging, setStaging] = useState<{ name: string; bytes: number; size: number } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const loaded = folder.entries.length > 0 || folder.path !== '~';

  useEffect(() => void followTransfers(), []);
  useEffect(() => {
    if (connected) void refreshFolder(deviceId);
  }, [deviceId, connected]);

  const chosen = folder.entries.filter((e) => folder.selected.includes(e.path));
  const go = (path: string) => openFolder(deviceId, path);
  const upload = (files: readonly File[]) => {
    if (files.length > 0 && connected) void uploadFiles(deviceId, folder.path, files, setStaging);
  };
  const actions = {
    open: (entry: FileEntry) => void go(entry.path),
    up: () => folder.parent !== null && void go(folder.parent),
    rename: (entry: FileEntry) => setAsking({ kind: 'rename', entry }),
    remove: (entries: readonly FileEntry[]) => setAsking({ kind: 'delete', entries }),
    drop: upload,
  };
  const busy = !connected || folder.loading;

  return (
    <div className="files" data-testid="files-page">
      <header className="page__header">
        <div>
          <h1>{t('files.title')}</h1>
          <p className="small muted">{box}</p>
        </div>
        <div className="row">
          <button type="button" className="button" disabled={busy} onClick={() => void refreshFolder(deviceId)} data-testid="files-refresh">
            {folder.loading ? <Loader2 size={16} className="spin" aria-hidden /> : <RefreshCw size={16} aria-hidden />} {t('files.refresh')}
          </button>
        </div>
      </header>

      <PathBar path={folder.path} parent={folder.parent} disabled={!connected} onGo={go} />

      <div className="row files__toolbar">
        <button type="button" className="button" disabled={busy} onClick={() => setAsking({ kind: 'mkdir' })} data-testid="files-mkdir">
          <FolderPlus size={16} aria-hidden /> {t('files.newFolder')}
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => fileInput.current?.click()} data-testid="files-upload">
          <Upload size={16} aria-hidden /> {t('files.upload')}
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          onChange={(event) => {
            upload([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
          data-testid="files-upload-input"
        />
        <span className="files__toolbar-gap" />
        <button type="button" className="button" disabled={busy || chosen.length === 0} onClick={() => chosen.forEach((e) => void download(deviceId, e.path))} data-testid="files-download">
          <Download size={16} aria-hidden /> {t('files.download')}
        </button>
        <button type="button" className="button" disabled={busy || chosen.length !== 1} onClick={() => chosen[0] && setAsking({ kind: 'rename', entry: chosen[0] })} title="F2" data-testid="files-rename">
          <Pencil size={16} aria-hidden /> {t('files.rename')}
        </button>
        <button type="button" className="button" disabled={busy || chosen.length === 0} onClick={() => setAsking({ kind: 'delete', entries: chosen })} title="Del" data-testid="files-delete">
          <Trash2 size={16} aria-hidden /> {t('files.delete')}
        </button>
      </div>

      {staging ? (
        <p className="small muted files__staging" role="status" data-testid="files-staging">
          <Loader2 size={14} className="spin" aria-hidden /> {t('files.staging', { name: staging.name, done: fileSize(staging.bytes), size: fileSize(staging.size) })}
        </p>
      ) : null}
      {folder.error ? <ErrorNotice error={folder.error} onRetry={connected ? () => void go('~') : undefined} retryLabel={t('files.goHome')} /> : null}
      {actionError ? <ErrorNotice error={actionError} onRetry={() => setActionError(deviceId, undefined)} retryLabel={t('common.close')} /> : null}

      {!connected && !loaded ? (
        <EmptyState icon={Unplug} title={t('files.notConnectedTitle')} body={t('files.notConnected', { box })} testId="files-offline" />
      ) : !loaded && folder.loading ? (
        <p className="muted cnt-loading" role="status">
          <Loader2 size={16} className="spin" aria-hidden /> {t('files.loading')}
        </p>
      ) : (
        <section className="card files__folder" aria-label={t('files.tableLabel')}>
          <FileTable entries={folder.entries} selected={folder.selected} onSelect={(paths) => select(deviceId, paths)} actions={actions} language={i18n.language} />
          {loaded && folder.entries.length === 0 && !folder.error ? (
            <EmptyState icon={FolderOpen} title={t('files.emptyTitle')} body={t('files.emptyBody')} testId="files-empty" />
          ) : null}
          {/* Below the table, so what it says (and its length) never moves the rows under the pointer. */}
          <p className="small muted files__status" data-testid="files-status">
            {chosen.length > 0 ? t('files.selected', { count: chosen.length }) : t('files.hint')}
          </p>
        </section>
      )}

      <div className="files__cards">
        <TransfersPanel deviceId={deviceId} transfers={transfers} connected={connected} />
        <SpaceCard deviceId={deviceId} connected={connected} onOpen={(path) => void go(path)} />
      </div>

      {asking?.kind === 'mkdir' ? (
        <NameDialog title={t('files.newFolderTitle', { folder: folder.path })} initial="" confirmLabel={t('files.create')} onClose={() => setAsking(undefined)} onSubmit={async (name) => (await makeFolder(deviceId, folder.path, name)).ok} testId="files-mkdir-dialog" />
      ) : null}
      {asking?.kind === 'rename' ? (
        <NameDialog title={t('files.renameTitle')} initial={asking.entry.name} confirmLabel={t('files.rename')} onClose={() => setAsking(undefined)} onSubmit={async (name) => (await renameEntry(deviceId, asking.entry.path, name)).ok} testId="files-rename-dialog" />
      ) : null}
      {asking?.kind === 'delete' ? (
        <DeleteDialog entries={asking.entries} onClose={() => setAsking(undefined)} onConfirm={() => void deleteEntries(deviceId, asking.entries.map((e) => e.path))} />
      ) : null}
    </div>
  );
};

/** Browse the selected box over SFTP, move files both ways, and see what fills its disk. */
const FilesPage = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  if (!view) return <Welcome page={t('nav.files')} />;
  const { device, status } = view;
  return <Files key={device.id} deviceId={device.id} box={boxName(t, device)} connected={status.kind === 'connected'} />;
};

export default FilesPage;
