import { Check, Copy, ExternalLink, Loader2, Play, Rocket, ScrollText, Square, Trash2, type LucideIcon } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppView } from '../../../src/domain/app.js';
import { fetchAppLogs, startApp, stopApp, useAppsStore } from '../../apps/apps-store.js';
import { ConfirmDialog, Dialog } from '../../components/Dialog.js';
import { LogViewer } from '../../components/LogViewer.js';
import { clockText, useElapsed } from '../../components/use-elapsed.js';
import { useCopy } from '../../components/use-copy.js';
import { CommandBlock } from '../containers/CommandBlock.js';

const healthTone: Record<AppView['health'], 'ok' | 'busy' | 'warn' | 'error' | 'off'> = {
  healthy: 'ok',
  starting: 'busy',
  unhealthy: 'warn',
  unknown: 'warn',
  failed: 'error',
  stopped: 'off',
};

/** Where it stands: launching (the call is under way), then the app's health, with progress while it starts. */
const Status = ({ instance, launchingSince }: { instance: AppView | undefined; launchingSince: number | undefined }) => {
  const { t } = useTranslation();
  const elapsed = useElapsed(launchingSince ?? (instance?.health === 'starting' ? (instance.startedAt ?? null) : null));
  if (launchingSince !== undefined) {
    return (
      <p className="app-card__status" role="status" data-testid="app-status" data-health="launching">
        <Loader2 size={14} className="spin" aria-hidden /> {t('apps.status.launching', { elapsed: clockText(elapsed) })}
      </p>
    );
  }
  if (!instance) return <p className="app-card__status muted" data-testid="app-status" data-health="none">{t('apps.status.notRunning')}</p>;
  if (instance.where.kind === 'box-service' && instance.running && instance.tunnelId === null) {
    return (
      <p className="app-card__status" data-testid="app-status" data-health="service-ready">
        <span className="status-dot" aria-hidden /> {t('apps.status.serviceReady')}
      </p>
    );
  }
  const tone = healthTone[instance.health];
  const share = instance.health === 'starting' && instance.startedAt !== null && instance.startupMs > 0 ? Math.min(1, elapsed / instance.startupMs) : undefined;
  return (
    <div className="app-card__status" role="status" data-testid="app-status" data-health={instance.health}>
      <span className={`status-dot${tone === 'off' ? '' : ` status-dot--${tone}`}`} aria-hidden />
      <span>
        {instance.health === 'starting' && instance.startedAt !== null
          ? t('apps.status.starting', { elapsed: clockText(elapsed), limit: clockText(instance.startupMs) })
          : t(`apps.status.${instance.health}`)}
      </span>
      {share !== undefined ? <progress className="app-card__progress" max={1} value={share} aria-label={t('apps.status.starting', { elapsed: clockText(elapsed), limit: clockText(instance.startupMs) })} /> : null}
      {instance.problem ? (
        <span className="small cnt-error-text app-card__problem" data-testid="app-problem">
          {instance.problem}
        </span>
      ) : null}
    </div>
  );
};

const UrlLine = ({ url, port }: { url: string; port: number | null }) => {
  const { t } = useTranslation();
  const { state, copy } = useCopy();
  return (
    <div className="app-card__url">
      <span className="small muted">{t('apps.url')}</span>
      <a href={url} target="_blank" rel="noreferrer noopener" className="cnt-mono app-card__link" data-testid="app-url">
        {url.replace(/\?token=.*$/, '?token=…')}
      </a>
      <button type="button" className="icon-button" aria-label={t('apps.actions.copy')} title={t('apps.actions.copy')} onClick={() => void copy(url)} data-testid="app-copy">
        {state === 'copied' ? <Check size={14} /> : <Copy size={14} />}
      </button>
      {port !== null ? <span className="small muted">{t('apps.boxPort', { port })}</span> : null}
    </div>
  );
};

/**
 * One app on the Apps page: what it is, whether it runs and answers, where to open it, and the
 * exact command that started it. `instance` is the app on the box (found or launched), if any.
 */
