import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunView } from '../../../src/domain/finetune.js';
import { exportTemplates } from '../../export/export-form.js';
import { setFormFollowing, useExportStore, type ModelChoice } from '../../export/export-store.js';
import { templateFor } from '../../finetune/train-form.js';
import { Field } from '../benchmark/FormField.js';

/** A LLaMA Factory template for the model when its name says one the Modelfile knows, else ''. */
const suggestTemplate = (id: string): string => {
  const t = templateFor(id);
  return (exportTemplates as readonly string[]).includes(t) ? t : '';
};

/** What to export: a finished training run (its adapter merged into its base), or a full model folder and its chat template. */
export const SourceStep = ({ runs, models }: { runs: readonly RunView[]; models: readonly ModelChoice[] }) => {
  const { t } = useTranslation();
  const source = useExportStore((s) => s.form.source);
  const [picked, setPicked] = useState<'finetune' | 'model' | null>(null);
  const kind = source?.kind ?? picked ?? (runs.length > 0 ? 'finetune' : 'model');

  const pickRun = (id: string) => {
    const run = runs.find((r) => r.id === id);
    setFormFollowing(run ? { source: { kind: 'finetune', runId: run.id }, sourceName: run.name } : { source: null, sourceName: '' });
  };
  const pickModel = (dir: string, template?: string) => {
    const model = models.find((m) => m.dir === dir);
    if (!model) return setFormFollowing({ source: null, sourceName: '' });
    setFormFollowing({ source: { kind: 'model', modelDir: model.dir, template: template ?? suggestTemplate(model.id) }, sourceName: model.id });
  };

  return (
    <section className="card bm-form" data-testid="ex-source">
      <h2 className="card__title">{t('export.source.title')}</h2>
      <div className="row ex-kinds" role="radiogroup" aria-label={t('export.source.title')}>
        <label className="bm-check">
          <input type="radio" name="ex-source-kind" checked={kind === 'finetune'} disabled={runs.length === 0} onChange={() => {
              setPicked('finetune');
              pickRun(runs[0]?.id ?? '');
            }} data-testid="ex-source-kind-finetune" />
          {t('export.source.finetune')}
        </label>
        <label className="bm-check">
          <input type="radio" name="ex-source-kind" checked={kind === 'model'} disabled={models.length === 0} onChange={() => {
              setPicked('model');
              pickModel(models[0]?.dir ?? '');
            }} data-testid="ex-source-kind-model" />
          {t('export.source.model')}
        </label>
      </div>
      {kind === 'finetune' ? (
        <Field label={t('export.source.run')} hint={runs.length === 0 ? t('export.source.noRuns') : t('export.source.runHint')} wide>
          <select value={source?.kind === 'finetune' ? source.runId : ''} onChange={(e) => pickRun(e.target.value)} data-testid="ex-source-run">
            <option value="">{t('export.source.pick')}</option>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} — {r.baseModel}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <div className="bm-form__grid">
          <Field label={t('export.source.modelDir')} hint={models.length === 0 ? t('export.source.noModels') : t('export.source.modelHint')} wide>
            <select value={source?.kind === 'model' ? source.modelDir : ''} onChange={(e) => pickModel(e.target.value)} data-testid="ex-source-model">
              <option value="">{t('export.source.pick')}</option>
              {models.map((m) => (
                <option key={m.dir} value={m.dir}>
                  {m.id}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('export.source.template')} hint={t('export.source.templateHint')}>
            <select value={source?.kind === 'model' ? source.template : ''} disabled={source?.kind !== 'model'} onChange={(e) => source?.kind === 'model' && pickModel(source.modelDir, e.target.value)} data-testid="ex-source-template">
              <option value="">{t('export.source.pick')}</option>
              {exportTemplates.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
    </section>
  );
};
