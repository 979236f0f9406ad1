import { Loader2, Rocket } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src/contract/errors.js';
import type { ModelEntry } from '../../../src/domain/model.js';
import type { ServePlanView } from '../../../src/domain/serve.js';
import type { ServeEngineId } from '../../../src/recipes/serve/serve-engines.js';
import type { BoxClass } from '../../../src/recipes/serve/serve-presets.js';
import { bridge } from '../../bridge/bridge.js';
import { ErrorNotice } from '../../components/Notice.js';
import { launchServe, planServe, useServeStore } from '../../serve/serve-store.js';
import { vllmImageAdvice } from '../../../src/recipes/serve/vllm-image-advice.js';
import { ReviewStep } from './ReviewStep.js';
import { SettingsStep } from './SettingsStep.js';
import { engineUnsuited, modelFromEntry, modelFromText, presetForm, type SettingsForm, specOf, wizardEngines, type WizardModel } from './wizard-model.js';

type Step = 'model' | 'engine' | 'settings' | 'review';
const steps: readonly Step[] = ['model', 'engine', 'settings', 'review'];

/** model → engine → settings → review → launch; the launch's progress then shows on its card. */
export const NewServer = ({ deviceId, preselected, onLaunched }: { deviceId: string; preselected: string | null; onLaunched: () => void }) => {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('model');
  const [library, setLibrary] = useState<ModelEntry[] | null>(null);
  const [typed, setTyped] = useState(preselected ?? '');
  const [model, setModel] = useState<WizardModel | null>(null);
  const [engine, setEngine] = useState<ServeEngineId | null>(null);
  const [boxClass, setBoxClass] = useState<BoxClass>('128');
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [plan, setPlan] = useState<ServePlanView | null>(null);
  const [command, setCommand] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const launching = useServeStore((s) => s.launching[deviceId] !== undefined);

  useEffect(() => {
    void bridge()
      .call('models:list', { deviceId })
      .then((r) => {
        const models = r.ok ? r.value.models : [];
        setLibrary(models);
        const pick = preselected === null ? undefined : models.find((m) => m.id === preselected || m.path === preselected || m.servePath === preselected);
        if (pick) setModel(modelFromEntry(pick));
        else if (preselected !== null) setModel(modelFromText(preselected));
      });
  }, [deviceId, preselected]);

  const chooseEngine = async (id: ServeEngineId) => {
    setEngine(id);
    setError(null);
    // A first plan tells the box class (from MemTotal): the presets the form starts from.
    const r = await planServe({ deviceId, spec: specOf(id, model!, presetForm(id, '128'), '128'), ...(model?.info ? { model: model.info } : {}) });
    const cls = r.ok ? r.value.boxClass : '128';
    setBoxClass(cls);
    setForm(presetForm(id, cls));
    setStep('settings');
  };

  const review = async (next: SettingsForm = form!) => {
    setError(null);
    setPlan(null);
    setStep('review');
    const r = await planServe({ deviceId, spec: specOf(engine!, model!, next, boxClass), ...(model?.info ? { model: model.info } : {}) });
    if (r.ok) {
      setPlan(r.value);
      setCommand(r.value.command);
    } else {
      setError(r.error);
      setStep('settings');
    }
  };

  const launch = async () => {
    if (!plan || !engine || !model || !form) return;
    setError(null);
    const edited = command !== null && command !== plan.command ? { command } : {};
    const r = await launchServe({ deviceId, spec: specOf(engine, model, form, boxClass), ...(model.info ? { model: model.info } : {}), ...edited });
    if (r.ok) onLaunched();
    else setError(r.error);
  };

  return (
    <div className="serve-wizard" data-testid="serve-wizard">
      <ol className="serve-wizard__steps">
        {steps.map((s) => (
          <li key={s} className={s === step ? 'is-current' : ''}>
            {t(`serve.steps.${s}`)}
          </li>
        ))}
      </ol>
      {error && <ErrorNotice error={error} />}
      {step === 'model' && (
        <div className="serve-models">
          <h3>{t('serve.model.library')}</h3>
          {library === null ? <Loader2 size={16} className="spin" aria-hidden /> : library.length === 0 && <p className="muted">{t('serve.model.none')}</p>}
          <ul className="serve-models__list">
            {(library ?? []).map((m) => (
              <li key={`${m.source}:${m.id}:${m.path ?? ''}`}>
                <label>
                  <input type="radio" name="serve-model" checked={model?.label === m.id} onChange={() => setModel(modelFromEntry(m))} data-testid="serve-model-entry" /> {m.id}{' '}
                  <span className="muted">{modelFromEntry(m).quantization ?? m.format.kind}</span>
                </label>
              </li>
            ))}
          </ul>
          <label className="serve-field">
            <span>{t('serve.model.free')}</span>
            <input value={typed} placeholder={t('serve.model.freePlaceholder')} onChange={(e) => setTyped(e.target.value)} data-testid="serve-model-text" />
          </label>
          <button type="button" className="button small" disabled={typed.trim() === ''} onClick={() => setModel(modelFromText(typed))} data-testid="serve-model-use">
            {t('serve.model.use')}
          </button>
          {model && <p data-testid="serve-model-chosen">{model.ref}</p>}
          <button type="button" className="button button--primary" disabled={!model} onClick={() => setStep('engine')} data-testid="serve-next">
            {t('serve.next')}
          </button>
        </div>
      )}
      {step === 'engine' && model && (
        <ul className="serve-engines">
          {wizardEngines.map((id) => {
            const why = engineUnsuited(id, model);
            return (
              <li key={id}>
                <button type="button" className="card serve-engine" disabled={why !== null} onClick={() => void chooseEngine(id)} data-testid={`serve-engine-${id}`}>
                  <strong>{t(`serve.engines.${id}.title`)}</strong>
                  <span>{t(`serve.engines.${id}.line`)}</span>
                  {why !== null && <span className="muted">{t(`serve.engineWhy.${why as 'ollamaModel'}`)}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {step === 'settings' && engine && form && <SettingsStep engine={engine} form={form} boxClass={boxClass} set={(patch) => setForm({ ...form, ...patch })} />}
      {step === 'review' &&
        (plan && model ? (
          <ReviewStep
            plan={plan}
            command={command ?? plan.command}
            onCommand={(text) => setCommand(text ?? plan.command)}
            advice={plan.engine === 'vllm' ? vllmImageAdvice(plan.image, model.label, model.info?.quantization ?? model.quantization, model.moe) : null}
            onUseImage={(image) => {
              const next = { ...form!, image };
              setForm(next);
              void review(next);
            }}
          />
        ) : (
          <p className="muted">{t('serve.review.planning')}</p>
        ))}
      <footer className="row serve-wizard__nav">
        {step !== 'model' && (
          <button type="button" className="button button--ghost" onClick={() => setStep(steps[steps.indexOf(step) - 1]!)} data-testid="serve-back">
            {t('serve.back')}
          </button>
        )}
        {step === 'settings' && (
          <button type="button" className="button button--primary" onClick={() => void review()} data-testid="serve-next">
            {t('serve.next')}
          </button>
        )}
        {step === 'review' && (
          <button type="button" className="button button--primary" disabled={!plan || plan.judgement?.verdict === 'refuse' || launching} onClick={() => void launch()} data-testid="serve-launch">
            {launching ? <Loader2 size={14} className="spin" aria-hidden /> : <Rocket size={14} aria-hidden />} {t('serve.review.launch')}
          </button>
        )}
      </footer>
    </div>
  );
};
