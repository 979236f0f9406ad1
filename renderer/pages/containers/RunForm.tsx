import { CircleCheck, Loader2, Play, X } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/Notice.js';
import { clearRunStatus, editRunDraft, runContainer, useRunBusy, useRunDraft, useRunStatus, type RunDraft } from '../../containers/containers-store.js';
import { Elapsed } from '../../components/Elapsed.js';
import { shortId } from './format.js';
import { PullProgress } from './PullProgress.js';
import { buildRunSpec, restartPolicies } from './run-form-model.js';
import { RunPreview, type PreviewIdle } from './RunPreview.js';
import { EnvList, PortList, VolumeList } from './RunLists.js';
import { useRunPreview } from './use-run-preview.js';

/** The image field's id: the empty state's "Run a container" button focuses it. */
export const runImageInputId = 'cnt-run-image';

/** A yes/no option of the run: its row label, the checkbox with its text, and why one would want it. */
const CheckField = ({ label, text, hint, checked, onChange, testId }: { label: string; text: string; hint: string; checked: boolean; onChange: (checked: boolean) => void; testId: string }) => (
  <div className="cnt-field">
    <span className="cnt-field__label">{label}</span>
    <span className="cnt-field__control">
      <label className="checkbox">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
        {text}
      </label>
      <span className="small muted">{hint}</span>
    </span>
  </div>
);

/** Where the run is; it follows the store itself, so a pull's progress re-renders this alone. */
const RunOutcome = ({ deviceId }: { deviceId: string }) => {
  const { t } = useTranslation();
  const run = useRunStatus(deviceId);
  switch (run.kind) {
    case 'idle':
      return null;
    case 'pulling':
      return <PullProgress deviceId={deviceId} pull={run} />;
    case 'running':
      return (
        <p className="cnt-run__busy" role="status" data-testid="run-busy">
          <Loader2 size={16} className="spin" aria-hidden /> {t('containers.run.running')} <Elapsed since={run.since} />
        </p>
      );
    case 'done':
      return (
        <div className="cnt-run__done" role="status" data-testid="run-result">
          <CircleCheck size={18} aria-hidden />
          <p>{run.name ? t('containers.run.done', { name: run.name, id: shortId(run.containerId) }) : t('containers.run.doneNoName', { id: shortId(run.containerId) })}</p>
          <button type="button" className="icon-button" aria-label={t('common.close')} title={t('common.close')} onClick={() => clearRunStatus(deviceId)}>
            <X size={14} aria-hidden />
          </button>
        </div>
      );
    case 'failed':
      return (
        <div data-testid="run-error">
          <ErrorNotice error={run.error} onRetry={() => clearRunStatus(deviceId)} retryLabel={t('common.close')} />
        </div>
      );
  }
};

/**
 * The Run form: what to run and how, the exact `docker run` line it becomes (asked of the box as
 * one types, with its verdict on the image's platform), and the run itself: an image the box lacks is
 * pulled first, layer by layer in view.
 */
