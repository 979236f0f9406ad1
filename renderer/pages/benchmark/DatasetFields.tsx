import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePromptFile, promptFileLimits } from '../../loadtest/file-prompts.js';
import type { RunForm } from '../../loadtest/run-form.js';
import { Field } from './FormField.js';

/** The prompts: bundled Q&A (en/zh), random of chosen lengths, or a file read here and sent as prompts. */
export const DatasetFields = ({ form, set, problem, disabled }: { form: RunForm; set: (patch: Partial<RunForm>) => void; problem: (f: keyof RunForm) => string | undefined; disabled: boolean }) => {
  const { t } = useTranslation();
  const [fileNote, setFileNote] = useState<{ text: string; bad: boolean } | null>(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    set({ file: null });
    let text: string;
    try {
      // Checked before reading: a file over the cap is never loaded into memory.
      if (file.size > promptFileLimits.maxBytes) {
        setFileNote({ text: t('benchmark.form.fileProblem.too-big', { mib: promptFileLimits.maxBytes / 1024 / 1024 }), bad: true });
        return;
      }
      text = await file.text();
    } catch {
      setFileNote({ text: t('benchmark.form.fileProblem.unreadable'), bad: true });
      return;
    }
    const parsed = parsePromptFile(text, file.size);
    if (!parsed.ok) {
      setFileNote({ text: t(`benchmark.form.fileProblem.${parsed.problem}`, { mib: promptFileLimits.maxBytes / 1024 / 1024 }), bad: true });
      return;
    }
    set({ file: { name: file.name, prompts: parsed.prompts } });
    const read = t('benchmark.form.fileRead', { name: file.name, count: parsed.prompts.length, format: parsed.format === 'sharegpt' ? 'ShareGPT' : 'lines' });
    setFileNote({ text: parsed.skipped > 0 ? `${read} ${t('benchmark.form.fileSkipped', { count: parsed.skipped })}` : read, bad: false });
  };

  return (
    <>
      <Field label={t('benchmark.form.dataset')}>
        <select value={form.datasetKind} disabled={disabled} onChange={(e) => set({ datasetKind: e.target.value as RunForm['datasetKind'] })} data-testid="bm-dataset">
          <option value="bundled-en">{t('benchmark.form.datasetEn')}</option>
          <option value="bundled-zh">{t('benchmark.form.datasetZh')}</option>
          <option value="random">{t('benchmark.form.datasetRandom')}</option>
          <option value="file">{t('benchmark.form.datasetFile')}</option>
        </select>
      </Field>
      {form.datasetKind === 'random' && (
        <>
          <Field label={t('benchmark.form.inputTokens')} problem={problem('inputTokens')}>
            <input inputMode="numeric" value={form.inputTokens} disabled={disabled} onChange={(e) => set({ inputTokens: e.target.value })} data-testid="bm-input-tokens" />
          </Field>
          <Field label={t('benchmark.form.outputTokens')} problem={problem('outputTokens')}>
            <input inputMode="numeric" value={form.outputTokens} disabled={disabled} onChange={(e) => set({ outputTokens: e.target.value })} data-testid="bm-output-tokens" />
          </Field>
        </>
      )}
      {form.datasetKind === 'file' && (
        <Field label={t('benchmark.form.file')} problem={problem('file') ?? (fileNote?.bad ? fileNote.text : undefined)} hint={fileNote && !fileNote.bad ? fileNote.text : undefined} wide>
          <input type="file" accept=".txt,.jsonl,.json,text/plain,application/json" disabled={disabled} onChange={(e) => void pick(e.target.files?.[0])} data-testid="bm-file" />
        </Field>
      )}
    </>
  );
};
