import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '../security/csp.js';
import type { Backend } from '../services/backend.js';
import type { Logger } from '../services/log.js';
import { allowedOrigins, checkRequest, tokenCookie } from './auth.js';
import { readStatic } from './static-files.js';
import { attachSocket } from './socket-session.js';

export interface WebServerOptions {
  readonly backend: Backend;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly log: Logger;
  readonly token?: string;
}

export interface WebServer {
  readonly port: number;
  readonly token: string;
  /** The URL to open: it carries the token once; the page then lives on a cookie. */
  readonly url: string;
  close(): Promise<void>;
}

/** Loopback only, always: browser mode is never reachable from another machine. */
export const browserModeHost = '127.0.0.1';

/** Large enough for a pasted megabyte or a small upload chunk, small enough to bound memory. */
const maxMessageBytes = 32 * 1024 * 1024;

const securityHeaders = (port: number): Record<string, string> => ({
  'Content-Security-Policy': contentSecurityPolicy({ connectSrc: allowedOrigins(port).map((o) => o.replace('http', 'ws')) }),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
});

const refuse = (res: ServerResponse, status: 401 | 403 | 404 | 405, text: string) => {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
};

const refuseUpgrade = (socket: Duplex, status: 401 | 403 | 404) => {
  const reason = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
};

export const startWebServer = async (options: WebServerOptions): Promise<WebServer> => {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  let port = 0;

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch((error: unknown) => {
      options.log.error('browser mode: request failed', error);
      if (!res.headersSent) refuse(res, 404, 'Not found');
    });
  });

  const handleHttp = async (req: IncomingMessage, res: ServerResponse) => {
    const check = checkRequest(req, token, port);
    if (!check.hostAllowed) return refuse(res, 403, 'Forbidden: PGX Companion answers only on 127.0.0.1.');
    if (!check.authorized) {
      return refuse(res, 401, 'Unauthorized: open the URL that `npm start` printed (it carries a one-time token).');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (check.tokenInQuery) {
      // Trade the token in the URL for an HttpOnly cookie, then drop it from the address bar.
      res.writeHead(303, {
        'Set-Cookie': `${tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname,
        'Cache-Control': 'no-store',
      });
      return res.end();
    }
    const file = await readStatic(options.staticDir, url.pathname);
    if (!file) return refuse(res, 404, 'Not found');
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Cache-Control': url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
      ...securityHeaders(port),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false });

  server.on('upgrade', (req, socket, head) => {
    const check = checkRequest(req, token, port);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/ws') return refuseUpgrade(socket, 404);
    if (!check.hostAllowed) return refuseUpgrade(socket, 403);
    if (!check.authorized) return refuseUpgrade(socket, 401);
    if (!allowedOrigins(port).includes(req.headers.origin ?? '')) return refuseUpgrade(socket, 403);
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      attachSocket(ws, options.backend, options.log);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, browserModeHost, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://${browserModeHost}:${port}/?token=${token}`,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
};
