import { create } from 'zustand';
import { bridge } from '../bridge/bridge.js';
import { activeCount, applyAlert, applyJobEnd, type AlertEvent, type BellEntry, type JobEndEntry } from './alerts.js';
import { showAlertNotification, showJobNotification } from './notify.js';

interface AlertsState {
  /** Newest first, at most alertLimits.perDevice per box. */
  readonly items: readonly BellEntry[];
  add(event: AlertEvent): void;
  addJobEnd(entry: Omit<JobEndEntry, 'id'>): void;
  clear(): void;
}

let sequence = 0;

export const useAlertsStore = create<AlertsState>()((set) => ({
  items: [],
  add: (event) => set((s) => ({ items: applyAlert(s.items, event, `${event.at}-${++sequence}`) })),
  addJobEnd: (entry) => set((s) => ({ items: applyJobEnd(s.items, { ...entry, id: `${entry.at}-${++sequence}` }) })),
  clear: () => set({ items: [] }),
}));

export const useActiveAlertCount = (): number => useAlertsStore((s) => activeCount(s.items));

const jobEnded = (entry: Omit<JobEndEntry, 'id'>) => {
  useAlertsStore.getState().addJobEnd(entry);
  showJobNotification(entry);
};

/**
 * Alerts go to every window whatever page it shows, so this follows them from start-up, not from
 * a page; a raised one also becomes a desktop notification. So do the ends of long jobs on the
 * box (a fine-tune run, an export): listed in the bell and notified, whichever page is open.
 */
export const followAlerts = () => {
  bridge().on('telemetry:alerted', (event) => {
    useAlertsStore.getState().add(event);
    if (event.raised) showAlertNotification(event);
  });
  bridge().on('finetune:ended', ({ deviceId, run }) => {
    if (run.state === 'done' || run.state === 'failed' || run.state === 'stopped') jobEnded({ deviceId, job: 'finetune', jobId: run.id, name: run.name, state: run.state, at: run.endedAt ?? Date.now() });
  });
  bridge().on('export:ended', ({ deviceId, export: view }) => {
    if (view.state !== 'running') jobEnded({ deviceId, job: 'export', jobId: view.id, name: view.ollamaName, state: view.state, at: view.endedAt ?? Date.now() });
  });
};
