/**
 * The Profiler page's state per box: nsys on it, running captures (profiler:captures-changed),
 * live sessions, the reports folder, the summaries read so far, and the downloads of reports
 * (files:download, followed through files:transfers-changed, which carries the whole queue).
 */
import { create } from 'zustand';
import type { AppError } from '../../src/contract/errors.js';
import type { CaptureView, ReportView, SessionView, StatsTable } from '../../src/contract/methods/profiler.js';
import type { TransferView } from '../../src/domain/transfer.js';
import type { CaptureSpecInput } from '../../src/recipes/profiler.js';
import { bridge } from '../bridge/bridge.js';

interface DeviceProfiler {
  readonly nsysVersion: string | null | undefined;
  readonly reportsDir: string | null;
  readonly captures: readonly CaptureView[];
  readonly sessions: readonly SessionView[];
  readonly reports: readonly ReportView[] | undefined;
}

/** A report's summary: its tables once read (null while nsys stats runs), or why it could not be read. */
export interface StatsEntry {
  readonly tables: readonly StatsTable[] | null;
  readonly error: AppError | undefined;
}

export const statsKey = (deviceId: string, path: string): string => `${deviceId}\n${path}`;

interface ProfilerState {
  readonly byDevice: Readonly<Record<string, DeviceProfiler>>;
  /** Summaries by statsKey(device, report path). */
  readonly stats: Readonly<Record<string, StatsEntry>>;
  /** Report path → the transfer that downloads it. */
  readonly downloads: Readonly<Record<string, TransferView>>;
  readonly busy: Readonly<Record<string, true>>;
  readonly error: AppError | undefined;
}

const empty: DeviceProfiler = { nsysVersion: undefined, reportsDir: null, captures: [], sessions: [], reports: undefined };

export const useProfilerStore = create<ProfilerState>()(() => ({ byDevice: {}, stats: {}, downloads: {}, busy: {}, error: undefined }));

const patch = (deviceId: string, change: Partial<DeviceProfiler>) =>
  useProfilerStore.setState((s) => ({ byDevice: { ...s.byDevice, [deviceId]: { ...(s.byDevice[deviceId] ?? empty), ...change } } }));

const setBusy = (key: string, on: boolean) =>
  useProfilerStore.setState((s) => {
    const busy = { ...s.busy };
    if (on) busy[key] = true;
    else delete busy[key];
    return { busy };
  });

export const setProfilerError = (error: AppError | undefined) => useProfilerStore.setState({ error });

/** Runs a call with a busy key; its failure becomes the page's error. */
const withBusy = async <T>(key: string, run: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>): Promise<T | undefined> => {
  setBusy(key, true);
  try {
    const result = await run();
    if (!result.ok) {
      setProfilerError(result.error);
      return undefined;
    }
    setProfilerError(undefined);
    return result.value;
  } finally {
    setBusy(key, false);
  }
};

let following = false;

const follow = () => {
  if (following) return;
  following = true;
  bridge().on('profiler:captures-changed', ({ deviceId, captures }) => {
    const before = useProfilerStore.getState().byDevice[deviceId]?.captures ?? [];
    patch(deviceId, { captures });
    // A capture that just ended has written its report.
    if (captures.some((c) => c.state !== 'running' && before.find((b) => b.id === c.id)?.state === 'running')) void loadReports(deviceId);
  });
  bridge().on('files:transfers-changed', ({ transfers }) => {
    useProfilerStore.setState((s) => {
      const downloads = { ...s.downloads };
      for (const [path, mine] of Object.entries(s.downloads)) {
        const now = transfers.find((t) => t.id === mine.id);
        if (now) downloads[path] = now;
      }
      return { downloads };
    });
  });
};

export const loadReports = async (deviceId: string): Promise<void> => {
  const value = await withBusy('reports', () => bridge().call('profiler:reports', { deviceId }));
  if (value) patch(deviceId, { reports: value.reports, reportsDir: value.dir });
};

export const loadSessions = async (deviceId: string): Promise<void> => {
  const value = await withBusy('sessions', () => bridge().call('profiler:sessions', { deviceId }));
  if (value) patch(deviceId, { sessions: value });
};

