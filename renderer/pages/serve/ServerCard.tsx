import { Check, Copy, Loader2, MessageSquare, ScrollText, Square, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerView } from '../../../src/domain/serve.js';
import { ConfirmDialog, Dialog } from '../../components/Dialog.js';
import { LogViewer } from '../../components/LogViewer.js';
import { clockText, useElapsed } from '../../components/use-elapsed.js';
import { useCopy } from '../../components/use-copy.js';
import { fetchServerLogs, stopServer, useServeProgress, useServeStore } from '../../serve/serve-store.js';
import { useServeStats } from './playground/serve-stats.js';
import { failureText } from './serve-texts.js';

const tone: Record<ServerView['state'], string> = { ready: 'ok', starting: 'busy', failed: 'error', stopped: 'off', unknown: 'warn' };

const Stats = ({ deviceId, boxPort }: { deviceId: string; boxPort: number }) => {
  const { t } = useTranslation();
  const stats = useServeStats(deviceId, boxPort);
  return (
    <p className="serve-card__stats" data-testid="serve-card-stats">
      {t('serve.card.ttft')} {stats ? `${Math.round(stats.ttftMs)} ms` : '—'} · {t('serve.card.tps')} {stats ? stats.tokensPerSecond.toFixed(1) : '—'}
      {!stats && <span className="muted"> ({t('serve.card.noStats')})</span>}
    </p>
  );
};

export const ServerCard = ({ server, onTry }: { server: ServerView; onTry: (key: string) => void }) => {
  const { t } = useTranslation();
  const progress = useServeProgress(server.deviceId, server.key);
  const busy = useServeStore((s) => s.busy[server.key] === true);
  const elapsed = useElapsed(server.state === 'starting' ? server.startedAt : null);
  const copy = useCopy();
  const [logs, setLogs] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const failure = server.failure ? failureText(server.failure, t) : null;
  const status =
    server.state === 'starting'
      ? t('serve.card.starting', { elapsed: clockText(elapsed) })
      : server.state === 'ready'
        ? server.readyMs !== null
          ? t('serve.card.readyIn', { seconds: Math.round(server.readyMs / 1000) })
          : t('serve.card.found')
        : t(`serve.card.${server.state}`);
  return (
    <article className="card serve-card" data-testid="serve-card" data-state={server.state} data-key={server.key}>
      <header className="serve-card__head">
        <h3>
          {t(`serve.engines.${server.engine}.title`)} · {server.servedModelName ?? server.containerName}
        </h3>
        <p className="serve-card__status" role="status" data-testid="serve-card-status">
          {server.state === 'starting' ? <Loader2 size={14} className="spin" aria-hidden /> : <span className={`status-dot status-dot--${tone[server.state]}`} aria-hidden />} {status}
          {server.state === 'starting' && progress && <span className="muted"> · {t(`serve.progress.${progress.phase}`)}</span>}
        </p>
      </header>
      <dl className="serve-card__facts">
        <dt>{t('serve.card.model')}</dt>
        <dd>{server.model ?? '—'}</dd>
        <dt>{t('serve.card.served')}</dt>
        <dd>{server.servedModelName ?? '—'}</dd>
        {server.url !== null && (
          <>
            <dt className="serve-card__url-label">{t('serve.card.url')}</dt>
            <dd className="serve-card__url">
              <code data-testid="serve-card-url" title={server.url}>{server.url}</code>
              <button type="button" className="button button--ghost small" onClick={() => void copy.copy(server.url!)} aria-label={t('serve.card.copy')}>
                {copy.state === 'copied' ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />}
              </button>
            </dd>
          </>
        )}
      </dl>
      {server.sharedOnLan && <p className="badge">{t('serve.card.lan')}</p>}
      {server.boxPort !== null && server.state === 'ready' && <Stats deviceId={server.deviceId} boxPort={server.boxPort} />}
      {server.state === 'starting' && progress && progress.lines.length > 0 && (
        <pre className="serve-card__lines" data-testid="serve-card-lines">
          {progress.lines.slice(-8).join('\n')}
        </pre>
      )}
      {failure && server.failure && (
        <div className="notice notice--error serve-card__failure" data-testid="serve-card-failure" data-kind={server.failure.kind}>
          <p data-testid="serve-card-failure-message">{failure.message}</p>
          <p className="muted" data-testid="serve-card-failure-hint">{failure.hint}</p>
          {server.failure.lastLines.length > 0 && (
            <details open>
              <summary>{t('serve.card.lastLines')}</summary>
              <pre data-testid="serve-card-failure-lines">{server.failure.lastLines.join('\n')}</pre>
            </details>
          )}
        </div>
      )}
      {server.command !== null && (
        <details className="serve-card__command">
          <summary>{server.edited ? t('serve.card.editedCommand') : t('serve.card.command')}</summary>
          <pre data-testid="serve-card-command">{server.command}</pre>
        </details>
      )}
      <footer className="row serve-card__actions">
        {server.state === 'ready' && (
          <button type="button" className="button button--primary small" onClick={() => onTry(server.key)} data-testid="serve-card-try">
            <MessageSquare size={14} aria-hidden /> {t('serve.card.tryIt')}
          </button>
        )}
        <button type="button" className="button button--ghost small" onClick={() => setLogs(true)} data-testid="serve-card-logs">
          <ScrollText size={14} aria-hidden /> {t('serve.card.logs')}
        </button>
        {(server.state === 'starting' || server.state === 'ready' || server.engine === 'ollama') && (
          <button type="button" className="button button--ghost small" disabled={busy} onClick={() => void stopServer(server.deviceId, server.key, false)} data-testid="serve-card-stop">
            <Square size={14} aria-hidden /> {t('serve.card.stop')}
          </button>
        )}
        {/* Ollama's stop unloads the model and removes its job: nothing is left to remove. */}
        {server.engine !== 'ollama' && (
          <button type="button" className="button button--ghost small" disabled={busy} onClick={() => setConfirm(true)} data-testid="serve-card-remove">
            <Trash2 size={14} aria-hidden /> {t('serve.card.remove')}
          </button>
        )}
      </footer>
      <Dialog open={logs} title={`${t('serve.card.logs')} · ${server.containerName}`} onClose={() => setLogs(false)} wide>
        <LogViewer name={server.containerName} load={(tail) => fetchServerLogs(server.deviceId, server.key, tail)} testId="serve-logs" />
      </Dialog>
      <ConfirmDialog
        open={confirm}
        title={t('serve.card.removeTitle', { name: server.containerName })}
        onClose={() => setConfirm(false)}
        onConfirm={() => {
          setConfirm(false);
          void stopServer(server.deviceId, server.key, true);
        }}
        confirmLabel={t('serve.card.remove')}
        cancelLabel={t('serve.back')}
      >
        <p>{t('serve.card.removeBody')}</p>
      </ConfirmDialog>
    </article>
  );
};
