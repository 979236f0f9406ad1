/**
 * A dataset file from the computer into LLaMA Factory's data folder on the box, then checked there:
 * the Files feature's upload (the desktop app hands over the file's path; a browser stages the
 * bytes in the backend first), followed through files:transfers-changed until it is verified.
 */
import type { Result } from '../../src/contract/errors.js';
import type { TransferView } from '../../src/domain/transfer.js';
import { bridge } from '../bridge/bridge.js';
import { desktopPath, stage } from '../files/upload.js';
import { checkDataset, setChecked, setError, setUpload } from './finetune-store.js';

/**
 * Makes the data folder (and what is missing above it) when it is not there yet: a box without a
 * LLaMA-Factory checkout uses the app's own workspace, which exists only once something went in.
 */
const ensureDir = async (deviceId: string, dir: string): Promise<Result<unknown>> => {
  const listed = await bridge().call('files:list', { deviceId, path: dir });
  if (listed.ok || listed.error.code !== 'not-found') return listed;
  const cut = dir.lastIndexOf('/');
  const parent = cut <= 0 ? '/' : dir.slice(0, cut);
  const above = await ensureDir(deviceId, parent);
  if (!above.ok) return above;
  return bridge().call('files:mkdir', { deviceId, dir: parent, name: dir.slice(cut + 1) });
};

const over = (v: TransferView) => v.state === 'done' || v.state === 'failed' || v.state === 'cancelled';

/** Uploads `file` into `dataDir` and checks it; progress and the result land in the store. */
export const uploadDataset = async (deviceId: string, file: File, dataDir: string, cutoffLen: number | undefined): Promise<void> => {
  setError(deviceId, undefined);
  setChecked(deviceId, undefined);
  const progress = (phase: 'staging' | 'uploading' | 'checking', bytes: number, size: number) => setUpload(deviceId, { name: file.name, phase, bytes, size });
  try {
    let localPath = desktopPath(file);
    if (localPath === '') {
      progress('staging', 0, file.size);
      const staged = await stage(file, (bytes) => progress('staging', bytes, file.size));
      if (!staged.ok) return setError(deviceId, staged.error);
      localPath = staged.value;
    }
    progress('uploading', 0, file.size);
    const made = await ensureDir(deviceId, dataDir);
    if (!made.ok) return setError(deviceId, made.error);
    let id: string | undefined;
    let finish: (v: TransferView) => void = () => undefined;
    const finished = new Promise<TransferView>((resolve) => (finish = resolve));
    const seen = (v: TransferView | undefined) => {
      if (!v || v.id !== id) return;
      progress('uploading', v.bytes, v.size ?? file.size);
      if (over(v)) finish(v);
    };
    const off = bridge().on('files:transfers-changed', ({ transfers }) => seen(transfers.find((t) => t.id === id)));
    try {
      const queued = await bridge().call('files:upload', { deviceId, localPath, remoteDir: dataDir });
      if (!queued.ok) return setError(deviceId, queued.error);
      id = queued.value.id;
      seen(queued.value);
      // An event may have come and gone before the id was known: ask once.
      const all = await bridge().call('files:transfers', {});
      if (all.ok) seen(all.value.find((t) => t.id === id));
      const result = await finished;
      if (result.state !== 'done') {
        return setError(deviceId, { code: 'io-error', message: result.error?.message ?? `The upload of ${file.name} was cancelled.`, hint: result.error?.hint ?? 'Pick the file again.' });
      }
      progress('checking', result.bytes, result.bytes);
      await checkDataset(deviceId, result.remotePath, result.name, cutoffLen);
    } finally {
      off();
    }
  } finally {
    setUpload(deviceId, undefined);
  }
};
