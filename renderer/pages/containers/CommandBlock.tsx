import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { containerTimings } from './format.js';

/** A command exactly as it will run, with a Copy button (clipboard access can be refused in browser mode). */
export const CommandBlock = ({ command, testId, stale = false }: { command: string; testId?: string; stale?: boolean }) => {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (copy !== 'copied') return;
    const timer = setTimeout(() => setCopy('idle'), containerTimings.copiedMs);
    return () => clearTimeout(timer);
  }, [copy]);
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <div className="cnt-command">
      <div className="cnt-command__row">
        <code className={`command cnt-command__text${stale ? ' cnt-command__text--stale' : ''}`} data-testid={testId}>
          {command}
        </code>
        <button type="button" className="button button--ghost small" onClick={() => void onCopy()} data-testid={testId ? `${testId}-copy` : undefined}>
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