export const RunForm = ({ deviceId, connected }: { deviceId: string; connected: boolean }) => {
  const { t } = useTranslation();
  const draft = useRunDraft(deviceId);
  const running = useRunBusy(deviceId);
  const edit = (change: Partial<RunDraft>) => editRunDraft(deviceId, (d) => ({ ...d, ...change }));
  const built = useMemo(() => buildRunSpec(draft, { badPort: t('containers.run.badPort'), incomplete: t('containers.run.incomplete') }), [draft, t]);
  const problems = built.kind === 'invalid' ? built.problems : {};
  const { view, previewNow } = useRunPreview(deviceId, built.kind === 'ready' ? built.key : undefined, connected);

  const answered = view.kind === 'answered' && view.result.ok ? view.result.value : undefined;
  const canRun = connected && built.kind === 'ready' && answered !== undefined && answered.platform.ok && !running;
  const idle: PreviewIdle = !connected ? 'offline' : built.kind === 'invalid' ? 'invalid' : 'empty';

  const submit = () => {
    if (canRun) void runContainer(deviceId, built.spec);
  };

  return (
    <section className="card cnt-run" aria-labelledby="cnt-run-title" id="cnt-run">
      <h2 className="card__title" id="cnt-run-title">
        {t('containers.run.title')}
      </h2>
      <p className="small muted cnt-run__explain">{t('containers.run.explain')}</p>
      {/* Enter anywhere previews; only the Run button runs (a pull is too big to start by accident). */}
      <form
        className="cnt-run__form"
        onSubmit={(e) => {
          e.preventDefault();
          previewNow();
        }}
      >
        <label className="cnt-field" htmlFor={runImageInputId}>
          <span className="cnt-field__label">
            {t('containers.run.image')} <span className="cnt-required" aria-hidden>*</span>
          </span>
          <span className="cnt-field__control">
            <input
              id={runImageInputId}
              className="cnt-input--wide cnt-mono"
              value={draft.image}
              required
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              placeholder={t('containers.run.imagePlaceholder')}
              aria-invalid={problems['image'] !== undefined}
              aria-describedby="cnt-run-image-hint"
              onChange={(e) => edit({ image: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  previewNow();
                }
              }}
              data-testid="run-image"
            />
            <span id="cnt-run-image-hint" className={`small ${problems['image'] ? 'cnt-error-text' : 'muted'}`} role={problems['image'] ? 'alert' : undefined}>
              {problems['image'] ?? t('containers.run.imageHint')}
            </span>
          </span>
        </label>

        <label className="cnt-field">
          <span className="cnt-field__label">{t('containers.run.name')}</span>
          <span className="cnt-field__control">
            <input
              className="cnt-input--wide"
              value={draft.name}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              placeholder={t('containers.run.namePlaceholder')}
              aria-invalid={problems['name'] !== undefined}
              onChange={(e) => edit({ name: e.target.value })}
              data-testid="run-name"
            />
            {problems['name'] ? (
              <span className="small cnt-error-text" role="alert">
                {problems['name']}
              </span>
            ) : null}
          </span>
        </label>

        <div className="cnt-field">
          <span className="cnt-field__label" id="cnt-run-gpus">
            {t('containers.run.gpus')}
          </span>
          <span className="cnt-field__control">
            <span className="segmented" role="radiogroup" aria-labelledby="cnt-run-gpus">
              {(['all', 'none'] as const).map((gpus) => (
                <button key={gpus} type="button" role="radio" aria-checked={draft.gpus === gpus} className="segmented__item" onClick={() => edit({ gpus })} data-testid={`run-gpus-${gpus}`}>
                  {gpus === 'all' ? t('containers.run.gpusAll') : t('containers.run.gpusNone')}
                </button>
              ))}
            </span>
          </span>
        </div>

        <CheckField label={t('containers.run.ipc')} text={t('containers.run.ipcHost')} hint={t('containers.run.ipcHostHint')} checked={draft.ipcHost} onChange={(ipcHost) => edit({ ipcHost })} testId="run-ipc-host" />
        <CheckField label={t('containers.run.shellLabel')} text={t('containers.run.shell')} hint={t('containers.run.shellHint')} checked={draft.shell} onChange={(shell) => edit({ shell })} testId="run-shell" />

        <label className="cnt-field">
          <span className="cnt-field__label">{t('containers.run.restart')}</span>
          <span className="cnt-field__control">
            <select value={draft.restart} onChange={(e) => edit({ restart: e.target.value as RunDraft['restart'] })} data-testid="run-restart">
              {restartPolicies.map((policy) => (
                <option key={policy} value={policy}>
                  {t(`containers.run.restartPolicies.${policy}`)}
                </option>
              ))}
            </select>
          </span>
        </label>

        <PortList deviceId={deviceId} rows={draft.ports} problems={problems} />
        <VolumeList deviceId={deviceId} rows={draft.volumes} problems={problems} />
        <EnvList deviceId={deviceId} rows={draft.env} problems={problems} />

        {problems['form'] ? (
          <p className="small cnt-error-text" role="alert">
            {problems['form']}
          </p>
        ) : null}
      </form>

      <RunPreview view={view} idle={idle} />

      <div className="cnt-run__actions">
        <button type="button" className="button button--primary" disabled={!canRun} onClick={submit} data-testid="run-submit">
          {running ? <Loader2 size={16} className="spin" aria-hidden /> : <Play size={16} aria-hidden />} {t('containers.run.submit')}
        </button>
      </div>
      <RunOutcome deviceId={deviceId} />
    </section>
  );
};
