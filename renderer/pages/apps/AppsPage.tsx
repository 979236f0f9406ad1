import { useTranslation } from 'react-i18next';
import { NotBuilt } from '../../app/NotBuilt.js';
import { Welcome } from '../../app/Welcome.js';
import { useSelectedDevice } from '../../state/devices-store.js';
import { PortsPanel } from './PortsPanel.js';

/** Apps and their tunnels. The tunnel manager is built; the one-click apps come next (issue 8). */
const AppsPage = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  if (!view) return <Welcome page={t('nav.apps')} />;
  return (
    <div className="apps" data-testid="apps-page">
      <header className="page__header">
        <h1>{t('nav.apps')}</h1>
      </header>
      <PortsPanel deviceId={view.device.id} connected={view.status.kind === 'connected'} />
      <NotBuilt page={t('apps.oneClick')} issue={8} summary={t('pages.apps')} />
    </div>
  );
};

export default AppsPage;
