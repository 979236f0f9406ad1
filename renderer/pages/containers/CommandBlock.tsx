import { Check, Copy } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useCopy } from '../../components/use-copy.js';

/** A command exactly as it will run, with a Copy button (clipboard access can be refused in browser mode). */
export const CommandBlock = ({ command, testId, stale = false }: { command: string; testId?: string; stale?: boolean }) => {
  const { t } = useTranslation();
  const { state: copy, copy: onCopy } = useCopy();
  return (
    <div className="cnt-command">
      <div className="cnt-command__row">
        <code className={`command cnt-command__text${stale ? ' cnt-command__text--stale' : ''}`} data-testid={testId}>
          {command}
        </code>
        <button type="button" className="button button--ghost small" onClick={() => void onCopy(command)} data-testid={testId ? `${testId}-copy` : undefined}>
          {copy === 'copied' ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />} {copy === 'copied' ? t('containers.run.copied') : t('containers.run.copy')}
        </button>
      </div>
      {copy === 'failed' ? (
        <span className="small cnt-error-text" role="alert">
          {t('containers.run.copyFailed')}
        </span>
      ) : null}
    </div>
  );
};
