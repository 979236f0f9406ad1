import { useTranslation } from 'react-i18next';
import { languages, themes, type Language, type Theme } from '../../../src/domain/settings.js';
import { bridge } from '../../bridge/bridge.js';
import { ErrorNotice } from '../../components/Notice.js';
import { useAppStore } from '../../state/app-store.js';
import { useSettingsStore } from '../../state/settings-store.js';
import { isMac } from '../../app/shortcuts.js';
import { AlertSettings } from './AlertSettings.js';
import { ModelFolderSettings } from './ModelFolderSettings.js';
import { TerminalSettings } from './TerminalSettings.js';

const languageLabel = (value: Language, system: string) => (value === 'system' ? system : value === 'en' ? 'English' : '简体中文');

const SettingsPage = () => {
  const { t } = useTranslation();
  const settings = useSettingsStore((s) => s.settings);
  const error = useSettingsStore((s) => s.error);
  const update = useSettingsStore((s) => s.update);
  const load = useSettingsStore((s) => s.load);
  const info = useAppStore((s) => s.info);
  const shell = bridge().capabilities.shell;
  const mod = isMac() ? '⌘' : 'Ctrl+';
  const themeLabel: Record<Theme, string> = {
    system: t('settings.themeSystem'),
    light: t('settings.themeLight'),
    dark: t('settings.themeDark'),
  };

  return (
    <div className="settings" data-testid="settings-page">
      <header className="page__header">
        <h1>{t('settings.title')}</h1>
      </header>
      {error ? <ErrorNotice error={error} onRetry={() => void load()} retryLabel={t('common.retry')} /> : null}

      <section className="card">
        <h2 className="card__title">{t('settings.appearance')}</h2>
        <div className="form-grid">
          <label htmlFor="language">{t('settings.language')}</label>
          <select
            id="language"
            value={settings?.language ?? 'system'}
            onChange={(e) => void update({ language: e.target.value as Language })}
          >
            {languages.map((l) => (
              <option key={l} value={l}>
                {languageLabel(l, t('settings.languageSystem'))}
              </option>
            ))}
          </select>

          <span id="theme-label">{t('settings.theme')}</span>
          <div className="segmented" role="radiogroup" aria-labelledby="theme-label">
            {themes.map((theme) => (
              <button
                key={theme}
                type="button"
                role="radio"
                aria-checked={(settings?.theme ?? 'system') === theme}
                className="segmented__item"
                onClick={() => void update({ theme })}
              >
                {themeLabel[theme]}
              </button>
            ))}
          </div>
        </div>
      </section>

      <AlertSettings />

      <TerminalSettings />

      <ModelFolderSettings />

      <section className="card">
        <h2 className="card__title">{t('shortcuts.title')}</h2>
        <dl className="kv">
          <dt>
            <kbd>{mod}1</kbd> … <kbd>{mod}9</kbd>
          </dt>
          <dd>{t('shortcuts.pages')}</dd>
          <dt>
            <kbd>{mod},</kbd>
          </dt>
          <dd>{t('shortcuts.settings')}</dd>
          <dt>
            <kbd>{mod}B</kbd>
          </dt>
          <dd>{t('shortcuts.sidebar')}</dd>
        </dl>
      </section>

      <section className="card">
        <h2 className="card__title">{t('settings.about')}</h2>
        <dl className="kv">
          <dt>{t('settings.version')}</dt>
          <dd data-testid="app-version">{info ? `${info.name} ${info.version}` : '…'}</dd>
          <dt>{t('settings.shell')}</dt>
          <dd data-testid="app-shell">{shell === 'electron' ? t('settings.shellElectron') : t('settings.shellBrowser')}</dd>
          <dt>{t('settings.dataDir')}</dt>
          <dd>
            <code>{info?.dataDir ?? '…'}</code>
          </dd>
          <dt>{t('settings.secrets')}</dt>
          <dd>{info?.secretStorage === 'os-keychain' ? t('settings.secretsKeychain') : t('settings.secretsFile')}</dd>
        </dl>
      </section>
    </div>
  );
};

export default SettingsPage;
