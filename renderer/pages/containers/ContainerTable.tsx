import { Loader2, Play, RotateCw, ScrollText, Square, SquareTerminal, Trash2, type LucideIcon } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerView } from '../../../src/domain/container.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { runContainerAction, type ContainerAction } from '../../containers/containers-store.js';
import { openInTerminal } from '../../terminal/open-in-terminal.js';
import { absoluteTime, execShellCommand, isUp, relativeTime, shortId, stateTone } from './format.js';
import { LogsDialog } from './LogsDialog.js';

/** Opens a terminal tab on the box with a shell inside the container typed in. */
const openShell = (deviceId: string, name: string) => openInTerminal(deviceId, name, execShellCommand(name));

type RowAction = ContainerAction | 'logs' | 'terminal';

const ActionButton = ({ action, icon: Icon, label, pending, disabled, onClick }: { action: RowAction; icon: LucideIcon; label: string; pending: boolean; disabled: boolean; onClick: () => void }) => (
  <button type="button" className="icon-button" aria-label={label} title={label} disabled={disabled} onClick={onClick} data-testid={`container-action-${action}`}>
    {pending ? <Loader2 size={15} className="spin" aria-hidden /> : <Icon size={15} aria-hidden />}
  </button>
);

const Row = ({ deviceId, container, pending, connected, now, onRemove, onLogs }: { deviceId: string; container: ContainerView; pending: ContainerAction | undefined; connected: boolean; now: number; onRemove: () => void; onLogs: () => void }) => {
  const { t, i18n } = useTranslation();
  const up = isUp(container);
  const busy = pending !== undefined || !connected;
  const act = (action: ContainerAction) => void runContainerAction(deviceId, container.name, action);
  return (
    <tr data-testid="container-row" data-name={container.name} data-state={container.state} aria-busy={pending !== undefined}>
      <td>
        <div className="cnt-name">
          <strong>{container.name}</strong>
          {container.pgxKind ? (
            <span className="badge cnt-badge" title={t('containers.oursTitle', { kind: container.pgxKind })} data-testid="container-ours">
              {container.app ? `${t('containers.ours')} · ${container.app}` : t('containers.ours')}
            </span>
          ) : null}
        </div>
        <div className="small muted cnt-mono">{shortId(container.id)}</div>
      </td>
      <td className="cnt-image" title={container.image}>
        {container.image}
      </td>
      <td>
        <span className={`cnt-state cnt-state--${stateTone(container)}`}>{container.status || container.state}</span>
      </td>
      <td>
        {container.ports.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <div className="cnt-ports">
            {container.ports.map((port) => (
              <span key={port} className="cnt-mono small">
                {port}
              </span>
            ))}
          </div>
        )}
      </td>
      <td className="cnt-nowrap" title={container.createdAt === null ? undefined : absoluteTime(container.createdAt, i18n.language)}>
        {container.createdAt === null ? <span className="muted">—</span> : relativeTime(container.createdAt, now, i18n.language)}
      </td>
      <td className="cnt-actions">
        {up ? (
          <>
            <ActionButton action="stop" icon={Square} label={t('containers.actions.stop')} pending={pending === 'stop'} disabled={busy} onClick={() => act('stop')} />
            <ActionButton action="restart" icon={RotateCw} label={t('containers.actions.restart')} pending={pending === 'restart'} disabled={busy} onClick={() => act('restart')} />
          </>
        ) : (
          <ActionButton action="start" icon={Play} label={t('containers.actions.start')} pending={pending === 'start'} disabled={busy} onClick={() => act('start')} />
        )}
        <ActionButton action="logs" icon={ScrollText} label={t('containers.actions.logs')} pending={false} disabled={!connected} onClick={onLogs} />
        <ActionButton
          action="terminal"
          icon={SquareTerminal}
          label={up ? t('containers.actions.terminal') : t('containers.actions.terminalNeedsRunning')}
          pending={false}
          disabled={!up || busy}
          onClick={() => void openShell(deviceId, container.name)}
        />
        <ActionButton action="remove" icon={Trash2} label={t('containers.actions.remove')} pending={pending === 'remove'} disabled={busy} onClick={onRemove} />
      </td>
    </tr>
  );
};

const RemoveDialog = ({ deviceId, container, onClose }: { deviceId: string; container: ContainerView | undefined; onClose: () => void }) => {
  const { t } = useTranslation();
  const name = container?.name ?? '';
  return (
    <ConfirmDialog
      open={container !== undefined}
      title={t('containers.remove.title')}
      onClose={onClose}
      onConfirm={() => void runContainerAction(deviceId, name, 'remove')}
      confirmLabel={t('containers.remove.confirm')}
      cancelLabel={t('common.cancel')}
      icon={<Trash2 size={14} aria-hidden />}
      testId="containers-remove"
      confirmTestId="container-remove-confirm"
    >
      <p className="cnt-dialog-text">{t('containers.remove.body', { name })}</p>
      {container && isUp(container) ? <p className="cnt-dialog-text cnt-warn-text">{t('containers.remove.running', { name })}</p> : null}
    </ConfirmDialog>
  );
};

/** Every container on the box, stopped ones too, with what can be done to each. */
export const ContainerTable = ({ deviceId, containers, pending, connected, now }: { deviceId: string; containers: readonly ContainerView[]; pending: Readonly<Record<string, ContainerAction>>; connected: boolean; now: number }) => {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState<ContainerView | undefined>(undefined);
  const [logsOf, setLogsOf] = useState<string | undefined>(undefined);
  return (
    <>
      <div className="cnt-table-wrap">
        <table className="data-table cnt-table" data-testid="containers-table">
          <thead>
            <tr>
              <th>{t('containers.columns.name')}</th>
              <th>{t('containers.columns.image')}</th>
              <th>{t('containers.columns.status')}</th>
              <th>{t('containers.columns.ports')}</th>
              <th>{t('containers.columns.created')}</th>
              <th className="cnt-actions">
                <span className="cnt-visually-hidden">{t('containers.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {containers.map((c) => (
              <Row key={c.id} deviceId={deviceId} container={c} pending={pending[c.name]} connected={connected} now={now} onRemove={() => setRemoving(c)} onLogs={() => setLogsOf(c.name)} />
            ))}
          </tbody>
        </table>
      </div>
      <RemoveDialog deviceId={deviceId} container={removing} onClose={() => setRemoving(undefined)} />
      <LogsDialog deviceId={deviceId} container={logsOf} onClose={() => setLogsOf(undefined)} />
    </>
  );
};
