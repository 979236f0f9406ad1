import i18next from 'i18next';
import { CircleCheck, CircleX, X } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunView } from '../../../src/domain/finetune.js';
import { Welcome } from '../../app/Welcome.js';
import { ErrorNotice } from '../../components/Notice.js';
import { clearError, dismissEnded, followFinetune, loadDatasets, loadEnvironment, loadRuns, selectRun, setStep, useFinetuneStore, type FinetuneStep } from '../../finetune/finetune-store.js';
import { useSelectedDevice } from '../../state/devices-store.js';
import { DatasetStep } from './DatasetStep.js';
import { EnvironmentStep } from './EnvironmentStep.js';
import { EvaluateStep } from './EvaluateStep.js';
import { RunStep } from './RunStep.js';
import { TrainStep } from './TrainStep.js';
import { TryStep } from './TryStep.js';
import '../benchmark/benchmark.css';
import './finetune.css';

const steps: readonly FinetuneStep[] = ['environment', 'dataset', 'train', 'run', 'try', 'evaluate'];

/** The sentence of the notice on the page (the desktop notification and the bell say it from the alerts). */
const endedText = (run: RunView) => ({
  title: i18next.t('app.name'),
  body: i18next.t(`finetune.ended.${run.state === 'done' ? 'done' : run.state === 'failed' ? 'failed' : 'stopped'}`, { name: run.name, kind: i18next.t(`finetune.kind.${run.kind}`) }),
});

/** Runs that ended while the app watched: a notice each until dismissed (failures with their lines on the run). */
const EndedNotices = ({ deviceId }: { deviceId: string }) => {
  const { t } = useTranslation();
  const ended = useFinetuneStore((s) => s.ended).filter((r) => r.deviceId === deviceId);
  if (ended.length === 0) return null;
  return (
    <ul className="ft-ended">
      {ended.map((run) => (
        <li key={run.id} className={`notice ${run.state === 'done' ? 'ft-notice--ok' : 'notice--error'}`} data-testid="ft-ended" data-state={run.state} data-kind={run.kind}>
          {run.state === 'done' ? <CircleCheck size={18} aria-hidden /> : <CircleX size={18} aria-hidden />}
          <p className="notice__message">{endedText(run).body}</p>
          <span className="cnt-spacer" />
          <button
            type="button"
            className="button button--ghost small"
            onClick={() => {
              selectRun(run.id);
              setStep(run.kind === 'predict' && run.state === 'done' ? 'evaluate' : 'run');
            }}
          >
            {t('finetune.ended.open')}
          </button>
          <button type="button" className="button button--ghost small" aria-label={t('common.close')} onClick={() => dismissEnded(run.id)}>
            <X size={14} aria-hidden />
          </button>
        </li>
      ))}
    </ul>
  );
};

const FinetunePage = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  const deviceId = view?.device.id;
  const connected = view?.status.kind === 'connected';
  const step = useFinetuneStore((s) => s.step);
  const env = useFinetuneStore((s) => (deviceId ? s.env[deviceId] : undefined));
  const error = useFinetuneStore((s) => (deviceId ? s.errors[deviceId] : undefined));
  const runs = useFinetuneStore((s) => (deviceId ? s.runs[deviceId] : undefined));
  const datasetCount = useFinetuneStore((s) => (deviceId ? s.datasets[deviceId]?.entries.length : undefined));

  useEffect(() => followFinetune(), []);
  useEffect(() => {
    if (!deviceId || !connected) return;
    void loadEnvironment(deviceId).then((found) => {
      if (found && found.kind !== 'missing') void loadDatasets(deviceId);
    });
    void loadRuns(deviceId);
  }, [deviceId, connected]);

  if (!view || !deviceId) return <Welcome page={t('nav.finetune')} />;
  const mark: Partial<Record<FinetuneStep, string>> = {
    environment: env ? (env.kind === 'missing' ? '✗' : '✓') : '',
    dataset: datasetCount ? String(datasetCount) : '',
    run: runs?.some((r) => r.state === 'running') ? '●' : runs?.length ? String(runs.filter((r) => r.kind === 'train').length) : '',
  };
  return (
    <div className="benchmark finetune" data-testid="finetune-page">
      <header className="page__header row">
        <h1>{t('nav.finetune')}</h1>
      </header>
      {!connected && <p className="muted">{t('finetune.notConnected', { box: view.device.name })}</p>}
      <nav className="bm-tabs ft-steps" role="tablist" aria-label={t('finetune.stepsLabel')}>
        {steps.map((id, i) => (
          <button key={id} type="button" role="tab" aria-selected={step === id} className={`bm-tab${step === id ? ' is-current' : ''}`} onClick={() => setStep(id)} data-testid={`ft-step-${id}`}>
            <span className="ft-steps__n">{i + 1}</span> {t(`finetune.steps.${id}`)}
            {mark[id] ? <span className="ft-steps__mark">{mark[id]}</span> : null}
          </button>
        ))}
      </nav>
      <EndedNotices deviceId={deviceId} />
      {error && <ErrorNotice error={error} onRetry={() => clearError(deviceId)} retryLabel={t('common.close')} />}
      {step === 'environment' && <EnvironmentStep deviceId={deviceId} env={env} connected={connected} />}
      {step === 'dataset' && <DatasetStep deviceId={deviceId} env={env} connected={connected} />}
      {step === 'train' && <TrainStep deviceId={deviceId} connected={connected} />}
      {step === 'run' && <RunStep deviceId={deviceId} connected={connected} />}
      {step === 'try' && <TryStep deviceId={deviceId} connected={connected} />}
      {step === 'evaluate' && <EvaluateStep deviceId={deviceId} connected={connected} />}
    </div>
  );
};

export default FinetunePage;
