import { useState } from 'react';
import { FlaskConical, Server } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useDevicesStore } from '../state/devices-store.js';
import { statusText, statusTone, useNowWhile } from './status.js';
import { DeviceMenu } from './DeviceMenu.js';

export const DeviceList = () => {
  const { t } = useTranslation();
  const views = useDevicesStore((s) => s.views);
  const selectedId = useDevicesStore((s) => s.selectedId);
  const select = useDevicesStore((s) => s.select);
  const rename = useDevicesStore((s) => s.rename);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | undefined>();
  const now = useNowWhile(views.some((v) => v.status.kind === 'reconnecting'));
  return (
    <ul className="device-list" aria-label={t('devices.title')}>
      {views.map(({ device, status }) => {
        const Icon = device.kind === 'demo' ? FlaskConical : Server;
        const label = device.kind === 'demo' ? t('devices.demoName') : device.name;
        if (renaming?.id === device.id) {
          return (
            <li key={device.id}>
              <form
                className="device-row device-row--edit"
                onSubmit={(event) => {
                  event.preventDefault();
                  if (renaming.name.trim()) void rename(device.id, renaming.name.trim());
                  setRenaming(undefined);
                }}
              >
                <input aria-label={t('deviceMenu.rename')} value={renaming.name} autoFocus onChange={(e) => setRenaming({ id: device.id, name: e.target.value })} onBlur={() => setRenaming(undefined)} onKeyDown={(e) => e.key === 'Escape' && setRenaming(undefined)} />
              </form>
            </li>
          );
        }
        return (
          <li key={device.id}>
            <button
              type="button"
              className="device-row"
              aria-current={device.id === selectedId ? 'true' : undefined}
              onClick={() => select(device.id)}
              data-testid={`device-${device.kind}`}
              title={device.kind === 'demo' ? label : `${device.user}@${device.host}${device.port === 22 ? '' : `:${device.port}`}`}
            >
              <span className={`status-dot status-dot--${statusTone(status)}`} aria-hidden />
              <Icon size={16} aria-hidden className="device-row__icon" />
              <span className="device-row__text">
                <span className="device-row__name">{label}</span>
                <span className="device-row__status" data-testid="device-status">
                  {statusText(t, status, now)}
                </span>
              </span>
            </button>
            <DeviceMenu device={device} label={label} onRename={() => setRenaming({ id: device.id, name: device.name })} />
          </li>
        );
      })}
    </ul>
  );
};
