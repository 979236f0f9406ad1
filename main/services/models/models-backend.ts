/** The Models feature wired for the backend: the library, the downloads, their handlers and events. */
import type { SecretStore } from '../../security/secret-store.js';
import type { SshConnection } from '../../ssh/connection.js';
import type { Logger } from '../log.js';
import type { ClientHub } from '../rpc/hub.js';
import { DownloadService } from './download-service.js';
import { ModelLibraryService } from './model-library-service.js';
import { hubTokenSecret, modelsHandlers } from './model-handlers.js';

export const createModels = (deps: {
  readonly connection: (deviceId: string) => SshConnection;
  readonly folders: () => readonly string[];
  readonly secrets: SecretStore;
  readonly hub: () => ClientHub;
  readonly checkDevice: (deviceId: string) => void;
  readonly log: Logger;
}) => {
  const libraryChanged = (deviceId: string) => deps.hub().broadcast('models:library-changed', { deviceId });
  const library = new ModelLibraryService({ connection: deps.connection, folders: deps.folders });
  const downloads = new DownloadService({
    connection: deps.connection,
    changed: (deviceId, list) => deps.hub().broadcast('models:downloads-changed', { deviceId, downloads: list }),
    finished: libraryChanged,
    token: (source) => deps.secrets.get(hubTokenSecret(source)),
    log: deps.log,
  });
  return {
    handlers: modelsHandlers(library, downloads, deps.secrets, deps.checkDevice, libraryChanged),
    connected: (deviceId: string) => downloads.connected(deviceId),
    forgetDevice: (deviceId: string) => (library.forgetDevice(deviceId), downloads.forgetDevice(deviceId)),
    dispose: () => downloads.dispose(),
  };
};
