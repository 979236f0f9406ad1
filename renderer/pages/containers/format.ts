import type { ContainerView } from '../../../src/domain/container.js';

export const containerTimings = {
  /** The list follows what happens on the box (a server coming up, a job ending) without a click. */
  refreshMs: 5_000,
  /** The run line is previewed once typing pauses: a call per keystroke would queue on the box. */
  previewDebounceMs: 300,
} as const;

/** `state` is docker's word; the backend may pass `running` (docker ps) or `up` (its status text). */
export const isUp = (container: Pick<ContainerView, 'state'>): boolean => container.state === 'running' || container.state === 'up';

export type StateTone = 'ok' | 'muted' | 'warn';

/** Running is fine, stopped or never started is quiet, the rest (restarting, paused, dead) wants a look. */
export const stateTone = (container: Pick<ContainerView, 'state'>): StateTone =>
  isUp(container) ? 'ok' : container.state === 'exited' || container.state === 'created' ? 'muted' : 'warn';

/**
 * The shell a terminal tab types in for a container. `name` needs no quoting: the contract
 * (ContainerRef) and docker's own grammar restrict it to [A-Za-z0-9][A-Za-z0-9_.-]*, no shell
 * metacharacter among them. bash when the image has it, else sh (Alpine, distroless-ish images).
 */
export const execShellCommand = (name: string): string => `docker exec -it ${name} sh -c 'command -v bash >/dev/null && exec bash || exec sh'`;

const mib = 1024 ** 2;
const gib = 1024 ** 3;

/** Image sizes as people compare them: GiB for the multi-gigabyte NGC images, MiB below one. */
export const imageSize = (bytes: number): string => (bytes >= gib ? `${(bytes / gib).toFixed(1)} GiB` : `${Math.max(1, Math.round(bytes / mib))} MiB`);

const units: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 hours ago" / "3小时前" in the page's language, in the largest unit that fits. */
export const relativeTime = (at: number, now: number, language: string): string => {
  // The box's clock may run a little ahead of this computer's: what it made is never "in 1 second".
  const seconds = Math.min(0, Math.round((at - now) / 1000));
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
};

export const absoluteTime = (at: number, language: string): string => new Date(at).toLocaleString(language);

/** Pull sizes in docker's own decimal units (its bars say 45.6MB for 45,600,000 bytes). */
const decimalUnits: ReadonlyArray<readonly [string, number]> = [
  ['GB', 1e9],
  ['MB', 1e6],
  ['kB', 1e3],
];

export const pullBytes = (bytes: number): string => {
  const unit = decimalUnits.find(([, size]) => bytes >= size);
  return unit ? `${(bytes / unit[1]).toFixed(1)} ${unit[0]}` : `${Math.round(bytes)} B`;
};

/** 12 hex characters, as `docker ps` prints ids. */
export const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);
