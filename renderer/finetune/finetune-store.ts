/**
 * The Fine-tune page's state, per box: LLaMA Factory's environment, the registered datasets, the
 * dataset being checked, the runs as main reports them (finetune:changed), each opened run's curve
 * (finetune:curve-appended, continued by byte offset so a reconnect has no gap and no duplicate),
 * evaluation results, and the runs that ended while the app watched (finetune:ended: a notice and a
 * desktop notification). A run takes minutes to hours, so all of it lives here: leaving the page
 * loses nothing, and the box is the truth on reload.
 */
import { create } from 'zustand';
import type { AppError, Result } from '../../src/contract/errors.js';
import type { MethodResponse } from '../../src/contract/methods.js';
import type { CurveChunk, CurvePoint, DatasetCheck, EvalResults, FinetuneEnvironment, RunView } from '../../src/domain/finetune.js';
import { bridge } from '../bridge/bridge.js';
import { defaultTrainForm, type TrainForm } from './train-form.js';

export type FinetuneStep = 'environment' | 'dataset' | 'train' | 'run' | 'try' | 'evaluate';
export type DatasetList = MethodResponse<'finetune:datasets'>;

export interface HeldCurve {
  readonly attempt: number;
  /** Byte offset in trainer_log.jsonl the next chunk must start at. */
  readonly offset: number;
  readonly points: readonly CurvePoint[];
}

export interface CheckedFile {
  readonly path: string;
  readonly name: string;
  readonly check: DatasetCheck;
}

/** An upload under way: the browser's copy to the backend (staging), then the SFTP transfer, then the check. */
export interface UploadProgress {
  readonly name: string;
  readonly phase: 'staging' | 'uploading' | 'checking';
  readonly bytes: number;
  readonly size: number;
}

interface FinetuneState {
  readonly step: FinetuneStep;
  readonly env: Readonly<Record<string, FinetuneEnvironment | undefined>>;
  readonly datasets: Readonly<Record<string, DatasetList | undefined>>;
  readonly upload: Readonly<Record<string, UploadProgress | undefined>>;
  readonly checked: Readonly<Record<string, CheckedFile | undefined>>;
  readonly runs: Readonly<Record<string, readonly RunView[] | undefined>>;
  readonly curves: Readonly<Record<string, HeldCurve | undefined>>;
  readonly results: Readonly<Record<string, EvalResults | undefined>>;
  /** Runs that ended while the app was open, newest first (the page shows them until dismissed). */
  readonly ended: readonly RunView[];
  readonly selectedRunId: string | null;
  readonly form: TrainForm;
  readonly errors: Readonly<Record<string, AppError | undefined>>;
}

export const useFinetuneStore = create<FinetuneState>()(() => ({
  step: 'environment',
  env: {},
  datasets: {},
  upload: {},
  checked: {},
  runs: {},
  curves: {},
  results: {},
  ended: [],
  selectedRunId: null,
  form: defaultTrainForm,
  errors: {},
}));

const set = useFinetuneStore.setState;
const get = useFinetuneStore.getState;

export const setStep = (step: FinetuneStep) => set({ step });
export const setTrainForm = (patch: Partial<TrainForm>) => set((s) => ({ form: { ...s.form, ...patch } }));
export const selectRun = (runId: string | null) => set({ selectedRunId: runId });
export const setError = (deviceId: string, error: AppError | undefined) => set((s) => ({ errors: { ...s.errors, [deviceId]: error } }));
export const clearError = (deviceId: string) => setError(deviceId, undefined);
export const dismissEnded = (runId: string) => set((s) => ({ ended: s.ended.filter((r) => r.id !== runId) }));
export const setUpload = (deviceId: string, upload: UploadProgress | undefined) => set((s) => ({ upload: { ...s.upload, [deviceId]: upload } }));
export const setChecked = (deviceId: string, checked: CheckedFile | undefined) => set((s) => ({ checked: { ...s.checked, [deviceId]: checked } }));

