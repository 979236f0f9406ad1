/**
 * Tunnels, like VS Code's Ports view: a port on the box reachable as a port on this computer's
 * 127.0.0.1. Each tunnel is a local listener; every connection to it becomes one SSH
 * direct-tcpip channel to the box's port. The listener outlives the SSH connection, so after a
 * drop the same laptop URL answers again as soon as the box is back — nobody re-opens anything.
 *
 * The laptop port is the box's port when it is free here, another free port otherwise, and the
 * tunnel says which (`localPort` vs `preferredPort`). Open tunnels are remembered (tunnel-memory.ts)
 * and opened again by restore() when the app starts.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { ClientChannel } from 'ssh2';
import type { TunnelView } from '../../../src/domain/tunnel.js';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { SshConnection } from '../../ssh/connection.js';
import type { Logger } from '../log.js';
import type { RememberedTunnel, TunnelMemory } from './tunnel-memory.js';

export const tunnelLimits = {
  /** A connection made while the box is away waits this long for it before it is closed. */
  waitForBoxMs: 15_000,
  /** Changes (bytes, connections) are reported at most this often. */
  reportMs: 500,
} as const;

type Counters = Pick<TunnelView, 'connections' | 'bytesIn' | 'bytesOut' | 'lastError'>;

interface Tunnel {
  /** What does not change while it is open. */
  readonly view: Omit<TunnelView, keyof Counters | 'state'>;
  /** Plain numbers bumped per chunk; copied into a view only when reported. */
  readonly counters: Counters;
  readonly server: Server;
  readonly sockets: Set<Socket>;
}

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // Loopback only: a tunnel is for this computer, never for the network it sits on.
    server.listen({ port, host: '127.0.0.1', exclusive: true });
  });

