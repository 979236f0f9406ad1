/**
 * A TCP proxy in front of a server, for fault tests: pass bytes, stall them (a sleeping laptop,
 * a dead Wi-Fi: nothing moves, nothing closes), throttle them, or drop every connection at once
 * (a reset, as when the network changes).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

export type ProxyMode = { kind: 'pass' } | { kind: 'stall' } | { kind: 'throttle'; bytesPerSecond: number };

export interface TcpProxy {
  readonly port: number;
  /** Connections made through the proxy so far. */
  readonly accepted: number;
  readonly open: number;
  setMode(mode: ProxyMode): void;
  /** Resets every open connection; new ones are still accepted. */
  dropAll(): number;
  /** Refuse new connections (the box is down) until allowed again. */
  refuseNew(refuse: boolean): void;
  /** Stop listening altogether (connections get ECONNREFUSED, as from a rebooting box), or listen again on the same port. */
  setListening(listening: boolean): Promise<void>;
  close(): Promise<void>;
}

class Gate extends Transform {
  constructor(private readonly proxy: { mode: ProxyMode }) {
    super();
  }
  private waiting: Array<() => void> = [];
  release(): void {
    for (const resume of this.waiting.splice(0)) resume();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const mode = this.proxy.mode;
    if (mode.kind === 'stall') {
      this.waiting.push(() => this._transform(chunk, _encoding, done));
      return;
    }
    if (mode.kind === 'throttle') {
      const delay = (chunk.length / mode.bytesPerSecond) * 1000;
      setTimeout(() => done(null, chunk), delay);
      return;
    }
    done(null, chunk);
  }
}

export const startTcpProxy = async (targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> => {
  const state: { mode: ProxyMode } = { mode: { kind: 'pass' } };
  const pairs = new Set<{ a: Socket; b: Socket; gates: Gate[] }>();
  let accepted = 0;
  let refusing = false;
  const server: Server = createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    accepted += 1;
    const upstream = connect(targetPort, targetHost);
    const up = new Gate(state);
    const down = new Gate(state);
    const pair = { a: client, b: upstream, gates: [up, down] };
    pairs.add(pair);
    client.pipe(up).pipe(upstream);
    upstream.pipe(down).pipe(client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    get accepted() {
      return accepted;
    },
    get open() {
      return pairs.size;
    },
    setMode: (mode) => {
      state.mode = mode;
      if (mode.kind !== 'stall') for (const pair of pairs) for (const gate of pair.gates) gate.release();
    },
    dropAll: () => {
      const count = pairs.size;
      for (const pair of [...pairs]) {
        pair.a.resetAndDestroy();
        pair.b.destroy();
        pairs.delete(pair);
      }
      return count;
    },
    refuseNew: (refuse) => {
      refusing = refuse;
    },
    setListening: (listening) =>
      new Promise<void>((resolve, reject) => {
        if (listening === server.listening) return resolve();
        if (!listening) {
          // Stops accepting at once; close's callback would wait for live connections to end.
          server.close();
          return resolve();
        }
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    close: async () => {
      for (const pair of [...pairs]) {
        pair.a.destroy();
        pair.b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
