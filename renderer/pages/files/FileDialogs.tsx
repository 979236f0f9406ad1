import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileEntry } from '../../../src/domain/transfer.js';
import { ConfirmDialog, Dialog } from '../../components/Dialog.js';
import { displayName } from './file-format.js';

/** Why a typed name cannot be a file name on Linux, or null when it can. */
export const nameProblem = (name: string): 'empty' | 'slash' | 'dots' | 'long' | null => {
  if (name === '') return 'empty';
  if (name.includes('/') || name.includes('\0')) return 'slash';
  if (name === '.' || name === '..') return 'dots';
  if (new TextEncoder().encode(name).length > 255) return 'long';
  return null;
};

/** Asks for a name (a new folder, or a rename with the old name filled in). */
export const NameDialog = ({ title, initial, confirmLabel, onClose, onSubmit, testId }: { title: string; initial: string; confirmLabel: string; onClose: () => void; onSubmit: (name: string) => Promise<boolean>; testId: string }) => {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  const problem = nameProblem(name);
  return (
    <Dialog open title={title} onClose={onClose} testId={testId}>
      <form
        className="files__dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (problem !== null || busy) return;
          setBusy(true);
          void onSubmit(name).then((ok) => {
            setBusy(false);
            if (ok) onClose();
          });
        }}
      >
        <label className="cnt-field">
          <span className="cnt-field__label">{t('files.name')}</span>
          <input className="cnt-field__control files__name-input" value={name} autoFocus spellCheck={false} onChange={(event) => setName(event.target.value)} data-testid="files-name-input" />
        </label>
        {problem !== null && name !== '' ? <p className="small cnt-error-text">{t(`files.nameProblem.${problem}`)}</p> : null}
        <div className="row dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={problem !== null || busy || name === initial} data-testid="files-name-submit">
            {confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
};

/** Names everything that goes before anything is deleted. */
export const DeleteDialog = ({ entries, onClose, onConfirm }: { entries: readonly FileEntry[]; onClose: () => void; onConfirm: () => void }) => {
  const { t } = useTranslation();
  const folders = entries.filter((e) => e.kind === 'dir').length;
  return (
    <ConfirmDialog
      open
      title={t('files.deleteTitle', { count: entries.length })}
      onClose={onClose}
      onConfirm={onConfirm}
      confirmLabel={t('files.delete')}
      cancelLabel={t('common.cancel')}
      icon={<Trash2 size={14} aria-hidden />}
      testId="files-delete-dialog"
      confirmTestId="files-delete-confirm"
    >
      <p className="cnt-dialog-text">{t('files.deleteBody')}</p>
      <ul className="files__delete-list">
        {entries.map((e) => (
          <li key={e.path} className="cnt-mono">
            {displayName(e.name)}
            {e.kind === 'dir' ? '/' : ''}
          </li>
        ))}
      </ul>
      {folders > 0 ? <p className="cnt-dialog-text cnt-warn-text">{t('files.deleteFolders')}</p> : null}
    </ConfirmDialog>
  );
};
