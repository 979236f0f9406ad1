import { Bell, BellRing } from 'lucide-react';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDismiss } from '../components/use-dismiss.js';
import { boxName } from '../devices/box-name.js';
import { useDevicesStore } from '../state/devices-store.js';
import { useNavStore } from '../state/nav-store.js';
import { alertText, formatAlertTime, jobText } from './alert-text.js';
import { isJobEnd, type AlertEntry, type BellEntry, type JobEndEntry } from './alerts.js';
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

/** A job that ended: how, with a link to its page on that box. */
const JobRow = ({ entry, now, close }: { entry: JobEndEntry; now: number; close: () => void }) => {
  const { t, i18n } = useTranslation();
  const device = useDevicesStore((s) => s.views.find((v) => v.device.id === entry.deviceId)?.device);
  return (
    <li className="alerts__item" data-testid="alert-item" data-active={false} data-kind={`job-${entry.job}`} data-state={entry.state}>
      <span className={`status-dot status-dot--${entry.state === 'done' ? 'ok' : entry.state === 'failed' ? 'error' : 'off'}`} aria-hidden />
      <div className="alerts__body">
        <div className="alerts__head small muted">
          <time dateTime={new Date(entry.at).toISOString()}>{formatAlertTime(entry.at, now, i18n.language)}</time>
          <span className="alerts__box">{device ? boxName(t, device) : t('alerts.unknownBox')}</span>
        </div>
        <span>{jobText(t, entry)}</span>
        {device ? (
          <button
            type="button"
            className="button button--ghost small alerts__open"
            onClick={() => {
              useDevicesStore.getState().select(device.id);
              useNavStore.getState().go(entry.job);
              close();
            }}
          >
            {t('alerts.openJob')}
          </button>
        ) : null}
      </div>
    </li>
  );
};

const BellRow = ({ entry, now, close }: { entry: BellEntry; now: number; close: () => void }) => (isJobEnd(entry) ? <JobRow entry={entry} now={now} close={close} /> : <AlertRow alert={entry} now={now} />);

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
            {items.map((entry) => (
              <BellRow key={entry.id} entry={entry} now={now} close={close} />
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
};
