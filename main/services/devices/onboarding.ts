/**
 * Adding a user's box: ask it for its host key (no login), let the user compare the fingerprint,
 * then log in — with a password only to put a key of this app on the box — and save the box.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { Device, DeviceAuth, JumpHost } from '../../../src/domain/device.js';
import type { HostKeyCheck, TrustedHostKey } from '../../../src/domain/host-key.js';
import { bootstrapAppKey } from '../../ssh/bootstrap.js';
import { SshConnection } from '../../ssh/connection.js';
import type { HostKeyPolicy } from '../../ssh/host-keys.js';
import { probeHostKey } from '../../ssh/probe.js';
import type { SecretStore } from '../../security/secret-store.js';
import { agentSocket, jumpSocket, remoteTarget, secretNames, type AcceptedKey, type LoginAuth } from './remote-targets.js';

export type NewAuth =
  | { readonly kind: 'password'; readonly password: string }
  | { readonly kind: 'key-file'; readonly path: string; readonly passphrase?: string | undefined; readonly rememberPassphrase?: boolean | undefined }
  | { readonly kind: 'agent' };

export interface OnboardingDeps {
  readonly policy: HostKeyPolicy;
  readonly secrets: SecretStore;
}

const loginOf = (auth: NewAuth): LoginAuth => {
  if (auth.kind === 'password') return { kind: 'password', password: auth.password };
  if (auth.kind === 'agent') {
    const agent = agentSocket();
    if (!agent) throw new AppFailure(appError('auth-failed', 'No ssh-agent is running on this laptop (SSH_AUTH_SOCK is not set).', 'Start one and add your key (ssh-add), or pick a key file.'));
    return { kind: 'agent', agent };
  }
  let privateKey: string;
  try {
    privateKey = readFileSync(auth.path, 'utf8');
  } catch {
    throw new AppFailure(appError('io-error', `The key file ${auth.path} cannot be read.`, 'Check the path, or pick another key.'));
  }
  if (/ENCRYPTED|bcrypt/.test(privateKey) && !auth.passphrase) {
    throw new AppFailure(appError('auth-passphrase-needed', `The key ${auth.path} is protected by a passphrase.`, 'Type its passphrase; PGX Companion can remember it in the OS keychain if you ask.'));
  }
  return { kind: 'key', privateKey, ...(auth.passphrase ? { passphrase: auth.passphrase } : {}) };
};

const draftDevice = (input: { name?: string | undefined; host: string; port: number; user: string; jump: readonly JumpHost[] }, auth: DeviceAuth): Device => ({
  id: `box-${randomUUID().slice(0, 12)}`,
  name: input.name ?? input.host.replace(/\.local$/, ''),
  kind: 'ssh',
  host: input.host,
  port: input.port,
  user: input.user,
  auth,
  jump: [...input.jump],
  createdAt: Date.now(),
});

/**
 * The key of the first host in the chain that is not trusted yet — the box itself when there is
 * no jump host or all jump hosts are known. Jump hosts are logged into (they must be, to reach
 * the box); the box is not.
 */
export const probeChain = async (
  deps: OnboardingDeps,
  input: { host: string; port: number; user?: string | undefined; auth?: NewAuth | undefined; jump: readonly JumpHost[]; accepted: readonly AcceptedKey[] },
): Promise<{ host: string; port: number; check: HostKeyCheck }> => {
  for (let i = 0; i < input.jump.length; i += 1) {
    const hop = input.jump[i]!;
    const sock = i === 0 ? undefined : await jumpSocket(input.jump.slice(0, i), hop, (h, s) => hopTarget(h, s));
    const check = deps.policy.check(hop.host, hop.port, await probeHostKey({ host: hop.host, port: hop.port, ...(sock ? { sock } : {}) }));
    sock?.destroy();
    const accepted = input.accepted.some((a) => a.host === hop.host && a.port === hop.port && check.presented.key === a.key);
    if (check.kind !== 'trusted' && !accepted) return { host: hop.host, port: hop.port, check };
  }
  const sock = input.jump.length > 0 ? await jumpSocket(input.jump, input, (h, s) => hopTarget(h, s)) : undefined;
  const blob = await probeHostKey({ host: input.host, port: input.port, ...(sock ? { sock } : {}) });
  sock?.destroy();
  return { host: input.host, port: input.port, check: deps.policy.check(input.host, input.port, blob) };

  function hopTarget(hop: JumpHost, sock: Duplex | undefined) {
    if (!input.auth) throw new AppFailure(appError('bad-request', 'Jump hosts need a login.', 'Fill in the login before checking the host key.'));
    const device = draftDevice({ host: hop.host, port: hop.port, user: hop.user, jump: [] }, { kind: 'agent' });
    return { ...remoteTarget(device, deps, input.accepted, loginOf(input.auth)), ...(sock ? { sock: async () => sock } : {}) };
  }
};

/** Adds a box: trusted keys recorded, key bootstrapped from a password, first login proven. */
export const onboardDevice = async (
  deps: OnboardingDeps & { readonly trust: (keys: TrustedHostKey[]) => void },
  input: { name?: string | undefined; host: string; port: number; user: string; auth: NewAuth; jump: readonly JumpHost[]; accepted: readonly AcceptedKey[] },
): Promise<Device> => {
  let device: Device;
  if (input.auth.kind === 'password') {
    device = draftDevice(input, { kind: 'app-key' });
    const target = remoteTarget(device, deps, input.accepted, loginOf(input.auth));
    const { privateKey } = await bootstrapAppKey({
      host: input.host,
      port: input.port,
      user: input.user,
      password: input.auth.password,
      verifyHostKey: target.verifyHostKey,
      ...(target.sock ? { sock: target.sock } : {}),
    });
    deps.secrets.set(secretNames.appKey(device.id), privateKey);
  } else {
    device = draftDevice(input, input.auth.kind === 'agent' ? { kind: 'agent' } : { kind: 'key-file', path: input.auth.path });
    const connection = new SshConnection(async () => remoteTarget(device, deps, input.accepted, loginOf(input.auth)), { autoReconnect: false });
    try {
      await connection.connect();
      await connection.ready();
    } finally {
      connection.disconnect();
    }
    if (input.auth.kind === 'key-file' && input.auth.passphrase && input.auth.rememberPassphrase) deps.secrets.set(secretNames.passphrase(device.id), input.auth.passphrase);
  }
  // Only keys that the box (or a hop) actually presented and the user accepted become trusted.
  deps.trust(input.accepted.map((a) => ({ host: a.host, port: a.port, keyType: a.keyType, key: a.key, fingerprint: a.fingerprint, addedAt: Date.now() })));
  return device;
};
