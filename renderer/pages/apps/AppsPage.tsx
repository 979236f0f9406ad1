import { Bot, Gauge, MessagesSquare, NotebookPen, Puzzle, RefreshCw, type LucideIcon } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppView } from '../../../src/domain/app.js';
import type { AppId } from '../../../src/recipes/app-specs.js';
import { clearAppsError, loadApps, useAppsStore } from '../../apps/apps-store.js';
import { Welcome } from '../../app/Welcome.js';
import { ErrorNotice } from '../../components/Notice.js';
import { useSelectedDevice } from '../../state/devices-store.js';
import { AppCard } from './AppCard.js';
import { EditorCard } from './EditorCard.js';
import { LaunchDialog } from './LaunchDialog.js';
import { PortsPanel } from './PortsPanel.js';

const builtIns: ReadonlyArray<{ readonly id: Exclude<AppId, 'custom'>; readonly icon: LucideIcon }> = [
  { id: 'jupyterlab', icon: NotebookPen },
  { id: 'ollama', icon: Bot },
  { id: 'open-webui', icon: MessagesSquare },
  { id: 'dgx-dashboard', icon: Gauge },
];

/** While the page is open, the box is read again this often (apps started elsewhere show up). */
const refreshMs = 15_000;

/** The app's instance on the box: a running one with a tunnel first (Ollama may be both a service and a container). */
const instanceOf = (apps: readonly AppView[], id: AppId): AppView | undefined =>
  apps
    .filter((a) => a.app === id)
    .sort((a, b) => Number(b.running) - Number(a.running) || Number(b.tunnelId !== null) - Number(a.tunnelId !== null))[0];

const AppsPage = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  const deviceId = view?.device.id;
  const connected = view?.status.kind === 'connected';
  const apps = useAppsStore((s) => (deviceId ? s.byDevice[deviceId] : undefined));
  const launching = useAppsStore((s) => (deviceId ? s.launching[deviceId] : undefined));
  const error = useAppsStore((s) => (deviceId ? s.errors[deviceId] : undefined));
  const [dialog, setDialog] = useState<AppId | undefined>(undefined);

  useEffect(() => {
    if (!deviceId || !connected) return;
    void loadApps(deviceId);
    const timer = setInterval(() => void loadApps(deviceId), refreshMs);
    return () => clearInterval(timer);
  }, [deviceId, connected]);

  if (!view || !deviceId) return <Welcome page={t('nav.apps')} />;
  const list = apps ?? [];
  const customs = list.filter((a) => a.app === 'custom');
  return (
    <div className="apps" data-testid="apps-page">
      <header className="page__header row">
        <h1>{t('nav.apps')}</h1>
        <span className="cnt-spacer" />
        <button type="button" className="button button--ghost small" onClick={() => void loadApps(deviceId)} disabled={!connected} data-testid="apps-refresh">
          <RefreshCw size={14} aria-hidden /> {t('apps.refresh')}
        </button>
      </header>
      <p className="muted apps__explain">{connected ? t('apps.explain') : t('apps.notConnected', { box: view.device.name })}</p>
      {error && dialog === undefined ? <ErrorNotice error={error} onRetry={() => clearAppsError(deviceId)} retryLabel={t('common.close')} /> : null}
      <section className="apps__grid" aria-label={t('apps.oneClick')}>
        {builtIns.map(({ id, icon }) => (
          <AppCard
            key={id}
            deviceId={deviceId}
            connected={connected}
            icon={icon}
            title={t(`apps.catalogue.${id}.title`)}
            body={t(`apps.catalogue.${id}.body`)}
            instance={instanceOf(list, id)}
            launchingSince={launching?.[id]}
            onLaunch={() => setDialog(id)}
            testId={`app-card-${id}`}
          />
        ))}
        {customs.map((app) => (
          <AppCard
            key={app.key}
            deviceId={deviceId}
            connected={connected}
            icon={Puzzle}
            title={app.customName ?? app.customId ?? app.key}
            body={t('apps.catalogue.custom.body')}
            instance={app}
            launchingSince={launching?.[`custom-${app.customId ?? ''}`]}
            onLaunch={undefined}
            testId={`app-card-custom-${app.customId ?? ''}`}
          />
        ))}
        <AppCard
          deviceId={deviceId}
          connected={connected}
          icon={Puzzle}
          title={t('apps.catalogue.custom.title')}
          body={t('apps.catalogue.custom.body')}
          instance={undefined}
          launchingSince={Object.entries(launching ?? {}).find(([id]) => id.startsWith('custom-') && !customs.some((c) => `custom-${c.customId ?? ''}` === id))?.[1]}
          onLaunch={() => setDialog('custom')}
          testId="app-card-custom"
        />
        <EditorCard device={view.device} />
      </section>
      <PortsPanel deviceId={deviceId} connected={connected} />
      <LaunchDialog deviceId={deviceId} app={dialog} onClose={() => setDialog(undefined)} />
    </div>
  );
};

export default AppsPage;
