import { ArrowUp, ChevronRight, House } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { breadcrumbs, displayName } from './file-format.js';

/**
 * Where the folder view is: crumbs to click, or (after a click on the empty space or the pencil)
 * a field to type a path into; Enter goes, Esc goes back to the crumbs. `~` is the home folder.
 */
export const PathBar = ({ path, parent, disabled, onGo }: { path: string; parent: string | null; disabled: boolean; onGo: (path: string) => Promise<boolean> }) => {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(path);
  const startEditing = () => {
    setDraft(path);
    setEditing(true);
  };

  return (
    <div className="row files__pathbar">
      <button type="button" className="icon-button" aria-label={t('files.up')} title={t('files.upKeys')} disabled={disabled || parent === null} onClick={() => parent !== null && void onGo(parent)} data-testid="files-up">
        <ArrowUp size={16} />
      </button>
      <button type="button" className="icon-button" aria-label={t('files.home')} title={t('files.home')} disabled={disabled} onClick={() => void onGo('~')} data-testid="files-home">
        <House size={16} />
      </button>
      {editing ? (
        <form
          className="files__path-form"
          onSubmit={(event) => {
            event.preventDefault();
            const wanted = draft.trim();
            if (wanted !== '') void onGo(wanted).then((ok) => ok && setEditing(false));
          }}
        >
          <input
            className="cnt-field__control files__path-input cnt-mono"
            value={draft}
            autoFocus
            spellCheck={false}
            aria-label={t('files.pathLabel')}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                setDraft(path);
                setEditing(false);
              }
            }}
            onBlur={() => setEditing(false)}
            data-testid="files-path-input"
          />
        </form>
      ) : (
        <nav className="files__crumbs" aria-label={t('files.pathLabel')} onClick={(event) => event.target === event.currentTarget && startEditing()} data-testid="files-crumbs">
          {breadcrumbs(path).map((crumb, i, all) => (
            <span key={crumb.path} className="files__crumb">
              {i > 1 ? <ChevronRight size={14} aria-hidden className="muted" /> : null}
              <button type="button" className="files__crumb-button" disabled={disabled} aria-current={i === all.length - 1 ? 'location' : undefined} onClick={() => void onGo(crumb.path)}>
                {displayName(crumb.name)}
              </button>
            </span>
          ))}
          <button type="button" className="button button--ghost small files__edit-path" onClick={startEditing} data-testid="files-path-edit">
            {t('files.typePath')}
          </button>
        </nav>
      )}
    </div>
  );
};
