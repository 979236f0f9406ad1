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
