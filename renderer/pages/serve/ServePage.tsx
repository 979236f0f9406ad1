import { RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Welcome } from '../../app/Welcome.js';
import { ErrorNotice } from '../../components/Notice.js';
import { clearServeError, loadServers, useServeStore } from '../../serve/serve-store.js';
import { useSelectedDevice } from '../../state/devices-store.js';
import { NewServer } from './NewServer.js';
import PlaygroundPanel from './playground/PlaygroundPanel.js';
import { ServerCard } from './ServerCard.js';
import { preselectedModel } from './wizard-model.js';
import './serve.css';

type Tab = 'servers' | 'new' | 'playground';
/** While the page is open, the box is read again this often (servers started elsewhere show up). */
const refreshMs = 15_000;

const ServePage = () => {
  const { t } = useTranslation();
  const view = useSelectedDevice();
  const deviceId = view?.device.id;
  const connected = view?.status.kind === 'connected';
  const servers = useServeStore((s) => (deviceId ? s.byDevice[deviceId] : undefined));
  const error = useServeStore((s) => (deviceId ? s.errors[deviceId] : undefined));
  const [preselected] = useState(() => preselectedModel(location.hash));
  const [tab, setTab] = useState<Tab>(preselected !== null ? 'new' : 'servers');
  const [selectedKey, setSelectedKey] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!deviceId || !connected) return;
    void loadServers(deviceId);
    const timer = setInterval(() => void loadServers(deviceId), refreshMs);
    return () => clearInterval(timer);
  }, [deviceId, connected]);

  if (!view || !deviceId) return <Welcome page={t('nav.serve')} />;
  const list = servers ?? [];
  const targets = list.filter((s) => s.state === 'ready' && s.boxPort !== null).map((s) => ({ key: s.key, label: `${t(`serve.engines.${s.engine}.title`)} · ${s.servedModelName ?? s.containerName}`, boxPort: s.boxPort!, model: s.servedModelName ?? s.containerName }));
  return (
    <div className="serve" data-testid="serve-page">
      <header className="page__header row">
        <h1>{t('nav.serve')}</h1>
        <span className="cnt-spacer" />
        <button type="button" className="button button--ghost small" onClick={() => void loadServers(deviceId)} disabled={!connected} data-testid="serve-refresh">
          <RefreshCw size={14} aria-hidden /> {t('serve.refresh')}
        </button>
      </header>
      {!connected && <p className="muted">{t('serve.notConnected', { box: view.device.name })}</p>}
      <nav className="serve__tabs" role="tablist">
        {(['servers', 'new', 'playground'] as const).map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={`serve__tab${tab === id ? ' is-current' : ''}`} onClick={() => setTab(id)} data-testid={`serve-tab-${id}`}>
            {t(`serve.tabs.${id}`)}
          </button>
        ))}
      </nav>
      {error && <ErrorNotice error={error} onRetry={() => clearServeError(deviceId)} />}
      {tab === 'servers' &&
        (list.length === 0 ? (
          <p className="muted" data-testid="serve-empty">{t('serve.empty')}</p>
        ) : (
          <div className="serve__grid">
            {list.map((s) => (
              <ServerCard
                key={s.key}
                server={s}
                onTry={(key) => {
                  setSelectedKey(key);
                  setTab('playground');
                }}
              />
            ))}
          </div>
        ))}
      {tab === 'new' && connected && <NewServer deviceId={deviceId} preselected={preselected} onLaunched={() => setTab('servers')} />}
      {tab === 'playground' && <PlaygroundPanel deviceId={deviceId} targets={targets} onNewServer={() => setTab('new')} {...(selectedKey !== undefined ? { selectedKey } : {})} />}
    </div>
  );
};

export default ServePage;
