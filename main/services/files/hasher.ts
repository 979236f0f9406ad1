/**
 * sha256 of a transfer's bytes, computed in a worker thread as they land, so hashing (some
 * 0.7 s per GiB of one core) does not share the event loop that decrypts and parses the SFTP
 * stream. The worker is inline code (`eval`), so it needs no file of its own in the bundle; it
 * uses only node:crypto, node:fs and node:worker_threads.
 */
import { Worker } from 'node:worker_threads';

const workerCode = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const hash = createHash('sha256');
parentPort.on('message', (m) => {
  try {
    if (m.kind === 'bytes') hash.update(m.bytes);
    else if (m.kind === 'file') {
      // The first m.bytes bytes of a local file (the part a resumed transfer already has).
      const fd = openSync(m.path, 'r');
      try {
        const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
        for (let at = 0; at < m.bytes; ) {
          const n = readSync(fd, buffer, 0, Math.min(buffer.length, m.bytes - at), at);
          if (n === 0) throw new Error('the partial file is shorter than ' + m.bytes + ' bytes');
          hash.update(buffer.subarray(0, n));
          at += n;
        }
      } finally { closeSync(fd); }
    } else if (m.kind === 'digest') parentPort.postMessage({ kind: 'digest', hex: hash.digest('hex') });
  } catch (error) {
    parentPort.postMessage({ kind: 'error', message: String(error && error.message || error) });
  }
});
`;

export interface Hasher {
  /** The bytes that come next (copied: the caller may reuse the buffer at once). */
  update(bytes: Uint8Array): void;
  /** The first `bytes` bytes of a file on this computer. */
  updateFromFile(path: string, bytes: number): void;
  /** The hex digest of everything fed, in order; the worker then ends. */
  digest(): Promise<string>;
  /** Ends the worker without a digest (a transfer cut or cancelled). */
  dispose(): void;
}

export const workerHasher = (): Hasher => {
  const worker = new Worker(workerCode, { eval: true });
  worker.unref();
  let failure: string | null = null;
  let settle: ((result: { hex?: string; error?: string }) => void) | null = null;
  worker.on('message', (m: { kind: 'digest'; hex: string } | { kind: 'error'; message: string }) => {
    if (m.kind === 'error') failure ??= m.message;
    if (m.kind === 'digest') settle?.({ hex: m.hex });
    else settle?.({ error: m.message });
  });
  worker.on('error', (error) => {
    failure ??= error.message;
    settle?.({ error: error.message });
  });
  return {
    update: (bytes) => worker.postMessage({ kind: 'bytes', bytes }),
    updateFromFile: (path, bytes) => worker.postMessage({ kind: 'file', path, bytes }),
    digest: async () => {
      if (failure) throw new Error(failure);
      const result = await new Promise<{ hex?: string; error?: string }>((resolve) => {
        settle = resolve;
        worker.postMessage({ kind: 'digest' });
      });
      void worker.terminate();
      if (result.hex === undefined) throw new Error(result.error ?? 'the hash worker stopped');
      return result.hex;
    },
    dispose: () => void worker.terminate(),
  };
};
