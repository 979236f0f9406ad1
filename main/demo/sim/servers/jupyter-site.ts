/**
 * JupyterLab 4 on Jupyter Server 2.16 as a browser and the app's health probe meet it:
 *   GET /api                  200 {"version": "2.16.0"}, no login needed (the app's health path)
 *   GET /api/status           the server's activity with the token or login cookie, else 403 JSON
 *   GET /lab?token=T          the Lab page, plus the login cookie; later GET /lab with it: 200
 *   GET /lab (no login)       302 /login?next=%2Flab, as Tornado's @authenticated redirects
 *   GET|POST /login           the token form; the right token logs in and goes back to `next`
 *   GET /                     302 to /lab, query kept (RedirectWithParams)
 * API answers are JSON with Python's spacing (json.dumps); other unknown pages are Jupyter's HTML
 * 404. Requests are logged as jupyter_server/log.py does: 2xx at debug level (not shown at the
 * default level), 3xx as [I], 4xx as [W] with the referer, tokens in the URL as [secret].
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './http-util.js';
import { jupyterAuth, quotePlus, scrubUri } from './jupyter-auth.js';
import type { ServerDeps } from './openai-server.js';
import { escapeHtml, htmlPage, onFinished, remoteOf, requestUrl, sendHtml, type WebSite } from './web-pages.js';

export const jupyterFacts = {
  /** What `jupyter lab` prints at start (engines/apps.ts planJupyter) and /api reports. */
  serverVersion: '2.16.0',
} as const;

type PyValue = string | number | null;

/** json.dumps of a flat object: `{"version": "2.16.0"}` (a space after `:` and `,`). */
const pyJson = (value: Readonly<Record<string, PyValue>> | readonly unknown[]): string =>
  Array.isArray(value) ? JSON.stringify(value) : `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;

const sendPyJson = (res: ServerResponse, status: number, value: Readonly<Record<string, PyValue>> | readonly unknown[]): void => {
  const text = pyJson(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const redirect = (res: ServerResponse, location: string, headers: Record<string, string> = {}): void => {
  res.writeHead(302, { location, 'content-length': 0, ...headers });
  res.end();
};

/** jupyter_server's isoformat: microseconds and `Z`. */
const isoMicros = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/** `2026-11-25 09:00:00.123`, the log stamp planJupyter's start-up lines use too. */
const logStamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);

/** `next` must stay on this server (LoginFormHandler._redirect_safe). */
const safeNext = (next: string | null): string => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/lab');

const errorPage = (status: number, reason: string): string =>
  htmlPage('Jupyter Server', `<h1>${status} : ${escapeHtml(reason)}</h1>\n<p>You are requesting a page that does not exist!</p>`);

const labPage = (): string =>
  htmlPage(
    'JupyterLab',
    [
      '<h1>JupyterLab</h1>',
      `<p>This is the PGX Companion demo box's stand-in for JupyterLab 4 (Jupyter Server ${jupyterFacts.serverVersion}). You are logged in, as on a real box after opening the link with its token.</p>`,
      '<p>No kernels run here: on a real GB10 box this page is the JupyterLab workspace of the container the app started.</p>',
    ].join('\n'),
  );

const loginPage = (next: string, message: string | undefined): string =>
  htmlPage(
    'Jupyter Server',
    [
      '<h1>Jupyter Server</h1>',
      message ? `<p class="message error">${escapeHtml(message)}</p>` : '',
      `<form action="/login?next=${escapeHtml(quotePlus(next))}" method="post">`,
      '<label for="password_input">Password or token:</label>',
      '<input type="password" name="password" id="password_input">',
      '<button type="submit" id="login_submit">Log in</button>',
      '</form>',
      "<p>The demo box's stand-in for Jupyter Server's login page: the token is in the link PGX Companion opens.</p>",
    ].join('\n'),
  );

export const jupyterSite = (deps: ServerDeps): WebSite => {
  const { spec, logs } = deps;
  const auth = jupyterAuth(spec.id, spec.token);
  const startedAt = Date.now();
  // Jupyter counts API requests (but not /api/status itself) as activity.
  let lastActivity = startedAt;

  const accessLog = (req: IncomingMessage, status: number, ms: number, user: string) => {
    if (status < 300 || status === 304) return;
    const level = status < 400 ? 'I' : status < 500 ? 'W' : 'E';
    const referer = status >= 400 ? ` referer=${req.headers.referer ?? 'None'}` : '';
    logs.append(spec.id, `[${level} ${logStamp(Date.now())} ServerApp] ${status} ${req.method ?? 'GET'} ${scrubUri(req.url ?? '/')} (${user}@${remoteOf(req).ip}) ${ms.toFixed(2)}ms${referer}\n`);
  };

  const api = (req: IncomingMessage, res: ServerResponse, path: string, authed: boolean) => {
    if (req.method !== 'GET') return sendPyJson(res, 405, { message: 'Method Not Allowed', reason: null });
    if (path === '/api' || path === '/api/') return sendPyJson(res, 200, { version: jupyterFacts.serverVersion });
    const known = ['/api/status', '/api/kernels', '/api/sessions'].includes(path);
    if (!known) return sendPyJson(res, 404, { message: 'Not Found', reason: null });
    if (!authed) return sendPyJson(res, 403, { message: 'Forbidden', reason: null });
    if (path === '/api/status') return sendPyJson(res, 200, { started: isoMicros(startedAt), last_activity: isoMicros(lastActivity), connections: 0, kernels: 0 });
    lastActivity = Date.now();
    return sendPyJson(res, 200, []);
  };

  const login = async (req: IncomingMessage, res: ServerResponse, url: URL, authed: boolean) => {
    const next = safeNext(url.searchParams.get('next'));
    if (req.method === 'GET') return authed ? redirect(res, next) : sendHtml(res, 200, loginPage(next, undefined));
    if (req.method !== 'POST') return sendHtml(res, 405, errorPage(405, 'Method Not Allowed'));
    const form = new URLSearchParams(await readBody(req, 64 * 1024));
    // Tornado also checks an _xsrf form field against its cookie; the stand-in does not.
    if (spec.token && form.get('password') === spec.token) return redirect(res, next, { 'set-cookie': auth.loginCookie(req, Date.now()) });
    return sendHtml(res, 401, loginPage(next, 'Invalid credentials'));
  };

  return {
    handle: async (req, res) => {
      const url = requestUrl(req);
      const path = url.pathname;
      const authed = auth.isAuthenticated(req, url);
      onFinished(res, (status, ms) => accessLog(req, status, ms, authed ? auth.username : ''));
      if (path === '/api' || path.startsWith('/api/')) return api(req, res, path, authed);
      if (path === '/login') return login(req, res, url, authed);
      if (req.method !== 'GET') return sendHtml(res, 405, errorPage(405, 'Method Not Allowed'));
      if (path === '/') return redirect(res, `/lab${url.search}`);
      if (path === '/lab' || path.startsWith('/lab/')) {
        if (!authed) return redirect(res, `/login?next=${quotePlus(req.url ?? '/lab')}`);
        // A token login leaves a cookie, so the browser stays logged in without the token.
        return sendHtml(res, 200, labPage(), auth.hasToken(req, url) && spec.token ? { 'set-cookie': auth.loginCookie(req, Date.now()) } : {});
      }
      return sendHtml(res, 404, errorPage(404, 'Not Found'));
    },
  };
};
