import { ArrowDown, ArrowUp, File as FileIcon, FileQuestion, Folder, Link2, Upload } from 'lucide-react';
import { useMemo, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileEntry } from '../../../src/domain/transfer.js';
import { displayName, fileSize, opensAsFolder, permissions, sortEntries, type Sort, type SortKey } from './file-format.js';

export interface TableActions {
  open(entry: FileEntry): void;
  up(): void;
  rename(entry: FileEntry): void;
  remove(entries: readonly FileEntry[]): void;
  drop(files: readonly File[]): void;
}

const iconOf = (entry: FileEntry) => (entry.kind === 'link' ? Link2 : entry.kind === 'dir' ? Folder : entry.kind === 'file' ? FileIcon : FileQuestion);

const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');

/**
 * The open folder as a table: click selects (Ctrl/⌘ adds, Shift a range), double-click or Enter
 * opens a folder, Backspace or Alt+↑ goes up, F2 renames, Delete deletes (asked first), ↑/↓ move.
 * Files dropped on it are uploaded into this folder.
 */
export const FileTable = ({ entries, selected, onSelect, actions, language }: { entries: readonly FileEntry[]; selected: readonly string[]; onSelect: (paths: string[]) => void; actions: TableActions; language: string }) => {
  const { t } = useTranslation();
  const [sort, setSort] = useState<Sort>({ key: 'name', descending: false });
  const [dragging, setDragging] = useState(false);
  const rows = useMemo(() => sortEntries(entries, sort), [entries, sort]);
  const picked = new Set(selected);
  const [anchor, setAnchor] = useState<string | undefined>(undefined);
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }), [language]);

  const click = (entry: FileEntry, event: { ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }) => {
    if (event.shiftKey && anchor !== undefined) {
      const a = rows.findIndex((r) => r.path === anchor);
      const b = rows.findIndex((r) => r.path === entry.path);
      if (a >= 0 && b >= 0) return onSelect(rows.slice(Math.min(a, b), Math.max(a, b) + 1).map((r) => r.path));
    }
    setAnchor(entry.path);
    if (event.ctrlKey || event.metaKey) onSelect(picked.has(entry.path) ? selected.filter((p) => p !== entry.path) : [...selected, entry.path]);
    else onSelect([entry.path]);
  };

  const keyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest('input, button')) return;
    const chosen = rows.filter((r) => picked.has(r.path));
    const focus = chosen.at(-1);
    const move = (step: number) => {
      const at = focus ? rows.indexOf(focus) : -1;
      const next = rows[Math.max(0, Math.min(rows.length - 1, at + step))];
      if (next) {
        onSelect([next.path]);
        setAnchor(next.path);
        document.getElementById(rowId(next.path))?.scrollIntoView({ block: 'nearest' });
      }
    };
    const handled = (() => {
      if (event.key === 'Backspace' || (event.altKey && event.key === 'ArrowUp')) return actions.up(), true;
      if (event.key === 'ArrowDown') return move(1), true;
      if (event.key === 'ArrowUp') return move(-1), true;
      if (event.key === 'Enter' && focus && opensAsFolder(focus)) return actions.open(focus), true;
      if (event.key === 'F2' && focus) return actions.rename(focus), true;
      if (event.key === 'Delete' && chosen.length > 0) return actions.remove(chosen), true;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') return onSelect(rows.map((r) => r.path)), true;
      return false;
    })();
    if (handled) event.preventDefault();
  };

  const header = (key: SortKey, label: string, className = '') => {
    const active = sort.key === key;
    return (
      <th className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="files__sort" onClick={() => setSort({ key, descending: active ? !sort.descending : false })} data-testid={`files-sort-${key}`}>
          {label} {active ? sort.descending ? <ArrowDown size={12} aria-hidden /> : <ArrowUp size={12} aria-hidden /> : null}
        </button>
      </th>
    );
  };

  return (
    <div
      className={`cnt-table-wrap files__table-wrap${dragging ? ' files__table-wrap--drop' : ''}`}
      tabIndex={0}
      role="region"
      aria-label={t('files.tableLabel')}
      onKeyDown={keyDown}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        actions.drop([...event.dataTransfer.files]);
      }}
      data-testid="files-table-wrap"
    >
      {dragging ? (
        <div className="files__drop-hint" aria-hidden>
          <Upload size={20} /> {t('files.dropHere')}
        </div>
      ) : null}
      <table className="data-table cnt-table files__table" data-testid="files-table">
        <thead>
          <tr>
            {header('name', t('files.columns.name'))}
            {header('size', t('files.columns.size'), 'data-table__num files__col-size')}
            {header('mtime', t('files.columns.modified'), 'files__col-time')}
            {header('mode', t('files.columns.permissions'), 'files__col-mode')}
          </tr>
        </thead>
        <tbody>
          {rows.map((entry) => {
            const Icon = iconOf(entry);
            const folder = opensAsFolder(entry);
            const shown = displayName(entry.name);
            return (
              <tr
                key={entry.path}
                id={rowId(entry.path)}
                className={`files__row${picked.has(entry.path) ? ' files__row--selected' : ''}`}
                aria-selected={picked.has(entry.path)}
                onClick={(event) => click(entry, event)}
                onDoubleClick={() => folder && actions.open(entry)}
                data-testid="files-row"
                data-name={entry.name}
                data-kind={entry.kind}
              >
                <td data-label={t('files.columns.name')}>
                  <div className="files__name">
                    <Icon size={16} aria-hidden className={folder ? 'files__icon files__icon--dir' : 'files__icon'} />
                    <span className="files__name-text" title={shown}>
                      {shown}
                    </span>
                    {entry.kind === 'link' ? <span className="small muted">{entry.target === null ? t('files.brokenLink') : t('files.link')}</span> : null}
                  </div>
                </td>
                <td className="data-table__num files__col-size" data-label={t('files.columns.size')}>
                  {entry.kind === 'dir' ? <span className="muted">—</span> : fileSize(entry.size)}
                </td>
                <td className="files__col-time" data-label={t('files.columns.modified')}>
                  {dateFormat.format(entry.mtime)}
                </td>
                <td className="files__col-mode cnt-mono" data-label={t('files.columns.permissions')}>
                  {permissions(entry)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};

/** A DOM id for a row (names may hold anything, so it is a hash of the path). */
const rowId = (path: string): string => {
  let hash = 0;
  for (let i = 0; i < path.length; i += 1) hash = (Math.imul(31, hash) + path.charCodeAt(i)) | 0;
  return `files-row-${(hash >>> 0).toString(36)}`;
};
