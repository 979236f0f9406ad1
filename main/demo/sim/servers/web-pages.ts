/**
 * What the web app stand-ins (web-app-server.ts) share: small honest HTML pages, the request's
 * cookies and query, and the access-log timing. The pages say they are the demo box's stand-ins:
 * the title is the real app's (what a browser tab and the app's checks see), the body is not.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One web app behind a box port: answers every request (the server only listens and stops). */
export interface WebSite {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

const htmlEscapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);

/** A whole page; `body` is HTML the caller built (escape what came from outside). */
export const htmlPage = (title: string, body: string): string =>
  [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}code{background:#f2f2f2;padding:0 .2em}table{border-collapse:collapse}td{padding:.2rem 1rem .2rem 0}</style>',
    '</head>',
    `<body>\n${body}\n</body>`,
    '</html>',
    '',
  ].join('\n');

export const sendHtml = (res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void => {
  res.writeHead(status, { 'content-type': 'text/html; charset=UTF-8', 'content-length': Buffer.byteLength(html), ...headers });
  res.end(html);
};

/** Path and query of a request (its Host does not matter: the tunnel decides which port). */
export const requestUrl = (req: IncomingMessage): URL => new URL(req.url ?? '/', 'http://box.invalid');

export const cookiesOf = (req: IncomingMessage): Map<string, string> => {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const value = part.slice(at + 1).trim();
    // Python's http.cookies quotes values with characters outside its legal set.
    cookies.set(part.slice(0, at).trim(), value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value);
  }
  return cookies;
};

/** The peer as the server's access log names it (IPv4-mapped addresses shown as IPv4). */
export const remoteOf = (req: IncomingMessage): { readonly ip: string; readonly port: number } => ({
  ip: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
  port: req.socket.remotePort ?? 0,
});

/** Calls `log` with the status and milliseconds taken once the response has gone out. */
export const onFinished = (res: ServerResponse, log: (status: number, ms: number) => void): void => {
  const started = performance.now();
  res.on('finish', () => log(res.statusCode, performance.now() - started));
};
