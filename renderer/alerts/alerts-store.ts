import { create } from 'zustand';
import { bridge } from '../bridge/bridge.js';
import { activeCount, applyAlert, type AlertEntry, type AlertEvent } from './alerts.js';
import { showAlertNotification } from './notify.js';

interface AlertsState {
  /** Newest first, at most alertLimits.perDevice per box. */
  readonly items: readonly AlertEntry[];
  add(event: AlertEvent): void;
  clear(): void;
}

let sequence = 0;

export const useAlertsStore = create<AlertsState>()((set) => ({
  items: [],
  add: (event) => set((s) => ({ items: applyAlert(s.items, event, `${event.at}-${++sequence}`) })),
  clear: () => set({ items: [] }),
}));

export const useActiveAlertCount = (): number => useAlertsStore((s) => activeCount(s.items));

/**
 * Alerts go to every window whatever page it shows, so this follows them from start-up, not from
 * a page; a raised one also becomes a desktop notification.
 */
export const followAlerts = () =>
  bridge().on('telemetry:alerted', (event) => {
    useAlertsStore.getState().add(event);
    if (event.raised) showAlertNotification(event);
  });
