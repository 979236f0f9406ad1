import { useTranslation } from 'react-i18next';
import type { ServePlanView } from '../../../src/domain/serve.js';
import type { VllmImageAdvice } from '../../../src/recipes/serve/vllm-image-advice.js';
import { MemoryGuard } from './MemoryGuard.js';

/** The exact command (editable, marked when edited), image, port, readiness probe, and the memory guard. */
export const ReviewStep = ({ plan, command, onCommand, advice, onUseImage }: { plan: ServePlanView; command: string; onCommand: (text: string | null) => void; advice: VllmImageAdvice | null; onUseImage: (image: string) => void }) => {
  const { t } = useTranslation();
  const edited = command !== plan.command;
  return (
    <div className="serve-review" data-testid="serve-review">
      {advice && (
        <div className="notice notice--warn serve-review__advice" role="alert" data-testid="serve-image-advice">
          <p>{t(advice.vllm === null ? 'serve.review.nvfp4OldImage' : 'serve.review.nvfp4OldVllm', { image: advice.image, vllm: advice.vllm, suggested: advice.suggested })}</p>
          <button type="button" className="button small" onClick={() => onUseImage(advice.suggested)} data-testid="serve-image-switch">
            {t('serve.review.useImage', { image: advice.suggested })}
          </button>
        </div>
      )}
      <label className="serve-review__command">
        <span>
          {t('serve.review.command')} {edited && <span className="badge" data-testid="serve-review-edited">{t('serve.review.edited')}</span>}
        </span>
        <textarea value={command} onChange={(e) => onCommand(e.target.value)} rows={6} spellCheck={false} data-testid="serve-review-command" />
      </label>
      {edited && (
        <button type="button" className="button button--ghost small" onClick={() => onCommand(null)} data-testid="serve-review-reset">
          {t('serve.review.reset')}
        </button>
      )}
      <dl className="serve-review__facts">
        <dt>{t('serve.review.image')}</dt>
        <dd data-testid="serve-review-image">{plan.image ?? '—'}</dd>
        <dt>{t('serve.review.port')}</dt>
        <dd>{plan.port}</dd>
        <dt>{t('serve.review.readiness')}</dt>
        <dd>{t('serve.review.readinessValue', { health: plan.readiness.healthPath, models: plan.readiness.modelsPath, name: plan.servedModelName, minutes: Math.round(plan.readiness.startupMs / 60_000) })}</dd>
      </dl>
      {plan.file && (
        <details>
          <summary>{t('serve.review.file', { path: plan.file.boxPath })}</summary>
          <pre>{plan.file.text}</pre>
        </details>
      )}
      <MemoryGuard judgement={plan.judgement} unjudged={plan.unjudged} />
    </div>
  );
};
