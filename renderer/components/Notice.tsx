import { CircleAlert } from 'lucide-react';
import type { AppError } from '../../src/contract/errors.js';

/** An error value from main, shown as a sentence plus what to do. */
export const ErrorNotice = ({ error, onRetry, retryLabel }: { error: AppError; onRetry?: () => void; retryLabel?: string }) => (
  <div className="notice notice--error" role="alert">
    <CircleAlert size={18} aria-hidden />
    <div>
      <p className="notice__message">{error.message}</p>
      {error.hint ? <p className="notice__hint">{error.hint}</p> : null}
      {error.details?.length ? <pre className="notice__details">{error.details.join('\n')}</pre> : null}
    </div>
    {onRetry ? (
      <button type="button" className="button button--ghost" onClick={onRetry}>
        {retryLabel}
      </button>
    ) : null}
  </div>
);

/**
 * Why a job on the box failed: its sentence, what to do, and its last lines (a fine-tune run, an
 * export, a model download). No icon: it sits inside the job's own card.
 */
export const FailureNotice = ({ message, hint, lines, className, testId }: { message: string; hint: string | null; lines: readonly string[]; className?: string; testId: string }) => (
  <div className={`notice notice--error${className ? ` ${className}` : ''}`} role="alert" data-testid={testId}>
    <div>
      <p className="notice__message">{message}</p>
      {hint ? <p className="notice__hint">{hint}</p> : null}
      {lines.length > 0 ? <pre className="notice__details">{lines.join('\n')}</pre> : null}
    </div>
  </div>
);
