import type { SecretStore } from '../../security/secret-store.js';
import type { Handlers } from '../rpc/router.js';
import type { DownloadService } from './download-service.js';
import type { ModelLibraryService } from './model-library-service.js';

/** Secret names of the hub tokens (never in settings, never sent back to a renderer). */
export const hubTokenSecret = (source: 'huggingface' | 'modelscope'): string => `models.token.${source}`;

type ModelMethods = 'models:list' | 'models:delete' | 'models:download' | 'models:downloads' | 'models:download-cancel' | 'models:download-resume' | 'models:download-remove' | 'models:token-status' | 'models:token-set';

export const modelsHandlers = (
  library: ModelLibraryService,
  downloads: DownloadService,
  secrets: SecretStore,
  checkDevice: (deviceId: string) => void,
  libraryChanged: (deviceId: string) => void,
): Pick<Handlers, ModelMethods> => ({
  'models:list': ({ deviceId }) => (checkDevice(deviceId), library.scan(deviceId)),
  'models:delete': async ({ deviceId, id, source }) => {
    checkDevice(deviceId);
    const freed = await library.delete(deviceId, id, source);
    libraryChanged(deviceId);
    return freed;
  },
  'models:download': ({ deviceId, ...request }) => (checkDevice(deviceId), downloads.start(deviceId, request)),
  'models:downloads': ({ deviceId }) => (checkDevice(deviceId), downloads.refresh(deviceId)),
  'models:download-cancel': async ({ deviceId, jobId }) => {
    checkDevice(deviceId);
    await downloads.cancel(deviceId, jobId);
    return {};
  },
  'models:download-resume': ({ deviceId, jobId }) => (checkDevice(deviceId), downloads.resume(deviceId, jobId)),
  'models:download-remove': async ({ deviceId, jobId }) => {
    checkDevice(deviceId);
    await downloads.remove(deviceId, jobId);
    return {};
  },
  'models:token-status': () => ({ huggingface: secrets.get(hubTokenSecret('huggingface')) !== undefined, modelscope: secrets.get(hubTokenSecret('modelscope')) !== undefined }),
  'models:token-set': ({ source, token }) => {
    if (token === null) secrets.delete(hubTokenSecret(source));
    else secrets.set(hubTokenSecret(source), token);
    return {};
  },
});
