/**
 * Asks a box for its host key without logging in: the handshake stops at host-key verification,
 * so nothing — no user name, no password, no command — reaches a box the user has not trusted.
 */
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import { AppFailure } from '../../src/contract/errors.js';
import { describeSshError } from './ssh-errors.js';

export const probeHostKey = (target: { host: string; port: number; sock?: Duplex }, timeoutMs = 10_000): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let key: Buffer | undefined;
    const done = (error?: unknown) => {
      client.removeAllListeners();
      client.on('error', () => {});
      client.end();
      if (key) resolve(key);
      else reject(new AppFailure(describeSshError(error ?? new Error('no host key'), { host: target.host, port: target.port, user: '', methods: [] })));
    };
    client.on('error', (error) => done(error));
    client.on('close', () => done());
    client.on('ready', () => done()); // not expected: verification always says no
    client.connect({
      host: target.host,
      port: target.port,
      username: 'pgx-companion-probe',
      readyTimeout: timeoutMs,
      ...(target.sock ? { sock: target.sock } : {}),
      hostVerifier: (presented: Buffer) => {
        key = Buffer.from(presented);
        return false;
      },
    });
  });
