import { isAbsolute, relative } from 'node:path';
import { appError, AppFailure } from '../../../src/contract/errors.js';
import type { Handlers } from '../rpc/router.js';
import type { Reveal } from './reveal.js';
import type { TransferService } from './transfer-service.js';

type TransferMethod = 'files:download' | 'files:upload' | 'files:transfers' | 'files:cancel' | 'files:resume' | 'files:remove' | 'files:reveal' | 'files:downloads-dir';

const inside = (dir: string, path: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

export const transferHandlers = (transfers: TransferService, deps: { checkDevice: (deviceId: string) => void; downloadsDir: () => string; reveal: Reveal }): Pick<Handlers, TransferMethod> => ({
  'files:download': ({ deviceId, remotePath, localDir }) => (deps.checkDevice(deviceId), transfers.download(deviceId, remotePath, localDir)),
  'files:upload': ({ deviceId, localPath, remoteDir }) => (deps.checkDevice(deviceId), transfers.upload(deviceId, localPath, remoteDir)),
  'files:transfers': () => transfers.list(),
  'files:cancel': ({ id }) => (transfers.cancel(id), {}),
  'files:resume': ({ id }) => transfers.resume(id),
  'files:remove': async ({ id }) => {
    await transfers.remove(id);
    return {};
  },
  // Only what the app itself put on this computer: the downloads folder, or a transfer's file.
  'files:reveal': async ({ localPath }) => {
    const known = inside(deps.downloadsDir(), localPath) || transfers.list().some((t) => t.localPath === localPath);
    if (!known) throw new AppFailure(appError('bad-request', 'Only files the app transferred can be shown in their folder.', 'Open the folder yourself from your file browser.'));
    return { shown: await deps.reveal(localPath), path: localPath };
  },
  'files:downloads-dir': () => ({ path: deps.downloadsDir() }),
});
