/**
 * The Export page's state, per box: the exports as main reports them (export:changed), the one
 * opened, llama.cpp's tools (and our build job), the form, and the downloads each export started
 * (their progress is the transfer queue's, files:transfers-changed). A chain runs for minutes on
 * the box, so all of it lives here: leaving the page loses nothing, and the box is the truth.
 */
import { create } from 'zustand';
import type { AppError, Result } from '../../src/contract/errors.js';
import type { ExportSettings, ExportView, LlamaCppTools } from '../../src/domain/export.js';
import type { RunView } from '../../src/domain/finetune.js';
import { bridge } from '../bridge/bridge.js';
import { followTransfers } from '../files/files-store.js';
import { useNavStore } from '../state/nav-store.js';
import { defaultExportForm, withNameFollowing, type ExportForm } from './export-form.js';

export type ExportTab = 'new' | 'exports';

interface ExportState {
  readonly tab: ExportTab;
  readonly form: ExportForm;
  readonly exports: Readonly<Record<string, readonly ExportView[] | undefined>>;
  readonly selectedId: string | null;
  readonly tools: Readonly<Record<string, LlamaCppTools | undefined>>;
  /** Transfer ids of the downloads started from an export, by export id. */
  readonly downloads: Readonly<Record<string, readonly string[] | undefined>>;
  readonly errors: Readonly<Record<string, AppError | undefined>>;
  /** Full model folders in the box's library (config.json read): a source without a merge. */
  readonly models: Readonly<Record<string, readonly ModelChoice[] | undefined>>;
}

export interface ModelChoice {
  readonly id: string;
  /** The folder convert reads (the HF snapshot, or the user's folder). */
  readonly dir: string;
  readonly modelType: string | null;
}

export const useExportStore = create<ExportState>()(() => ({
  tab: 'new',
  form: defaultExportForm,
  exports: {},
  selectedId: null,
  tools: {},
  downloads: {},
  errors: {},
  models: {},
}));

const set = useExportStore.setState;

export const setTab = (tab: ExportTab) => set({ tab });
export const selectExport = (id: string | null) => set({ selectedId: id });
export const setForm = (patch: Partial<ExportForm>) => set((s) => ({ form: { ...s.form, ...patch } }));
/** A change that carries the suggested Ollama name along (unless the user typed one). */
export const setFormFollowing = (patch: Partial<ExportForm>) => set((s) => ({ form: withNameFollowing(s.form, patch) }));
export const setError = (deviceId: string, error: AppError | undefined) => set((s) => ({ errors: { ...s.errors, [deviceId]: error } }));
export const clearError = (deviceId: string) => setError(deviceId, undefined);

/** The value of a call, or undefined with the error kept for the page (one notice per box). */
const keep = <T>(deviceId: string, result: Result<T>): T | undefined => {
  if (result.ok) return result.value;
  setError(deviceId, result.error);
  return undefined;
};

const byNewest = (list: readonly ExportView[]) => [...list].sort((a, b) => b.startedAt - a.startedAt);
const setExports = (deviceId: string, list: readonly ExportView[]) => set((s) => ({ exports: { ...s.exports, [deviceId]: byNewest(list) } }));
const upsert = (view: ExportView) => set((s) => ({ exports: { ...s.exports, [view.deviceId]: byNewest([view, ...(s.exports[view.deviceId] ?? []).filter((e) => e.id !== view.id)]) } }));

/** Opens the Export page with a finished training run as the source (the Fine-tune page's "Export…"). */
export const exportRun = (run: Pick<RunView, 'id' | 'name'>) => {
  set((s) => ({ tab: 'new', form: withNameFollowing({ ...s.form, nameTouched: false }, { source: { kind: 'finetune', runId: run.id }, sourceName: run.name }) }));
  useNavStore.getState().go('export');
};

let following = false;
/** Follows export:changed from the first visit on (a chain moves on while another page shows). */
export const followExports = () => {
  if (following) return;
  following = true;
  bridge().on('export:changed', ({ deviceId, exports }) => setExports(deviceId, exports));
  void followTransfers();
};

export const loadExports = async (deviceId: string): Promise<void> => {
  const list = keep(deviceId, await bridge().call('export:list', { deviceId }));
  if (list) setExports(deviceId, list);
};

/** The library's safetensors models with a config.json (its architecture read), as folders on the box. */
export const loadModels = async (deviceId: string): Promise<void> => {
  const result = await bridge().call('models:list', { deviceId });
  if (!result.ok) return;
  const choices = result.value.models
    .filter((m) => m.format.kind === 'safetensors' && m.architecture !== null && (m.servePath ?? m.path)?.startsWith('/'))
    .map((m) => ({ id: m.id, dir: (m.servePath ?? m.path)!, modelType: m.modelType }));
  set((s) => ({ models: { ...s.models, [deviceId]: choices } }));
};

export const loadTools = async (deviceId: string): Promise<LlamaCppTools | undefined> => {
  const tools = keep(deviceId, await bridge().call('export:tools', { deviceId }));
  if (tools) set((s) => ({ tools: { ...s.tools, [deviceId]: tools } }));
  return tools;
};

export const buildTools = async (deviceId: string): Promise<void> => {
  const tools = keep(deviceId, await bridge().call('export:build-tools', { deviceId }));
  if (tools) set((s) => ({ tools: { ...s.tools, [deviceId]: tools } }));
};

/** Starts the chain with the texts as edited; the refusal (disk, tools) comes back for the form to show. */
export const startExport = async (deviceId: string, settings: ExportSettings, mergeYaml: string | null, modelfile: string): Promise<Result<ExportView>> => {
  const result = await bridge().call('export:start', { deviceId, settings, mergeYaml, modelfile });
  if (result.ok) {
    upsert(result.value);
    set({ selectedId: result.value.id, tab: 'exports' });
  }
  return result;
};

export const retryExport = async (deviceId: string, exportId: string): Promise<void> => {
  const view = keep(deviceId, await bridge().call('export:retry', { deviceId, exportId }));
  if (view) upsert(view);
};

export const stopExport = async (deviceId: string, exportId: string) => keep(deviceId, await bridge().call('export:stop', { deviceId, exportId }));

export const removeExport = async (deviceId: string, exportId: string, deleteFiles: boolean): Promise<void> => {
  if (keep(deviceId, await bridge().call('export:remove', { deviceId, exportId, deleteFiles })) === undefined) return;
  set((s) => ({ exports: { ...s.exports, [deviceId]: (s.exports[deviceId] ?? []).filter((e) => e.id !== exportId) }, selectedId: s.selectedId === exportId ? null : s.selectedId }));
};

/** Queues the GGUF or the Modelfile for download; its progress is the transfer queue's. */
export const downloadExport = async (deviceId: string, exportId: string, file: 'gguf' | 'modelfile'): Promise<void> => {
  const transfer = keep(deviceId, await bridge().call('export:download', { deviceId, exportId, file }));
  if (transfer) set((s) => ({ downloads: { ...s.downloads, [exportId]: [transfer.id, ...(s.downloads[exportId] ?? []).filter((id) => id !== transfer.id)] } }));
};
