/**
 * One SSH connection to one box: every exec, shell, SFTP session and port forward of that box is
 * a channel on it. It keeps itself alive (keepalive), notices a dead link, and reconnects with
 * backoff; features register `onReady` to re-attach their streams after each (re)connect, so a
 * dropped Wi-Fi costs the user nothing but a few seconds.
 */
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
// ssh2 is CommonJS and stays outside the bundle (native parts): named ESM imports of it fail.
import ssh2 from 'ssh2';
import type { Client as Ssh2Client, ClientChannel, ConnectConfig, PseudoTtyOptions, SFTPWrapper } from 'ssh2';
import { AppFailure, appError, type AppError } from '../../src/contract/errors.js';
import type { ConnectionStatus } from '../../src/domain/device.js';
import { backoffDelay } from './backoff.js';
import { describeSshError, isPermanent } from './ssh-errors.js';

const { Client } = ssh2;
type Client = Ssh2Client;

/** Timing of the SSH layer, each with its reason. */
export const sshTiming = {
  /** Keepalive every 5 s: a dead Wi-Fi is noticed within ~15 s (3 missed), not minutes. */
  keepaliveIntervalMs: 5_000,
  keepaliveCountMax: 3,
  /** A box on the LAN answers the handshake in well under a second; 15 s covers a slow VPN. */
  readyTimeoutMs: 15_000,
} as const;

export type HostKeyVerdict = { readonly ok: true } | { readonly ok: false; readonly error: AppError };

export interface ConnectionTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly auth:
    | { readonly kind: 'key'; readonly privateKey: string; readonly passphrase?: string }
    | { readonly kind: 'agent'; readonly agent: string }
    | { readonly kind: 'password'; readonly password: string };
  /** Decides whether the presented host key belongs to this box. Always consulted. */
  readonly verifyHostKey: (key: Buffer) => Promise<HostKeyVerdict>;
  /** An already-open stream to the box (ProxyJump through another connection). */
  readonly sock?: () => Promise<Duplex>;
}

export interface ExecOptions {
  readonly signal?: AbortSignal;
  readonly stdin?: string | Buffer;
  /** Give up (and close the channel) after this long. */
  readonly timeoutMs?: number;
}

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly signal: string | undefined;
}

export interface SshConnectionOptions {
  readonly autoReconnect?: boolean;
  readonly random?: () => number;
  /** Handshake deadline (tests shorten it to see the timeout error quickly). */
  readonly readyTimeoutMs?: number;
}

type ReadyListener = (connection: SshConnection) => void;

export class SshConnection extends EventEmitter {
  private client: Client | undefined;
  private statusValue: ConnectionStatus = { kind: 'disconnected' };
  private wanted = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private sftpSession: Promise<SFTPWrapper> | undefined;
  private readonly readyListeners = new Set<ReadyListener>();
  private openChannels = 0;
  private lastError: AppError | undefined;
  /** Once up, a refused connection most likely means the box is rebooting. */
  private everConnected = false;

