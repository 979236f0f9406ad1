import { useTranslation } from 'react-i18next';
import { selectRun, setStep, useFinetuneStore } from '../../finetune/finetune-store.js';
import { RunDetail } from './RunDetail.js';

/** The box's runs (training and predictions, newest first) and the one opened. */
export const RunStep = ({ deviceId, connected }: { deviceId: string; connected: boolean }) => {
  const { t } = useTranslation();
  const runs = useFinetuneStore((s) => s.runs[deviceId]) ?? [];
  const selectedId = useFinetuneStore((s) => s.selectedRunId);
  const opened = runs.find((r) => r.id === selectedId) ?? runs.find((r) => r.kind === 'train');
  if (runs.length === 0) {
    return (
      <p className="muted" data-testid="ft-no-runs">
        {t('finetune.run.none')}{' '}
        <button type="button" className="button small" onClick={() => setStep('train')}>
          {t('finetune.steps.train')}
        </button>
      </p>
    );
  }
  return (
    <div className="ft-step ft-runs">
      <ul className="ft-runlist" data-testid="ft-runlist">
        {runs.map((r) => (
          <li key={r.id}>
            <button type="button" className={`ft-runlist__item${r.id === opened?.id ? ' is-current' : ''}`} aria-pressed={r.id === opened?.id} onClick={() => selectRun(r.id)} data-testid="ft-runlist-item" data-state={r.state}>
              <span className="ft-runlist__name">{r.name}</span>
              <span className="muted small">
                {t(`finetune.kind.${r.kind}`)} · {t(`finetune.state.${r.state}`)}
                {r.totalSteps ? ` · ${r.step}/${r.totalSteps}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {opened && <RunDetail run={opened} connected={connected} />}
    </div>
  );
};
