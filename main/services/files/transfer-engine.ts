/**
 * One file over SFTP, fast and resumable: reads (or writes) of `chunkBytes` are pipelined,
 * `concurrency` at a time, as ssh2's fastGet/fastPut do — but from any offset, so a transfer cut
 * by a dropped connection goes on from the bytes it has. ssh2's fastGet cannot start mid-file.
 *
 * Downloads land in order: a chunk that arrives early waits in memory until those before it are
 * there, then the run is written and hashed, so the partial file never has a hole and its length is
 * exactly where to resume. Uploads write out of order on the box, so the resume point is the end of
 * the acknowledged prefix, which the caller keeps.
 */
import { close, fstat, open, read, writev } from 'node:fs';
import type { SFTPWrapper } from 'ssh2';
import type { Hasher } from './hasher.js';

export const transferTuning = {
  /**
   * 255 KiB: OpenSSH's `limits@openssh.com` read limit (TOOLCHAIN.md: ssh2 fastGet at this size and
   * concurrency 64 moved 585–636 MiB/s on loopback, against 82–93 with its 32 KiB default).
   */
  chunkBytes: 261_120,
  concurrency: 64,
  /** How far ahead of the written prefix reads may go (bounds memory when one chunk is slow). */
  windowChunks: 128,
} as const;

