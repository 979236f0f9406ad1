import type { TFunction } from 'i18next';
import type { AlertEntry, AlertKind, JobEndEntry } from './alerts.js';

type AlertFacts = Pick<AlertEntry, 'kind' | 'value' | 'threshold'>;

/** Whole degrees and percents: a tenth of a degree is noise in a notification. */
const whole = (value: number) => String(Math.round(value));

/** One sentence saying what is wrong, in the UI language. */
export const alertText = (t: TFunction, { kind, value, threshold }: AlertFacts): string => {
  const vars = { value: whole(value), threshold: whole(threshold) };
  switch (kind) {
    case 'gpu-hot':
      return t('alerts.text.gpuHot', vars);
    case 'memory-high':
      return t('alerts.text.memoryHigh', vars);
    case 'disk-full':
      return t('alerts.text.diskFull', vars);
    case 'throttled':
      return t('alerts.text.throttled');
  }
};

/** One sentence saying which job ended and how. */
export const jobText = (t: TFunction, entry: Pick<JobEndEntry, 'job' | 'name' | 'state'>): string => t(`alerts.job.${entry.job}.${entry.state}`, { name: entry.name });

export const alertKindLabel = (t: TFunction, kind: AlertKind): string => {
  switch (kind) {
    case 'gpu-hot':
      return t('alerts.kind.gpuHot');
    case 'memory-high':
      return t('alerts.kind.memoryHigh');
    case 'disk-full':
      return t('alerts.kind.diskFull');
    case 'throttled':
      return t('alerts.kind.throttled');
  }
};

/** A desktop notification names the box first: several boxes may alert at once. */
export const alertNotification = (t: TFunction, alert: AlertFacts, box: string): { title: string; body: string } => ({
  title: t('app.name'),
  body: t('alerts.withBox', { box, text: alertText(t, alert) }),
});

/** Time of day for today's alerts; date and time for older ones. */
export const formatAlertTime = (at: number, now: number, locale: string): string => {
  const when = new Date(at);
  const sameDay = when.toDateString() === new Date(now).toDateString();
  return sameDay
    ? when.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : when.toLocaleString(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
};
