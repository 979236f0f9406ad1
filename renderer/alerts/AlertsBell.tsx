import { Bell, BellRing } from 'lucide-react';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDismiss } from '../components/use-dismiss.js';
import { boxName } from '../devices/box-name.js';
import { useDevicesStore } from '../state/devices-store.js';
import { alertText, formatAlertTime } from './alert-text.js';
import type { AlertEntry } from './alerts.js';
import { useActiveAlertCount, useAlertsStore } from './alerts-store.js';

const AlertRow = ({ alert, now }: { alert: AlertEntry; now: number }) => {
  const { t, i18n } = useTranslation();
  const device = useDevicesStore((s) => s.views.find((v) => v.device.id === alert.deviceId)?.device);
  const active = alert.clearedAt === undefined;
  return (
    <li className="alerts__item" data-testid="alert-item" data-active={active} data-kind={alert.kind}>
      <span className={`status-dot status-dot--${active ? 'error' : 'off'}`} aria-hidden />
      <div className="alerts__body">
        <div className="alerts__head small muted">
          <time dateTime={new Date(alert.at).toISOString()}>{formatAlertTime(alert.at, now, i18n.language)}</time>
          <span className="alerts__box">{device ? boxName(t, device) : t('alerts.unknownBox')}</span>
        </div>
        <span>{alertText(t, alert)}</span>
        <span className={`small ${active ? 'alerts__active' : 'muted'}`}>
          {active ? t('alerts.active') : t('alerts.cleared', { time: formatAlertTime(alert.clearedAt, now, i18n.language) })}
        </span>
      </div>
    </li>
  );
};

/** The bell in the device bar: how many problems are going on now, and what happened lately. */
export const AlertsBell = () => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const items = useAlertsStore((s) => s.items);
  const clear = useAlertsStore((s) => s.clear);
  const active = useActiveAlertCount();
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  // Read when the list opens: times are written relative to today.
  const [now, setNow] = useState(() => Date.now());

  useDismiss(open, root, close);

  const Icon = active > 0 ? BellRing : Bell;
  return (
    <div className="alerts" ref={root}>
      <button
        type="button"
        className="button button--ghost small alerts__bell"
        aria-expanded={open}
        aria-haspopup="true"
        aria-label={active > 0 ? t('alerts.bellActive', { count: active }) : t('alerts.bell')}
        title={active > 0 ? t('alerts.bellActive', { count: active }) : t('alerts.bell')}
        onClick={() => {
          if (!open) setNow(Date.now());
          setOpen(!open);
        }}
        data-testid="alerts-bell"
        data-active={active}
      >
        <Icon size={16} aria-hidden />
        {active > 0 ? <span className="badge badge--alert">{active}</span> : null}
      </button>
      {open ? (
        <div className="alerts__panel" role="dialog" aria-label={t('alerts.title')}>
          <div className="alerts__title">
            <h2>{t('alerts.title')}</h2>
            <button type="button" className="button button--ghost small" disabled={items.length === 0} onClick={clear}>
              {t('alerts.clearList')}
            </button>
          </div>
          {items.length === 0 ? <p className="muted small">{t('alerts.empty')}</p> : null}
          <ul className="alerts__list" data-testid="alerts-list">
            {items.map((alert) => (
              <AlertRow key={alert.id} alert={alert} now={now} />
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
};
