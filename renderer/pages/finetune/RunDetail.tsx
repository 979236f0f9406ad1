import { ExternalLink, FileOutput, FlaskConical, Play, Square, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunView } from '../../../src/domain/finetune.js';
import { exportRun } from '../../export/export-store.js';
import { curveColumns, formatEta } from '../../finetune/curve-series.js';
import { loadCurve, openLlamaBoard, removeRun, resumeRun, setStep, stopRun, useFinetuneStore } from '../../finetune/finetune-store.js';
import { formatNumber } from '../../loadtest/metrics.js';
import { GpuBeside } from './GpuBeside.js';
import { LiveCurve } from './LiveCurve.js';
import { FailureNotice } from '../../components/Notice.js';

const live = (run: RunView) => run.state === 'running' || run.state === 'queued';

/** One run: progress, live curves with the GPU beside them, Stop / Resume, checkpoints, failure lines, LlamaBoard. */
export const RunDetail = ({ run, connected }: { run: RunView; connected: boolean }) => {
  const { t } = useTranslation();
  const curve = useFinetuneStore((s) => s.curves[run.id]);
  const [busy, setBusy] = useState(false);
  const [board, setBoard] = useState<string | null>(null);

  useEffect(() => {
    if (connected && run.kind === 'train') void loadCurve(run.deviceId, run.id);
  }, [connected, run.deviceId, run.id, run.kind, run.attempt]);

  const columns = useMemo(() => curveColumns(curve?.points ?? []), [curve]);
  const lossLines = useMemo(() => [{ label: t('finetune.run.loss'), values: columns.loss }, ...(columns.evalLoss.some((v) => v !== null) ? [{ label: t('finetune.run.evalLoss'), values: columns.evalLoss }] : [])], [columns, t]);
  const lrLines = useMemo(() => [{ label: t('finetune.run.lr'), values: columns.lr }], [columns, t]);
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    await work();
    setBusy(false);
  };
  const total = run.totalSteps ?? 0;

  return (
    <section className="card ft-run" data-testid="ft-run" data-state={run.state} data-run-id={run.id}>
      <header className="row ft-head">
        <h2 className="card__title">{run.name}</h2>
        <span className={`badge ft-state ft-state--${run.state}`} data-testid="ft-run-state">
          {t(`finetune.state.${run.state}`)}
        </span>
        <span className="cnt-spacer" />
        {live(run) && (
          <button type="button" className="button button--danger small" disabled={busy || !connected} onClick={() => void act(() => stopRun(run.deviceId, run.id))} data-testid="ft-stop">
            <Square size={14} aria-hidden /> {t('finetune.run.stop')}
          </button>
        )}
        {run.kind === 'train' && (run.state === 'stopped' || run.state === 'failed') && (
          <button type="button" className="button small" disabled={busy || !connected || run.checkpoints.length === 0} title={run.checkpoints.length === 0 ? t('finetune.run.noCheckpoint') : undefined} onClick={() => void act(() => resumeRun(run.deviceId, run.id))} data-testid="ft-resume">
            <Play size={14} aria-hidden /> {t('finetune.run.resume')}
          </button>
        )}
        {run.kind === 'train' && run.state === 'done' && (
          <button type="button" className="button button--primary small" onClick={() => setStep('evaluate')} data-testid="ft-to-evaluate">
            <FlaskConical size={14} aria-hidden /> {t('finetune.run.evaluate')}
          </button>
        )}
        {run.kind === 'train' && run.state === 'done' && (
          <button type="button" className="button small" title={t('export.fromRunHint')} onClick={() => exportRun(run)} data-testid="ft-to-export">
            <FileOutput size={14} aria-hidden /> {t('export.fromRun')}
          </button>
        )}
        <button
          type="button"
          className="button button--ghost small"
          disabled={busy || !connected}
          onClick={() =>
            void act(async () => {
              const url = await openLlamaBoard(run.deviceId);
              if (url) {
                setBoard(url);
                window.open(url, '_blank', 'noopener');
              }
            })
          }
          data-testid="ft-llamaboard"
        >
          <ExternalLink size={14} aria-hidden /> {t('finetune.run.llamaboard')}
        </button>
        {!live(run) && (
          <button type="button" className="button button--ghost small" disabled={busy || !connected} title={t('finetune.run.removeHint')} onClick={() => void act(() => removeRun(run.deviceId, run.id))} data-testid="ft-remove">
            <Trash2 size={14} aria-hidden /> {t('finetune.run.remove')}
          </button>
        )}
      </header>
      {board && (
        <p className="muted small">
          {t('finetune.run.boardAt')}{' '}
          <a href={board} target="_blank" rel="noreferrer" data-testid="ft-llamaboard-url">
            {board}
          </a>
        </p>
      )}
      <div className="ft-progress">
        <progress max={Math.max(total, 1)} value={run.state === 'done' ? Math.max(total, 1) : run.step} aria-label={t('finetune.run.progress')} data-testid="ft-progress" />
        <span className="ft-progress__facts" data-testid="ft-facts">
          {t('finetune.run.steps', { step: run.step, total: run.totalSteps ?? '?' })}
          {run.epoch !== null && ` · ${t('finetune.run.epoch', { epoch: formatNumber(run.epoch) })}`}
          {live(run) && ` · ${t('finetune.run.eta', { eta: formatEta(run.etaSeconds) })}`}
          {run.tokensPerSecond !== null && ` · ${t('finetune.run.tps', { tps: formatNumber(run.tokensPerSecond) })}`}
          {run.latestLoss !== null && ` · ${t('finetune.run.lossNow', { loss: formatNumber(run.latestLoss) })}`}
        </span>
      </div>
      {run.error && <FailureNotice message={run.error.message} hint={run.error.hint} lines={run.error.lines} testId="ft-run-error" />}
      {run.kind === 'train' && (
        <div className={`ft-live${live(run) ? '' : ' ft-live--over'}`}>
          <div className="ft-curves">
            <LiveCurve title={t('finetune.run.lossTitle')} xs={columns.xs} lines={lossLines} xLabel={t('finetune.run.step')} yLabel={t('finetune.run.loss')} testId="ft-curve-loss" />
            <LiveCurve title={t('finetune.run.lrTitle')} xs={columns.xs} lines={lrLines} xLabel={t('finetune.run.step')} yLabel={t('finetune.run.lr')} testId="ft-curve-lr" height={160} />
          </div>
          {live(run) && <GpuBeside deviceId={run.deviceId} watching={connected} />}
        </div>
      )}
      <dl className="bm-kv">
        <div className="bm-kv__row">
          <dt>{t('finetune.run.model')}</dt>
          <dd>{run.baseModel}</dd>
        </div>
        {run.adapter && (
          <div className="bm-kv__row">
            <dt>{t('finetune.run.adapter')}</dt>
            <dd>{run.adapter}</dd>
          </div>
        )}
        <div className="bm-kv__row">
          <dt>{t('finetune.run.datasets')}</dt>
          <dd>{run.datasets.join(', ')}</dd>
        </div>
        <div className="bm-kv__row">
          <dt>{t('finetune.run.output')}</dt>
          <dd>
            <code>{run.outputDir}</code>
          </dd>
        </div>
      </dl>
      {run.checkpoints.length > 0 && (
        <div>
          <h3 className="ft-sub">{t('finetune.run.checkpoints')}</h3>
          <ul className="ft-checkpoints" data-testid="ft-checkpoints">
            {run.checkpoints.map((c) => (
              <li key={c.path}>
                {t('finetune.run.checkpoint', { step: c.step })} <code className="muted small">{c.path}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
};
