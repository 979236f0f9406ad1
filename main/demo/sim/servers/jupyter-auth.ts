/**
 * How Jupyter Server 2.x tells who is asking: the token (`?token=` or `Authorization: token …`),
 * or the login cookie it sets after a token login — a Tornado v2 signed value named
 * `username-<host>` (the request's Host with every non-alphanumeric character made `-`), so the
 * browser keeps the session on the tunnel's address. Its access log hides token-like query values.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { mixedHex } from '../box.js';
import { cookiesOf } from './web-pages.js';

export const jupyterAuthFacts = {
  /** Tornado's set_secure_cookie default lifetime (days). */
  cookieDays: 30,
  /** Tornado's get_secure_cookie default max age (days). */
  cookieMaxAgeDays: 31,
  /** jupyter_server/log.py _DEFAULT_SCRUB_PARAM_KEYS: query keys containing these are logged as [secret]. */
  scrubKeys: ['token', 'auth', 'key', 'code', 'state', 'xsrf'],
} as const;

const dayMs = 86_400_000;

/** `username-127-0-0-1-8888` for Host `127.0.0.1:8888` (IdentityProvider.get_cookie_name). */
export const jupyterCookieName = (req: IncomingMessage): string => `username-${req.headers.host ?? ''}`.replace(/[^A-Za-z0-9]/g, '-');

/** The token a request carries, if any: the query's, else the Authorization header's. */
export const presentedToken = (req: IncomingMessage, url: URL): string | undefined => {
  const query = url.searchParams.get('token');
  if (query) return query;
  const header = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return header?.[1]?.trim();
};

/** `/lab?token=[secret]`: jupyter_server's _scrub_uri. */
export const scrubUri = (uri: string): string => {
  const at = uri.indexOf('?');
  if (at < 0) return uri;
  const query = uri
    .slice(at + 1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const key = eq < 0 ? part : part.slice(0, eq);
      return jupyterAuthFacts.scrubKeys.some((s) => key.includes(s)) ? `${key}${eq < 0 ? '' : '='}[secret]` : part;
    });
  return `${uri.slice(0, at)}?${query.join('&')}`;
};

/** Python's urllib.parse.quote_plus (what Tornado's redirect to the login page uses for `next`). */
export const quotePlus = (text: string): string =>
  encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

export interface JupyterAuth {
  /** The anonymous user a token login makes (its name shows in the access log). */
  readonly username: string;
  /** Whether the request is logged in: the right token, or a valid login cookie. */
  isAuthenticated(req: IncomingMessage, url: URL): boolean;
  /** Whether it brought the right token itself (then the server sets the login cookie). */
  hasToken(req: IncomingMessage, url: URL): boolean;
  /** The Set-Cookie header that keeps this browser logged in. */
  loginCookie(req: IncomingMessage, now: number): string;
}

/**
 * The cookie secret is derived from the container id, as the real server keeps one in its runtime
 * folder: a restarted container still accepts the cookies it set before.
 */
export const jupyterAuth = (containerId: string, token: string | undefined): JupyterAuth => {
  const secret = createHash('sha256').update(`jupyter-cookie-secret:${containerId}`).digest();
  const username = mixedHex(`jupyter-user:${containerId}`, 32);
  const signature = (body: string) => createHmac('sha256', secret).update(body).digest('hex');
  const field = (text: string) => `${text.length}:${text}`;

  const validCookie = (req: IncomingMessage): boolean => {
    const name = jupyterCookieName(req);
    const value = cookiesOf(req).get(name);
    if (!value) return false;
    const cut = value.lastIndexOf('|');
    if (cut < 0) return false;
    const body = value.slice(0, cut + 1);
    const given = Buffer.from(value.slice(cut + 1));
    const expected = Buffer.from(signature(body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    const [version, , stamp, signedName] = body.split('|');
    const seconds = Number(stamp?.split(':')[1]);
    return version === '2' && signedName === field(name) && Date.now() - seconds * 1000 < jupyterAuthFacts.cookieMaxAgeDays * dayMs;
  };

  const hasToken = (req: IncomingMessage, url: URL): boolean => !token || presentedToken(req, url) === token;

  return {
    username,
    hasToken,
    isAuthenticated: (req, url) => hasToken(req, url) || validCookie(req),
    loginCookie: (req, now) => {
      const name = jupyterCookieName(req);
      const user = JSON.stringify({ username, name: 'Anonymous Io', display_name: 'Anonymous Io', initials: 'AI', avatar_url: null, color: null });
      const body = `2|1:0|${field(String(Math.floor(now / 1000)))}|${field(name)}|${field(Buffer.from(user).toString('base64'))}|`;
      const value = `${body}${signature(body)}`;
      // Python's http.cookies quotes a value holding `=` (base64 padding); expires, HttpOnly, Path follow in its order.
      const quoted = value.includes('=') ? `"${value}"` : value;
      return `${name}=${quoted}; expires=${new Date(now + jupyterAuthFacts.cookieDays * dayMs).toUTCString()}; HttpOnly; Path=/`;
    },
  };
};
