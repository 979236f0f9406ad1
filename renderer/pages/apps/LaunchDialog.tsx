import { Loader2, Rocket } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { jupyterTokenFrom, type AppId } from '../../../src/recipes/app-specs.js';
import { launch } from '../../../src/recipes/apps.js';
import { launchApp, useAppsStore } from '../../apps/apps-store.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorNotice } from '../../components/Notice.js';
import { CommandBlock } from '../containers/CommandBlock.js';
import { buildAppSpec, draftFor, type LaunchDraft, type LaunchField } from './launch-form-model.js';

const Field = ({ label, error, children }: { label: string; error: string | undefined; children: ReactNode }) => (
  <label className="cnt-field">
    <span className="cnt-field__label">{label}</span>
    <span className="cnt-field__control">
      {children}
      {error ? (
        <span className="small cnt-error-text" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  </label>
);

/** The form of one app: its few choices, the exact command they make, and Launch. */
const LaunchForm = ({ deviceId, app, onDone }: { deviceId: string; app: AppId; onDone: () => void }) => {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<LaunchDraft>(() => draftFor(app));
  // One token per form: the preview shows it, and the same spec is launched.
  const [token] = useState(() => jupyterTokenFrom(crypto.getRandomValues(new Uint8Array(24))));
  const [busy, setBusy] = useState(false);
  const error = useAppsStore((s) => s.errors[deviceId]);
  const built = useMemo(() => buildAppSpec(app, draft, token), [app, draft, token]);
  const plan = useMemo(() => {
    if (!built.ok) return undefined;
    try {
      return launch(built.spec);
    } catch {
      // A value zod let through but a label refuses: the form shows no command, main would refuse too.
      return undefined;
    }
  }, [built]);
  const problems: Partial<Record<LaunchField, string>> = built.ok ? {} : built.errors;
  const edit = (change: Partial<LaunchDraft>) => setDraft((d) => ({ ...d, ...change }));
  const text = (field: LaunchField, label: string, options: { wide?: boolean; mono?: boolean; placeholder?: string } = {}) => (
    <Field label={label} error={problems[field]}>
      <input
        className={`${options.wide === false ? 'cnt-input--port' : 'cnt-input--wide'}${options.mono ? ' cnt-mono' : ''}`}
        value={draft[field]}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        placeholder={options.placeholder}
        aria-invalid={problems[field] !== undefined}
        onChange={(e) => edit({ [field]: e.target.value })}
        data-testid={`launch-${field}`}
      />
    </Field>
  );
  const submit = async () => {
    if (!built.ok) return;
    setBusy(true);
    const result = await launchApp(deviceId, built.spec);
    setBusy(false);
    if (result.ok) onDone();
  };
  const containerRun = app !== 'dgx-dashboard' && !(app === 'ollama' && draft.mode === 'service') && !(app === 'custom' && draft.runKind === 'host');
  return (
    <form
      className="cnt-run__form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {app === 'custom' ? text('name', t('apps.launch.name'), { placeholder: t('apps.launch.namePlaceholder') }) : null}
      {app === 'ollama' ? (
        <Field label={t('apps.launch.mode')} error={undefined}>
          <select value={draft.mode} onChange={(e) => edit({ mode: e.target.value as LaunchDraft['mode'] })} data-testid="launch-mode">
            <option value="service">{t('apps.launch.modeService')}</option>
            <option value="container">{t('apps.launch.modeContainer')}</option>
          </select>
        </Field>
      ) : null}
      {app === 'custom' ? (
        <Field label={t('apps.launch.runKind')} error={undefined}>
          <select value={draft.runKind} onChange={(e) => edit({ runKind: e.target.value as LaunchDraft['runKind'] })} data-testid="launch-runKind">
            <option value="host">{t('apps.launch.runHost')}</option>
            <option value="container">{t('apps.launch.runContainer')}</option>
          </select>
        </Field>
      ) : null}
      {app === 'custom' && draft.runKind === 'host' ? (
        <Field label={t('apps.launch.script')} error={problems.script}>
          <textarea className="cnt-input--wide cnt-mono" rows={3} value={draft.script} spellCheck={false} placeholder={t('apps.launch.scriptPlaceholder')} onChange={(e) => edit({ script: e.target.value })} data-testid="launch-script" />
        </Field>
      ) : null}
      {containerRun ? text('image', t('apps.launch.image'), { mono: true }) : null}
      {app === 'custom' && draft.runKind === 'container' ? text('containerPort', t('apps.launch.containerPort'), { wide: false }) : null}
      {text('boxPort', t('apps.launch.boxPort'), { wide: false })}
      {app === 'jupyterlab' ? text('notebookDir', t('apps.launch.notebookDir'), { mono: true }) : null}
      {app === 'open-webui' ? text('ollamaPort', t('apps.launch.ollamaPort'), { wide: false }) : null}
      {app === 'custom' ? (
        <>
          {text('urlPath', t('apps.launch.urlPath'), { wide: false, mono: true })}
          {text('healthPath', t('apps.launch.healthPath'), { wide: false, mono: true })}
          {text('startupSeconds', t('apps.launch.startupSeconds'), { wide: false })}
        </>
      ) : null}
      <div className="cnt-field">
        <span className="cnt-field__label">{t('apps.launch.command')}</span>
        <span className="cnt-field__control">
          {plan === undefined ? (
            <span className="small muted">{t('apps.launch.fixFields')}</span>
          ) : plan.command === null ? (
            <span className="small muted" data-testid="launch-nothing">
              {t('apps.launch.nothingToRun', { port: plan.port, path: plan.healthPath })}
            </span>
          ) : (
            <CommandBlock command={plan.command} testId="launch-command" />
          )}
        </span>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="cnt-run__actions">
        <button type="submit" className="button button--primary" disabled={!built.ok || busy} data-testid="launch-submit">
          {busy ? <Loader2 size={16} className="spin" aria-hidden /> : <Rocket size={16} aria-hidden />} {busy ? t('apps.launch.submitting') : t('apps.launch.submit')}
        </button>
      </div>
    </form>
  );
};

/** Launch one app: open while `app` is set. */
export const LaunchDialog = ({ deviceId, app, onClose }: { deviceId: string; app: AppId | undefined; onClose: () => void }) => {
  const { t } = useTranslation();
  return (
    <Dialog open={app !== undefined} title={app ? t('apps.launch.title', { name: t(`apps.catalogue.${app}.title`) }) : ''} onClose={onClose} wide testId="launch-dialog">
      {app !== undefined ? <LaunchForm key={app} deviceId={deviceId} app={app} onDone={onClose} /> : null}
    </Dialog>
  );
};