  constructor(
    private readonly target: () => Promise<ConnectionTarget>,
    private readonly options: SshConnectionOptions = {},
  ) {
    super();
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  /** Channels open right now (tests count them to prove nothing leaks across reconnects). */
  get channels(): number {
    return this.openChannels;
  }

  get readyListenerCount(): number {
    return this.readyListeners.size;
  }

  /** Runs now if connected, and again after every reconnect, until unsubscribed. */
  onReady(listener: ReadyListener): () => void {
    this.readyListeners.add(listener);
    if (this.statusValue.kind === 'connected') listener(this);
    return () => this.readyListeners.delete(listener);
  }

  connect(): Promise<void> {
    this.wanted = true;
    if (this.statusValue.kind === 'connected') return Promise.resolve();
    return this.attemptConnect();
  }

  /** Waits for the current or next successful connection (or the failure that ends trying). */
  ready(): Promise<void> {
    if (this.statusValue.kind === 'connected') return Promise.resolve();
    if (this.statusValue.kind === 'failed' || (this.statusValue.kind === 'disconnected' && !this.wanted)) {
      return Promise.reject(new AppFailure(this.lastError ?? appError('not-connected', 'The box is not connected.', 'Connect it from the sidebar.')));
    }
    return new Promise((resolve, reject) => {
      const onStatus = (status: ConnectionStatus) => {
        if (status.kind === 'connected') {
          this.off('status', onStatus);
          resolve();
        } else if (status.kind === 'failed' || (status.kind === 'disconnected' && !this.wanted)) {
          this.off('status', onStatus);
          reject(new AppFailure(this.lastError ?? appError('not-connected', 'The box is not connected.', 'Connect it from the sidebar.')));
        }
      };
      this.on('status', onStatus);
    });
  }

  disconnect(): void {
    this.wanted = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.attempt = 0;
    const client = this.client;
    this.client = undefined;
    this.sftpSession = undefined;
    client?.end();
    client?.destroy();
    this.setStatus({ kind: 'disconnected' });
  }

  /** Drops the link as if the network died (tests; "reconnect now" in the UI). */
  dropForTest(): void {
    this.client?.destroy();
  }

  private setStatus(status: ConnectionStatus): void {
    this.statusValue = status;
    this.emit('status', status);
  }

  private async attemptConnect(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.attempt += 1;
    this.setStatus({ kind: 'connecting', attempt: this.attempt });
    let target: ConnectionTarget;
    try {
      target = await this.target();
    } catch (error) {
      return this.fail(error instanceof AppFailure ? error.error : appError('internal', String(error), ''), true);
    }
    const methods = target.auth.kind === 'password' ? (['password'] as const) : target.auth.kind === 'agent' ? (['agent'] as const) : (['publickey'] as const);
    let hostKeyError: AppError | undefined;
    const client = new Client();
    this.client = client;
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.user,
      readyTimeout: this.options.readyTimeoutMs ?? sshTiming.readyTimeoutMs,
      keepaliveInterval: sshTiming.keepaliveIntervalMs,
      keepaliveCountMax: sshTiming.keepaliveCountMax,
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        target.verifyHostKey(key).then(
          (verdict) => {
            if (!verdict.ok) hostKeyError = verdict.error;
            verify(verdict.ok);
          },
          (error: unknown) => {
            hostKeyError = appError('internal', `Could not check the host key: ${String(error)}`, '');
            verify(false);
          },
        );
      },
      ...(target.auth.kind === 'key' ? { privateKey: target.auth.privateKey, passphrase: target.auth.passphrase } : {}),
      ...(target.auth.kind === 'agent' ? { agent: target.auth.agent } : {}),
      ...(target.auth.kind === 'password' ? { password: target.auth.password, tryKeyboard: false } : {}),
    };
    if (target.sock) {
      try {
        config.sock = await target.sock();
      } catch (error) {
        return this.fail(error instanceof AppFailure ? error.error : describeSshError(error, { ...target, methods }), false);
      }
    }

