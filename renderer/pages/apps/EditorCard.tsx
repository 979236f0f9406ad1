import { Code2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../src/domain/device.js';
import { remoteEditorUri } from '../../../src/recipes/editor-uri.js';

/** VS Code / Cursor on the box through the editor's own Remote-SSH: a link the OS hands to the editor. */
export const EditorCard = ({ device }: { device: Device }) => {
  const { t } = useTranslation();
  const demo = device.kind === 'demo';
  const target = { host: device.host, user: device.user, port: device.port };
  return (
    <article className="card app-card" data-testid="app-card-editors">
      <header className="app-card__head">
        <Code2 size={22} aria-hidden className="app-card__icon" />
        <h3>{t('apps.editors.title')}</h3>
      </header>
      <p className="small muted app-card__body">{t('apps.editors.body')}</p>
      {demo ? <p className="small muted">{t('apps.editors.demo')}</p> : null}
      {!demo && device.jump.length > 0 ? <p className="small muted">{t('apps.editors.jump', { host: device.host })}</p> : null}
      {demo ? null : (
        <div className="row app-card__actions">
          <a className="button small" href={remoteEditorUri('vscode', target)} target="_blank" rel="noreferrer noopener" data-testid="editor-vscode">
            {t('apps.editors.vscode')}
          </a>
          <a className="button small" href={remoteEditorUri('cursor', target)} target="_blank" rel="noreferrer noopener" data-testid="editor-cursor">
            {t('apps.editors.cursor')}
          </a>
        </div>
      )}
    </article>
  );
};
