import { FlaskConical, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useDevicesStore, useSelectedDevice } from '../state/devices-store.js';
import { statusText, statusTone, useNowWhile } from './status.js';
import { AlertsBell } from '../alerts/AlertsBell.js';
import { FaultMenu } from './FaultMenu.js';
import { UnlockKey } from './UnlockKey.js';

/**
 * The strip above every device page: which box, whether it is live, and — for the demo box —
 * a label on every screen that it is simulated.
 */
export const DeviceBar = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  const connect = useDevicesStore((s) => s.connect);
  const now = useNowWhile(view?.status.kind === 'reconnecting');
  if (!view) return null;
  const { device, status } = view;
  return (
    <div className="device-bar" data-testid="device-bar">
      <span className={`status-dot status-dot--${statusTone(status)}`} aria-hidden />
      <strong>{device.kind === 'demo' ? t('devices.demoName') : device.name}</strong>
      {device.kind === 'demo' ? (
        <span className="badge badge--demo" title={t('devices.demoExplain')}>
          <FlaskConical size={12} aria-hidden /> {t('devices.simulated')}
        </span>
      ) : (
        <span className="muted small">
          {device.user}@{device.host}
          {device.port !== 22 ? `:${device.port}` : ''}
        </span>
      )}
      <span className="device-bar__status muted small" data-testid="device-bar-status">
        {statusText(t, status, now)}
      </span>
      {status.kind === 'reconnecting' ? (
        <>
          <span className="device-bar__error device-bar__reason small muted" data-testid="device-bar-reason">
            {status.reason}
          </span>
          <button type="button" className="button button--ghost small" onClick={() => void connect(device.id)}>
            <RefreshCw size={14} aria-hidden /> {t('status.tryNow')}
          </button>
        </>
      ) : null}
      {status.kind === 'failed' ? (
        <>
          <span className="device-bar__error small" role="alert">
            {status.message} {status.hint}
          </span>
          {status.code === 'auth-passphrase-needed' ? (
            <UnlockKey deviceId={device.id} />
          ) : (
            <button type="button" className="button button--ghost small" onClick={() => void connect(device.id)}>
              <RefreshCw size={14} aria-hidden /> {t('common.retry')}
            </button>
          )}
        </>
      ) : null}
      {device.kind === 'demo' ? <FaultMenu /> : null}
      {status.kind === 'disconnected' ? (
        <button type="button" className="button button--ghost small" onClick={() => void connect(device.id)}>
          {t('devices.connect')}
        </button>
      ) : null}
      <AlertsBell />
    </div>
  );
};
