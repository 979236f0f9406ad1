/**
 * What the app runs to control an app it started (or found): its key, and the commands that stop,
 * start, remove it and read its output — the same docker and job builders the Containers page and
 * the jobs use, chosen by where the app runs.
 */
import { containerLogsCommand, removeContainersCommand, startContainersCommand, stopContainersCommand } from '../remote/commands/docker.js';
import { hostJobLogCommand, removeHostJobCommand, stopHostJobCommand } from '../remote/commands/host-job.js';
import type { AppInstance } from './apps.js';

/** Where an app runs, as discovery and launch() both name it. */
export type AppWhere = { readonly kind: 'container'; readonly name: string } | { readonly kind: 'host-job'; readonly id: string } | { readonly kind: 'box-service'; readonly unit: string | null };

/** The DGX Dashboard's systemd unit (DGX OS), also its key when launch() names no unit. */
export const dashboardUnit = 'dgx-dashboard';

/** `container:<name>`, `job:<id>`, `service:<unit>`: stable across restarts and laptops (domain/app.ts AppKey). */
export const appKey = (where: AppWhere | AppInstance): string => {
  switch (where.kind) {
    case 'container':
      return `container:${where.name}`;
    case 'host-job':
      return `job:${where.id}`;
    case 'box-service':
      return `service:${where.unit ?? dashboardUnit}`;
  }
};

/** Stops it: docker stop, or SIGTERM to the job's process group; null when there is nothing to stop (a box service, a job without a live pid). */
export const stopAppCommand = (where: AppWhere, pid: number | null): string | null => {
  if (where.kind === 'container') return stopContainersCommand([where.name]);
  if (where.kind === 'host-job' && pid !== null) return stopHostJobCommand(pid);
  return null;
};

/** Deletes what is left of it (a stopped container, a job's folder and log); null for a box service. */
export const removeAppCommand = (where: AppWhere): string | null => {
  if (where.kind === 'container') return removeContainersCommand([where.name], { force: true });
  if (where.kind === 'host-job') return removeHostJobCommand(where.id);
  return null;
};

/** Starts a stopped container again; a job is started again from its recipe (launch()), a service by systemd. */
export const startContainerAppCommand = (where: AppWhere): string | null => (where.kind === 'container' ? startContainersCommand([where.name]) : null);

/** Its last `lines` lines of output; null for a box service (its log is the journal's, read with sudo). */
export const appLogsCommand = (where: AppWhere, lines: number): string | null => {
  if (where.kind === 'container') return containerLogsCommand(where.name, { tail: lines, timestamps: true });
  if (where.kind === 'host-job') return hostJobLogCommand(where.id, lines);
  return null;
};

/** Whether the box's systemd runs these units: one word per unit, whatever the exit code says. */
export const serviceStatesCommand = (units: readonly string[]): string => {
  if (units.length === 0 || units.some((u) => !/^[a-z0-9][a-z0-9@._-]*$/.test(u))) throw new RangeError('Unit names are lower-case letters, digits and @._-');
  return `systemctl is-active ${units.join(' ')}`;
};

/**
 * Whether serviceStatesCommand's exit code still means its words are the answer: 0 (one unit is
 * active), 3 (none is) and 4 (none exists, systemd ≥ 253). Anything else (127: no systemctl) is not.
 */
export const serviceStatesAnswered = (code: number | null): boolean => code === 0 || code === 3 || code === 4;

/** The words of serviceStatesCommand, by unit (a missing word: unknown). */
export const readServiceStates = (units: readonly string[], output: string): Map<string, string> => {
  const words = output.split('\n').map((w) => w.trim()).filter(Boolean);
  return new Map(units.map((unit, i) => [unit, words[i] ?? 'unknown']));
};
