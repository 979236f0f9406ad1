import { FlaskConical, Plus, Server } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorNotice } from '../components/Notice.js';
import { useDevicesStore } from '../state/devices-store.js';
import { useAddDevice } from '../devices/add-device-store.js';

/** Shown where a page needs a box and none exists: add one, or open the demo box. */
export const DeviceActions = () => {
  const { t } = useTranslation();
  const showAdd = useAddDevice((s) => s.show);
  const addDemo = useDevicesStore((s) => s.addDemo);
  const busy = useDevicesStore((s) => s.busy);
  const error = useDevicesStore((s) => s.error);
  return (
    <>
      <button type="button" className="button button--primary" onClick={showAdd} data-testid="add-device-open">
        <Plus size={16} aria-hidden /> {t('devices.add')}
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => void addDemo()} data-testid="try-demo">
        <FlaskConical size={16} aria-hidden /> {t('devices.tryDemo')}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
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
