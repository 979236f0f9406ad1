/**
 * Done-when of the connections issue: cut the connection 20 times at random moments while a
 * telemetry-like exec stream and a terminal-like shell are open. Each time the status goes
 * through "reconnecting", both streams come back by themselves, and nothing leaks.
 */
import { appConnection, sshdServer } from '../../e2e/harness/app-connection.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../src/domain/device.js';
import { startSshd, type Sshd } from '../../e2e/harness/sshd.js';
import { startTcpProxy, type TcpProxy } from '../../e2e/harness/tcp-proxy.js';
import { keepStream } from './kept-stream.js';

const until = async (probe: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('reconnect under repeated drops', () => {
  let sshd: Sshd;
  let proxy: TcpProxy;
  beforeAll(async () => {
    sshd = await startSshd({ simulator: true });
    proxy = await startTcpProxy(sshd.port);
  });
  afterAll(async () => {
    await proxy?.close();
    await sshd?.stop();
  });

  it('survives 20 cuts: reconnecting each time, both streams resume, no leaked channels or listeners', async () => {
    const connection = appConnection(sshdServer(sshd, proxy.port), { random: () => 0, readyTimeoutMs: 5_000 });
    const statuses: ConnectionStatus['kind'][] = [];
    connection.on('status', (s: ConnectionStatus) => statuses.push(s.kind));
    await connection.connect();

    let telemetry = '';
    const samples = keepStream(connection, (c) => c.execStream('nvidia-smi --query-gpu=utilization.gpu,temperature.gpu --format=csv,noheader,nounits -lms 100'), { data: (d) => (telemetry += d.toString()) });
    let screen = '';
    const terminal = keepStream(connection, (c) => c.shell({ term: 'xterm-256color', cols: 80, rows: 24 }), {
      data: (d) => (screen += d.toString()),
      opened: (channel, count) => channel.write(`echo alive-$((${count}*1000))\n`),
    });
    await until(() => /alive-1000/.test(screen) && telemetry.split('\n').length > 2, 10_000, 'first streams');

    for (let cut = 1; cut <= 20; cut += 1) {
      // A random moment: somewhere within the next 0–150 ms of live traffic.
      await new Promise((r) => setTimeout(r, Math.random() * 150));
      const before = statuses.length;
      const telemetryBefore = telemetry.length;
      proxy.dropAll();
      await until(() => statuses.slice(before).includes('reconnecting') && connection.status.kind === 'connected', 30_000, `reconnect #${cut}`);
      await until(() => terminal.opened === cut + 1 && screen.includes(`alive-${(cut + 1) * 1000}`), 10_000, `terminal #${cut}`);
      await until(() => samples.opened === cut + 1 && telemetry.length > telemetryBefore + 10, 10_000, `telemetry #${cut}`);
    }

    // Exactly the two live channels; exactly the two stream subscriptions.
    expect(connection.channels).toBe(2);
    expect(connection.readyListenerCount).toBe(2);
    expect(telemetry).toMatch(/^\d+, \d+$/m);
    samples.close();
    terminal.close();
    await until(() => connection.channels === 0, 5_000, 'channels closed');
    expect(connection.readyListenerCount).toBe(0);
    expect(connection.listenerCount('status')).toBe(1);
    connection.disconnect();
  }, 240_000);
});
