import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src/contract/errors.js';
import type { AlertThresholds } from '../../../src/domain/settings.js';
import { checkThreshold, thresholdRanges, type ThresholdField } from '../../alerts/thresholds.js';
import { ErrorNotice } from '../../components/Notice.js';
import { useSettingsStore } from '../../state/settings-store.js';
import { NotificationsPermission } from './NotificationsPermission.js';

const fields = [
  { field: 'gpuTemperatureC', label: 'settings.alertGpuTemp', testId: 'alert-gpu-temp' },
  { field: 'memoryPercent', label: 'settings.alertMemory', testId: 'alert-memory' },
  { field: 'diskPercent', label: 'settings.alertDisk', testId: 'alert-disk' },
] as const satisfies ReadonlyArray<{ field: ThresholdField; label: string; testId: string }>;

type Drafts = Partial<Record<ThresholdField, string>>;

/**
 * The thresholds main raises alerts at. A number is saved when the field is left (or on Enter)
 * and only if it is in range; what was typed stays in the field until it is saved.
 */
export const AlertSettings = () => {
  const { t } = useTranslation();
  const alerts = useSettingsStore((s) => s.settings?.alerts);
  const updateSection = useSettingsStore((s) => s.updateSection);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [refused, setRefused] = useState<AppError | undefined>();
  const [saved, setSaved] = useState(false);

  if (!alerts) return null;

  const save = async (patch: Partial<AlertThresholds>): Promise<boolean> => {
    setSaved(false);
    const error = await updateSection('alerts', patch);
    setRefused(error);
    setSaved(!error);
    return !error;
  };

  const dropDraft = (field: ThresholdField) =>
    setDrafts((d) => {
      const rest = { ...d };
      delete rest[field];
      return rest;
    });

  const commit = async (field: ThresholdField) => {
    const raw = drafts[field];
    if (raw === undefined) return;
    const check = checkThreshold(field, raw);
    // An invalid number stays in the field with its explanation beside it.
    if (!check.ok) return;
    if (check.value === alerts[field] || (await save({ [field]: check.value }))) dropDraft(field);
  };

  return (
    <section className="card" aria-labelledby="alerts-title">
      <h2 className="card__title" id="alerts-title">
        {t('settings.alerts')}
      </h2>
      <p className="muted small alert-settings__explain">{t('settings.alertsExplain')}</p>
      <div className="form-grid">
        {fields.map(({ field, label, testId }) => {
          const draft = drafts[field];
          const check = draft === undefined ? undefined : checkThreshold(field, draft);
          const { min, max } = thresholdRanges[field];
          const hintId = `${testId}-hint`;
          return (
            <Fragment key={field}>
              <label htmlFor={testId}>{t(label)}</label>
              <div className="alert-settings__field">
                <input
                  id={testId}
                  type="number"
                  inputMode="decimal"
                  min={min}
                  max={max}
                  step={1}
                  value={draft ?? String(alerts[field])}
                  aria-invalid={check?.ok === false}
                  aria-describedby={hintId}
                  onChange={(event) => {
                    setSaved(false);
                    setDrafts((d) => ({ ...d, [field]: event.target.value }));
                  }}
                  onBlur={() => void commit(field)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') void commit(field);
                  }}
                  data-testid={testId}
                />
                <span id={hintId} className={`small ${check?.ok === false ? 'alert-settings__invalid' : 'muted'}`} role={check?.ok === false ? 'alert' : undefined}>
                  {t('settings.alertRange', { min, max })}
                </span>
              </div>
            </Fragment>
          );
        })}
        <span />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={alerts.clocksThrottled}
            onChange={(event) => void save({ clocksThrottled: event.target.checked })}
            data-testid="alert-throttle"
          />
          {t('settings.alertThrottle')}
        </label>

        <span id="notifications-label">{t('settings.notifications')}</span>
        <NotificationsPermission labelId="notifications-label" />
      </div>
      {refused ? <ErrorNotice error={refused} onRetry={() => setRefused(undefined)} retryLabel={t('common.close')} /> : null}
      <p className="small muted alert-settings__saved" role="status" data-testid="alerts-saved">
        {saved ? t('settings.saved') : ''}
      </p>
    </section>
  );
};
