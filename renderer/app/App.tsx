import { CircleAlert } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { resolveLanguage, setUiLanguage } from '../i18n/i18n.js';
import { useAppStore } from '../state/app-store.js';
import { useNavStore } from '../state/nav-store.js';
import { useSettingsStore } from '../state/settings-store.js';
import { AddDeviceDialog } from '../devices/AddDeviceDialog.js';
import { useAddDevice } from '../devices/add-device-store.js';
import { PageHost } from './PageHost.js';
import { DeviceBar } from '../devices/DeviceBar.js';
import { pages } from './pages.js';
import { Sidebar } from './Sidebar.js';
import { useShortcuts } from './shortcuts.js';
import { useTheme } from './theme.js';

export const App = () => {
  const { t } = useTranslation();
  const settings = useSettingsStore((s) => s.settings);
  const socket = useAppStore((s) => s.socket);
  const go = useNavStore((s) => s.go);
  const page = useNavStore((s) => s.page);
  const toggleSidebar = useAppStore((s) => s.toggleSidebar);
  useTheme(settings?.theme);
  const showAddDevice = useAddDevice((s) => s.show);
  useShortcuts(go, toggleSidebar, showAddDevice);

  useEffect(() => {
    if (settings) void setUiLanguage(resolveLanguage(settings.language, navigator.languages));
  }, [settings]);

  return (
    <div className="shell">
      <Sidebar />
      <main className="content">
        {socket === 'lost' && (
          <div className="banner banner--error" role="alert">
            <CircleAlert size={16} aria-hidden /> {t('app.backendLost')} <span className="muted">{t('app.backendLostHint')}</span>
          </div>
        )}
        {pages[page].needsDevice ? <DeviceBar /> : null}
        <PageHost />
      </main>
      <AddDeviceDialog />
    </div>
  );
};
