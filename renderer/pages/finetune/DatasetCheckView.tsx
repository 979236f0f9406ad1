import { useTranslation } from 'react-i18next';
import type { DatasetCheck, TokenHistogram } from '../../../src/domain/finetune.js';
import { formatNumber } from '../../loadtest/metrics.js';

/** What the check found: counts, line-numbered problems, the first records and the token-length histogram. */
export const DatasetCheckView = ({ check, name }: { check: DatasetCheck; name: string }) => {
  const { t } = useTranslation();
  return (
    <section className="card ft-check" data-testid="ft-check" data-ok={check.ok}>
      <header className="row ft-head">
        <h3 className="card__title">{name}</h3>
        <span className={`badge${check.ok ? '' : ' badge--warn'}`} data-testid="ft-check-verdict">
          {check.ok ? t('finetune.dataset.valid') : t('finetune.dataset.invalid')}
        </span>
      </header>
      <p data-testid="ft-check-counts">
        {t('finetune.dataset.counts', { format: check.format ?? '—', type: check.fileType.toUpperCase(), records: check.records, valid: check.validRecords, empty: check.emptyFields, problems: check.problemCount })}
      </p>
      {check.problems.length > 0 && (
        <div className="ft-problems">
          <h4>{t('finetune.dataset.problems', { count: check.problemCount })}</h4>
          <ul data-testid="ft-problems">
            {check.problems.map((p, i) => (
              <li key={i} className={p.severity === 'error' ? 'ft-bad' : 'bm-warn'} data-testid="ft-problem" data-line={p.line}>
                <b>{t('finetune.dataset.line', { line: p.line })}</b>
                {p.record !== null && <span className="muted"> · {t('finetune.dataset.record', { n: p.record + 1 })}</span>} · {p.message}
              </li>
            ))}
          </ul>
          {check.problemCount > check.problems.length && <p className="muted small">{t('finetune.dataset.moreProblems', { count: check.problemCount - check.problems.length })}</p>}
        </div>
      )}
      {check.preview.length > 0 && (
        <div className="cnt-table-wrap">
          <table className="data-table ft-preview" data-testid="ft-preview">
            <thead>
              <tr>
                <th scope="col">{t('finetune.dataset.lineHeader')}</th>
                <th scope="col">{t('finetune.dataset.prompt')}</th>
                <th scope="col">{t('finetune.dataset.response')}</th>
              </tr>
            </thead>
            <tbody>
              {check.preview.map((r) => (
                <tr key={r.record} data-testid="ft-preview-row">
                  <td className="data-table__num">{r.line}</td>
                  <td>{r.turns.filter((x) => x.role === 'user').map((x) => x.text).join('\n')}</td>
                  <td>{r.turns.filter((x) => x.role === 'assistant').map((x) => x.text).join('\n')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {check.tokens && <Histogram tokens={check.tokens} />}
    </section>
  );
};

/** Bars of approximate token lengths (the tokenizer is the model's; this counts characters per script). */
const Histogram = ({ tokens }: { tokens: TokenHistogram }) => {
  const { t } = useTranslation();
  const top = Math.max(1, ...tokens.bins.map((b) => b.count));
  return (
    <figure className="ft-hist" data-testid="ft-histogram">
      <figcaption>
        {t('finetune.dataset.tokens', { min: formatNumber(tokens.min), median: formatNumber(tokens.median), p95: formatNumber(tokens.p95), max: formatNumber(tokens.max) })}
        {tokens.overCutoff !== null && tokens.overCutoff > 0 && <span className="bm-warn"> · {t('finetune.dataset.overCutoff', { count: tokens.overCutoff })}</span>}
      </figcaption>
      <div className="ft-hist__bars" role="img" aria-label={t('finetune.dataset.histogram')}>
        {tokens.bins.map((b) => (
          <div key={b.from} className="ft-hist__bin" title={`${Math.round(b.from)}–${Math.round(b.to)}: ${b.count}`}>
            <span className="ft-hist__bar" style={{ height: `${(100 * b.count) / top}%` }} />
            <span className="ft-hist__label small muted">{Math.round(b.from)}</span>
          </div>
        ))}
      </div>
      <p className="muted small">{tokens.method}</p>
    </figure>
  );
};
