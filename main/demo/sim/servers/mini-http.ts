/**
 * A small HTTP/1.1 server for the simulated model servers, whose job is timing truth. Node's
 * http module parses a burst of 64 requests one after another inside the socket reads (its parser
 * consumes the socket natively, so nothing can note when bytes arrived); the last request's clock
 * would start milliseconds late, and a benchmark would blame the "engine". Here each read is
 * stamped when the event loop picked up that batch of reads, requests are handled one per
 * event-loop turn so reads keep being picked up between them (see createMiniServer), and every
 * response write goes straight to the socket (no cork until next tick).
 *
 * It speaks what OpenAI-compatible clients send: a request line, headers, a Content-Length body
 * (no chunked request bodies: the server answers 411 like uvicorn), keep-alive, and responses with
 * Content-Length or chunked transfer encoding.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';

export interface MiniRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** performance.now() when the batch of reads that completed this request was picked up. */
  readonly arrived: number;
  readonly socket: Socket;
}

const statusText: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 411: 'Length Required', 413: 'Payload Too Large', 500: 'Internal Server Error', 503: 'Service Unavailable' };
const crlf = Buffer.from('\r\n');
const lastChunk = Buffer.from('0\r\n\r\n');
const maxBody = 8 * 1024 * 1024;

export class MiniResponse extends EventEmitter {
  headersSent = false;
  private chunked = false;
  private ended = false;
  private head: string | undefined;

  constructor(
    readonly socket: Socket,
    private readonly keepAlive: boolean,
    private readonly onFinish: () => void,
  ) {
    super();
  }

  writeHead(status: number, headers: Readonly<Record<string, string | number>>): this {
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    this.chunked = lower['content-length'] === undefined;
    const lines = [`HTTP/1.1 ${status} ${statusText[status] ?? 'OK'}`, `date: ${new Date().toUTCString()}`, 'server: uvicorn'];
    for (const [key, value] of Object.entries(lower)) if (key !== 'connection') lines.push(`${key}: ${value}`);
    if (this.chunked) lines.push('transfer-encoding: chunked');
    lines.push(`connection: ${this.keepAlive ? 'keep-alive' : 'close'}`);
    this.head = `${lines.join('\r\n')}\r\n\r\n`;
    return this;
  }

  flushHeaders(): void {
    if (this.headersSent || this.head === undefined || this.socket.destroyed) return;
    this.socket.write(this.head);
    this.headersSent = true;
  }

  write(data: string | Buffer): boolean {
    if (this.ended || this.socket.destroyed) return false;
    const body = typeof data === 'string' ? Buffer.from(data) : data;
    const head = this.headersSent ? undefined : this.head;
    this.headersSent = true;
    const framed = this.chunked ? [Buffer.from(`${body.length.toString(16)}\r\n`), body, crlf] : [body];
    // One write per call: the bytes leave now, not on the next tick.
    return this.socket.write(head === undefined ? Buffer.concat(framed) : Buffer.concat([Buffer.from(head), ...framed]));
  }

  end(data?: string | Buffer): void {
    if (this.ended) return;
    if (data !== undefined && (typeof data === 'string' ? data.length > 0 : data.length > 0)) this.write(data);
    else if (!this.headersSent) this.write(Buffer.alloc(0));
    if (this.chunked && !this.socket.destroyed) this.socket.write(lastChunk);
    this.ended = true;
    if (!this.keepAlive) this.socket.end();
    this.onFinish();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

export interface MiniServer {
  readonly server: Server;
  readonly sockets: Set<Socket>;
}

/**
 * Parses requests off each socket and hands them to `handler`, one at a time per connection.
 *
 * Reads are stamped as they are picked up, but requests are handled one per event-loop turn, not
 * inside the read that completed them. Handled back to back (0.1–0.25 ms each on a 2-core CI
 * machine), a burst's first requests kept the loop from reading the rest, which arrived meanwhile
 * and were stamped as late as the work queued ahead of them: most of a 64-request burst 1.5–10 ms
 * late, with openai-server.ts's busy mark then made on the first request. Between two handled
 * requests the loop now reads again, so a stamp is at most about one request's work late.
 */
export const createMiniServer = (handler: (req: MiniRequest, res: MiniResponse) => void): MiniServer => {
  const sockets = new Set<Socket>();
  // Stamp of the current event-loop pass of reads (see above).
  let batchStamp: number | undefined;
  const stamp = () => {
    if (batchStamp === undefined) {
      batchStamp = performance.now();
      setImmediate(() => (batchStamp = undefined));
    }
    return batchStamp;
  };
  // Connections with bytes to parse, in the order their bytes came; one is served per turn.
  const ready: Array<() => void> = [];
  let draining = false;
  const drain = () => {
    try {
      ready.shift()?.();
    } finally {
      if (ready.length > 0) setImmediate(drain);
      else draining = false;
    }
  };
  const enqueue = (parse: () => void) => {
    ready.push(parse);
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  };

  const server = createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    let buffer: Buffer = Buffer.alloc(0);
    let busy = false;
    let queued = false;
    let current: MiniResponse | undefined;
    // When each read came, by how many bytes the connection had received up to its end: a
    // request is stamped with the read that completed it.
    const reads: Array<{ upTo: number; at: number }> = [];
    let received = 0;
    let parsed = 0;

    const fail = (status: number) => {
      socket.end(`HTTP/1.1 ${status} ${statusText[status] ?? 'Error'}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
    };

    const next = () => {
      queued = false;
      if (busy || socket.destroyed) return;
      const headEnd = buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const lines = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
      const [method = '', url = '/', version = 'HTTP/1.1'] = (lines[0] ?? '').split(' ');
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      if (headers['transfer-encoding']) return fail(411);
      const length = Number(headers['content-length'] ?? 0);
      if (!Number.isFinite(length) || length < 0 || length > maxBody) return fail(413);
      if (buffer.length < headEnd + 4 + length) return; // the body is still coming
      const body = buffer.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
      buffer = buffer.subarray(headEnd + 4 + length);
      parsed += headEnd + 4 + length;
      while (reads.length > 1 && reads[0]!.upTo < parsed) reads.shift();
      const arrived = reads[0]!.at;
      while (reads.length > 0 && reads[0]!.upTo <= parsed) reads.shift();
      const keepAlive = version === 'HTTP/1.1' ? headers['connection']?.toLowerCase() !== 'close' : headers['connection']?.toLowerCase() === 'keep-alive';
      busy = true;
      const res = new MiniResponse(socket, keepAlive, () => {
        busy = false;
        current = undefined;
        // Pipelined requests wait for the response before them.
        schedule();
      });
      current = res;
      handler({ method, url, headers, body, arrived, socket }, res);
    };
    const schedule = () => {
      if (queued || buffer.length === 0) return;
      queued = true;
      enqueue(next);
    };

    socket.on('data', (data: Buffer) => {
      received += data.length;
      reads.push({ upTo: received, at: stamp() });
      buffer = buffer.length === 0 ? data : Buffer.concat([buffer, data]);
      schedule();
    });
    socket.on('close', () => {
      sockets.delete(socket);
      current?.emit('close');
    });
    socket.on('error', () => socket.destroy());
  });
  return { server, sockets };
};
