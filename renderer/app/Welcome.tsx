import { FlaskConical, Plus, Server } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorNotice } from '../components/Notice.js';
import { useDevicesStore } from '../state/devices-store.js';

/**
 * Shown where a page needs a box and none exists. "Add device" is built by issue #5; until then
 * that button says so instead of pretending.
 */
export const DeviceActions = ({ compact = false }: { compact?: boolean }) => {
  const { t } = useTranslation();
  const [pending, setPending] = useState<string | undefined>();
  const addDemo = useDevicesStore((s) => s.addDemo);
  const busy = useDevicesStore((s) => s.busy);
  const error = useDevicesStore((s) => s.error);
  return (
    <>
      <button type="button" className="button button--primary" onClick={() => setPending(t('notBuilt.body', { issue: 5 }))}>
        <Plus size={16} aria-hidden /> {t('devices.add')}
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => void addDemo()} data-testid="try-demo">
        <FlaskConical size={16} aria-hidden /> {t('devices.tryDemo')}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
      {pending ? (
        <p className={compact ? 'muted small' : 'muted'} role="status">
          {pending}
        </p>
      ) : null}
    </>
  );
};

export const Welcome = ({ page }: { page: string }) => {
  const { t } = useTranslation();
  return (
    <EmptyState icon={Server} title={t('needDevice.title')} body={t('needDevice.body', { page })} testId="need-device">
      <DeviceActions />
    </EmptyState>
  );
};
