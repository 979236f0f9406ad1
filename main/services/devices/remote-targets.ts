/**
 * How PGX Companion reaches a user's own box: which key or agent it logs in with, how the host
 * key is judged (with the sentence the user reads when it is new or has changed), and the
 * ProxyJump chain in front of it.
 */
import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { AppFailure, appError, type AppError } from '../../../src/contract/errors.js';
import type { Device, DeviceAuth, JumpHost } from '../../../src/domain/device.js';
import type { HostKeyCheck, PresentedHostKey } from '../../../src/domain/host-key.js';
import { SshConnection, type ConnectionTarget, type HostKeyVerdict } from '../../ssh/connection.js';
import type { HostKeyPolicy } from '../../ssh/host-keys.js';
import type { SecretStore } from '../../security/secret-store.js';

export interface AcceptedKey extends PresentedHostKey {
  readonly host: string;
  readonly port: number;
}

export const secretNames = {
  appKey: (deviceId: string) => `device:${deviceId}:key`,
  passphrase: (deviceId: string) => `device:${deviceId}:passphrase`,
  prefix: (deviceId: string) => `device:${deviceId}:`,
} as const;

/** The sentence for a key the app has not seen: shown with the fingerprint to compare. */
export const unknownKeyError = (host: string, port: number, presented: PresentedHostKey): AppError =>
  appError(
    'host-key-unknown',
    `PGX Companion has not met ${host}${port === 22 ? '' : `:${port}`} before. Its ${presented.keyType} key fingerprint is ${presented.fingerprint}.`,
    'Compare it with the box (on the box: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and accept it if it matches.',
  );

export const changedKeyError = (host: string, port: number, check: Extract<HostKeyCheck, { kind: 'changed' }>): AppError =>
  appError(
    'host-key-changed',
    `${host}${port === 22 ? '' : `:${port}`} answered with a different host key (${check.presented.fingerprint}) than the one ${check.source === 'app' ? 'you accepted before' : 'your ~/.ssh/known_hosts lists'}${check.expectedFingerprints.length > 0 ? ` (${check.expectedFingerprints.join(', ')})` : ''}. Nothing was sent to it. This happens after the box was reinstalled or its SSH keys were regenerated — or when someone is intercepting the connection.`,
    check.source === 'app'
      ? 'If you reinstalled the box, check the new fingerprint on it (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then remove the old key (device menu → Forget host key) and connect again.'
      : `If you reinstalled the box, remove the old key with: ssh-keygen -R ${port === 22 ? host : `'[${host}]:${port}'`} — then connect again and compare the fingerprint.`,
  );

const revokedError = (host: string, presented: PresentedHostKey): AppError =>
  appError('host-key-changed', `${host} presented a key that your known_hosts marks as revoked (${presented.fingerprint}). Nothing was sent to it.`, 'Ask whoever runs the box which key it should have.');

/** Judges a presented key; `accepted` are keys the user just accepted in the add dialog. */
export const verifierFor =
  (policy: HostKeyPolicy, host: string, port: number, accepted: readonly AcceptedKey[] = []) =>
  async (blob: Buffer): Promise<HostKeyVerdict> => {
    const check = policy.check(host, port, blob);
    if (check.kind === 'trusted') return { ok: true };
    if (check.kind === 'revoked') return { ok: false, error: revokedError(host, check.presented) };
    if (check.kind === 'changed') return { ok: false, error: changedKeyError(host, port, check) };
    const ok = accepted.some((a) => a.host.toLowerCase() === host.toLowerCase() && a.port === port && a.key === check.presented.key);
    return ok ? { ok: true } : { ok: false, error: unknownKeyError(host, port, check.presented) };
  };

export type LoginAuth = ConnectionTarget['auth'];

/**
 * The agent: SSH_AUTH_SOCK where set (it may also say `pageant`); on Windows otherwise the
 * built-in OpenSSH agent's named pipe (Windows 10 and later), which ssh2 speaks natively.
 */
