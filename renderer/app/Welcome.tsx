import { FlaskConical, Plus, Server } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState.js';

/**
 * Shown where a page needs a box and none exists. Both actions are built by later issues
 * (#4 demo box, #5 devices); until then the buttons say so instead of pretending.
 */
export const DeviceActions = ({ compact = false }: { compact?: boolean }) => {
  const { t } = useTranslation();
  const [pending, setPending] = useState<string | undefined>();
  return (
    <>
      <button type="button" className="button button--primary" onClick={() => setPending(t('notBuilt.body', { issue: 5 }))}>
        <Plus size={16} aria-hidden /> {t('devices.add')}
      </button>
      <button type="button" className="button" onClick={() => setPending(t('notBuilt.body', { issue: 4 }))}>
        <FlaskConical size={16} aria-hidden /> {t('devices.tryDemo')}
      </button>
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
