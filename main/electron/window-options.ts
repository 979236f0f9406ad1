import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { contentSecurityPolicy } from '../security/csp.js';

/** Our renderer is served from this origin through a privileged custom protocol. */
export const appScheme = 'app';
export const appOrigin = 'app://pgx';
export const appEntry = `${appOrigin}/index.html`;

/**
 * The only place web preferences are decided. A unit test pins every value: the renderer is
 * treated as untrusted and reaches main only through the preload's named functions.
 */
export const secureWebPreferences = (preloadPath: string): WebPreferences => ({
  preload: preloadPath,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
});

export const mainWindowOptions = (preloadPath: string, dark: boolean): BrowserWindowConstructorOptions => ({
  width: 1280,
  height: 820,
  minWidth: 720,
  minHeight: 520,
  show: false,
  title: 'PGX Companion',
  backgroundColor: dark ? '#15171a' : '#f6f7f9',
  webPreferences: secureWebPreferences(preloadPath),
});

export const rendererCsp = (): string => contentSecurityPolicy({ connectSrc: [] });

/** True only for our own top-level page; IPC from anything else is refused. */
export const isTrustedSenderUrl = (url: string | undefined): boolean => {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === 'pgx';
  } catch {
    return false;
  }
};

/**
 * Links the renderer may hand to the OS: web pages (app UIs through tunnels, docs) and a local
 * editor's Remote-SSH window (`vscode://vscode-remote/…`, `cursor://vscode-remote/…`), nothing else.
 */
export const isExternalLinkAllowed = (url: string): boolean => {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return true;
    return (parsed.protocol === 'vscode:' || parsed.protocol === 'cursor:') && parsed.host === 'vscode-remote';
  } catch {
    return false;
  }
};
