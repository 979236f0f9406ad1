/**
 * Why a transfer stopped, in words: an SFTP status from the box (no such file, permission denied,
 * a failure that is most often a full disk), an error of this computer's file system, a checksum
 * that differs — or a cut connection, which is not a failure at all: the transfer waits for the box
 * and goes on.
 */
import { appError, type AppError } from '../../../src/contract/errors.js';
import type { SshConnection } from '../../ssh/connection.js';
import { TransferCut } from './transfer-engine.js';
import { ChecksumMismatch, NoRoomHere } from './transfer-jobs.js';

/** ssh2's SFTP status codes (draft-ietf-secsh-filexfer-02). */
const sftpStatus = { eof: 1, noSuchFile: 2, permissionDenied: 3, failure: 4, badMessage: 5, opUnsupported: 8 } as const;

const gib = (bytes: number): string => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.ceil(bytes / 2 ** 20)} MiB`);

const rootCause = (error: unknown): unknown => (error instanceof TransferCut ? error.cause : error);

const codeOf = (error: unknown): number | string | undefined => (error as { code?: number | string } | null)?.code;

/**
 * A cut: the connection is down, or the error carries neither an SFTP status nor a local errno
 * (ssh2 fails pending requests with "No response from server" or a closed channel when the
 * socket goes). Everything else is the box or this computer saying no, and retrying will not help.
 */
export const isCut = (error: unknown, connection: SshConnection): boolean => {
  const cause = rootCause(error);
  if (cause instanceof ChecksumMismatch || cause instanceof NoRoomHere || (cause instanceof Error && cause.message === 'cancelled')) return false;
  if (connection.status.kind !== 'connected') return true;
  return codeOf(cause) === undefined && !(cause instanceof TypeError) && !(cause instanceof RangeError);
};

export const transferFailure = (error: unknown, direction: 'download' | 'upload', paths: { readonly remote: string; readonly local: string }): AppError => {
  const cause = rootCause(error);
  const code = codeOf(cause);
  const message = cause instanceof Error ? cause.message : String(cause);
  const path = paths.remote;
  const here = paths.local;
  if (cause instanceof ChecksumMismatch) return appError('io-error', `The transfer of ${path} did not arrive intact: ${message}.`, 'Press Resume to transfer it again from the start.');
  if (cause instanceof NoRoomHere) return appError('disk-full', `This computer has ${gib(cause.free)} free in ${cause.dir}; the download needs ${gib(cause.needed)}.`, 'Free some space (or choose another downloads folder), then press Resume.');
  if (code === sftpStatus.noSuchFile) return direction === 'download' ? appError('not-found', `${path} is not on the box (any more).`, 'Refresh the folder and pick it again.') : appError('not-found', `The folder for ${path} is not on the box (any more).`, 'Refresh the folder, then upload again.');
  if (code === sftpStatus.permissionDenied) return appError('remote-command-failed', `The box refused access to ${path}: permission denied.`, direction === 'download' ? 'Check its permissions with `ls -l` in the terminal, or copy it somewhere your user can read.' : 'Pick a folder your user can write to (your home folder is one).');
  if (code === sftpStatus.failure) return appError('disk-full', `The box could not write ${path}; the most common cause is a full disk.`, 'See “Space on the box” in the file manager, free some space, then press Resume.');
  if (code === 'ENOSPC') return appError('disk-full', 'This computer’s disk is full.', 'Free some space, then press Resume: it goes on from the bytes already here.');
  if (code === 'EACCES' || code === 'EPERM') return appError('io-error', `This computer refused to ${direction === 'download' ? 'write' : 'read'} ${here}: permission denied.`, direction === 'download' ? 'Choose another downloads folder in Settings.' : 'Check the file’s permissions.');
  if (code === 'ENOENT') return appError('not-found', `${here} is not on this computer (any more).`, 'Pick it again.');
  return appError('io-error', `The ${direction} of ${path} stopped: ${message}.`, 'Press Resume: it goes on from the bytes already moved.');
};
