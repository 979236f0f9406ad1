/**
 * Each box's model library and download jobs as main reports them (models:list on demand,
 * models:downloads-changed while a download runs, models:library-changed after a download
 * finished or a delete), and the calls that change them. One slice for the Models page.
 */
import { create } from 'zustand';
import type { AppError, Result } from '../../src/contract/errors.js';
import type { MethodRequest, MethodResponse } from '../../src/contract/methods.js';
import type { ModelScanProblem } from '../../src/contract/methods/models.js';
import type { ModelEntry, ModelSource } from '../../src/domain/model.js';
import type { DownloadView } from '../../src/domain/model-download.js';
import { bridge } from '../bridge/bridge.js';
import { useSettingsStore } from '../state/settings-store.js';

interface Library {
  readonly models: readonly ModelEntry[];
  readonly scannedAt: number;
  readonly problems: readonly ModelScanProblem[];
}

interface ModelsState {
  readonly libraries: Readonly<Record<string, Library | undefined>>;
  readonly scanning: Readonly<Record<string, boolean>>;
  readonly downloads: Readonly<Record<string, readonly DownloadView[]>>;
  readonly errors: Readonly<Record<string, AppError | undefined>>;
}

export const useModelsStore = create<ModelsState>()(() => ({ libraries: {}, scanning: {}, downloads: {}, errors: {} }));

const setError = (deviceId: string, error: AppError | undefined) => useModelsStore.setState((s) => ({ errors: { ...s.errors, [deviceId]: error } }));
const setDownloads = (deviceId: string, list: readonly DownloadView[]) => useModelsStore.setState((s) => ({ downloads: { ...s.downloads, [deviceId]: list } }));

let following = false;

export const followModels = () => {
  if (following) return;
  following = true;
  bridge().on('models:downloads-changed', ({ deviceId, downloads }) => setDownloads(deviceId, downloads));
  bridge().on('models:library-changed', ({ deviceId }) => {
    if (useModelsStore.getState().libraries[deviceId]) void loadLibrary(deviceId, { quiet: true });
  });
  // The model folders changed (Settings, here or in another window): every library read so far is read again.
  useSettingsStore.subscribe((now, before) => {
    if (JSON.stringify(now.settings?.modelFolders) === JSON.stringify(before.settings?.modelFolders) || before.settings === undefined) return;
    for (const deviceId of Object.keys(useModelsStore.getState().libraries)) void loadLibrary(deviceId);
  });
};

const sameLibrary = (a: Library | undefined, b: Library): boolean => a !== undefined && JSON.stringify([a.models, a.problems]) === JSON.stringify([b.models, b.problems]);

/**
 * Reads a box's library. `quiet` (the page's own timer, a download that finished elsewhere): no
 * spinner, no error banner for a failed read (the last list stays), and an unchanged list keeps
 * its object so nothing re-renders.
 */
export const loadLibrary = async (deviceId: string, options: { quiet?: boolean } = {}): Promise<void> => {
  followModels();
  const quiet = options.quiet === true;
  if (!quiet) useModelsStore.setState((s) => ({ scanning: { ...s.scanning, [deviceId]: true } }));
  const result = await bridge().call('models:list', { deviceId });
  if (!quiet) useModelsStore.setState((s) => ({ scanning: { ...s.scanning, [deviceId]: false } }));
  if (result.ok) {
    if (!sameLibrary(useModelsStore.getState().libraries[deviceId], result.value)) useModelsStore.setState((s) => ({ libraries: { ...s.libraries, [deviceId]: result.value } }));
  } else if (!quiet) setError(deviceId, result.error);
};

export const loadDownloads = async (deviceId: string, options: { quiet?: boolean } = {}): Promise<void> => {
  followModels();
  const result = await bridge().call('models:downloads', { deviceId });
  if (result.ok) {
    if (JSON.stringify(useModelsStore.getState().downloads[deviceId]) !== JSON.stringify(result.value)) setDownloads(deviceId, result.value);
  } else if (options.quiet !== true) setError(deviceId, result.error);
};

const answered = <T>(deviceId: string, result: Result<T>): Result<T> => {
  setError(deviceId, result.ok ? undefined : result.error);
  return result;
};

export const deleteModel = async (deviceId: string, id: string, source: ModelSource) => {
  const result = answered(deviceId, await bridge().call('models:delete', { deviceId, id, source }));
  if (result.ok) await loadLibrary(deviceId);
  return result;
};

export const startDownload = async (deviceId: string, request: Omit<MethodRequest<'models:download'>, 'deviceId'>): Promise<Result<MethodResponse<'models:download'>>> =>
  bridge().call('models:download', { deviceId, ...request });

export const cancelDownload = async (deviceId: string, jobId: string) => answered(deviceId, await bridge().call('models:download-cancel', { deviceId, jobId }));
export const resumeDownload = async (deviceId: string, jobId: string) => answered(deviceId, await bridge().call('models:download-resume', { deviceId, jobId }));
export const removeDownload = async (deviceId: string, jobId: string) => answered(deviceId, await bridge().call('models:download-remove', { deviceId, jobId }));

export const clearModelsError = (deviceId: string) => setError(deviceId, undefined);
