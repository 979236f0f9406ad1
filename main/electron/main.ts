import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, nativeTheme, protocol, session, shell, safeStorage } from 'electron';
import { AppDocument, defaultDocument, documentMigrations, documentVersion } from '../store/app-document.js';
import { openDocumentStore } from '../store/document-store.js';
import { fileSecretStore } from '../security/secret-store.js';
import { createBackend, type Backend } from '../services/backend.js';
import { createLogger } from '../services/log.js';
import { readStatic } from '../web/static-files.js';
import { bindIpc } from './ipc.js';
import { electronStoreBackend } from './electron-store-backend.js';
import { appEntry, appOrigin, appScheme, isExternalLinkAllowed, mainWindowOptions, rendererCsp } from './window-options.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');

protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
}

let mainWindow: BrowserWindow | undefined;
let backend: Backend | undefined;

const createWindow = () => {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, nativeTheme.shouldUseDarkColors));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appEntry);
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
};

app.on('second-instance', () => {
  if (!mainWindow) return createWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
});

// Nothing but our own pages in our windows: no navigation away, no popups, no <webview>.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${appOrigin}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${appOrigin}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(async () => {
  const dataDir = app.getPath('userData');
  const log = createLogger({ file: join(dataDir, 'logs', 'main.log') });

  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'pgx' ? await readStatic(rendererDir, url.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.contentType, 'Content-Security-Policy': rendererCsp(), 'X-Content-Type-Options': 'nosniff' },
    });
  });

  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(permission === 'notifications' || permission === 'clipboard-sanitized-write');
  });

  const document = openDocumentStore({
    backend: electronStoreBackend(dataDir),
    schema: AppDocument,
    currentVersion: documentVersion,
    migrations: documentMigrations,
    defaults: defaultDocument,
  });
  if (document.recovery) log.warn(document.recovery);

  // Secrets are encrypted by the OS keychain (safeStorage). Where it is unavailable (Linux
  // without a keyring), they fall back to a 0600 file, and app:info says so to the user.
  const cipher = safeStorage.isEncryptionAvailable()
    ? { encrypt: (plain: string) => safeStorage.encryptString(plain), decrypt: (data: Buffer) => safeStorage.decryptString(data) }
    : undefined;
  if (!cipher) log.warn('OS keychain unavailable: secrets are kept in a 0600 file');
  const secrets = fileSecretStore(join(dataDir, 'secrets.json'), cipher);
  backend = createBackend({ dataDir, document, secrets, log, downloadsDir: join(app.getPath('downloads'), 'PGX Companion'), reveal: (path) => (shell.showItemInFolder(path), Promise.resolve(true)) });
  bindIpc(backend);
  createWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void backend?.dispose();
});

