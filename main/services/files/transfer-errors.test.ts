import { describe, expect, it } from 'vitest';
import type { SshConnection } from '../../ssh/connection.js';
import { TransferCut } from './transfer-engine.js';
import { isCut, transferFailure } from './transfer-errors.js';
import { ChecksumMismatch, NoRoomHere } from './transfer-jobs.js';

const up = { status: { kind: 'connected' } } as unknown as SshConnection;
const down = { status: { kind: 'reconnecting' } } as unknown as SshConnection;
const paths = { remote: '/home/u/model.gguf', local: '/Users/me/Downloads/PGX Companion/model.gguf' };
const sftpError = (code: number) => Object.assign(new Error('x'), { code });

describe('why a transfer stopped', () => {
  it('a cut goes on by itself; a refusal, a bad checksum or no room does not', () => {
    expect(isCut(new TransferCut(new Error('No response from server'), 10), up)).toBe(true);
    expect(isCut(new TransferCut(sftpError(3), 10), down)).toBe(true);
    expect(isCut(new TransferCut(sftpError(3), 10), up)).toBe(false);
    expect(isCut(new ChecksumMismatch('differs'), down)).toBe(false);
    expect(isCut(new NoRoomHere(10, 1, '/tmp'), up)).toBe(false);
    expect(isCut(Object.assign(new Error('disk'), { code: 'ENOSPC' }), up)).toBe(false);
  });

  it('each says what happened and what to do, naming the side it happened on', () => {
    expect(transferFailure(sftpError(2), 'download', paths)).toMatchObject({ code: 'not-found', message: '/home/u/model.gguf is not on the box (any more).' });
    expect(transferFailure(sftpError(3), 'upload', paths)).toMatchObject({ code: 'remote-command-failed', hint: expect.stringMatching(/home folder/) });
    expect(transferFailure(sftpError(4), 'upload', paths)).toMatchObject({ code: 'disk-full' });
    expect(transferFailure(new NoRoomHere(5 * 2 ** 30, 2 ** 29, '/Users/me/Downloads'), 'download', paths)).toMatchObject({ code: 'disk-full', message: 'This computer has 512 MiB free in /Users/me/Downloads; the download needs 5.0 GiB.' });
    expect(transferFailure(Object.assign(new Error('EACCES'), { code: 'EACCES' }), 'download', paths).message).toContain(paths.local);
    expect(transferFailure(new ChecksumMismatch('a differs from b'), 'download', paths)).toMatchObject({ code: 'io-error', hint: expect.stringMatching(/Resume/) });
    for (const e of [sftpError(2), sftpError(3), sftpError(4), new Error('odd')]) expect(transferFailure(e, 'download', paths).hint).not.toBe('');
  });
});
