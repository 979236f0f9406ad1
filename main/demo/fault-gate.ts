/**
 * The demo box's network, with faults: the SSH server sits behind this gate, which can drop
 * every connection (Wi-Fi changed), stall them (laptop asleep, box frozen) and refuse new ones.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FaultGate {
  readonly port: number;
  dropAll(): number;
  setStalled(stalled: boolean): void;
  setRefusing(refusing: boolean): void;
  close(): Promise<void>;
}

export const startFaultGate = async (targetPort: number): Promise<FaultGate> => {
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let stalled = false;
  let refusing = false;
  const server: Server = createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    if (stalled) {
      client.pause();
      upstream.pause();
    }
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    dropAll: () => {
      const count = pairs.size;
      for (const pair of [...pairs]) {
        pair.client.resetAndDestroy();
        pair.upstream.destroy();
        pairs.delete(pair);
      }
      return count;
    },
    setStalled: (value) => {
      stalled = value;
      for (const pair of pairs) {
        if (value) {
          pair.client.unpipe(pair.upstream);
          pair.upstream.unpipe(pair.client);
          pair.client.pause();
          pair.upstream.pause();
        } else {
          pair.client.pipe(pair.upstream);
          pair.upstream.pipe(pair.client);
        }
      }
    },
    setRefusing: (value) => {
      refusing = value;
    },
    close: async () => {
      for (const pair of [...pairs]) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
