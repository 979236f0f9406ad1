import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog.js';
import { LogViewer } from '../../components/LogViewer.js';
import { fetchContainerLogs } from '../../containers/containers-store.js';

/** The last lines a container wrote, searchable, saved as a file on request. */
export const LogsDialog = ({ deviceId, container, onClose }: { deviceId: string; container: string | undefined; onClose: () => void }) => {
  const { t } = useTranslation();
  return (
    <Dialog open={container !== undefined} title={t('containers.logs.title', { name: container ?? '' })} onClose={onClose} wide testId="containers-logs">
      {container !== undefined ? <LogViewer key={container} name={container} load={(tail) => fetchContainerLogs(deviceId, container, tail)} testId="containers-logs" /> : null}
    </Dialog>
  );
};
