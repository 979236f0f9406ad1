import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Reads a request body up to a limit (a benchmark prompt file can be large, not unbounded). */
export const readBody = (req: IncomingMessage, limit = 8 * 1024 * 1024): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** What sendJson / sendText need of a response (node:http's, or mini-http's). */
export interface Respondable {
  writeHead(status: number, headers: Record<string, string | number>): unknown;
  end(body: string): unknown;
}

export const sendJson = (res: Respondable, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

export const sendText = (res: Respondable, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void => {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

/** Sleeps until a performance.now() deadline; false if the client went away first. */
export const sleepUntil = (deadline: number, signal: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const wait = deadline - performance.now();
    if (wait <= 0) return resolve(true);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, wait);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** vLLM / uvicorn style log timestamp: `08-23 22:38:27` (UTC here so logs are reproducible). */
export const logStamp = (ms: number): string => {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
};

export const randomHex = (length: number): string => {
  let out = '';
  while (out.length < length) out += Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0');
  return out.slice(0, length);
};

/** A loopback HTTP server whose connections close with it, as a stopped container's do. */
export interface LocalServer {
  /** The port it listens on (the one asked for, or the system's pick for 0). */
  readonly listening: Promise<number>;
  /** Ends open connections (keep-alive ones too) and stops listening. */
  close(): Promise<void>;
}

/**
 * Serves `handle` on 127.0.0.1:`port`. A handler that throws answers 500 with `errorBody(error)`
 * (or drops the connection when the head has gone out already).
 */
export const serveLocal = (port: number, handle: (req: IncomingMessage, res: ServerResponse) => unknown, errorBody: (error: unknown) => unknown): LocalServer => {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, errorBody(error));
        else res.destroy();
      });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listening = new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  listening.catch(() => {});
  return {
    listening,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
