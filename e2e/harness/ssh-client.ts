import { Client, type ConnectConfig } from 'ssh2';
import type { Sshd } from './sshd.js';

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly signal: string | undefined;
}

/** A bare ssh2 client for harness tests (the app's own connection pool is tested elsewhere). */
export const connectTo = (sshd: Sshd, extra: Partial<ConnectConfig> = {}): Promise<Client> =>
  new Promise((resolve, reject) => {
    const client = new Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.connect({
      host: sshd.host,
      port: sshd.port,
      username: sshd.user,
      privateKey: sshd.clientKey.privateKey,
      readyTimeout: 10_000,
      // Pin the harness's host key: even tests verify who they talk to.
      hostVerifier: (key: Buffer) => key.toString('base64') === sshd.hostPublicKey.split(' ')[1],
      ...extra,
    });
  });

export const exec = (client: Client, command: string, stdin?: string): Promise<ExecResult> =>
  new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let code: number | null = null;
      let signal: string | undefined;
      channel.on('data', (d: Buffer) => out.push(d));
      channel.stderr.on('data', (d: Buffer) => err.push(d));
      channel.on('exit', (c: number | null, s?: string) => {
        code = c;
        signal = s;
      });
      channel.on('close', () => resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code, signal }));
      if (stdin !== undefined) channel.end(stdin);
      else channel.end();
    });
  });
