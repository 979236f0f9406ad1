import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ExportPreview, ExportQuant } from '../../../src/domain/export.js';
import { quantInfo } from '../../../src/recipes/export/tools.js';
import { expectedQuantBytes, outtypes, quantChoices, type ExportField, type ExportForm, type ExportProblem, type Outtype, type QuantChoice } from '../../export/export-form.js';
import { setForm, setFormFollowing, useExportStore } from '../../export/export-store.js';
import { Field } from '../benchmark/FormField.js';
import { fileSize } from '../files/file-format.js';

type TextField = 'shardSizeGb' | 'temperature' | 'numCtx';

/** The chain's knobs: the Ollama name, convert's outtype, the quant type (size and quality note), the merge's, the Modelfile's, the test prompt. */
/** llama.cpp's own note on a quant type (verbatim), then our advice in the page's language. */
const quantHint = (t: TFunction, quant: ExportQuant): string => {
  const { note, advice } = quantInfo[quant];
  return [t('export.settings.quantNote', { note }), ...(advice ? [t(`export.settings.quantAdvice.${advice}`)] : [])].join(' — ');
};

export const SettingsStep = ({ preview, problems, merging }: { preview: ExportPreview | null; problems: readonly ExportProblem[]; merging: boolean }) => {
  const { t } = useTranslation();
  const form = useExportStore((s) => s.form);
  const problem = (field: ExportField) => {
    const p = problems.find((q) => q.field === field);
    return p ? t('export.settings.invalid', { message: p.message }) : undefined;
  };
  const sized = (quant: QuantChoice) => {
    const bytes = preview ? expectedQuantBytes(preview.disk, form.outtype, quant) : null;
    return bytes === null ? '' : ` — ${t('export.settings.about', { size: fileSize(bytes) })}`;
  };
  const text = (field: TextField, hint?: string) => (
    <Field label={t(`export.settings.${field}`)} hint={hint} problem={problem(field)}>
      <input value={form[field]} inputMode={field === 'temperature' ? 'decimal' : 'numeric'} onChange={(e) => setForm({ [field]: e.target.value } as Partial<ExportForm>)} data-testid={`ex-f-${field}`} />
    </Field>
  );
  return (
    <section className="card bm-form" data-testid="ex-settings">
      <h2 className="card__title">{t('export.settings.title')}</h2>
      <div className="bm-form__grid">
        <Field label={t('export.settings.ollamaName')} hint={t('export.settings.ollamaNameHint')} problem={problem('ollamaName')} wide>
          <input
            value={form.ollamaName}
            spellCheck={false}
            onChange={(e) => setForm({ ollamaName: e.target.value, nameTouched: true })}
            // Enter in the name starts nothing: Start is a button of its own.
            onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
            data-testid="ex-f-ollamaName"
          />
        </Field>
        <Field label={t('export.settings.outtype')} hint={t('export.settings.outtypeHint')}>
          <select value={form.outtype} onChange={(e) => setFormFollowing({ outtype: e.target.value as Outtype })} data-testid="ex-f-outtype">
            {outtypes.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('export.settings.quant')} hint={form.quant === 'none' ? t('export.settings.quantNone') : quantHint(t, form.quant)}>
          <select value={form.quant} onChange={(e) => setFormFollowing({ quant: e.target.value as QuantChoice })} data-testid="ex-f-quant">
            {quantChoices.map((q) => (
              <option key={q} value={q}>
                {q === 'none' ? t('export.settings.noQuant', { outtype: form.outtype }) : q}
                {sized(q)}
              </option>
            ))}
          </select>
        </Field>
        {merging && text('shardSizeGb', t('export.settings.shardHint'))}
        {merging && (
          <Field label={t('export.settings.mergeDevice')} hint={t('export.settings.mergeDeviceHint')}>
            <select value={form.mergeDevice} onChange={(e) => setForm({ mergeDevice: e.target.value === 'auto' ? 'auto' : 'cpu' })} data-testid="ex-f-mergeDevice">
              <option value="cpu">cpu</option>
              <option value="auto">auto</option>
            </select>
          </Field>
        )}
        {merging && (
          <label className="bm-check" title={t('export.settings.legacyHint')}>
            <input type="checkbox" checked={form.legacyFormat} onChange={(e) => setForm({ legacyFormat: e.target.checked })} data-testid="ex-f-legacyFormat" /> {t('export.settings.legacyFormat')}
          </label>
        )}
        {text('temperature')}
        {text('numCtx', t('export.settings.numCtxHint'))}
        <Field label={t('export.settings.system')} hint={t('export.settings.systemHint')} problem={problem('system')} wide>
          <textarea className="ex-textarea" rows={2} value={form.system} onChange={(e) => setForm({ system: e.target.value })} data-testid="ex-f-system" />
        </Field>
        <Field label={t('export.settings.testPrompt')} hint={t('export.settings.testPromptHint')} problem={problem('testPrompt')} wide>
          <input value={form.testPrompt} onChange={(e) => setForm({ testPrompt: e.target.value })} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} data-testid="ex-f-testPrompt" />
        </Field>
      </div>
    </section>
  );
};