/** The value of a call, or undefined with the error kept for the page (one notice per box). */
export const keep = <T>(deviceId: string, result: Result<T>): T | undefined => {
  if (result.ok) return result.value;
  setError(deviceId, result.error);
  return undefined;
};

const setRuns = (deviceId: string, runs: readonly RunView[]) => set((s) => ({ runs: { ...s.runs, [deviceId]: runs } }));
const upsertRun = (run: RunView) => set((s) => ({ runs: { ...s.runs, [run.deviceId]: [run, ...(s.runs[run.deviceId] ?? []).filter((r) => r.id !== run.id)] } }));

// ---------------------------------------------------------------- curves

/**
 * Adds a chunk to what is held: only one that starts exactly where the held curve stops (a late or
 * repeated chunk changes nothing; a chunk of a new attempt — the run was resumed and rewrote its
 * log — replaces the curve when it starts at 0). Pure, so the no-gap/no-duplicate rule is tested.
 */
export const applyChunk = (held: HeldCurve | undefined, chunk: Pick<CurveChunk, 'attempt' | 'fromOffset' | 'nextOffset' | 'points'>): { curve: HeldCurve | undefined; gap: boolean } => {
  if (!held || held.attempt !== chunk.attempt) {
    return chunk.fromOffset === 0 ? { curve: { attempt: chunk.attempt, offset: chunk.nextOffset, points: chunk.points }, gap: false } : { curve: held, gap: true };
  }
  if (chunk.fromOffset === held.offset) return { curve: { ...held, offset: chunk.nextOffset, points: [...held.points, ...chunk.points] }, gap: false };
  // Ahead of what is held: points are missing in between, read them from the box.
  return { curve: held, gap: chunk.fromOffset > held.offset };
};

const loading = new Map<string, Promise<void>>();

/** Reads the curve from where it is held until the box has no more (or from 0 when a resume started it again). */
export const loadCurve = (deviceId: string, runId: string): Promise<void> => {
  const running = loading.get(runId);
  if (running) return running;
  const work = (async () => {
    for (let round = 0; round < 1000; round++) {
      const held = get().curves[runId];
      const result = await bridge().call('finetune:curve', { deviceId, runId, fromOffset: held?.offset ?? 0 });
      if (!result.ok) return void setError(deviceId, result.error);
      const chunk = result.value;
      const now = get().curves[runId];
      const next = now && now.attempt !== chunk.attempt ? (chunk.fromOffset === 0 ? applyChunk(undefined, chunk).curve : undefined) : applyChunk(now, chunk).curve;
      set((s) => ({ curves: { ...s.curves, [runId]: next } }));
      if (next === undefined) continue; // a new attempt: read again from 0
      if (chunk.nextOffset === chunk.fromOffset) return;
    }
  })().finally(() => loading.delete(runId));
  loading.set(runId, work);
  return work;
};

// ---------------------------------------------------------------- events

let following = false;
/**
 * Follows the finetune events from the first visit on. The desktop notification and the bell's
 * entry for a run's end come from the alerts (followAlerts, from start-up); this keeps the page's notice.
 */
export const followFinetune = () => {
  if (following) return;
  following = true;
  bridge().on('finetune:changed', ({ deviceId, runs }) => setRuns(deviceId, runs));
  bridge().on('finetune:curve-appended', ({ deviceId, ...chunk }) => {
    const held = get().curves[chunk.runId];
    if (!held) return; // not opened: read in full when it is
    const { curve, gap } = applyChunk(held, chunk);
    if (curve !== held) set((s) => ({ curves: { ...s.curves, [chunk.runId]: curve } }));
    if (gap || held.attempt !== chunk.attempt) void loadCurve(deviceId, chunk.runId);
  });
  bridge().on('finetune:ended', ({ run }) => {
    set((s) => ({ ended: [run, ...s.ended.filter((r) => r.id !== run.id)] }));
    upsertRun(run);
    if (get().curves[run.id]) void loadCurve(run.deviceId, run.id);
  });
};

