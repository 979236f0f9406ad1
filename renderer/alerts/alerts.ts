import type { EventPayload } from '../../src/contract/events.js';

export type AlertEvent = EventPayload<'telemetry:alerted'>;
export type AlertKind = AlertEvent['kind'];

/** One raised alert as the bell lists it; a later "cleared" event for the same box and kind closes it. */
export interface AlertEntry {
  readonly id: string;
  readonly deviceId: string;
  readonly kind: AlertKind;
  readonly value: number;
  readonly threshold: number;
  /** When it was raised (ms since epoch, as the event says). */
  readonly at: number;
  /** When the value came back within the threshold; undefined while the alert is active. */
  readonly clearedAt: number | undefined;
}

/** A job that ended (a fine-tune run, an export): listed in the bell as history, never an active problem. */
export interface JobEndEntry {
  readonly id: string;
  readonly deviceId: string;
  readonly job: 'finetune' | 'export';
  /** The run's or export's id on the box (a notification opens its page). */
  readonly jobId: string;
  readonly name: string;
  readonly state: 'done' | 'failed' | 'stopped';
  readonly at: number;
}

/** What the bell lists: threshold alerts and job endings, newest first. */
export type BellEntry = AlertEntry | JobEndEntry;

export const isJobEnd = (entry: BellEntry): entry is JobEndEntry => 'job' in entry;

export const alertLimits = {
  /** Enough to read back a bad night of one box without the list growing for ever. */
  perDevice: 100,
} as const;

const sameKey = (entry: BellEntry, event: AlertEvent) => !isJobEnd(entry) && entry.deviceId === event.deviceId && entry.kind === event.kind;

/** Keeps at most `cap` entries of one box, dropping that box's oldest (the list is newest first). */
const capDevice = (list: BellEntry[], deviceId: string, cap: number): BellEntry[] => {
  let seen = 0;
  return list.filter((entry) => entry.deviceId !== deviceId || ++seen <= cap);
};

/**
 * The list after one `telemetry:alerted` event (newest first). A clear with no matching active
 * alert (raised before this window started) changes nothing: there is nothing to close.
 */
export const applyAlert = (list: readonly BellEntry[], event: AlertEvent, id: string, cap: number = alertLimits.perDevice): BellEntry[] => {
  if (!event.raised) {
    if (!list.some((entry) => sameKey(entry, event) && !isJobEnd(entry) && entry.clearedAt === undefined)) return [...list];
    return list.map((entry) => (sameKey(entry, event) && !isJobEnd(entry) && entry.clearedAt === undefined ? { ...entry, clearedAt: event.at } : entry));
  }
  const entry: AlertEntry = {
    id,
    deviceId: event.deviceId,
    kind: event.kind,
    value: event.value,
    threshold: event.threshold,
    at: event.at,
    clearedAt: undefined,
  };
  return capDevice([entry, ...list], event.deviceId, cap);
};

/**
 * How many problems are going on now: one per box and kind, however often it was raised
 * (a reconnect may raise again what was never cleared).
 */
export const activeCount = (list: readonly BellEntry[]): number =>
  new Set(list.flatMap((entry) => (!isJobEnd(entry) && entry.clearedAt === undefined ? [`${entry.deviceId}\u0000${entry.kind}`] : []))).size;

/** The list after a job ended: the ending first (told once per job and attempt: a repeat replaces it). */
export const applyJobEnd = (list: readonly BellEntry[], entry: JobEndEntry, cap: number = alertLimits.perDevice): BellEntry[] =>
  capDevice([entry, ...list.filter((e) => !(isJobEnd(e) && e.job === entry.job && e.jobId === entry.jobId && e.deviceId === entry.deviceId))], entry.deviceId, cap);
