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

export const alertLimits = {
  /** Enough to read back a bad night of one box without the list growing for ever. */
  perDevice: 100,
} as const;

const sameKey = (entry: AlertEntry, event: AlertEvent) => entry.deviceId === event.deviceId && entry.kind === event.kind;

/** Keeps at most `cap` entries of one box, dropping that box's oldest (the list is newest first). */
const capDevice = (list: AlertEntry[], deviceId: string, cap: number): AlertEntry[] => {
  let seen = 0;
  return list.filter((entry) => entry.deviceId !== deviceId || ++seen <= cap);
};

/**
 * The list after one `telemetry:alerted` event (newest first). A clear with no matching active
 * alert (raised before this window started) changes nothing: there is nothing to close.
 */
export const applyAlert = (list: readonly AlertEntry[], event: AlertEvent, id: string, cap: number = alertLimits.perDevice): AlertEntry[] => {
  if (!event.raised) {
    if (!list.some((entry) => sameKey(entry, event) && entry.clearedAt === undefined)) return [...list];
    return list.map((entry) => (sameKey(entry, event) && entry.clearedAt === undefined ? { ...entry, clearedAt: event.at } : entry));
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
export const activeCount = (list: readonly AlertEntry[]): number =>
  new Set(list.filter((entry) => entry.clearedAt === undefined).map((entry) => `${entry.deviceId}\u0000${entry.kind}`)).size;
