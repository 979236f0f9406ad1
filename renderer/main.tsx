import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openBridge } from './bridge/bridge.js';
import { initI18n, resolveLanguage } from './i18n/i18n.js';
import { useAppStore } from './state/app-store.js';
import { followHash } from './state/nav-store.js';
import { followSettings, useSettingsStore } from './state/settings-store.js';
import { followDevices, useDevicesStore } from './state/devices-store.js';
import { followAlerts } from './alerts/alerts-store.js';
import { App } from './app/App.js';
import './styles/tokens.css';
import './styles/app.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

const start = async () => {
  await openBridge((state) => useAppStore.getState().setSocket(state));
  if (window.pgx) useAppStore.setState({ socket: 'electron' });
  await useSettingsStore.getState().load();
  const settings = useSettingsStore.getState().settings;
  await initI18n(resolveLanguage(settings?.language ?? 'system', navigator.languages));
  followSettings();
  followDevices();
  followAlerts();
  followHash();
  await useDevicesStore.getState().load();
  void useAppStore.getState().loadInfo();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
};

start().catch((error: unknown) => {
  const box = document.createElement('div');
  box.className = 'fatal';
  box.setAttribute('role', 'alert');
  const title = document.createElement('h1');
  title.textContent = 'PGX Companion could not start';
  const body = document.createElement('p');
  body.textContent = error instanceof Error ? error.message : String(error);
  box.append(title, body);
  document.body.replaceChildren(box);
});
