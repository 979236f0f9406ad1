import { create } from 'zustand';
import type { AppError } from '../../src/contract/errors.js';
import type { BoxFacts, TelemetrySample } from '../../src/domain/telemetry.js';
import { bridge } from '../bridge/bridge.js';
import { col } from './columns.js';
import { createTelemetryHub } from './hub.js';
import { createWatchCount } from './watch-count.js';

export const telemetryLimits = {
  /** One hour at the collector's default 1 Hz (DESIGN.md: at least 1 hour at 1 Hz). */
  historyRows: 3600,
  /** Panels that re-render from samples (tables, lists) do so at most twice a second. */
  panelRefreshMs: 500,
  /** The laptop's day: one summary per minute for 24 hours. */
  dayRows: 1440,
  /** A shown 24-hour chart asks for new minutes this often. */
  dayRefreshMs: 60_000,
} as const;

/**
 * The samples themselves live outside React: charts and big numbers subscribe here and draw
 * directly, once per animation frame at most (STYLE.md rule 8).
 */
export const telemetryHub = createTelemetryHub({
  capacity: telemetryLimits.historyRows,
  schedule: (flush) => void requestAnimationFrame(() => flush()),
});

/** The 24-hour charts' minutes, apart from the live samples (the CSV of a range exports its own). */
export const telemetryDayHub = createTelemetryHub({
  capacity: telemetryLimits.dayRows,
  schedule: (flush) => void requestAnimationFrame(() => flush()),
});

/** What changes rarely and may re-render the page: facts, errors, first sample, interfaces. */
export interface TelemetryMeta {
  readonly facts: BoxFacts | null;
  readonly error: AppError | undefined;
  readonly hasSample: boolean;
  readonly netNames: readonly string[];
}

const emptyMeta: TelemetryMeta = { facts: null, error: undefined, hasSample: false, netNames: [] };

export const useTelemetryMeta = create<{ readonly byDevice: Readonly<Record<string, TelemetryMeta>> }>()(() => ({ byDevice: {} }));

export const useDeviceTelemetryMeta = (deviceId: string): TelemetryMeta =>
  useTelemetryMeta((s) => s.byDevice[deviceId] ?? emptyMeta);

const metaOf = (deviceId: string) => useTelemetryMeta.getState().byDevice[deviceId] ?? emptyMeta;

const patchMeta = (deviceId: string, patch: Partial<TelemetryMeta>) =>
  useTelemetryMeta.setState((s) => ({ byDevice: { ...s.byDevice, [deviceId]: { ...(s.byDevice[deviceId] ?? emptyMeta), ...patch } } }));

const ingest = (deviceId: string, samples: readonly TelemetrySample[]) => {
  if (!telemetryHub.ingest(deviceId, samples)) return;
  const names = telemetryHub.peek(deviceId)?.netNames ?? [];
  const meta = metaOf(deviceId);
  // Only touch React state when something the layout depends on changed, not per sample.
  if (!meta.hasSample || meta.error || meta.netNames.length !== names.length) {
    patchMeta(deviceId, { hasSample: true, error: undefined, netNames: [...names] });
  }
};

let followers = 0;
let unfollow: (() => void) | undefined;

/** Listens to the telemetry events while at least one caller wants them; returns the release. */
export const followTelemetry = (): (() => void) => {
  if (followers++ === 0) {
    const offs = [
      bridge().on('telemetry:sampled', ({ deviceId, sample }) => ingest(deviceId, [sample])),
      bridge().on('telemetry:facts-read', ({ deviceId, facts }) => patchMeta(deviceId, { facts })),
      bridge().on('telemetry:failed', ({ deviceId, message, hint }) =>
        patchMeta(deviceId, { error: { code: 'remote-command-failed', message, hint } }),
      ),
    ];
    unfollow = () => offs.forEach((off) => off());
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--followers === 0) unfollow?.();
  };
};

/** Fills the ring with what the laptop kept (after a reload, or after the page was away). */
export const loadTelemetryHistory = async (deviceId: string): Promise<void> => {
  const result = await bridge().call('telemetry:history', { deviceId });
  if (!result.ok) {
    patchMeta(deviceId, { error: result.error });
    return;
  }
  if (result.value.facts) patchMeta(deviceId, { facts: result.value.facts });
  ingest(deviceId, result.value.samples);
};

/** Adds the minutes the laptop kept that the day ring lacks (all of them the first time). */
export const loadTelemetryDay = async (deviceId: string): Promise<void> => {
  const last = telemetryDayHub.peek(deviceId)?.ring.last(col.at);
  const since = last === undefined || Number.isNaN(last) ? undefined : last;
  const result = await bridge().call('telemetry:day', { deviceId, ...(since === undefined ? {} : { since }) });
  if (!result.ok) {
    patchMeta(deviceId, { error: result.error });
    return;
  }
  telemetryDayHub.ingest(deviceId, result.value.minutes);
};

const watchCount = createWatchCount();

/** Sample rates the user picked, per box (ms between samples); absent = the collector's 1 Hz. */
const rates = new Map<string, number>();

export const telemetryRates = [2000, 1000, 500, 250] as const;

export const telemetryRate = (deviceId: string): number => rates.get(deviceId) ?? 1000;

/** Changes a box's sample rate; a running collector restarts at the new rate. */
export const setTelemetryRate = async (deviceId: string, intervalMs: number): Promise<void> => {
  rates.set(deviceId, intervalMs);
  if (!watchCount.watching(deviceId)) return;
  const result = await bridge().call('telemetry:watch', { deviceId, on: true, intervalMs });
  if (!result.ok) patchMeta(deviceId, { error: result.error });
};

export const setTelemetryWatch = async (deviceId: string, on: boolean): Promise<void> => {
  if (!(on ? watchCount.on(deviceId) : watchCount.off(deviceId))) return;
  const intervalMs = rates.get(deviceId);
  const result = await bridge().call('telemetry:watch', { deviceId, on, ...(on && intervalMs !== undefined ? { intervalMs } : {}) });
  // Failing to stop watching is not worth a notice: the collector pauses when no window watches.
  if (!result.ok && on) patchMeta(deviceId, { error: result.error });
};

export const clearTelemetryError = (deviceId: string) => patchMeta(deviceId, { error: undefined });
