/**
 * Every connection error people meet, produced against the test bed (real sshd, the TCP proxy,
 * unroutable and unresolvable names), with the sentence the user reads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/contract/errors.js';
import type { ConnectionStatus } from '../../src/domain/device.js';
import { startSshd, keygen, type Sshd } from '../../e2e/harness/sshd.js';
import { startTcpProxy } from '../../e2e/harness/tcp-proxy.js';
import { freePort } from '../../e2e/harness/net-util.js';
import { SshConnection, type ConnectionTarget } from './connection.js';

const trustAny: ConnectionTarget['verifyHostKey'] = async () => ({ ok: true });

/** Connects once and returns the error the user would see. */
const failureOf = async (target: Partial<ConnectionTarget> & Pick<ConnectionTarget, 'host' | 'port'>, options: { readyTimeoutMs?: number } = {}): Promise<AppError> => {
  const connection = new SshConnection(async () => ({ user: 'nobody', auth: { kind: 'password', password: 'x' }, verifyHostKey: trustAny, ...target }), { autoReconnect: false, ...options });
  await connection.connect();
  const status = connection.status;
  connection.disconnect();
  if (status.kind !== 'failed') throw new Error(`expected a failure, got ${status.kind}`);
  return { code: status.code as AppError['code'], message: status.message, hint: status.hint };
};