export const loadProfiler = async (deviceId: string): Promise<void> => {
  follow();
  const probe = await withBusy('probe', () => bridge().call('profiler:probe', { deviceId }));
  if (!probe) return;
  patch(deviceId, { nsysVersion: probe.nsysVersion, reportsDir: probe.reportsDir });
  const captures = await bridge().call('profiler:captures', { deviceId });
  if (captures.ok) patch(deviceId, { captures: captures.value });
  await Promise.all([loadReports(deviceId), loadSessions(deviceId), adoptDownloads(deviceId, probe.reportsDir)]);
};

/** Downloads of reports made before this page was opened (the queue lives in main), newest per report. */
const adoptDownloads = async (deviceId: string, reportsDir: string): Promise<void> => {
  const result = await bridge().call('files:transfers', {});
  if (!result.ok) return;
  const mine = result.value.filter((x) => x.deviceId === deviceId && x.direction === 'download' && x.kind === 'file' && x.remotePath.startsWith(`${reportsDir}/`) && x.remotePath.endsWith('.nsys-rep'));
  useProfilerStore.setState((s) => {
    const downloads = { ...s.downloads };
    // files:transfers is newest first: the first one of a report wins, unless this page already follows one.
    for (const x of [...mine].reverse()) if (s.downloads[x.remotePath] === undefined) downloads[x.remotePath] = x;
    return { downloads };
  });
};

export const previewCapture = async (deviceId: string, spec: CaptureSpecInput) => {
  const result = await bridge().call('profiler:preview', { deviceId, spec });
  return result.ok ? result.value : { command: '', caveat: null, error: result.error };
};

export const startCapture = async (deviceId: string, spec: CaptureSpecInput): Promise<boolean> => {
  const value = await withBusy('capture', () => bridge().call('profiler:capture', { deviceId, spec }));
  if (value === undefined) return false;
  // A server's session shows up once its container runs.
  if (spec.kind === 'server') await loadSessions(deviceId);
  return true;
};

export const startWindow = async (deviceId: string, container: string, session: string, name: string, gpuMetricsFrequency: number): Promise<void> => {
  const value = await withBusy(`session:${session}`, () => bridge().call('profiler:start-window', { deviceId, container, session, name, gpuMetricsFrequency }));
  if (value) await loadSessions(deviceId);
};

export const stopSession = async (deviceId: string, container: string | null, session: string): Promise<void> => {
  const value = await withBusy(`session:${session}`, () => bridge().call('profiler:stop', { deviceId, container, session }));
  if (value) await Promise.all([loadSessions(deviceId), loadReports(deviceId)]);
};

export const loadStats = async (deviceId: string, path: string): Promise<void> => {
  const key = statsKey(deviceId, path);
  const put = (entry: StatsEntry) => useProfilerStore.setState((s) => ({ stats: { ...s.stats, [key]: entry } }));
  put({ tables: null, error: undefined });
  const result = await bridge().call('profiler:stats', { deviceId, path });
  put(result.ok ? { tables: result.value.tables, error: undefined } : { tables: null, error: result.error });
};

export const deleteReport = async (deviceId: string, name: string): Promise<void> => {
  const value = await withBusy(`delete:${name}`, () => bridge().call('profiler:delete', { deviceId, name }));
  if (!value) return;
  // A later report of the same name is another capture: its summary is read afresh.
  useProfilerStore.setState((s) => ({ stats: Object.fromEntries(Object.entries(s.stats).filter(([key]) => !key.startsWith(`${deviceId}\n`) || !key.endsWith(`/${name}`))) }));
  await loadReports(deviceId);
};

export const downloadReport = async (deviceId: string, path: string): Promise<void> => {
  follow();
  const value = await withBusy(`download:${path}`, () => bridge().call('files:download', { deviceId, remotePath: path }));
  if (value) useProfilerStore.setState((s) => ({ downloads: { ...s.downloads, [path]: value } }));
};

/** Opens in Nsight Systems; the answer says whether it is installed. */
export const openReport = async (localPath: string) => {
  const result = await bridge().call('profiler:open', { localPath });
  if (!result.ok) setProfilerError(result.error);
  return result.ok ? result.value : undefined;
};

export const revealReport = async (localPath: string) => {
  const result = await bridge().call('files:reveal', { localPath });
  if (!result.ok) setProfilerError(result.error);
  return result.ok ? result.value : undefined;
};