export class TunnelService {
  readonly #tunnels = new Map<string, Tunnel>();
  #reportTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      readonly connection: (deviceId: string) => SshConnection;
      /** The list changed (a tunnel opened, closed, moved bytes, or its box came and went). */
      readonly changed: (tunnels: TunnelView[]) => void;
      readonly log: Logger;
      /** Where the open tunnels are kept between runs (none: forgotten at quit). */
      readonly memory?: TunnelMemory;
    },
  ) {}

  /** Opens the tunnels of the last run again (of boxes that still exist); each waits for its box. */
  async restore(deviceExists: (deviceId: string) => boolean): Promise<void> {
    for (const t of this.deps.memory?.load() ?? []) {
      if (!deviceExists(t.deviceId)) continue;
      try {
        await this.open(t.deviceId, t.boxPort, { localPort: t.localPort, ...(t.label !== null ? { label: t.label } : {}), ...(t.appId !== null ? { appId: t.appId } : {}) });
      } catch (error) {
        this.deps.log.warn(`tunnels: could not reopen ${t.boxPort} of ${t.deviceId}`, error);
      }
    }
  }

  #remember(): void {
    const list: RememberedTunnel[] = [...this.#tunnels.values()].map(({ view: v }) => ({ deviceId: v.deviceId, boxPort: v.boxPort, localPort: v.localPort, label: v.label, appId: v.appId }));
    this.deps.memory?.save(list);
  }

  list(deviceId?: string): TunnelView[] {
    return [...this.#tunnels.values()].filter((t) => deviceId === undefined || t.view.deviceId === deviceId).map((t) => this.#viewOf(t));
  }

  /** The tunnel as the window shows it: counters now, and its box's connection state. */
  #viewOf(tunnel: Tunnel): TunnelView {
    const kind = this.deps.connection(tunnel.view.deviceId).status.kind;
    return { ...tunnel.view, ...tunnel.counters, state: kind === 'connected' ? 'ready' : 'waiting' };
  }

  /** Forwards `boxPort` on the box; the same laptop port when free, another when taken. */
  async open(deviceId: string, boxPort: number, options: { localPort?: number; label?: string; appId?: string } = {}): Promise<TunnelView> {
    const existing = [...this.#tunnels.values()].find((t) => t.view.deviceId === deviceId && t.view.boxPort === boxPort);
    if (existing) return this.#viewOf(existing);
    const preferredPort = options.localPort ?? boxPort;
    const sockets = new Set<Socket>();
    const id = randomBytes(6).toString('hex');
    const server = createServer((socket) => this.#accept(id, socket));
    let localPort: number;
    try {
      localPort = await listen(server, preferredPort);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw new AppFailure(appError('io-error', `Could not listen on 127.0.0.1:${preferredPort}: ${(error as Error).message}`, 'Pick another laptop port.'));
      // Taken (or privileged) here: any free port, shown beside the wanted one.
      localPort = await listen(server, 0);
    }
    const tunnel: Tunnel = {
      view: { id, deviceId, boxPort, localPort, preferredPort, label: options.label ?? null, appId: options.appId ?? null, url: `http://127.0.0.1:${localPort}/` },
      counters: { connections: 0, bytesIn: 0, bytesOut: 0, lastError: null },
      server,
      sockets,
    };
    this.#tunnels.set(id, tunnel);
    this.#remember();
    this.#report(true);
    return this.#viewOf(tunnel);
  }

  close(tunnelId: string): void {
    if (!this.#shut(tunnelId)) return;
    this.#remember();
    this.#report(true);
  }

  /** Stops listening and drops its connections; false when there was no such tunnel. */
  #shut(tunnelId: string): boolean {
    const tunnel = this.#tunnels.get(tunnelId);
    if (!tunnel) return false;
    this.#tunnels.delete(tunnelId);
    tunnel.server.close();
    for (const socket of tunnel.sockets) socket.destroy();
    return true;
  }

  /** A removed box: its tunnels close. */
  forgetDevice(deviceId: string): void {
    for (const tunnel of [...this.#tunnels.values()]) if (tunnel.view.deviceId === deviceId) this.close(tunnel.view.id);
  }

  /** The connection came or went: the list shows it at once. */
  statusChanged(): void {
    if (this.#tunnels.size > 0) this.#report(true);
  }

  /** Quitting: every listener closes, and the list stays remembered for the next start. */
  dispose(): void {
    for (const id of [...this.#tunnels.keys()]) this.#shut(id);
    if (this.#reportTimer) clearTimeout(this.#reportTimer);
  }

  /** Reports now (a tunnel opened or closed) or, for byte counts, at most every reportMs. */
  #report(now: boolean): void {
    if (now) {
      if (this.#reportTimer) clearTimeout(this.#reportTimer);
      this.#reportTimer = undefined;
      this.deps.changed(this.list());
      return;
    }
    this.#reportTimer ??= setTimeout(() => {
      this.#reportTimer = undefined;
      this.deps.changed(this.list());
    }, tunnelLimits.reportMs);
  }

  async #accept(id: string, socket: Socket): Promise<void> {
    const tunnel = this.#tunnels.get(id);
    if (!tunnel) return void socket.destroy();
    tunnel.sockets.add(socket);
    socket.setNoDelay(true);
    socket.pause();
    const counters = tunnel.counters;
    socket.once('close', () => {
      tunnel.sockets.delete(socket);
      counters.connections = Math.max(0, counters.connections - 1);
      this.#report(false);
    });
    socket.on('error', () => socket.destroy());
    counters.connections += 1;
    this.#report(false);
    const connection = this.deps.connection(tunnel.view.deviceId);
    let channel: ClientChannel;
    try {
      // Made while the box is away (a drop, a reboot): wait for it rather than refuse.
      if (connection.status.kind !== 'connected') {
        await Promise.race([
          connection.ready(),
          new Promise((_, reject) => setTimeout(() => reject(new AppFailure(appError('timeout', 'The box did not come back in time.', 'Try again once it is connected.'))), tunnelLimits.waitForBoxMs)),
        ]);
      }
      channel = await connection.forwardOut('127.0.0.1', tunnel.view.boxPort);
    } catch (error) {
      const message = error instanceof AppFailure ? error.error.message : String(error);
      counters.lastError = message;
      this.#report(false);
      socket.destroy();
      return;
    }
    if (socket.destroyed) return void channel.close();
    if (counters.lastError !== null) {
      counters.lastError = null;
      this.#report(false);
    }
    socket.on('data', (chunk: Buffer) => {
      counters.bytesOut += chunk.length;
      this.#report(false);
    });
    channel.on('data', (chunk: Buffer) => {
      counters.bytesIn += chunk.length;
      this.#report(false);
    });
    socket.pipe(channel);
    channel.pipe(socket);
    channel.on('error', () => socket.destroy());
    channel.on('close', () => socket.destroy());
    socket.once('close', () => channel.close());
    socket.resume();
  }
}
