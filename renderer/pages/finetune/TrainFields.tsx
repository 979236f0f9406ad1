import { useTranslation } from 'react-i18next';
import { FinetuneMethod, LrScheduler } from '../../../src/domain/finetune.js';
import { setTrainForm, useFinetuneStore } from '../../finetune/finetune-store.js';
import { withModel, type FormField, type FormProblem, type TrainForm } from '../../finetune/train-form.js';
import { Field } from '../benchmark/FormField.js';

type TextField = { [K in keyof TrainForm]: TrainForm[K] extends string ? K : never }[keyof TrainForm];

/** The training form: model and template, method and its knobs, data, schedule, logging, output. */
export const TrainFields = ({ models, datasets, problems }: { models: readonly string[]; datasets: readonly string[]; problems: readonly FormProblem[] }) => {
  const { t } = useTranslation();
  const form = useFinetuneStore((s) => s.form);
  const problem = (field: FormField) => {
    const p = problems.find((q) => q.field === field);
    return p ? t('finetune.train.invalid', { message: p.message }) : undefined;
  };
  const text = (field: TextField & FormField, extra: { hint?: string; placeholder?: string; inputMode?: 'decimal' | 'numeric' } = {}) => (
    <Field label={t(`finetune.train.fields.${field}`)} hint={extra.hint} problem={problem(field)}>
      <input value={form[field]} inputMode={extra.inputMode} placeholder={extra.placeholder} onChange={(e) => setTrainForm({ [field]: e.target.value })} data-testid={`ft-f-${field}`} />
    </Field>
  );
  const lora = form.method === 'lora' || form.method === 'qlora';
  return (
    <div className="bm-form__grid" data-testid="ft-train-fields">
      <Field label={t('finetune.train.fields.baseModel')} hint={t('finetune.train.baseModelHint')} problem={problem('baseModel')} wide>
        <input
          value={form.baseModel}
          list="ft-models"
          onChange={(e) => useFinetuneStore.setState((s) => ({ form: withModel(s.form, { baseModel: e.target.value }) }))}
          data-testid="ft-f-baseModel"
        />
        <datalist id="ft-models">
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </Field>
      <Field label={t('finetune.train.fields.template')} hint={t('finetune.train.templateHint')} problem={problem('template')}>
        <input value={form.template} onChange={(e) => setTrainForm({ template: e.target.value, templateTouched: true })} data-testid="ft-f-template" />
      </Field>
      <Field label={t('finetune.train.fields.method')}>
        <select value={form.method} onChange={(e) => useFinetuneStore.setState((s) => ({ form: withModel(s.form, { method: e.target.value as FinetuneMethod }) }))} data-testid="ft-f-method">
          {FinetuneMethod.options.map((m) => (
            <option key={m} value={m}>
              {t(`finetune.methods.${m}`)}
            </option>
          ))}
        </select>
      </Field>
      {form.method === 'qlora' && (
        <Field label={t('finetune.train.fields.quantizationBit')}>
          <select value={form.quantizationBit} onChange={(e) => setTrainForm({ quantizationBit: e.target.value === '8' ? '8' : '4' })} data-testid="ft-f-quantizationBit">
            <option value="4">4-bit</option>
            <option value="8">8-bit</option>
          </select>
        </Field>
      )}
      {lora && text('loraRank', { inputMode: 'numeric', hint: t('finetune.train.rankHint') })}
      {lora && text('loraAlpha', { inputMode: 'numeric', hint: t('finetune.train.alphaHint') })}
      {lora && text('loraDropout', { inputMode: 'decimal' })}
      {lora && text('loraTarget', { hint: t('finetune.train.targetHint') })}
      {form.method === 'freeze' && text('freezeTrainableLayers', { inputMode: 'numeric' })}
      <fieldset className="bm-field bm-field--wide ft-datasets-pick" data-testid="ft-f-datasets">
        <legend className="bm-field__label">{t('finetune.train.fields.datasets')}</legend>
        {datasets.length === 0 && <span className="muted small">{t('finetune.train.noDatasets')}</span>}
        {datasets.map((d) => (
          <label key={d} className="bm-check">
            <input type="checkbox" checked={form.datasets.includes(d)} onChange={(e) => setTrainForm({ datasets: e.target.checked ? [...form.datasets, d] : form.datasets.filter((x) => x !== d) })} data-testid="ft-f-dataset" data-name={d} />
            {d}
          </label>
        ))}
        {problem('datasets') && <span className="bm-field__problem">{problem('datasets')}</span>}
      </fieldset>
      {text('cutoffLen', { inputMode: 'numeric', hint: t('finetune.train.cutoffHint') })}
      {text('maxSamples', { inputMode: 'numeric', placeholder: t('finetune.train.all') })}
      {text('valSize', { inputMode: 'decimal', hint: t('finetune.train.valHint') })}
      {text('batchSize', { inputMode: 'numeric' })}
      {text('gradientAccumulation', { inputMode: 'numeric' })}
      {text('learningRate', { inputMode: 'decimal' })}
      <Field label={t('finetune.train.fields.scheduler')}>
        <select value={form.scheduler} onChange={(e) => setTrainForm({ scheduler: e.target.value as LrScheduler })} data-testid="ft-f-scheduler">
          {LrScheduler.options.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </Field>
      {text('warmupRatio', { inputMode: 'decimal' })}
      {text('epochs', { inputMode: 'decimal' })}
      <label className="bm-check">
        <input type="checkbox" checked={form.bf16} onChange={(e) => setTrainForm({ bf16: e.target.checked })} data-testid="ft-f-bf16" /> {t('finetune.train.fields.bf16')}
      </label>
      {text('loggingSteps', { inputMode: 'numeric' })}
      {text('saveSteps', { inputMode: 'numeric' })}
      {text('evalSteps', { inputMode: 'numeric' })}
      <Field label={t('finetune.train.fields.outputDir')} problem={problem('outputDir')} wide>
        <input value={form.outputDir} onChange={(e) => setTrainForm({ outputDir: e.target.value, outputTouched: true })} data-testid="ft-f-outputDir" />
      </Field>
    </div>
  );
};
