/**
 * The file manager's state: each box's open folder (path, entries, selection), the transfer queue
 * as main reports it (files:transfers-changed carries the whole queue), and the cache sizes. The
 * queue lives here, not in the page, so leaving the page loses nothing.
 */
import { create } from 'zustand';
import type { AppError, Result } from '../../src/contract/errors.js';
import type { CacheFolder, FileEntry, TransferView } from '../../src/domain/transfer.js';
import { bridge } from '../bridge/bridge.js';

export interface FolderView {
  readonly path: string;
  readonly parent: string | null;
  readonly entries: readonly FileEntry[];
  /** Paths of the selected rows. */
  readonly selected: readonly string[];
  readonly loading: boolean;
  readonly error: AppError | undefined;
}

interface FilesState {
  readonly folders: Readonly<Record<string, FolderView>>;
  readonly transfers: readonly TransferView[];
  readonly caches: Readonly<Record<string, { folders: readonly CacheFolder[] | undefined; loading: boolean; error: AppError | undefined }>>;
  /** The last failed action (mkdir, rename, delete, queueing a transfer), per box. */
  readonly actionErrors: Readonly<Record<string, AppError | undefined>>;
  readonly downloadsDir: string | undefined;
}

export const useFilesStore = create<FilesState>()(() => ({ folders: {}, transfers: [], caches: {}, actionErrors: {}, downloadsDir: undefined }));

const emptyFolder: FolderView = { path: '~', parent: null, entries: [], selected: [], loading: false, error: undefined };

export const folderOf = (state: FilesState, deviceId: string): FolderView => state.folders[deviceId] ?? emptyFolder;

const patchFolder = (deviceId: string, patch: Partial<FolderView>) =>
  useFilesStore.setState((s) => ({ folders: { ...s.folders, [deviceId]: { ...folderOf(s, deviceId), ...patch } } }));

export const setActionError = (deviceId: string, error: AppError | undefined) => useFilesStore.setState((s) => ({ actionErrors: { ...s.actionErrors, [deviceId]: error } }));

let following = false;

/** Subscribes once to the queue and reads it (and where downloads land) now. */
export const followTransfers = async (): Promise<void> => {
  if (following) return;
  following = true;
  bridge().on('files:transfers-changed', ({ transfers }) => useFilesStore.setState({ transfers }));
  const [list, dir] = await Promise.all([bridge().call('files:transfers', {}), bridge().call('files:downloads-dir', {})]);
  if (list.ok) useFilesStore.setState({ transfers: list.value });
  if (dir.ok) useFilesStore.setState({ downloadsDir: dir.value.path });
};

/** Opens a folder (`~` for home); the old listing stays until the new one is there. */
export const openFolder = async (deviceId: string, path: string): Promise<boolean> => {
  patchFolder(deviceId, { loading: true });
  const result = await bridge().call('files:list', { deviceId, path });
  if (!result.ok) {
    patchFolder(deviceId, { loading: false, error: result.error });
    return false;
  }
  const same = result.value.path === folderOf(useFilesStore.getState(), deviceId).path;
  const kept = same ? folderOf(useFilesStore.getState(), deviceId).selected.filter((p) => result.value.entries.some((e) => e.path === p)) : [];
  patchFolder(deviceId, { ...result.value, selected: kept, loading: false, error: undefined });
  return true;
};

export const refreshFolder = (deviceId: string) => openFolder(deviceId, folderOf(useFilesStore.getState(), deviceId).path);

export const select = (deviceId: string, selected: readonly string[]) => patchFolder(deviceId, { selected });

/** Runs an action; its failure shows above the table, success reads the folder again. */
const act = async <T>(deviceId: string, call: () => Promise<Result<T>>): Promise<Result<T>> => {
  setActionError(deviceId, undefined);
  const result = await call();
  if (!result.ok) setActionError(deviceId, result.error);
  else await refreshFolder(deviceId);
  return result;
};

export const makeFolder = (deviceId: string, dir: string, name: string) => act(deviceId, () => bridge().call('files:mkdir', { deviceId, dir, name }));

export const renameEntry = (deviceId: string, path: string, name: string) => act(deviceId, () => bridge().call('files:rename', { deviceId, path, name }));

export const deleteEntries = async (deviceId: string, paths: readonly string[]): Promise<void> => {
  for (const path of paths) {
    const result = await act(deviceId, () => bridge().call('files:delete', { deviceId, path }));
    if (!result.ok) return;
  }
};

export const download = async (deviceId: string, remotePath: string): Promise<void> => {
  setActionError(deviceId, undefined);
  const result = await bridge().call('files:download', { deviceId, remotePath });
  if (!result.ok) setActionError(deviceId, result.error);
};

const transferCall = async (deviceId: string, call: () => Promise<Result<unknown>>) => {
  const result = await call();
  setActionError(deviceId, result.ok ? undefined : result.error);
};

export const cancelTransfer = (deviceId: string, id: string) => transferCall(deviceId, () => bridge().call('files:cancel', { id }));
export const resumeTransfer = (deviceId: string, id: string) => transferCall(deviceId, () => bridge().call('files:resume', { id }));
export const removeTransfer = (deviceId: string, id: string) => transferCall(deviceId, () => bridge().call('files:remove', { id }));

/** Shows a download in the laptop's file browser; in browser mode on another machine it says where it is. */
export const revealDownload = async (deviceId: string, localPath: string): Promise<void> => {
  const result = await bridge().call('files:reveal', { localPath });
  if (!result.ok) setActionError(deviceId, result.error);
  else if (!result.value.shown) setActionError(deviceId, { code: 'unsupported', message: `The file is at ${result.value.path} on the computer running PGX Companion.`, hint: 'Open that folder there; this browser cannot open folders on it.' });
};

export const loadCacheSizes = async (deviceId: string): Promise<void> => {
  useFilesStore.setState((s) => ({ caches: { ...s.caches, [deviceId]: { folders: s.caches[deviceId]?.folders, loading: true, error: undefined } } }));
  const result = await bridge().call('files:cache-sizes', { deviceId });
  useFilesStore.setState((s) => ({
    caches: { ...s.caches, [deviceId]: result.ok ? { folders: result.value, loading: false, error: undefined } : { folders: s.caches[deviceId]?.folders, loading: false, error: result.error } },
  }));
};
