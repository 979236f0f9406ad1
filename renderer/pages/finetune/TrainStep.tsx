import { Rocket } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src/contract/errors.js';
import type { FinetuneMemoryEstimate } from '../../../src/domain/finetune.js';
import { bridge } from '../../bridge/bridge.js';
import { ErrorNotice } from '../../components/Notice.js';
import { setTrainForm, startRun, useFinetuneStore } from '../../finetune/finetune-store.js';
import { settingsOf, withModel } from '../../finetune/train-form.js';
import { MemoryEstimate } from './MemoryEstimate.js';
import { TrainFields } from './TrainFields.js';

/** How long the form rests before its YAML is made again. */
const yamlDelayMs = 400;

/** The form → LLaMA Factory YAML (shown, editable) and the memory estimate → Launch. */
export const TrainStep = ({ deviceId, connected }: { deviceId: string; connected: boolean }) => {
  const { t } = useTranslation();
  const form = useFinetuneStore((s) => s.form);
  const entries = useFinetuneStore((s) => s.datasets[deviceId]?.entries);
  const [models, setModels] = useState<string[]>([]);
  const [made, setMade] = useState<{ yaml: string; memory: FinetuneMemoryEstimate } | null>(null);
  const [yaml, setYaml] = useState('');
  const [edited, setEdited] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [refused, setRefused] = useState<AppError | null>(null);
  const [starting, setStarting] = useState(false);
  const checked = useMemo(() => settingsOf(form), [form]);

  useEffect(() => {
    if (!connected) return;
    void bridge()
      .call('models:list', { deviceId })
      .then((r) => {
        if (!r.ok) return;
        // LLaMA Factory trains Hugging Face weights: a cached repo by its id, a folder by its path.
        const ids = r.value.models.filter((m) => m.format.kind === 'safetensors').map((m) => (m.source === 'folder' ? (m.path ?? m.id) : m.id));
        setModels([...new Set(ids)]);
        if (ids[0] && useFinetuneStore.getState().form.baseModel === '') useFinetuneStore.setState((s) => ({ form: withModel(s.form, { baseModel: ids[0]! }) }));
      });
  }, [deviceId, connected]);

  useEffect(() => {
    if (!checked.ok || !connected) return;
    // A reply to settings the form has since left behind is dropped: a slow earlier answer (the
    // model before the one picked) must not land after the current one.
    let current = true;
    const timer = setTimeout(() => {
      void bridge()
        .call('finetune:yaml', { deviceId, settings: checked.settings })
        .then((r) => {
          if (!current) return;
          if (!r.ok) return setError(r.error);
          setError(null);
          setMade(r.value);
          if (!edited) setYaml(r.value.yaml);
        });
    }, yamlDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [checked, deviceId, connected, edited]);

  const launch = async (force: boolean) => {
    setStarting(true);
    setRefused(null);
    setError(null);
    const name = form.name.trim() || (checked.ok ? checked.settings.outputDir.split('/').filter(Boolean).slice(-3).join(' / ') : 'run');
    const r = await startRun(deviceId, name, yaml, force);
    setStarting(false);
    if (r.ok) return;
    if (r.error.code === 'memory-guard') setRefused(r.error);
    else setError(r.error);
  };

  return (
    <div className="ft-step ft-train" data-testid="ft-train">
      <section className="card bm-form">
        <h2 className="card__title">{t('finetune.train.title')}</h2>
        <TrainFields models={models} datasets={(entries ?? []).map((e) => e.name)} problems={checked.ok ? [] : checked.problems} />
      </section>
      <section className="card ft-yaml">
        <header className="row ft-head">
          <h2 className="card__title">{t('finetune.train.yaml')}</h2>
          <span className="cnt-spacer" />
          {edited && (
            <button
              type="button"
              className="button button--ghost small"
              onClick={() => {
                setEdited(false);
                if (made) setYaml(made.yaml);
              }}
              data-testid="ft-yaml-reset"
            >
              {t('finetune.train.yamlReset')}
            </button>
          )}
        </header>
        <p className="muted small">{edited ? t('finetune.train.yamlEdited') : t('finetune.train.yamlHint')}</p>
        <textarea
          className="ft-yaml__text"
          spellCheck={false}
          value={yaml}
          rows={Math.min(40, Math.max(12, yaml.split('\n').length + 1))}
          onChange={(e) => {
            setYaml(e.target.value);
            setEdited(true);
          }}
          aria-label={t('finetune.train.yaml')}
          data-testid="ft-yaml"
        />
        {made && <MemoryEstimate memory={made.memory} />}
        {error && <ErrorNotice error={error} />}
        {refused && (
          <div data-testid="ft-refused">
            <ErrorNotice error={refused} />
            <button type="button" className="button button--danger" onClick={() => void launch(true)} data-testid="ft-launch-force">
              {t('finetune.train.launchAnyway')}
            </button>
          </div>
        )}
        <div className="row ft-actions">
          <input value={form.name} placeholder={t('finetune.train.namePlaceholder')} onChange={(e) => setTrainForm({ name: e.target.value })} aria-label={t('finetune.train.name')} data-testid="ft-run-name" />
          <button type="button" className="button button--primary" disabled={!connected || starting || yaml.trim() === '' || (!edited && !checked.ok)} onClick={() => void launch(false)} data-testid="ft-launch">
            <Rocket size={14} aria-hidden /> {starting ? t('finetune.train.launching') : t('finetune.train.launch')}
          </button>
        </div>
      </section>
    </div>
  );
};
