import i18next from 'i18next';
import { boxName } from '../devices/box-name.js';
import { useDevicesStore } from '../state/devices-store.js';
import { useNavStore } from '../state/nav-store.js';
import { alertNotification, jobText } from './alert-text.js';
import type { AlertEvent, JobEndEntry } from './alerts.js';

export type NotificationState = NotificationPermission | 'unsupported';

/** The Web Notification API works in Electron's renderer and in browsers; some browsers lack it. */
export const notificationPermission = (): NotificationState =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

export const requestNotificationPermission = async (): Promise<NotificationState> => {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
};

/** Shows a raised alert on the desktop, if the user allowed it; clicking it opens that box's Overview. */
export const showAlertNotification = (alert: AlertEvent): void => {
  if (notificationPermission() !== 'granted') return;
  const t = i18next.t;
  const device = useDevicesStore.getState().views.find((v) => v.device.id === alert.deviceId)?.device;
  const { title, body } = alertNotification(t, alert, device ? boxName(t, device) : t('alerts.unknownBox'));
  // One notification per box and kind on screen: a repeat replaces the old one instead of stacking.
  const notification = new Notification(title, { body, tag: `${alert.deviceId}:${alert.kind}` });
  notification.onclick = () => {
    window.focus();
    if (device) useDevicesStore.getState().select(device.id);
    useNavStore.getState().go('overview');
  };
};

/** A long job's end on the desktop; clicking it opens its page on that box. */
export const showJobNotification = (entry: Omit<JobEndEntry, 'id'>): void => {
  if (notificationPermission() !== 'granted') return;
  const t = i18next.t;
  const device = useDevicesStore.getState().views.find((v) => v.device.id === entry.deviceId)?.device;
  const body = t('alerts.withBox', { box: device ? boxName(t, device) : t('alerts.unknownBox'), text: jobText(t, entry) });
  const notification = new Notification(t('app.name'), { body, tag: `${entry.job}:${entry.jobId}` });
  notification.onclick = () => {
    window.focus();
    if (device) useDevicesStore.getState().select(device.id);
    useNavStore.getState().go(entry.job);
  };
};
