/**
 * Open WebUI (FastAPI under uvicorn, with its SvelteKit front end) as the app's probe and a
 * browser meet it on first start, before anyone made the admin account:
 *   GET /health, /health/db  200 {"status":true}
 *   GET /api/config          the unauthenticated config: onboarding, name, version, features
 *   GET /api/version         {"version":"0.6.34"}
 *   GET / and other pages    the front end (a SPA: every non-API path serves index.html)
 *   unknown /api/… paths     404 {"detail":"Not Found"} (FastAPI's)
 * JSON is FastAPI's compact form. Access lines are uvicorn's; /health is missing from them, as
 * Open WebUI's config.py filters it out of uvicorn.access (EndpointFilter).
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { sendJson } from './http-util.js';
import type { ServerDeps } from './openai-server.js';
import { htmlPage, onFinished, remoteOf, requestUrl, sendHtml, type WebSite } from './web-pages.js';

export const openWebuiFacts = {
  version: '0.6.34',
  name: 'Open WebUI',
} as const;

/**
 * main.py get_app_config for a visitor without a session: `onboarding` while no user exists,
 * the feature flags of a default install (WEBUI_AUTH on, signup open for the first admin).
 */
const publicConfig = () => ({
  onboarding: true,
  status: true,
  name: openWebuiFacts.name,
  version: openWebuiFacts.version,
  default_locale: '',
  oauth: { providers: {} },
  features: {
    auth: true,
    auth_trusted_header: false,
    enable_signup_password_confirmation: false,
    enable_ldap: false,
    enable_api_key: true,
    enable_signup: true,
    enable_login_form: true,
    enable_websocket: true,
    enable_version_update_check: true,
  },
});

const frontEnd = (): string =>
  htmlPage(
    openWebuiFacts.name,
    [
      `<h1>${openWebuiFacts.name}</h1>`,
      `<p>This is the PGX Companion demo box's stand-in for Open WebUI ${openWebuiFacts.version}. On a real box this page asks you to create the first (admin) account, then chats with the models Ollama serves.</p>`,
    ].join('\n'),
  );

/** Paths FastAPI routes itself; everything else is the front end's. */
const isBackend = (path: string): boolean => ['/api', '/ollama', '/openai', '/health', '/oauth', '/ws'].some((p) => path === p || path.startsWith(`${p}/`));

export const openWebuiSite = (deps: ServerDeps): WebSite => {
  const { spec, logs } = deps;

  const accessLog = (req: IncomingMessage, status: number) => {
    if ((req.url ?? '').includes('/health')) return;
    const { ip, port } = remoteOf(req);
    logs.append(spec.id, `INFO:     ${ip}:${port} - "${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}" ${status} ${STATUS_CODES[status] ?? ''}\n`);
  };

  return {
    handle: (req: IncomingMessage, res: ServerResponse) => {
      const path = requestUrl(req).pathname;
      onFinished(res, (status) => accessLog(req, status));
      const readOnly = req.method === 'GET' || req.method === 'HEAD';
      if (path === '/health' || path === '/health/db') return readOnly ? sendJson(res, 200, { status: true }) : sendJson(res, 405, { detail: 'Method Not Allowed' });
      if (path === '/api/config' && readOnly) return sendJson(res, 200, publicConfig());
      if (path === '/api/version' && readOnly) return sendJson(res, 200, { version: openWebuiFacts.version });
      if (isBackend(path)) return sendJson(res, 404, { detail: 'Not Found' });
      if (!readOnly) return sendJson(res, 405, { detail: 'Method Not Allowed' });
      return sendHtml(res, 200, frontEnd());
    },
  };
};
