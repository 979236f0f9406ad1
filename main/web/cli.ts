import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { appName, appVersion } from '../app-meta.js';
import { AppDocument, defaultDocument, documentMigrations, documentVersion } from '../store/app-document.js';
import { defaultDataDir } from '../store/data-dir.js';
import { openDocumentStore } from '../store/document-store.js';
import { jsonFileBackend } from '../store/json-file-backend.js';
import { fileSecretStore } from '../security/secret-store.js';
import { createBackend } from '../services/backend.js';
import { createLogger } from '../services/log.js';
import { startWebServer } from './server.js';
import { canOpenBrowser, openInBrowser } from './open-browser.js';

/**
 * Browser mode: the same backend as the desktop app, served to a browser on 127.0.0.1.
 * Prints exactly one line with the URL (scripts and tests read it), then logs to a file.
 */
const main = async () => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env['PGX_COMPANION_PORT'] ?? '0' },
      'data-dir': { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      reason: { type: 'string' },
      // The OpenSSH folder to read known_hosts and config from (tests: a fixture, never ~/.ssh).
      'ssh-dir': { type: 'string' },
      // Discover boxes on the loopback interface only (tests).
      'mdns-loopback': { type: 'boolean', default: false },
      // Telemetry's default interval in ms (benches only: the UI offers 0.5–4 Hz).
      'telemetry-interval-ms': { type: 'string' },
      // Where downloads from the boxes land (default ~/Downloads/PGX Companion; tests: a temp folder).
      'downloads-dir': { type: 'string' },
    },
  });
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const log = createLogger({ file: join(dataDir, 'logs', 'main.log') });
  const document = openDocumentStore({
    backend: jsonFileBackend(join(dataDir, 'settings.json')),
    schema: AppDocument,
    currentVersion: documentVersion,
    migrations: documentMigrations,
    defaults: defaultDocument,
  });
  if (document.recovery) process.stderr.write(`${document.recovery}\n`);

  // No OS keychain in browser mode: secrets sit in a file only this user can read, and the app
  // says so (Settings and the add-device dialog show the storage kind).
  const secrets = fileSecretStore(join(dataDir, 'secrets.json'));
  const backend = createBackend({
    dataDir,
    document,
    secrets,
    log,
    ...(values['ssh-dir'] ? { sshDir: values['ssh-dir'] } : {}),
    ...(values['downloads-dir'] ? { downloadsDir: values['downloads-dir'] } : {}),
    ...(values['telemetry-interval-ms'] ? { telemetryIntervalMs: Math.max(10, Number(values['telemetry-interval-ms'])) } : {}),
    ...(values['mdns-loopback'] ? { discovery: { timeoutMs: 1_500, mdns: { interface: '127.0.0.1', bind: '0.0.0.0', loopback: true, reuseAddr: true } } } : {}),
  });
  const here = fileURLToPath(new URL('.', import.meta.url));
  const server = await startWebServer({
    backend,
    staticDir: process.env['PGX_COMPANION_STATIC'] ?? join(here, '..', 'renderer'),
    port: Number(values.port),
    log,
  });

  const why = values.reason ? `${values.reason} ` : '';
  process.stdout.write(`${why}${appName} ${appVersion} is running in browser mode: ${server.url}\n`);
  log.info(`browser mode listening on 127.0.0.1:${server.port}`);
  if (!values['no-open'] && canOpenBrowser()) openInBrowser(server.url, (e) => log.warn('could not open a browser', e));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await backend.dispose();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
};

main().catch((error: unknown) => {
  process.stderr.write(`${appName} could not start browser mode: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
