import { FlaskConical } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvalResults, RunView } from '../../../src/domain/finetune.js';
import { loadResults, predict, selectRun, useFinetuneStore } from '../../finetune/finetune-store.js';
import { promptText } from '../../finetune/curve-series.js';
import { formatNumber } from '../../loadtest/metrics.js';
import { RunPicker } from './RunPicker.js';

const scoreKeys = ['bleu4', 'rouge1', 'rouge2', 'rougeL'] as const;

/** Batch prediction on held-out data with the adapter (and the base model, to compare): BLEU-4, ROUGE and label vs prediction. */
export const EvaluateStep = ({ deviceId, connected }: { deviceId: string; connected: boolean }) => {
  const { t } = useTranslation();
  const runs = useFinetuneStore((s) => s.runs[deviceId]) ?? [];
  const selectedId = useFinetuneStore((s) => s.selectedRunId);
  const results = useFinetuneStore((s) => s.results);
  const entries = useFinetuneStore((s) => s.datasets[deviceId]?.entries) ?? [];
  const trained = runs.filter((r) => r.kind === 'train' && r.state === 'done');
  const chosen = trained.find((r) => r.id === selectedId) ?? trained[0];
  // What the user ticked for this run; until then the datasets it trained on.
  const [picked, setPicked] = useState<{ runId: string; list: readonly string[] } | null>(null);
  const [samples, setSamples] = useState('50');
  const [busy, setBusy] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);

  const datasets = picked && picked.runId === chosen?.id ? picked.list : (chosen?.datasets ?? []);
  const setDatasets = (list: readonly string[]) => chosen && setPicked({ runId: chosen.id, list });
  const predictions = runs.filter((r) => r.kind === 'predict' && r.trainRunId === chosen?.id);
  useEffect(() => {
    for (const p of predictions) if (p.state === 'done' && !results[p.id]) void loadResults(deviceId, p.id);
  }, [predictions, results, deviceId]);

  if (!chosen) return <p className="muted" data-testid="ft-eval-none">{t('finetune.eval.none')}</p>;
  const run = async (base: boolean) => {
    setBusy(true);
    const started = await predict(deviceId, chosen.id, datasets, base, Math.max(1, Number(samples) || 50));
    setBusy(false);
    if (started) setViewing(started.id);
  };
  const done = predictions.filter((p) => p.state === 'done' && results[p.id]);
  const tuned = done.find((p) => p.adapter !== null);
  const base = done.find((p) => p.adapter === null);
  const shown = (viewing && results[viewing]) || (tuned && results[tuned.id]) || (base && results[base.id]);

  return (
    <div className="ft-step" data-testid="ft-evaluate">
      <section className="card bm-form">
        <h2 className="card__title">{t('finetune.eval.title')}</h2>
        <p className="muted small">{t('finetune.eval.explain')}</p>
        <div className="bm-form__grid">
          <RunPicker label={t('finetune.eval.run')} runs={trained} value={chosen.id} onChange={selectRun} testId="ft-eval-run" />
          <label className="bm-field">
            <span className="bm-field__label">{t('finetune.eval.samples')}</span>
            <input value={samples} inputMode="numeric" onChange={(e) => setSamples(e.target.value)} data-testid="ft-eval-samples" />
          </label>
          <fieldset className="bm-field bm-field--wide ft-datasets-pick">
            <legend className="bm-field__label">{t('finetune.eval.datasets')}</legend>
            {entries.map((e) => (
              <label key={e.name} className="bm-check">
                <input type="checkbox" checked={datasets.includes(e.name)} onChange={(ev) => setDatasets(ev.target.checked ? [...datasets, e.name] : datasets.filter((d) => d !== e.name))} /> {e.name}
              </label>
            ))}
          </fieldset>
        </div>
        <div className="row ft-actions">
          <button type="button" className="button button--primary" disabled={busy || !connected || datasets.length === 0} onClick={() => void run(false)} data-testid="ft-predict">
            <FlaskConical size={14} aria-hidden /> {t('finetune.eval.predictTuned')}
          </button>
          <button type="button" className="button" disabled={busy || !connected || datasets.length === 0} onClick={() => void run(true)} data-testid="ft-predict-base">
            {t('finetune.eval.predictBase')}
          </button>
        </div>
      </section>
      {predictions.length > 0 && (
        <ul className="ft-predictions" data-testid="ft-predictions">
          {predictions.map((p) => (
            <li key={p.id} data-testid="ft-prediction" data-state={p.state}>
              <button type="button" className="button button--ghost small" onClick={() => setViewing(p.id)}>
                {p.adapter ? t('finetune.eval.tuned') : t('finetune.eval.base')} · {t(`finetune.state.${p.state}`)}
                {p.totalSteps ? ` · ${p.step}/${p.totalSteps}` : ''}
              </button>
              {p.error && <span className="ft-bad small"> {p.error.message}</span>}
            </li>
          ))}
        </ul>
      )}
      {done.length > 0 && <Scores tuned={tuned ? results[tuned.id] : undefined} base={base ? results[base.id] : undefined} />}
      {shown && <Viewer results={shown} predictions={predictions} />}
    </div>
  );
};

const Scores = ({ tuned, base }: { tuned: EvalResults | undefined; base: EvalResults | undefined }) => {
  const { t } = useTranslation();
  const cell = (r: EvalResults | undefined, k: (typeof scoreKeys)[number]) => (r && r[k] !== null ? formatNumber(r[k]) : '—');
  return (
    <section className="card" data-testid="ft-scores">
      <h3 className="card__title">{t('finetune.eval.scores')}</h3>
      <div className="cnt-table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col" />
              {scoreKeys.map((k) => (
                <th key={k} scope="col" className="data-table__num">
                  {t(`finetune.eval.metric.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tuned && (
              <tr data-testid="ft-scores-tuned">
                <th scope="row">{t('finetune.eval.tuned')}</th>
                {scoreKeys.map((k) => (
                  <td key={k} className="data-table__num" data-testid={`ft-score-${k}`}>
                    {cell(tuned, k)}
                  </td>
                ))}
              </tr>
            )}
            {base && (
              <tr data-testid="ft-scores-base">
                <th scope="row">{t('finetune.eval.base')}</th>
                {scoreKeys.map((k) => (
                  <td key={k} className="data-table__num">
                    {cell(base, k)}
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('finetune.eval.scale')}</p>
    </section>
  );
};

const Viewer = ({ results, predictions }: { results: EvalResults; predictions: readonly RunView[] }) => {
  const { t } = useTranslation();
  const which = predictions.find((p) => p.id === results.runId);
  return (
    <section className="card" data-testid="ft-viewer">
      <h3 className="card__title">
        {t('finetune.eval.viewer')} · {which?.adapter ? t('finetune.eval.tuned') : t('finetune.eval.base')}
      </h3>
      <p className="muted small">{t('finetune.eval.rows', { shown: results.rows.length, count: results.rowCount })}</p>
      <div className="cnt-table-wrap">
        <table className="data-table ft-viewer">
          <thead>
            <tr>
              <th scope="col">{t('finetune.eval.prompt')}</th>
              <th scope="col">{t('finetune.eval.label')}</th>
              <th scope="col">{t('finetune.eval.predict')}</th>
            </tr>
          </thead>
          <tbody>
            {results.rows.map((r, i) => (
              <tr key={i} data-testid="ft-viewer-row">
                <td title={r.prompt}>{promptText(r.prompt)}</td>
                <td data-testid="ft-viewer-label">{r.label}</td>
                <td data-testid="ft-viewer-predict">{r.predict}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};
