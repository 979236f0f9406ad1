import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const tokenCookie = 'pgx_token';

const sameToken = (candidate: string | undefined | null, token: string): boolean => {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
};

const cookieValue = (header: string | undefined, name: string): string | undefined => {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
};

export interface RequestCheck {
  readonly tokenInQuery: boolean;
  readonly authorized: boolean;
  readonly hostAllowed: boolean;
}

/**
 * Browser mode's gate. A request is authorized by the token in the URL (first visit) or by the
 * HttpOnly cookie set on that visit. The Host header must name our loopback address and port,
 * which stops DNS-rebinding pages from talking to us.
 */
export const checkRequest = (req: IncomingMessage, token: string, port: number): RequestCheck => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const tokenInQuery = sameToken(url.searchParams.get('token'), token);
  const fromCookie = sameToken(cookieValue(req.headers.cookie, tokenCookie), token);
  return {
    tokenInQuery,
    authorized: tokenInQuery || fromCookie,
    hostAllowed: allowedHosts(port).includes(req.headers.host ?? ''),
  };
};

export const allowedHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
export const allowedOrigins = (port: number): string[] => allowedHosts(port).map((h) => `http://${h}`);
