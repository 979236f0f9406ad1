import { FolderPlus, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src/contract/errors.js';
import { modelFolderLimits, modelFolderProblem, normalizeModelFolder, type ModelFolderProblem } from '../../../src/domain/model-folder.js';
import { bridge } from '../../bridge/bridge.js';
import { ErrorNotice } from '../../components/Notice.js';
import { useSettingsStore } from '../../state/settings-store.js';
import './model-folders.css';

const problemKey = {
  'not-absolute': 'models.folders.notAbsolute',
  'bad-characters': 'models.folders.badCharacters',
  'too-long': 'models.folders.tooLong',
} as const satisfies Readonly<Record<ModelFolderProblem, string>>;

/**
 * The folders the model library scans on every box (`/data/llm-model`, `~/models`): add one (a
 * full path, checked here and again in main), remove one. An open Models page rescans when the
 * list changes (models-store follows the setting).
 */
export const ModelFolderSettings = () => {
  const { t } = useTranslation();
  const folders = useSettingsStore((s) => s.settings?.modelFolders);
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const [refused, setRefused] = useState<AppError | undefined>();
  if (!folders) return null;

  const save = async (next: string[]) => {
    const result = await bridge().call('settings:update', { modelFolders: next });
    if (result.ok) useSettingsStore.setState({ settings: result.value });
    setRefused(result.ok ? undefined : result.error);
    return result.ok;
  };
  const add = async () => {
    const folder = normalizeModelFolder(draft);
    if (folder === '') return;
    const problem = modelFolderProblem(folder);
    if (problem) return setInvalid(t(problemKey[problem]));
    if (folders.includes(folder)) return setInvalid(t('models.folders.duplicate', { path: folder }));
    if (folders.length >= modelFolderLimits.maxFolders) return setInvalid(t('models.folders.tooMany', { max: modelFolderLimits.maxFolders }));
    setInvalid(undefined);
    if (await save([...folders, folder])) setDraft('');
  };

  return (
    <section className="card" aria-labelledby="model-folders-title" data-testid="model-folder-settings">
      <h2 className="card__title" id="model-folders-title">
        {t('models.folders.title')}
      </h2>
      <p className="small muted">{t('models.folders.explain')}</p>
      {folders.length === 0 ? <p className="small muted">{t('models.folders.none')}</p> : null}
      <ul className="settings-folders">
        {folders.map((folder) => (
          <li key={folder} className="row settings-folders__item" data-testid="model-folder">
            <code className="settings-folders__path">{folder}</code>
            <button type="button" className="icon-button" aria-label={t('models.folders.remove', { path: folder })} title={t('models.folders.remove', { path: folder })} onClick={() => void save(folders.filter((f) => f !== folder))} data-testid="model-folder-remove">
              <X size={15} />
            </button>
          </li>
        ))}
      </ul>
      <form
        className="row settings-folders__add"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <input
          className="cnt-field__control cnt-mono"
          value={draft}
          onChange={(e) => (setDraft(e.target.value), setInvalid(undefined))}
          placeholder={t('models.folders.placeholder')}
          aria-label={t('models.folders.placeholder')}
          aria-invalid={invalid !== undefined}
          spellCheck={false}
          data-testid="model-folder-input"
        />
        <button type="submit" className="button small" disabled={draft.trim() === ''} data-testid="model-folder-add">
          <FolderPlus size={14} aria-hidden /> {t('models.folders.add')}
        </button>
      </form>
      {invalid ? (
        <p className="small settings-folders__invalid" role="alert" data-testid="model-folder-invalid">
          {invalid}
        </p>
      ) : null}
      {refused ? <ErrorNotice error={refused} /> : null}
    </section>
  );
};