    await new Promise<void>((resolve) => {
      let settled = false;
      client.once('ready', () => {
        settled = true;
        if (this.client !== client) return resolve();
        this.attempt = 0;
        this.lastError = undefined;
        this.everConnected = true;
        this.setStatus({ kind: 'connected', since: Date.now() });
        for (const listener of [...this.readyListeners]) {
          try {
            listener(this);
          } catch (error) {
            this.emit('listener-error', error);
          }
        }
        resolve();
      });
      client.on('error', (error) => {
        if (this.client !== client) return;
        const described = hostKeyError ?? describeSshError(error, { host: target.host, port: target.port, user: target.user, methods, wasConnected: this.everConnected });
        this.lastError = described;
        if (!settled) {
          settled = true;
          this.client = undefined;
          client.destroy();
          void this.fail(described, !isPermanent(described)).then(resolve);
        }
      });
      client.on('close', () => {
        if (this.client !== client) return;
        this.client = undefined;
        this.sftpSession = undefined;
        if (!settled) {
          settled = true;
          void this.fail(this.lastError ?? describeSshError(new Error('Connection lost'), { host: target.host, port: target.port, user: target.user, methods, wasConnected: this.everConnected }), true).then(resolve);
          return;
        }
        // The link died after it was up: come back by ourselves.
        if (this.wanted) void this.scheduleRetry(this.lastError ?? appError('connection-lost', `The connection to ${target.host} was lost.`, 'Reconnecting by itself.'));
        else this.setStatus({ kind: 'disconnected' });
      });
      try {
        client.connect(config);
        // Small packets (a keystroke, a command) must not wait for Nagle and delayed ACKs:
        // that costs 40 ms a round trip on Linux.
        client.setNoDelay(true);
      } catch (error) {
        // ssh2 throws at once for a key it cannot read (no or wrong passphrase, bad format).
        settled = true;
        this.client = undefined;
        const described = describeSshError(error, { host: target.host, port: target.port, user: target.user, methods, wasConnected: this.everConnected });
        void this.fail(described, !isPermanent(described)).then(resolve);
      }
    });
  }

  private async fail(error: AppError, retryable: boolean): Promise<void> {
    this.lastError = error;
    if (this.wanted && retryable && (this.options.autoReconnect ?? true)) return this.scheduleRetry(error);
    this.wanted = false;
    this.setStatus({ kind: 'failed', code: error.code, message: error.message, hint: error.hint });
  }

  private async scheduleRetry(reason: AppError): Promise<void> {
    const delay = backoffDelay(this.attempt + 1, this.options.random);
    this.setStatus({ kind: 'reconnecting', attempt: this.attempt + 1, retryAt: Date.now() + delay, reason: reason.message });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.wanted) void this.attemptConnect();
    }, delay);
  }

  private live(): Client {
    if (!this.client || this.statusValue.kind !== 'connected') {
      throw new AppFailure(appError('not-connected', 'The box is not connected right now.', 'Wait for it to reconnect, or connect it from the sidebar.'));
    }
    return this.client;
  }

  private track(channel: ClientChannel): ClientChannel {
    this.openChannels += 1;
    let counted = true;
    channel.once('close', () => {
      if (counted) this.openChannels -= 1;
      counted = false;
    });
    return channel;
  }

  /**
   * Opens one channel on the live client: not connected is the usual sentence, a refused channel
   * becomes `failure`'s, and an opened channel is counted until it closes.
   */
  private openChannel(
    open: (client: Client, done: (error: Error | undefined, channel: ClientChannel) => void) => void,
    failure: (error: Error) => AppError,
    /** Listeners put on before any await: a fast server's exit-status can come in the same read as the open. */
    attach?: (channel: ClientChannel) => void,
  ): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      let client: Client;
      try {
        client = this.live();
      } catch (error) {
        return reject(error);
      }
      open(client, (error, channel) => {
        if (error) return reject(new AppFailure(failure(error)));
        attach?.(channel);
        resolve(this.track(channel));
      });
    });
  }

  /** Runs a command and collects its output. */
  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    let code: number | null = null;
    let signal: string | undefined;
    const channel = await this.openChannel(
      (client, done) => client.exec(command, done),
      (error) => appError('connection-lost', `Could not run a command on the box: ${error.message}`, 'It will work again once the connection is back.'),
      (opened) =>
        opened.on('exit', (c: number | null, s?: string) => {
          code = c;
          signal = s;
        }),
    );
    return new Promise((resolve) => {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timer: NodeJS.Timeout | undefined;
      const abort = () => channel.close();
      options.signal?.addEventListener('abort', abort, { once: true });
      if (options.timeoutMs) timer = setTimeout(abort, options.timeoutMs);
      channel.on('data', (d: Buffer) => out.push(d));
      channel.stderr.on('data', (d: Buffer) => err.push(d));
      channel.on('close', () => {
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', abort);
        resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code, signal });
      });
      if (options.stdin !== undefined) channel.end(options.stdin);
      else channel.end();
    });
  }

  /** Starts a long-running command and hands its channel over (telemetry, log follows, jobs). */
  execStream(command: string, options: { pty?: PseudoTtyOptions } = {}): Promise<ClientChannel> {
    return this.openChannel(
      (client, done) => (options.pty ? client.exec(command, { pty: options.pty }, done) : client.exec(command, done)),
      (error) => appError('connection-lost', `Could not start a command on the box: ${error.message}`, ''),
    );
  }

  shell(pty: PseudoTtyOptions, env?: Record<string, string>): Promise<ClientChannel> {
    return this.openChannel(
      (client, done) => client.shell(pty, env ? { env } : {}, done),
      (error) => appError('connection-lost', `Could not open a shell: ${error.message}`, ''),
    );
  }

  /** One SFTP session per connection, opened on first use. */
  sftp(): Promise<SFTPWrapper> {
    if (!this.sftpSession) {
      let client: Client;
      try {
        client = this.live();
      } catch (error) {
        return Promise.reject(error);
      }
      this.sftpSession = new Promise((resolve, reject) => {
        client.sftp((error, sftp) => {
          if (error) {
            this.sftpSession = undefined;
            return reject(new AppFailure(appError('connection-lost', `Could not open SFTP: ${error.message}`, 'Check that the box’s sshd has an sftp subsystem.')));
          }
          sftp.on('close', () => {
            this.sftpSession = undefined;
          });
          resolve(sftp);
        });
      });
    }
    return this.sftpSession;
  }

  /** A TCP stream to host:port as seen from the box (a tunnel's one connection). */
  forwardOut(host: string, port: number): Promise<ClientChannel> {
    return this.openChannel(
      (client, done) => client.forwardOut('127.0.0.1', 0, host, port, done),
      () => appError('connection-refused', `Nothing listens on port ${port} of the box.`, 'Check that the app or server on that port is running.'),
    );
  }
}
