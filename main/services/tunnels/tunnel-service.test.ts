/**
 * Tunnels over a real sshd: the laptop port is the box's when free and another when taken (and
 * says so); the URL answers through a real TCP forward; after a cut connection the same URL
 * answers again with nobody re-opening anything.
 */
import { cuttableConnection } from '../../../e2e/harness/app-connection.js';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TunnelView } from '../../../src/domain/tunnel.js';
import { freePort } from '../../../e2e/harness/net-util.js';
import { silentLogger } from '../log.js';
import { TunnelService } from './tunnel-service.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const until = async (probe: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** "The box's" web app: this machine is the box, its sshd forwards to 127.0.0.1. */
const boxApp = async (): Promise<{ port: number; server: Server }> => {
  const server = createServer((req, res) => res.end(`hello from the box: ${req.url}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  return { port: (server.address() as { port: number }).port, server };
};

const setup = async () => {
  const { proxy, connection } = await cuttableConnection(cleanup);
  const reports: TunnelView[][] = [];
  const tunnels = new TunnelService({ connection: () => connection, changed: (list) => reports.push(list), log: silentLogger });
  cleanup.push(() => tunnels.dispose());
  connection.on('status', () => tunnels.statusChanged());
  return { connection, proxy, tunnels, reports };
};

describe('tunnels', () => {
  it('take the box’s port number when it is free here, another when it is taken, and say so', async () => {
    const { tunnels } = await setup();
    const app = await boxApp();
    // Here the box is this machine, so the box's port is taken on the laptop too.
    const moved = await tunnels.open('box', app.port, { label: 'web' });
    expect(moved.preferredPort).toBe(app.port);
    expect(moved.localPort).not.toBe(app.port);
    expect(await (await fetch(`${moved.url}x`)).text()).toBe('hello from the box: /x');
    tunnels.close(moved.id);

    // A wanted laptop port that is free is the one used.
    const wanted = await freePort();
    const same = await tunnels.open('box', app.port, { localPort: wanted });
    expect(same.localPort).toBe(wanted);
    expect(await (await fetch(same.url)).text()).toBe('hello from the box: /');

    // One that someone else holds is not.
    const holder = createTcpServer();
    const held = await freePort();
    await new Promise<void>((r) => holder.listen(held, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => holder.close(() => r())));
    tunnels.close(same.id);
    const other = await tunnels.open('box', app.port, { localPort: held });
    expect(other.preferredPort).toBe(held);
    expect(other.localPort).not.toBe(held);
  });

  it('counts bytes, and a cut connection heals: the same URL answers again, nobody re-opens it', async () => {
    const { tunnels, proxy, connection, reports } = await setup();
    const app = await boxApp();
    const tunnel = await tunnels.open('box', app.port);
    expect(await (await fetch(`${tunnel.url}before`)).text()).toBe('hello from the box: /before');
    await until(() => (reports.at(-1)?.[0]?.bytesIn ?? 0) > 0, 5_000, 'the byte counts');

    proxy.dropAll();
    await until(() => connection.status.kind !== 'connected', 5_000, 'the drop');
    expect(tunnels.list()[0]?.state).toBe('waiting');
    // A request made while the box is away waits for it, and is answered.
    const answer = await (await fetch(`${tunnel.url}after`, { signal: AbortSignal.timeout(30_000) })).text();
    expect(answer).toBe('hello from the box: /after');
    expect(tunnels.list()).toEqual([expect.objectContaining({ id: tunnel.id, localPort: tunnel.localPort, state: 'ready', lastError: null })]);
  }, 60_000);

  it('a port nothing listens on says why, and the tunnel stays for when it does', async () => {
    const { tunnels, reports } = await setup();
    const nothing = await freePort();
    const tunnel = await tunnels.open('box', nothing, { localPort: await freePort() });
    await expect(fetch(tunnel.url)).rejects.toThrow();
    await until(() => reports.at(-1)?.[0]?.lastError !== null && reports.at(-1)?.[0]?.lastError !== undefined, 5_000, 'the reason');
    expect(tunnels.list()[0]?.lastError).toMatch(new RegExp(`port ${nothing}`));
    const server = createServer((_req, res) => res.end('up now'));
    await new Promise<void>((r) => server.listen(nothing, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    expect(await (await fetch(tunnel.url)).text()).toBe('up now');
  });
});
