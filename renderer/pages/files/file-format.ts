/**
 * How the file manager writes names, sizes, permissions, rates and times. A file name on Linux may
 * hold any byte but `/` and NUL: a newline or a control character is shown as a visible sign so a
 * row never breaks and nothing hides, while the real name is kept for every call.
 */
import type { FileEntry, TransferView } from '../../../src/domain/transfer.js';

/** `a⏎b` for a newline, `\t` for a tab, `\xNN` for other control characters. */
export const displayName = (name: string): string =>
  // eslint-disable-next-line no-control-regex
  name.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '⏎' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));

const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1000-based, as `du -h --si` and the model pages: 1.5 GB. */
export const fileSize = (bytes: number): string => {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
};

/** `drwxr-xr-x` from the kind and the mode bits, setuid/setgid/sticky included. */
export const permissions = (entry: Pick<FileEntry, 'kind' | 'mode'>): string => {
  const type = entry.kind === 'dir' ? 'd' : entry.kind === 'link' ? 'l' : entry.kind === 'other' ? '?' : '-';
  const bit = (mask: number, c: string) => ((entry.mode & mask) !== 0 ? c : '-');
  const exec = (x: number, special: number, on: string, off: string) => ((entry.mode & special) !== 0 ? ((entry.mode & x) !== 0 ? on : off) : bit(x, 'x'));
  return [
    type,
    bit(0o400, 'r'), bit(0o200, 'w'), exec(0o100, 0o4000, 's', 'S'),
    bit(0o040, 'r'), bit(0o020, 'w'), exec(0o010, 0o2000, 's', 'S'),
    bit(0o004, 'r'), bit(0o002, 'w'), exec(0o001, 0o1000, 't', 'T'),
  ].join('');
};

/** Whether an entry opens as a folder (a link to a folder does). */
export const opensAsFolder = (entry: Pick<FileEntry, 'kind' | 'target'>): boolean => entry.kind === 'dir' || (entry.kind === 'link' && entry.target === 'dir');

export type SortKey = 'name' | 'size' | 'mtime' | 'mode';
export interface Sort {
  readonly key: SortKey;
  readonly descending: boolean;
}

const byName = (a: FileEntry, b: FileEntry) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Folders stay first whichever way a column sorts; ties fall back to the name. */
export const sortEntries = (entries: readonly FileEntry[], sort: Sort): FileEntry[] => {
  const sign = sort.descending ? -1 : 1;
  const value = (e: FileEntry): number => (sort.key === 'size' ? e.size : sort.key === 'mtime' ? e.mtime : e.mode);
  return [...entries].sort((a, b) => {
    const folders = Number(!opensAsFolder(a)) - Number(!opensAsFolder(b));
    if (folders !== 0) return folders;
    const primary = sort.key === 'name' ? byName(a, b) : value(a) - value(b);
    return primary !== 0 ? sign * primary : byName(a, b);
  });
};

/** The folders from `/` down to `path`, each with the path that opens it. */
export const breadcrumbs = (path: string): { name: string; path: string }[] => {
  const parts = path.split('/').filter(Boolean);
  return [{ name: '/', path: '/' }, ...parts.map((name, i) => ({ name, path: `/${parts.slice(0, i + 1).join('/')}` }))];
};

/** A share of the transfer in percent, or null while its size is not known. */
export const transferPercent = (t: Pick<TransferView, 'bytes' | 'size' | 'state'>): number | null => {
  if (t.state === 'done') return 100;
  if (t.size === null) return null;
  if (t.size === 0) return t.state === 'verifying' ? 100 : 0;
  return Math.min(100, (t.bytes / t.size) * 100);
};

/** Seconds left at the current rate, or null when it cannot be told. */
export const etaSeconds = (t: Pick<TransferView, 'bytes' | 'size' | 'rate' | 'state'>): number | null => {
  if (t.state !== 'running' || t.size === null || t.rate <= 0) return null;
  return Math.max(0, Math.ceil((t.size - t.bytes) / t.rate));
};

/** `42 s`, `3 min 5 s`, `1 h 2 min`. */
export const shortDuration = (seconds: number): string => {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
};
