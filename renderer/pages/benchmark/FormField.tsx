import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormField as FieldName, FormProblem } from '../../loadtest/run-form.js';

/** The sentence for a field's problem, if it has one (shown once the user tried to start). */
export const useProblem = (problems: readonly FormProblem[]) => {
  const { t } = useTranslation();
  return (field: FieldName): string | undefined => {
    const p = problems.find((q) => q.field === field);
    return p ? t(`benchmark.invalid.${p.key}`, p.params ?? {}) : undefined;
  };
};

/** A labelled control with its hint or problem under it. */
export const Field = ({ label, hint, problem, children, wide = false }: { label: string; hint?: string | undefined; problem?: string | undefined; children: ReactNode; wide?: boolean }) => (
  <label className={`bm-field${wide ? ' bm-field--wide' : ''}`}>
    <span className="bm-field__label">{label}</span>
    {children}
    {problem ? (
      <span className="bm-field__problem" role="alert">
        {problem}
      </span>
    ) : hint ? (
      <span className="bm-field__hint muted">{hint}</span>
    ) : null}
  </label>
);