export const AppCard = ({
  deviceId,
  connected,
  icon: Icon,
  title,
  body,
  instance,
  launchingSince,
  onLaunch,
  testId,
}: {
  deviceId: string;
  connected: boolean;
  icon: LucideIcon;
  title: string;
  body: string;
  instance: AppView | undefined;
  launchingSince: number | undefined;
  onLaunch: (() => void) | undefined;
  testId: string;
}) => {
  const { t } = useTranslation();
  const busy = useAppsStore((s) => (instance ? s.busy[instance.key] === true : false));
  const [logs, setLogs] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const service = instance?.where.kind === 'box-service';
  const live = instance !== undefined && instance.running && (!service || instance.tunnelId !== null);
  const canLaunch = onLaunch !== undefined && launchingSince === undefined && !live;
  return (
    <article className="card app-card" data-testid={testId} aria-busy={busy || launchingSince !== undefined}>
      <header className="app-card__head">
        <Icon size={22} aria-hidden className="app-card__icon" />
        <h3>{title}</h3>
      </header>
      <p className="small muted app-card__body">{body}</p>
      <Status instance={instance} launchingSince={launchingSince} />
      {live && instance.url ? <UrlLine url={instance.url} port={instance.boxPort} /> : null}
      {service && live ? <p className="small muted">{t('apps.serviceNote')}</p> : null}
      <div className="row app-card__actions">
        {canLaunch && !(instance && !instance.running && !service) ? (
          <button type="button" className="button button--primary small" onClick={onLaunch} disabled={!connected} data-testid="app-launch">
            <Rocket size={14} aria-hidden /> {t('apps.actions.launch')}
          </button>
        ) : null}
        {live && instance.url ? (
          <a className="button button--primary small" href={instance.url} target="_blank" rel="noreferrer noopener" data-testid="app-open">
            <ExternalLink size={14} aria-hidden /> {t('apps.actions.open')}
          </a>
        ) : null}
        {instance && !instance.running && !service ? (
          <button type="button" className="button small" onClick={() => void startApp(deviceId, instance.key)} disabled={!connected || busy} data-testid="app-start">
            <Play size={14} aria-hidden /> {t('apps.actions.start')}
          </button>
        ) : null}
        {instance && !service ? (
          <button type="button" className="button button--ghost small" onClick={() => setLogs(true)} disabled={!connected} data-testid="app-logs">
            <ScrollText size={14} aria-hidden /> {t('apps.actions.logs')}
          </button>
        ) : null}
        {live ? (
          <button type="button" className="button button--ghost small" onClick={() => void stopApp(deviceId, instance.key, false)} disabled={!connected || busy} data-testid="app-stop">
            {busy ? <Loader2 size={14} className="spin" aria-hidden /> : <Square size={14} aria-hidden />} {service ? t('apps.actions.closeTunnel') : t('apps.actions.stop')}
          </button>
        ) : null}
        {instance && !service ? (
          <button type="button" className="button button--ghost small" onClick={() => setConfirmRemove(true)} disabled={!connected || busy} data-testid="app-remove">
            <Trash2 size={14} aria-hidden /> {t('apps.actions.remove')}
          </button>
        ) : null}
      </div>
      {instance?.command ? (
        <details className="app-card__command">
          <summary className="small">{t('apps.actions.command')}</summary>
          <CommandBlock command={instance.command} testId="app-command" />
        </details>
      ) : null}
      {instance ? (
        <>
          <Dialog open={logs} title={t('apps.logsTitle', { name: title })} onClose={() => setLogs(false)} wide testId="app-logs-dialog">
            {logs ? <LogViewer name={instance.where.kind === 'container' ? instance.where.name : title} load={(tail) => fetchAppLogs(deviceId, instance.key, tail)} testId="app-logs" /> : null}
          </Dialog>
          <ConfirmDialog
            open={confirmRemove}
            title={t('apps.removeTitle', { name: title })}
            onClose={() => setConfirmRemove(false)}
            onConfirm={() => void stopApp(deviceId, instance.key, true)}
            confirmLabel={t('apps.actions.remove')}
            cancelLabel={t('common.cancel')}
            icon={<Trash2 size={14} aria-hidden />}
            testId="app-remove-dialog"
            confirmTestId="app-remove-confirm"
          >
            <p className="cnt-dialog-text">{t('apps.removeBody')}</p>
          </ConfirmDialog>
        </>
      ) : null}
    </article>
  );
};
