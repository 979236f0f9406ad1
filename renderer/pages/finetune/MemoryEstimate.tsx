import { useTranslation } from 'react-i18next';
import type { FinetuneMemoryEstimate } from '../../../src/domain/finetune.js';
import { formatGiB } from '../../telemetry/format.js';

/** What the run needs (weights / trainable state / activations / CUDA context) against the box's memory, and the verdict. */
export const MemoryEstimate = ({ memory }: { memory: FinetuneMemoryEstimate }) => {
  const { t } = useTranslation();
  const scale = Math.max(memory.totalBytes ?? 0, memory.boxTotalBytes ?? 0, 1);
  return (
    <section className={`ft-memory ft-memory--${memory.verdict}`} data-testid="ft-memory" data-verdict={memory.verdict}>
      <h3>
        {t('finetune.memory.title')}: <span data-testid="ft-memory-verdict">{t(`finetune.memory.verdict.${memory.verdict}`)}</span>
      </h3>
      <div className="ft-memory__bar" role="img" aria-label={memory.message}>
        {memory.terms.map((term) => (
          <span key={term.kind} className={`ft-memory__term ft-memory__term--${term.kind}`} style={{ width: `${(100 * term.bytes) / scale}%` }} title={`${t(`finetune.memory.terms.${term.kind}`)}: ${formatGiB(term.bytes)}`} />
        ))}
        {memory.boxTotalBytes !== null && <span className="ft-memory__box" style={{ left: `${Math.min(100, (100 * memory.boxTotalBytes) / scale)}%` }} />}
      </div>
      <ul className="ft-memory__legend small">
        {memory.terms.map((term) => (
          <li key={term.kind}>
            <span className={`ft-memory__swatch ft-memory__term--${term.kind}`} aria-hidden /> {t(`finetune.memory.terms.${term.kind}`)} {formatGiB(term.bytes)}
          </li>
        ))}
      </ul>
      <p className="muted small">
        {t('finetune.memory.numbers', { need: formatGiB(memory.totalBytes), total: formatGiB(memory.boxTotalBytes), available: formatGiB(memory.boxAvailableBytes) })}
      </p>
      <p data-testid="ft-memory-message">{memory.message}</p>
    </section>
  );
};