export const windowsOpenSshAgentPipe = '\\\\.\\pipe\\openssh-ssh-agent';

export const agentSocket = (env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | undefined =>
  env['SSH_AUTH_SOCK'] ?? (platform === 'win32' ? windowsOpenSshAgentPipe : undefined);

/** Login credentials for a saved device (never a password: saved devices have keys). */
export const loginFor = (deviceId: string, auth: DeviceAuth, secrets: SecretStore, sessionPassphrase?: string): LoginAuth => {
  switch (auth.kind) {
    case 'app-key': {
      const privateKey = secrets.get(secretNames.appKey(deviceId));
      if (!privateKey) throw new AppFailure(appError('auth-key-refused', 'The key PGX Companion made for this box is missing from this laptop.', 'Remove the box and add it again with its password.'));
      return { kind: 'key', privateKey };
    }
    case 'key-file': {
      let privateKey: string;
      try {
        privateKey = readFileSync(auth.path, 'utf8');
      } catch {
        throw new AppFailure(appError('io-error', `The key file ${auth.path} cannot be read.`, 'Check the path in the box’s settings, or pick another key.'));
      }
      const passphrase = sessionPassphrase ?? secrets.get(secretNames.passphrase(deviceId));
      return { kind: 'key', privateKey, ...(passphrase ? { passphrase } : {}) };
    }
    case 'agent': {
      const agent = agentSocket();
      if (!agent) throw new AppFailure(appError('auth-failed', 'No ssh-agent is running on this laptop (SSH_AUTH_SOCK is not set).', 'Start one and add your key (ssh-add), or pick a key file for this box.'));
      return { kind: 'agent', agent };
    }
    case 'demo':
      throw new AppFailure(appError('internal', 'The demo box has its own login.', ''));
  }
};

/**
 * Opens the ProxyJump chain and returns a stream to the box through it. Each hop is a real SSH
 * login (its host key judged like the box's); the chain closes when the stream does.
 */
export const jumpSocket = async (hops: readonly JumpHost[], final: { host: string; port: number }, hopTarget: (hop: JumpHost, sock: Duplex | undefined) => ConnectionTarget): Promise<Duplex> => {
  const opened: SshConnection[] = [];
  let sock: Duplex | undefined;
  try {
    for (let i = 0; i < hops.length; i += 1) {
      const hop = hops[i]!;
      const through = sock;
      const connection = new SshConnection(async () => hopTarget(hop, through), { autoReconnect: false });
      opened.push(connection);
      await connection.connect();
      await connection.ready();
      const next = hops[i + 1] ?? final;
      sock = await connection.forwardOut(next.host, next.port);
    }
  } catch (error) {
    for (const c of opened) c.disconnect();
    throw error instanceof AppFailure ? error : new AppFailure(appError('connection-lost', `The jump host could not reach the box: ${String(error)}`, 'Check the ProxyJump settings.'));
  }
  sock!.once('close', () => {
    for (const c of opened) c.disconnect();
  });
  return sock!;
};

export const remoteTarget = (device: Device, deps: { policy: HostKeyPolicy; secrets: SecretStore; sessionPassphrase?: (deviceId: string) => string | undefined }, accepted: readonly AcceptedKey[] = [], login?: LoginAuth): ConnectionTarget => {
  const auth = login ?? loginFor(device.id, device.auth, deps.secrets, deps.sessionPassphrase?.(device.id));
  const hopTarget = (hop: JumpHost, sock: Duplex | undefined): ConnectionTarget => ({
    host: hop.host,
    port: hop.port,
    user: hop.user,
    auth,
    verifyHostKey: verifierFor(deps.policy, hop.host, hop.port, accepted),
    ...(sock ? { sock: async () => sock } : {}),
  });
  return {
    host: device.host,
    port: device.port,
    user: device.user,
    auth,
    verifyHostKey: verifierFor(deps.policy, device.host, device.port, accepted),
    ...(device.jump.length > 0 ? { sock: () => jumpSocket(device.jump, device, hopTarget) } : {}),
  };
};
