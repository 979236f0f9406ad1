/**
 * The Benchmark page's state: the run under way (its live progress per level, from
 * loadtest:progressed), the report it produced (loadtest:finished), the saved reports and those
 * opened, and the calls that change them. A sweep takes minutes, so its state lives here: leaving
 * the page loses nothing. Progress events are coalesced per animation frame (STYLE rule 8).
 */
import { create } from 'zustand';
import type { AppError, Result } from '../../src/contract/errors.js';
import type { EventPayload } from '../../src/contract/events.js';
import type { MethodResponse } from '../../src/contract/methods.js';
import type { LoadTestReport, LoadTestSettings } from '../../src/domain/loadtest.js';
import { bridge } from '../bridge/bridge.js';
import { defaultRunForm, type RunForm } from './run-form.js';

export type LevelProgress = Omit<EventPayload<'loadtest:progressed'>, 'runId'>;
/** A saved run as the list shows it. */
export type ReportSummary = MethodResponse<'loadtest:reports'>[number];

export interface ActiveRun {
  readonly runId: string;
  readonly settings: LoadTestSettings;
  readonly startedAt: number;
  /** Per concurrency level, its newest progress. */
  readonly levels: Readonly<Record<number, LevelProgress>>;
  readonly cancelling: boolean;
}

interface LoadTestState {
  readonly active: ActiveRun | null;
  readonly starting: boolean;
  /** The report of the run that finished last (shown under the form). */
  readonly lastReportId: string | null;
  readonly summaries: readonly ReportSummary[] | null;
  readonly reports: Readonly<Record<string, LoadTestReport>>;
  readonly error: AppError | undefined;
  /** The settings form as typed (kept when the page is left). */
  readonly form: RunForm;
  /** The runner's sentence when it refused a client on the box (the choice is then disabled with it). */
  readonly boxRefusal: string | null;
}

export const useLoadTestStore = create<LoadTestState>()(() => ({ active: null, starting: false, lastReportId: null, summaries: null, reports: {}, error: undefined, form: defaultRunForm, boxRefusal: null }));

export const setRunForm = (patch: Partial<RunForm>) => useLoadTestStore.setState((s) => ({ form: { ...s.form, ...patch } }));

const setError = (error: AppError | undefined) => useLoadTestStore.setState({ error });
export const clearLoadTestError = () => setError(undefined);

const keep = <T>(result: Result<T>): T | undefined => {
  if (result.ok) return result.value;
  setError(result.error);
  return undefined;
};

/** Progress waiting for the next frame, by level (the newest wins). */
let pending: Record<number, LevelProgress> = {};
let frame: number | null = null;

const flush = () => {
  frame = null;
  const batch = pending;
  pending = {};
  useLoadTestStore.setState((s) => (s.active ? { active: { ...s.active, levels: { ...s.active.levels, ...batch } } } : {}));
};

let following = false;
export const followLoadTests = () => {
  if (following) return;
  following = true;
  bridge().on('loadtest:progressed', ({ runId, ...progress }) => {
    if (useLoadTestStore.getState().active?.runId !== runId) return;
    pending[progress.parallel] = progress;
    frame ??= requestAnimationFrame(flush);
  });
  bridge().on('loadtest:finished', ({ runId, report, error }) => {
    if (frame !== null) cancelAnimationFrame(frame);
    frame = null;
    pending = {};
    useLoadTestStore.setState((s) => ({
      active: s.active?.runId === runId ? null : s.active,
      ...(report ? { lastReportId: report.id, reports: { ...s.reports, [report.id]: report } } : {}),
      // Only what stopped the run before any level ran comes as an error; failures during it are in the report.
      ...(error ? { error } : {}),
    }));
    if (report) void loadReports();
  });
};

export const startLoadTest = async (settings: LoadTestSettings, name: string | null): Promise<boolean> => {
  followLoadTests();
  useLoadTestStore.setState({ starting: true, error: undefined });
  const result = await bridge().call('loadtest:start', name ? { settings, name } : { settings });
  useLoadTestStore.setState({ starting: false });
  if (!result.ok && settings.place === 'box' && result.error.code === 'unsupported') {
    useLoadTestStore.setState((s) => ({ boxRefusal: `${result.error.message} ${result.error.hint}`.trim(), form: { ...s.form, place: 'laptop' } }));
  }
  const started = keep(result);
  if (!started) return false;
  useLoadTestStore.setState((s) => ({ active: s.active?.runId === started.runId ? s.active : { runId: started.runId, settings, startedAt: Date.now(), levels: {}, cancelling: false } }));
  return true;
};

export const cancelLoadTest = async (): Promise<void> => {
  const active = useLoadTestStore.getState().active;
  if (!active) return;
  useLoadTestStore.setState({ active: { ...active, cancelling: true } });
  keep(await bridge().call('loadtest:cancel', { runId: active.runId }));
};

export const loadReports = async (): Promise<void> => {
  followLoadTests();
  const list = keep(await bridge().call('loadtest:reports', {}));
  if (list) useLoadTestStore.setState({ summaries: list });
};

export const openReport = async (id: string): Promise<LoadTestReport | undefined> => {
  const cached = useLoadTestStore.getState().reports[id];
  if (cached) return cached;
  const report = keep(await bridge().call('loadtest:report', { id }));
  if (report) useLoadTestStore.setState((s) => ({ reports: { ...s.reports, [id]: report } }));
  return report;
};

export const deleteReport = async (id: string): Promise<void> => {
  if (keep(await bridge().call('loadtest:delete', { id })) === undefined) return;
  useLoadTestStore.setState((s) => {
    const reports = { ...s.reports };
    delete reports[id];
    return { reports, lastReportId: s.lastReportId === id ? null : s.lastReportId, summaries: s.summaries?.filter((r) => r.id !== id) ?? null };
  });
};

export const renameReport = async (id: string, name: string): Promise<void> => {
  const entry = keep(await bridge().call('loadtest:rename', { id, name }));
  if (!entry) return;
  useLoadTestStore.setState((s) => {
    const report = s.reports[id];
    return {
      reports: report ? { ...s.reports, [id]: { ...report, name: entry.name } } : s.reports,
      summaries: s.summaries?.map((r) => (r.id === id ? entry : r)) ?? null,
    };
  });
};
