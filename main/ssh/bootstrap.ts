/**
 * Password → key, as NVIDIA Sync does it, but without ever keeping the password: log in once with
 * it (host key already trusted), create an Ed25519 key pair for this app, add the public key to
 * the box's authorized_keys (idempotently), prove a key login works, and only then hand back the
 * private key. The password lives in memory for these few seconds and nowhere else.
 */
import { hostname } from 'node:os';
import { generateEd25519 } from './keygen.js';
import { AppFailure, appError } from '../../src/contract/errors.js';
import { addAuthorizedKeyCommand } from '../../src/remote/commands/authorized-keys.js';
import { SshConnection, type ConnectionTarget } from './connection.js';

export interface BootstrapInput {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly verifyHostKey: ConnectionTarget['verifyHostKey'];
  readonly sock?: ConnectionTarget['sock'];
}

const once = async <T>(target: ConnectionTarget, use: (connection: SshConnection) => Promise<T>): Promise<T> => {
  const connection = new SshConnection(async () => target, { autoReconnect: false });
  try {
    await connection.connect();
    await connection.ready();
    return await use(connection);
  } finally {
    connection.disconnect();
  }
};

export const bootstrapAppKey = async (input: BootstrapInput): Promise<{ privateKey: string; publicKey: string }> => {
  const comment = `pgx-companion@${hostname().replace(/[^\w.-]/g, '-') || 'laptop'}`;
  const pair = generateEd25519(comment);
  const publicKey = pair.public.trim();
  const base = { host: input.host, port: input.port, user: input.user, verifyHostKey: input.verifyHostKey, ...(input.sock ? { sock: input.sock } : {}) };
  await once({ ...base, auth: { kind: 'password', password: input.password } }, async (connection) => {
    const result = await connection.exec(addAuthorizedKeyCommand(publicKey), { timeoutMs: 20_000 });
    if (result.code !== 0) {
      throw new AppFailure(
        appError('remote-command-failed', `Could not add the key to ~/.ssh/authorized_keys on ${input.host}: ${result.stderr.trim() || `exit ${String(result.code)}`}`, 'Check that your home folder on the box is writable (df -h ~; ls -ld ~/.ssh).'),
      );
    }
  });
  // Only a key login that works lets the password go.
  await once({ ...base, auth: { kind: 'key', privateKey: pair.private } }, async (connection) => {
    const check = await connection.exec('true', { timeoutMs: 10_000 });
    if (check.code !== 0) throw new AppFailure(appError('auth-key-refused', `${input.host} did not accept the new key.`, 'The box’s sshd may ignore ~/.ssh/authorized_keys (AuthorizedKeysFile); ask its admin.'));
  });
  return { privateKey: pair.private, publicKey };
};
