import { Check, CircleCheck, CircleX, Copy, ListChecks, Loader2, SquareTerminal, TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src/contract/errors.js';
import type { MethodResponse } from '../../../src/contract/methods.js';
import { bridge } from '../../bridge/bridge.js';
import { ErrorNotice } from '../../components/Notice.js';
import { useCopy } from '../../components/use-copy.js';
import { openInTerminal } from '../../terminal/open-in-terminal.js';

type CheckRow = MethodResponse<'telemetry:check-environment'>[number];
type CheckStatus = CheckRow['status'];

type Run =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly rows: readonly CheckRow[] | undefined }
  | { readonly kind: 'done'; readonly rows: readonly CheckRow[] }
  | { readonly kind: 'failed'; readonly error: AppError; readonly rows: readonly CheckRow[] | undefined };

const statusIcon: Record<CheckStatus, typeof CircleCheck> = { pass: CircleCheck, warn: TriangleAlert, fail: CircleX };

const FixCommand = ({ command, deviceId }: { command: string; deviceId: string }) => {
  const { t } = useTranslation();
  const { state: copy, copy: onCopy } = useCopy();
  return (
    <div className="env-check__fix">
      <span className="small muted">{t('overview.envCheck.fixLabel')}</span>
      <div className="env-check__command">
        <code className="command">{command}</code>
        <button type="button" className="button button--ghost small" onClick={() => void onCopy(command)} data-testid="env-check-copy">
          {copy === 'copied' ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />}{' '}
          {copy === 'copied' ? t('overview.envCheck.copied') : t('overview.envCheck.copy')}
        </button>
        <button type="button" className="button button--ghost small" onClick={() => void openInTerminal(deviceId, t('overview.envCheck.fixTab'), command)} data-testid="env-check-terminal">
          <SquareTerminal size={14} aria-hidden /> {t('overview.envCheck.openInTerminal')}
        </button>
      </div>
      {copy === 'failed' ? (
        <span className="small env-check__copy-failed" role="alert">
          {t('overview.envCheck.copyFailed')}
        </span>
      ) : null}
    </div>
  );
};

/**
 * One read-only probe of what the other pages depend on, with the exact command that fixes each
 * problem. Run on demand, not on every visit: it takes a few seconds of the box's time.
 */
export const EnvironmentCheck = ({ deviceId, connected }: { deviceId: string; connected: boolean }) => {
  const { t } = useTranslation();
  const [run, setRun] = useState<Run>({ kind: 'idle' });
  const rows = run.kind === 'idle' ? undefined : run.rows;

  const check = async () => {
    setRun({ kind: 'running', rows });
    const result = await bridge().call('telemetry:check-environment', { deviceId });
    setRun(result.ok ? { kind: 'done', rows: result.value } : { kind: 'failed', error: result.error, rows });
  };

  const count = (status: CheckStatus) => rows?.filter((r) => r.status === status).length ?? 0;
  const running = run.kind === 'running';
  return (
    <section className="card env-check" aria-labelledby="env-check-title" aria-busy={running}>
      <div className="env-check__header">
        <h2 className="card__title" id="env-check-title">
          {t('overview.envCheck.title')}
        </h2>
        <button type="button" className="button" disabled={running || !connected} onClick={() => void check()} data-testid="env-check-run">
          {running ? <Loader2 size={16} className="spin" aria-hidden /> : <ListChecks size={16} aria-hidden />}{' '}
          {running ? t('overview.envCheck.running') : rows ? t('overview.envCheck.again') : t('overview.envCheck.run')}
        </button>
      </div>
      <p className="small muted">{connected ? t('overview.envCheck.explain') : t('overview.envCheck.needConnection')}</p>
      {running ? (
        <p className="small" role="status">
          {t('overview.envCheck.running')}
        </p>
      ) : null}
      {run.kind === 'failed' ? <ErrorNotice error={run.error} onRetry={() => void check()} retryLabel={t('common.retry')} /> : null}
      {rows ? (
        <>
          <p className="small" role="status" data-testid="env-check-summary">
            {t('overview.envCheck.summary', { pass: count('pass'), warn: count('warn'), fail: count('fail') })}
          </p>
          <ul className="env-check__list">
            {rows.map((row) => {
              const Icon = statusIcon[row.status];
              return (
                <li key={row.id} className="env-check__row" data-testid="env-check-row" data-status={row.status} data-check={row.id}>
                  <Icon size={18} className={`env-check__icon env-check__icon--${row.status}`} aria-label={t(`overview.envCheck.status.${row.status}`)} />
                  <div className="env-check__body">
                    <strong>{t(`overview.envCheck.names.${row.id}`)}</strong>
                    <span className="small">{row.detail}</span>
                    {row.status !== 'pass' && row.fix ? <FixCommand command={row.fix} deviceId={deviceId} /> : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
};
