import { FlaskConical, Server, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useDevicesStore } from '../state/devices-store.js';
import { statusText, statusTone, useNowWhile } from './status.js';

export const DeviceList = () => {
  const { t } = useTranslation();
  const views = useDevicesStore((s) => s.views);
  const selectedId = useDevicesStore((s) => s.selectedId);
  const select = useDevicesStore((s) => s.select);
  const remove = useDevicesStore((s) => s.remove);
  const now = useNowWhile(views.some((v) => v.status.kind === 'reconnecting'));
  return (
    <ul className="device-list" aria-label={t('devices.title')}>
      {views.map(({ device, status }) => {
        const Icon = device.kind === 'demo' ? FlaskConical : Server;
        return (
          <li key={device.id}>
            <button
              type="button"
              className="device-row"
              aria-current={device.id === selectedId ? 'true' : undefined}
              onClick={() => select(device.id)}
              data-testid={`device-${device.kind}`}
            >
              <span className={`status-dot status-dot--${statusTone(status)}`} aria-hidden />
              <Icon size={16} aria-hidden className="device-row__icon" />
              <span className="device-row__text">
                <span className="device-row__name">{device.kind === 'demo' ? t('devices.demoName') : device.name}</span>
                <span className="device-row__status" data-testid="device-status">
                  {statusText(t, status, now)}
                </span>
              </span>
            </button>
            <button
              type="button"
              className="icon-button device-row__remove"
              title={t('devices.remove')}
              aria-label={`${t('devices.remove')}: ${device.kind === 'demo' ? t('devices.demoName') : device.name}`}
              onClick={() => void remove(device.id)}
            >
              <X size={14} />
            </button>
          </li>
        );
      })}
    </ul>
  );
};
