/**
 * The app's own SshConnection to a test server (the harness's sshd, or the demo box), its host
 * key pinned: service tests and benches talk to the box the way the app does.
 */
import { SshConnection, type SshConnectionOptions } from '../../main/ssh/connection.js';
import type { DemoBox } from '../../main/demo/demo-box.js';
import { startSshd, type Sshd } from './sshd.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

export interface PinnedServer {
  readonly port: number;
  readonly user: string;
  readonly privateKey: string;
  /** `type base64 [comment]`, as in known_hosts. */
  readonly hostPublicKey: string;
}

/** The harness's sshd; `port` when a proxy stands in front of it. */
export const sshdServer = (sshd: Sshd, port: number = sshd.port): PinnedServer => ({ port, user: sshd.user, privateKey: sshd.clientKey.privateKey, hostPublicKey: sshd.hostPublicKey });

export const demoServer = (box: DemoBox): PinnedServer => ({ port: box.port, user: box.user, privateKey: box.clientPrivateKey, hostPublicKey: box.hostPublicKey });

export const appConnection = (server: PinnedServer, options: SshConnectionOptions = {}): SshConnection => {
  const expected = Buffer.from(server.hostPublicKey.split(' ')[1]!, 'base64');
  return new SshConnection(
    async () => ({
      host: '127.0.0.1',
      port: server.port,
      user: server.user,
      auth: { kind: 'key', privateKey: server.privateKey },
      verifyHostKey: async (key) => (key.equals(expected) ? { ok: true } : { ok: false, error: { code: 'host-key-changed', message: 'not the test server’s host key', hint: '' } }),
    }),
    options,
  );
};

/**
 * A real sshd behind a TCP proxy that tests cut (dropAll) and the app's connection to it through
 * that proxy, connected; retries without jitter so a reconnect comes quickly. `cleanup` gets the
 * steps that undo it, in the order they were taken (run them last first).
 */
export const cuttableConnection = async (cleanup: Array<() => Promise<void> | void>): Promise<{ sshd: Sshd; proxy: TcpProxy; connection: SshConnection }> => {
  const sshd = await startSshd();
  cleanup.push(() => sshd.stop());
  const proxy = await startTcpProxy(sshd.port);
  cleanup.push(() => proxy.close());
  const connection = appConnection(sshdServer(sshd, proxy.port), { random: () => 0, readyTimeoutMs: 5_000 });
  await connection.connect();
  cleanup.push(() => connection.disconnect());
  return { sshd, proxy, connection };
};
