/**
 * Uploads from the page: files:upload reads a path on the computer running the backend. The
 * desktop app hands over the picked file's own path; a browser has none, so the bytes are first
 * staged into the backend's data folder in chunks, and that copy is uploaded (and deleted after).
 */
import type { Result } from '../../src/contract/errors.js';
import { stageLimits } from '../../src/contract/methods/files.js';
import { bridge } from '../bridge/bridge.js';
import { setActionError } from './files-store.js';

/** A chunk of a Blob as base64 (FileReader does the encoding natively, far faster than btoa over a string). */
const base64Of = (blob: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(blob);
  });

export const stage = async (file: File, onProgress: (bytes: number) => void): Promise<Result<string>> => {
  const begun = await bridge().call('files:stage-begin', { name: file.name, size: file.size });
  if (!begun.ok) return begun;
  const { stageId } = begun.value;
  for (let offset = 0; offset < file.size; offset += stageLimits.chunkBytes) {
    let data: string;
    try {
      data = await base64Of(file.slice(offset, offset + stageLimits.chunkBytes));
    } catch (error) {
      await bridge().call('files:stage-discard', { stageId });
      return { ok: false, error: { code: 'io-error', message: `Could not read ${file.name}: ${(error as Error).message}.`, hint: 'Check that the file is still there and pick it again.' } };
    }
    const sent = await bridge().call('files:stage-chunk', { stageId, offset, data });
    if (!sent.ok) return sent;
    onProgress(sent.value.bytes);
  }
  const ended = await bridge().call('files:stage-end', { stageId });
  return ended.ok ? { ok: true, value: ended.value.localPath } : ended;
};

/** The picked file's path in the desktop app ('' when it has none, as for a file made in the page). */
export const desktopPath = (file: File): string => (typeof window.pgx?.pathForFile === 'function' ? window.pgx.pathForFile(file) : '');

/**
 * Queues each file for upload into `remoteDir`, one after another (staging first in a browser).
 * `onStaging` reports a browser's copy progress (name, bytes), and null when it is over.
 */
export const uploadFiles = async (deviceId: string, remoteDir: string, files: readonly File[], onStaging: (progress: { name: string; bytes: number; size: number } | null) => void): Promise<void> => {
  setActionError(deviceId, undefined);
  for (const file of files) {
    let localPath = desktopPath(file);
    let staged: string | undefined;
    if (localPath === '') {
      onStaging({ name: file.name, bytes: 0, size: file.size });
      const result = await stage(file, (bytes) => onStaging({ name: file.name, bytes, size: file.size }));
      onStaging(null);
      if (!result.ok) {
        setActionError(deviceId, result.error);
        return;
      }
      localPath = staged = result.value;
    }
    const queued = await bridge().call('files:upload', { deviceId, localPath, remoteDir });
    if (!queued.ok) {
      const stageId = staged?.split(/[\\/]/).at(-2);
      if (stageId) await bridge().call('files:stage-discard', { stageId });
      setActionError(deviceId, queued.error);
      return;
    }
  }
};