/** A transfer that stopped part-way: `done` bytes are in place, `cause` is what stopped it. */
export class TransferCut extends Error {
  constructor(
    override readonly cause: unknown,
    readonly done: number,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

interface Handle {
  readonly sftp: SFTPWrapper;
  readonly handle: Buffer;
}

const sftpOpen = (sftp: SFTPWrapper, path: string, flags: 'r' | 'w' | 'r+'): Promise<Handle> =>
  new Promise((resolve, reject) => sftp.open(path, flags, (error, handle) => (error ? reject(error) : resolve({ sftp, handle }))));

/**
 * Closes a remote handle. After a cut the request is never answered (ssh2 queues it on a channel
 * that is gone), so a failed transfer does not wait for it, and a finished one waits a bounded time.
 */
const sftpClose = (h: Handle, wait: boolean): Promise<void> =>
  new Promise((resolve) => {
    h.sftp.close(h.handle, () => resolve());
    if (!wait) return resolve();
    setTimeout(resolve, 5_000).unref();
  });

const localOpen = (path: string, flags: string): Promise<number> => new Promise((resolve, reject) => open(path, flags, 0o644, (error, fd) => (error ? reject(error) : resolve(fd))));
const localClose = (fd: number): Promise<void> => new Promise((resolve) => close(fd, () => resolve()));

export const localSize = (path: string): Promise<number> =>
  localOpen(path, 'r').then(
    (fd) => new Promise<number>((resolve, reject) => fstat(fd, (error, s) => void localClose(fd).then(() => (error ? reject(error) : resolve(s.size))))),
    () => 0,
  );

export interface PipeOptions {
  readonly sftp: SFTPWrapper;
  readonly remotePath: string;
  readonly localPath: string;
  /** Bytes already in place (the resume point). */
  readonly from: number;
  readonly size: number;
  /** Fed every byte in order from `from` on (the caller fed it the prefix). */
  readonly hash: Hasher;
  readonly signal: AbortSignal;
  /** The bytes in place so far (called often: throttle on the other side). */
  readonly progress: (done: number) => void;
  readonly tuning?: Partial<typeof transferTuning>;
}

/** How a pipe settles, whichever way: the first failure wins, and it settles once nothing is in flight. */
interface Gate {
  readonly failed: boolean;
  stop(error: Error): void;
  /** Settles when nothing is in flight, with the failure if there was one. */
  check(): void;
}

const runPipe = (signal: AbortSignal, idle: () => boolean, complete: () => boolean, start: (gate: Gate) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    let failure: Error | null = null;
    const onAbort = () => gate.stop(new Error('cancelled'));
    const settle = (error: Error | null) => {
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const gate: Gate = {
      get failed() {
        return failure !== null;
      },
      stop(error) {
        failure ??= error;
        gate.check();
      },
      check() {
        if (failure) {
          if (idle()) settle(failure);
        } else if (complete() && idle()) settle(null);
      },
    };
    if (signal.aborted) return reject(new Error('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    start(gate);
  });

/**
 * Downloads `remotePath` from `from` to `size` into `localPath` (appended in order). Rejects with
 * TransferCut (carrying the bytes in place) when the channel fails or the signal aborts.
 */
export const pipeDownload = async (o: PipeOptions): Promise<void> => {
  const { chunkBytes, concurrency, windowChunks } = { ...transferTuning, ...o.tuning };
  const remote = await sftpOpen(o.sftp, o.remotePath, 'r');
  const fd = await localOpen(o.localPath, o.from === 0 ? 'w' : 'r+').catch(async (error: unknown) => {
    await sftpClose(remote, false);
    throw error;
  });
  let next = o.from; // the next offset to request
  let written = o.from; // bytes in order on disk (and hashed)
  let writing = false;
  let inFlight = 0;
  let ok = false;
  /** Chunks that arrived, by offset, waiting for those before them. */
  const arrived = new Map<number, Buffer>();
  /** Short reads leave a remainder to ask for again, before any new offset. */
  const again: { at: number; len: number }[] = [];
  const pool: Buffer[] = [];
  try {
    await runPipe(
      o.signal,
      () => inFlight === 0 && !writing,
      () => written === o.size,
      (gate) => {
        const flush = () => {
          if (writing || gate.failed) return gate.check();
          const parts: Buffer[] = [];
          let at = written;
          for (let part = arrived.get(at); part; part = arrived.get(at)) {
            arrived.delete(at);
            parts.push(part);
            at += part.length;
          }
          if (parts.length === 0) return gate.check();
          writing = true;
          for (const part of parts) o.hash.update(part);
          writev(fd, parts, written, (error, n) => {
            writing = false;
            for (const part of parts) if (part.buffer.byteLength === chunkBytes && pool.length < concurrency) pool.push(Buffer.from(part.buffer, 0, chunkBytes));
            if (error) return gate.stop(error);
            if (n !== at - written) return gate.stop(new Error(`only ${n} of ${at - written} bytes could be written on this computer`));
            written = at;
            o.progress(written);
            pump();
            flush();
          });
        };

        const request = (at: number, len: number) => {
          inFlight += 1;
          const buffer = len === chunkBytes ? (pool.pop() ?? Buffer.allocUnsafe(chunkBytes)) : Buffer.allocUnsafe(len);
          remote.sftp.read(remote.handle, buffer, 0, len, at, (error, n) => {
            inFlight -= 1;
            if (error) return gate.stop(error);
            if (n === 0) return gate.stop(new Error(`the file on the box ended at ${at} bytes, before its ${o.size} bytes: it changed while downloading`));
            if (n < len) again.push({ at: at + n, len: len - n });
            arrived.set(at, buffer.subarray(0, n));
            pump();
            flush();
          });
        };

        const pump = () => {
          while (!gate.failed && inFlight < concurrency) {
            const retry = again.shift();
            if (retry) {
              request(retry.at, retry.len);
              continue;
            }
            if (next >= o.size || next - written >= windowChunks * chunkBytes) break;
            const len = Math.min(chunkBytes, o.size - next);
            request(next, len);
            next += len;
          }
          gate.check();
        };
        pump();
      },
    );
    ok = true;
  } catch (error) {
    throw new TransferCut(error, written);
  } finally {
    await localClose(fd);
    await sftpClose(remote, ok);
  }
};

export interface UploadPipeOptions extends Omit<PipeOptions, 'progress'> {
  /** The acknowledged prefix: every byte below it is on the box. */
  readonly progress: (acked: number) => void;
}

/**
 * Uploads `localPath` from `from` to `size` into `remotePath` (opened for writing without
 * truncating, so a resume keeps what is there). Writes complete out of order; `progress` gets the
 * end of the acknowledged prefix, which is where a resume starts. Rejects with TransferCut.
 */
export const pipeUpload = async (o: UploadPipeOptions): Promise<void> => {
  const { chunkBytes, concurrency } = { ...transferTuning, ...o.tuning };
  const remote = await sftpOpen(o.sftp, o.remotePath, o.from === 0 ? 'w' : 'r+');
  const fd = await localOpen(o.localPath, 'r').catch(async (error: unknown) => {
    await sftpClose(remote, false);
    throw error;
  });
  let next = o.from;
  let acked = o.from;
  let reading = false;
  let inFlight = 0;
  let ok = false;
  /** Offsets written on the box past the acknowledged prefix, with their lengths. */
  const done = new Map<number, number>();
  try {
    await runPipe(
      o.signal,
      () => inFlight === 0 && !reading,
      () => acked === o.size,
      (gate) => {
        const pump = () => {
          if (reading || gate.failed || inFlight >= concurrency || next >= o.size) return gate.check();
          reading = true;
          const at = next;
          const len = Math.min(chunkBytes, o.size - at);
          next += len;
          const buffer = Buffer.allocUnsafe(len);
          read(fd, buffer, 0, len, at, (error, n) => {
            reading = false;
            if (error) return gate.stop(error);
            if (n !== len) return gate.stop(new Error(`the file on this computer changed while uploading (read ${n} of ${len} bytes at ${at})`));
            o.hash.update(buffer);
            inFlight += 1;
            remote.sftp.write(remote.handle, buffer, 0, len, at, (werror) => {
              inFlight -= 1;
              if (werror) return gate.stop(werror);
              done.set(at, len);
              for (let l = done.get(acked); l !== undefined; l = done.get(acked)) {
                done.delete(acked);
                acked += l;
              }
              o.progress(acked);
              pump();
            });
            pump();
          });
        };
        pump();
      },
    );
    ok = true;
  } catch (error) {
    throw new TransferCut(error, acked);
  } finally {
    await localClose(fd);
    await sftpClose(remote, ok);
  }
};