describe('connection errors, each with a sentence and a fix', () => {
  let sshd: Sshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('wrong password', async (context) => {
    if (!sshd.canPassword) context.skip();
    const error = await failureOf({ host: sshd.host, port: sshd.port, user: sshd.user, auth: { kind: 'password', password: 'not-it' } });
    expect(error.code).toBe('auth-password-wrong');
    expect(error.message).toBe(`The password for ${sshd.user}@127.0.0.1 was not accepted.`);
    expect(error.hint).toMatch(/box’s login password/);
  });

  it('key refused', async () => {
    const stranger = keygen(join(mkdtempSync(join(tmpdir(), 'pgx-k-')), 'id'), 'stranger');
    const error = await failureOf({ host: sshd.host, port: sshd.port, user: sshd.user, auth: { kind: 'key', privateKey: stranger.privateKey } });
    expect(error.code).toBe('auth-key-refused');
    expect(error.message).toBe(`127.0.0.1 refused the key of ${sshd.user} (or the account is locked).`);
    expect(error.hint).toMatch(/authorized_keys/);
  });

  it('account locked: the key is right but the account is locked', async (context) => {
    if (!sshd.canPassword) context.skip();
    const locked = await startSshd();
    try {
      expect(spawnSync('usermod', ['-L', '-e', '1', locked.user]).status).toBe(0);
      const error = await failureOf({ host: locked.host, port: locked.port, user: locked.user, auth: { kind: 'key', privateKey: locked.clientKey.privateKey } });
      expect(error.message).toMatch(/or the account is locked/);
      expect(error.hint).toContain(`sudo passwd -u ${locked.user}`);
      expect(spawnSync('grep', ['-E', 'account (is locked|has expired)', join(locked.dir, 'sshd.log')]).status).toBe(0);
    } finally {
      await locked.stop();
    }
  });

  it('too many authentication failures (an agent offering many keys)', async () => {
    const strict = await startSshd({ extraConfig: ['MaxAuthTries 2'] });
    const dir = mkdtempSync(join(tmpdir(), 'pgx-agent-'));
    const socket = join(dir, 'agent.sock');
    const agent = spawnSync('ssh-agent', ['-a', socket], { encoding: 'utf8' });
    const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(agent.stdout)?.[1]);
    try {
      for (let i = 0; i < 4; i += 1) {
        const key = keygen(join(dir, `k${i}`), `k${i}`);
        expect(spawnSync('ssh-add', [key.privateKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket } }).status).toBe(0);
      }
      const error = await failureOf({ host: strict.host, port: strict.port, user: strict.user, auth: { kind: 'agent', agent: socket } });
      expect(error.code).toBe('too-many-auth-failures');
      expect(error.message).toBe('127.0.0.1 closed the connection after too many failed logins.');
      expect(error.hint).toMatch(/ssh-agent may offer many keys/);
    } finally {
      if (pid) process.kill(pid);
      await strict.stop();
    }
  });

  it('port closed', async () => {
    const port = await freePort();
    const error = await failureOf({ host: '127.0.0.1', port });
    expect(error).toMatchObject({ code: 'connection-refused', message: `Nothing accepts SSH connections on 127.0.0.1:${port}.` });
    expect(error.hint).toMatch(/systemctl enable --now ssh/);
  });

  it('DNS name not found', async () => {
    const error = await failureOf({ host: 'gb10-nowhere.invalid', port: 22 });
    expect(error).toMatchObject({ code: 'dns-not-found', message: 'The name gb10-nowhere.invalid could not be found.' });
    const local = await failureOf({ host: 'spark-nowhere.local', port: 22 });
    expect(local.hint).toMatch(/mDNS/);
  });

  it('host unreachable (a documentation-only address no network routes)', async (context) => {
    // The kernel answers EHOSTUNREACH / ENETUNREACH (here after ~3 s of neighbour discovery).
    const error = await failureOf({ host: '2001:db8::1', port: 22 }, { readyTimeoutMs: 10_000 });
    if (error.code === 'timeout') context.skip('this network silently drops packets to unroutable addresses, so no "unreachable" can be produced here');
    expect(error).toMatchObject({ code: 'host-unreachable', message: '2001:db8::1 cannot be reached from this laptop.' });
    expect(error.hint).toMatch(/same network/);
  });

  it('timeout: the box takes the TCP connection but never speaks SSH', async () => {
    const proxy = await startTcpProxy(sshd.port);
    proxy.setMode({ kind: 'stall' });
    try {
      const error = await failureOf({ host: '127.0.0.1', port: proxy.port }, { readyTimeoutMs: 1_000 });
      expect(error).toMatchObject({ code: 'timeout', message: `127.0.0.1:${proxy.port} did not complete the SSH handshake in time.` });
      expect(error.hint).toMatch(/rebooting or overloaded/);
    } finally {
      await proxy.close();
    }
  });

  it('host key changed', async () => {
    const error = await failureOf({
      host: sshd.host,
      port: sshd.port,
      verifyHostKey: async () => ({ ok: false, error: { code: 'host-key-changed', message: '127.0.0.1 answered with a different host key.', hint: 'Forget the old key if you reinstalled the box.' } }),
    });
    expect(error).toMatchObject({ code: 'host-key-changed', message: '127.0.0.1 answered with a different host key.' });
  });

  it('box rebooting: the link drops, the port refuses for a while, then the box is back by itself', async () => {
    const proxy = await startTcpProxy(sshd.port);
    const connection = new SshConnection(async () => ({ host: '127.0.0.1', port: proxy.port, user: sshd.user, auth: { kind: 'key', privateKey: sshd.clientKey.privateKey }, verifyHostKey: trustAny }), { random: () => 0 });
    const seen: ConnectionStatus[] = [];
    connection.on('status', (s: ConnectionStatus) => seen.push(s));
    try {
      await connection.connect();
      // The reboot: sshd goes away (port closed) and the live link dies with it.
      await proxy.setListening(false);
      proxy.dropAll();
      const until = async (probe: () => boolean) => {
        const deadline = Date.now() + 20_000;
        while (!probe() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        return probe();
      };
      expect(await until(() => seen.some((s) => s.kind === 'reconnecting' && s.reason === '127.0.0.1 is not accepting SSH connections right now — it is probably rebooting.'))).toBe(true);
      await proxy.setListening(true);
      const after = seen.length;
      expect(await until(() => seen.slice(after).some((s) => s.kind === 'connected'))).toBe(true);
    } finally {
      connection.disconnect();
      await proxy.close();
    }
  });
});

