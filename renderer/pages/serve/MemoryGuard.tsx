import { useTranslation } from 'react-i18next';
import type { MemoryJudgementView } from '../../../src/domain/serve.js';
import { fixText, gib, guardSentence } from './serve-texts.js';

/** The guard's judgement: a bar of what the launch needs (weights / KV / activations / overhead) against what it may use, the sentence, the numbers, the fixes. */
export const MemoryGuard = ({ judgement, unjudged }: { judgement: MemoryJudgementView | null; unjudged: string | null }) => {
  const { t } = useTranslation();
  if (judgement === null) {
    return (
      <section className="serve-guard" data-testid="serve-guard" data-verdict="unjudged">
        <h3>{t('serve.guard.title')}: {t('serve.guard.unjudged')}</h3>
        <p className="muted">{unjudged}</p>
      </section>
    );
  }
  const scale = Math.max(judgement.needBytes, judgement.budgetBytes, 1);
  const sentence = guardSentence(judgement, t);
  return (
    <section className={`serve-guard serve-guard--${judgement.verdict}`} data-testid="serve-guard" data-verdict={judgement.verdict}>
      <h3>
        {t('serve.guard.title')}: <span data-testid="serve-guard-verdict">{t(`serve.guard.${judgement.verdict}`)}</span>
      </h3>
      <div className="serve-guard__bar" role="img" aria-label={sentence}>
        {judgement.terms.map((term) => (
          <span key={term.kind} className={`serve-guard__term serve-guard__term--${term.kind}`} style={{ width: `${(100 * term.bytes) / scale}%` }} title={`${t(`serve.guard.terms.${term.kind}`)}: ${gib(term.bytes)}`} />
        ))}
        <span className="serve-guard__budget" style={{ left: `${(100 * Math.max(0, judgement.budgetBytes)) / scale}%` }} />
      </div>
      <ul className="serve-guard__legend">
        {judgement.terms.map((term) => (
          <li key={term.kind}>
            <span className={`serve-guard__swatch serve-guard__term--${term.kind}`} aria-hidden /> {t(`serve.guard.terms.${term.kind}`)} {gib(term.bytes)}
          </li>
        ))}
      </ul>
      <p data-testid="serve-guard-sentence">{sentence}</p>
      <p className="muted" data-testid="serve-guard-numbers">
        {t('serve.guard.numbers', { need: gib(judgement.needBytes), budget: gib(judgement.budgetBytes), available: gib(judgement.availableBytes), reserve: gib(judgement.osReserveBytes), headroom: gib(judgement.headroomBytes) })}
      </p>
      {judgement.holders.length > 0 && <p className="muted">{t('serve.guard.holders', { list: judgement.holders.map((h) => `${h.name} (${gib(h.heldBytes + h.pendingBytes)})`).join(', ') })}</p>}
      {judgement.fixes.length > 0 && (
        <div>
          <h4>{t('serve.guard.fixes')}</h4>
          <ul data-testid="serve-guard-fixes">
            {judgement.fixes.map((f) => (
              <li key={f.text} data-kind={f.kind}>
                {fixText(f, judgement, t)}
                {f.command !== undefined && <code className="serve-guard__command">{f.command}</code>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
};
