import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMiniServer, type MiniRequest, type MiniResponse } from './mini-http.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const listen = async (handler: (req: MiniRequest, res: MiniResponse) => void): Promise<number> => {
  const { server, sockets } = createMiniServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return (server.address() as AddressInfo).port;
};

const open = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });

const post = (body: string) => `POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

const answer = (req: MiniRequest, res: MiniResponse) => {
  res.writeHead(200, { 'content-length': Buffer.byteLength(req.body) });
  res.end(req.body);
};

describe('mini-http', () => {
  it('handles one request per event-loop turn, so the reads of a burst are picked up between requests', async () => {
    const order: string[] = [];
    const port = await listen((req, res) => {
      order.push(req.body);
      if (req.body === 'first') setImmediate(() => order.push('a turn'));
      answer(req, res);
    });
    const [a, b] = await Promise.all([open(port), open(port)]);
    await new Promise((r) => setTimeout(r, 20)); // both accepted
    // Written in one tick: the server reads both in the same pass.
    a!.write(post('first'));
    b!.write(post('second'));
    await new Promise<void>((resolve) => b!.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(['first', 'a turn', 'second']);
    a!.destroy();
    b!.destroy();
  });

  it('stamps a request with the read that completed it, and pipelined requests in order', async () => {
    const seen: Array<{ body: string; arrived: number }> = [];
    const port = await listen((req, res) => {
      seen.push({ body: req.body, arrived: req.arrived });
      answer(req, res);
    });
    const socket = await open(port);
    const replies: Buffer[] = [];
    socket.on('data', (d: Buffer) => replies.push(d));
    const request = post('late body');
    const headEnd = request.indexOf('\r\n\r\n') + 4;
    socket.write(request.slice(0, headEnd));
    await new Promise((r) => setTimeout(r, 30));
    // The rest of the first request and a whole second one in one write.
    socket.write(request.slice(headEnd) + post('pipelined'));
    const bodySent = performance.now();
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.map((s) => s.body)).toEqual(['late body', 'pipelined']);
    expect(seen[0]!.arrived).toBeGreaterThanOrEqual(bodySent);
    expect(seen[1]!.arrived).toBe(seen[0]!.arrived);
    expect(Buffer.concat(replies).toString()).toMatch(/late body[\s\S]*pipelined$/);
    socket.destroy();
  });
});
