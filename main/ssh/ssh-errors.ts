import { appError, type AppError } from '../../src/contract/errors.js';

export interface ErrorContext {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** What the client offered: decides whether "auth failed" means a wrong password or a refused key. */
  readonly methods: ReadonlyArray<'password' | 'publickey' | 'agent'>;
  /** The box answered before: a refusal now most likely means it is rebooting. */
  readonly wasConnected?: boolean;
}

/**
 * Turns what ssh2 and the socket layer report into a sentence and a fix. Network codes come from
 * Node (`err.code`), SSH-level failures from ssh2's `err.level` and message.
 */
export const describeSshError = (error: unknown, context: ErrorContext): AppError => {
  const e = error as { code?: string; level?: string; message?: string; description?: string };
  const message = e.message ?? String(error);
  const where = `${context.host}:${context.port}`;
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return appError(
        'dns-not-found',
        `The name ${context.host} could not be found.`,
        context.host.endsWith('.local')
          ? 'Check the box is on and on the same network; .local names need mDNS (Bonjour) on your laptop. Or use its IP address.'
          : 'Check the spelling, or use the box’s IP address (shown on its desktop under Settings → Network).',
      );
    case 'ECONNREFUSED':
      if (context.wasConnected) {
        return appError('box-rebooting', `${context.host} is not accepting SSH connections right now — it is probably rebooting.`, 'PGX Companion keeps trying; it reconnects by itself once the box is up (usually within a minute or two).');
      }
      return appError('connection-refused', `Nothing accepts SSH connections on ${where}.`, 'Check the port, and that the SSH server runs on the box: sudo systemctl enable --now ssh');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return appError('host-unreachable', `${context.host} cannot be reached from this laptop.`, 'Check that the box is on and that your laptop is on the same network (or VPN).');
    case 'ETIMEDOUT':
      return appError('timeout', `Connecting to ${where} timed out.`, 'The box may be off, asleep, or behind a firewall; check its network cable or Wi-Fi.');
    case 'ECONNRESET':
    case 'EPIPE':
      return appError('connection-lost', `The connection to ${context.host} was lost.`, 'PGX Companion reconnects by itself; if it keeps happening, check the network.');
    default:
      break;
  }
  if (/no passphrase given/i.test(message)) {
    return appError('auth-passphrase-needed', `The key for ${context.user}@${context.host} is protected by a passphrase.`, 'Type its passphrase to connect; PGX Companion can remember it in the OS keychain if you ask.');
  }
  if (/bad passphrase|Integrity check failed|Failed to decrypt/i.test(message)) {
    return appError('auth-passphrase-needed', `That passphrase does not unlock the key for ${context.host}.`, 'Type it again (it is the key’s passphrase, not the box’s password).');
  }
  if (/Cannot parse privateKey/i.test(message)) {
    return appError('auth-failed', `The key file for ${context.host} is not a private key PGX Companion can read.`, 'Pick an OpenSSH or PEM private key (ed25519, ecdsa or rsa), not the .pub file.');
  }
  if (e.level === 'client-timeout' || /Timed out while waiting for handshake/i.test(message)) {
    return appError('timeout', `${where} did not complete the SSH handshake in time.`, 'The box may be rebooting or overloaded; try again in a minute.');
  }
  if (e.level === 'client-authentication' || /All configured authentication methods failed/i.test(message)) {
    if (context.methods.length === 1 && context.methods[0] === 'password') {
      return appError('auth-password-wrong', `The password for ${context.user}@${context.host} was not accepted.`, `Type it again (it is the box’s login password, not your laptop’s). If it is right, the account may be locked; on the box: sudo passwd -u ${context.user}`);
    }
    return appError(
      'auth-key-refused',
      context.methods.includes('agent')
        ? `${context.host} accepted none of the keys your ssh-agent offered for ${context.user} (or the account is locked).`
        : `${context.host} refused the key of ${context.user} (or the account is locked).`,
      `Add the key again with your password (Add device → Password), or check ~/.ssh/authorized_keys on the box. A locked account is unlocked on the box with: sudo passwd -u ${context.user}`,
    );
  }
  if (/Too many authentication failures/i.test(message)) {
    return appError('too-many-auth-failures', `${context.host} closed the connection after too many failed logins.`, 'Your ssh-agent may offer many keys: pick one key file for this box in its settings.');
  }
  if (/account.*(locked|expired)|disabled/i.test(message)) {
    return appError('account-locked', `The account ${context.user} on ${context.host} is locked or expired.`, 'Unlock it on the box: sudo passwd -u ' + context.user);
  }
  if (/host key/i.test(message)) {
    return appError('host-key-changed', `The identity of ${context.host} could not be verified.`, 'See the host key details and decide whether to trust the new key.');
  }
  if (/ECONNRESET|socket hang up|Connection lost/i.test(message)) {
    return appError('connection-lost', `The connection to ${context.host} was lost.`, 'PGX Companion reconnects by itself; if it keeps happening, check the network.');
  }
  return appError('connection-lost', `SSH to ${where} failed: ${message}`, 'Try again; if it keeps failing, check the box’s SSH server log: journalctl -u ssh');
};

/** Failures a retry cannot fix: stop reconnecting and ask the user. */
export const isPermanent = (error: AppError): boolean =>
  ['auth-failed', 'auth-password-wrong', 'auth-key-refused', 'auth-passphrase-needed', 'too-many-auth-failures', 'account-locked', 'host-key-changed', 'host-key-unknown', 'dns-not-found'].includes(error.code);