// ---------------------------------------------------------------- calls

export const loadEnvironment = async (deviceId: string): Promise<FinetuneEnvironment | undefined> => {
  const env = keep(deviceId, await bridge().call('finetune:environment', { deviceId }));
  if (env) set((s) => ({ env: { ...s.env, [deviceId]: env } }));
  return env;
};

export const loadDatasets = async (deviceId: string): Promise<void> => {
  const list = keep(deviceId, await bridge().call('finetune:datasets', { deviceId }));
  if (list) set((s) => ({ datasets: { ...s.datasets, [deviceId]: list } }));
};

export const loadRuns = async (deviceId: string): Promise<void> => {
  const runs = keep(deviceId, await bridge().call('finetune:runs', { deviceId }));
  if (runs) setRuns(deviceId, runs);
};

export const checkDataset = async (deviceId: string, path: string, name: string, cutoffLen?: number): Promise<void> => {
  const check = keep(deviceId, await bridge().call('finetune:check-dataset', { deviceId, path, ...(cutoffLen ? { cutoffLen } : {}) }));
  setChecked(deviceId, check ? { path, name, check } : undefined);
};

/** Registers the checked file; a taken name comes back as the error (conflict), the file untouched. */
export const registerDataset = async (deviceId: string, name: string): Promise<Result<MethodResponse<'finetune:register-dataset'>>> => {
  const checked = get().checked[deviceId];
  if (!checked) return { ok: false, error: { code: 'bad-request', message: 'Upload and check a dataset first.', hint: 'Pick a JSON or JSONL file above.' } };
  const result = await bridge().call('finetune:register-dataset', { deviceId, name, path: checked.path, ...(checked.check.format ? { format: checked.check.format } : {}) });
  if (result.ok) await loadDatasets(deviceId);
  return result;
};

export const startRun = async (deviceId: string, name: string, yaml: string, force: boolean): Promise<Result<RunView>> => {
  const result = await bridge().call('finetune:start', { deviceId, name, yaml, force });
  if (result.ok) {
    upsertRun(result.value);
    set({ selectedRunId: result.value.id, step: 'run' });
  }
  return result;
};

export const stopRun = async (deviceId: string, runId: string) => keep(deviceId, await bridge().call('finetune:stop', { deviceId, runId }));

export const resumeRun = async (deviceId: string, runId: string): Promise<void> => {
  const run = keep(deviceId, await bridge().call('finetune:resume', { deviceId, runId }));
  if (run) upsertRun(run);
};

export const removeRun = async (deviceId: string, runId: string): Promise<void> => {
  if (keep(deviceId, await bridge().call('finetune:remove', { deviceId, runId })) === undefined) return;
  set((s) => ({ runs: { ...s.runs, [deviceId]: (s.runs[deviceId] ?? []).filter((r) => r.id !== runId) }, selectedRunId: s.selectedRunId === runId ? null : s.selectedRunId }));
};

export const predict = async (deviceId: string, runId: string, datasets: readonly string[], base: boolean, maxSamples: number): Promise<RunView | undefined> => {
  const run = keep(deviceId, await bridge().call('finetune:predict', { deviceId, runId, datasets: [...datasets], base, maxSamples }));
  if (run) upsertRun(run);
  return run;
};

export const loadResults = async (deviceId: string, runId: string): Promise<void> => {
  const results = keep(deviceId, await bridge().call('finetune:results', { deviceId, runId, limit: 200 }));
  if (results) set((s) => ({ results: { ...s.results, [runId]: results } }));
};

export const openLlamaBoard = async (deviceId: string): Promise<string | undefined> => keep(deviceId, await bridge().call('finetune:llamaboard', { deviceId }))?.url;
