import { Check, Circle, CircleX, Loader2, Minus, SkipForward } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { exportStepNames, type ExportStepState, type ExportView } from '../../../src/domain/export.js';

const icons: Record<ExportStepState, typeof Check> = { waiting: Circle, running: Loader2, skipped: SkipForward, done: Check, failed: CircleX, omitted: Minus };

/** merge → convert → quantize → create → test, each with its state; the running one with its progress bar. */
export const StepList = ({ view }: { view: ExportView }) => {
  const { t } = useTranslation();
  return (
    <ol className="ex-steps" data-testid="ex-steps">
      {exportStepNames.map((name) => {
        const state = view.steps[name];
        const Icon = icons[state];
        return (
          <li key={name} className={`ex-step ex-step--${state}`} data-testid={`ex-step-${name}`} data-state={state}>
            <Icon size={16} aria-hidden className={state === 'running' ? 'spin' : undefined} />
            <span className="ex-step__name">{t(`export.steps.${name}`)}</span>
            <span className="ex-step__state">{t(`export.stepState.${state}`)}</span>
            {state === 'running' && view.progress !== null && (
              <progress className="ex-step__bar" max={1} value={view.progress} aria-label={t('export.run.progress', { step: t(`export.steps.${name}`) })} data-testid="ex-step-progress" />
            )}
          </li>
        );
      })}
    </ol>
  );
};
