import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appEndpoints } from '../../../../src/recipes/app-health.js';
import { initialState } from '../box.js';
import type { LogStore, ServerSpec } from '../io.js';
import { fileLogStore, memoryStateStore } from '../state-store.js';
import type { RunningServer } from './openai-server.js';
import { startServer } from './start-server.js';

const token = 'c0ffee'.repeat(8);

const jupyterSpec = (overrides: Partial<ServerSpec> = {}): ServerSpec => ({
  id: 'a1'.repeat(32),
  kind: 'jupyter',
  port: 8888,
  model: 'jupyter',
  servedName: 'jupyter',
  readyAfterMs: 0,
  ttftMs: 0,
  tokenDelayMs: 0,
  maxConcurrency: 1,
  defaultMaxTokens: 0,
  token,
  ...overrides,
});

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const boot = async (overrides: Partial<ServerSpec> = {}): Promise<{ base: string; logs: LogStore; id: string }> => {
  const spec = jupyterSpec(overrides);
  const logs = fileLogStore(mkdtempSync(join(tmpdir(), 'pgx-jupyter-')));
  running = startServer({ spec, store: memoryStateStore(initialState({ now: Date.now() })), logs, listenPort: 0, neverReady: false, pid: 7 });
  return { base: `http://127.0.0.1:${await running.ready}`, logs, id: spec.id };
};

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { redirect: 'manual', headers });

/** The log lines the requests left (they are written once each response has gone out). */
const logLines = async (logs: LogStore, id: string, count: number): Promise<string[]> => {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const lines = logs.read(id).split('\n').filter(Boolean);
    if (lines.length >= count || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('simulated JupyterLab (Jupyter Server 2.16)', () => {
  it('answers the app’s health path /api without a login, with its version', async () => {
    const { base } = await boot();
    const res = await get(`${base}${appEndpoints.jupyterlab.healthPath}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"version": "2.16.0"}');
  });

  it('sends /lab without a login to the login page, opens it with the token, and the cookie keeps the browser in', async () => {
    const { base } = await boot();
    const bare = await get(`${base}/lab`);
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/login?next=%2Flab');

    const wrong = await get(`${base}/lab?token=nope`);
    expect(wrong.status).toBe(302);
    expect(wrong.headers.get('location')).toBe('/login?next=%2Flab%3Ftoken%3Dnope');

    const opened = await get(`${base}/lab?token=${token}`);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await opened.text()).toMatch(/<title>JupyterLab<\/title>[\s\S]*demo box's stand-in for JupyterLab/);
    const [cookie] = opened.headers.getSetCookie();
    const port = new URL(base).port;
    expect(cookie).toMatch(new RegExp(`^username-127-0-0-1-${port}="2\\|1:0\\|10:\\d{10}\\|[^"]+"; expires=\\w{3}, \\d\\d \\w{3} \\d{4} [\\d:]{8} GMT; HttpOnly; Path=/$`));

    const pair = cookie!.split(';')[0]!;
    expect((await get(`${base}/lab`, { cookie: pair })).status).toBe(200);
    expect((await get(`${base}/lab/tree/notes.ipynb`, { cookie: pair })).status).toBe(200);
    // A tampered signature is no login.
    const tampered = pair.replace(/[0-9a-f](?="?$)/, (c) => (c === '0' ? '1' : '0'));
    expect(tampered).not.toBe(pair);
    expect((await get(`${base}/lab`, { cookie: tampered })).status).toBe(302);
    // The root goes to /lab, keeping its query.
    expect((await get(`${base}/?token=${token}`)).headers.get('location')).toBe(`/lab?token=${token}`);
  });

  it('/api/status: 403 JSON without a login, the server’s activity with the token in a header, the query or the cookie', async () => {
    const { base } = await boot();
    const denied = await get(`${base}/api/status`);
    expect(denied.status).toBe(403);
    expect(await denied.text()).toBe('{"message": "Forbidden", "reason": null}');

    const byHeader = await get(`${base}/api/status`, { authorization: `token ${token}` });
    expect(byHeader.status).toBe(200);
    const status = (await byHeader.json()) as Record<string, unknown>;
    expect(status).toEqual({ started: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), last_activity: expect.any(String), connections: 0, kernels: 0 });
    expect(Date.parse(status['started'] as string)).toBeLessThanOrEqual(Date.now());

    expect((await get(`${base}/api/status?token=${token}`)).status).toBe(200);
    const cookie = (await get(`${base}/lab?token=${token}`)).headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await get(`${base}/api/status`, { cookie })).status).toBe(200);
    expect((await get(`${base}/api/status`, { authorization: 'token wrong' })).status).toBe(403);

    const missing = await get(`${base}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('{"message": "Not Found", "reason": null}');
    expect((await get(`${base}/favicon.ico`)).status).toBe(404);
  });

  it('logs requests as Jupyter does: 302 as [I], 403 as [W] with the referer, 200 at debug level (not shown), tokens as [secret]', async () => {
    const { base, logs, id } = await boot();
    await get(`${base}/api`);
    await get(`${base}/lab?token=${token}`);
    await get(`${base}/lab`);
    await get(`${base}/api/status`);
    await get(`${base}/lab?token=nope`);
    const lines = await logLines(logs, id, 3);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[I \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} ServerApp\] 302 GET \/lab \(@127\.0\.0\.1\) \d+\.\d{2}ms$/);
    expect(lines[1]).toMatch(/^\[W [\d\- :.]{23} ServerApp\] 403 GET \/api\/status \(@127\.0\.0\.1\) \d+\.\d{2}ms referer=None$/);
    expect(lines[2]).toMatch(/ 302 GET \/lab\?token=\[secret\] \(@127\.0\.0\.1\) /);
    expect(logs.read(id)).not.toContain('nope');
  });

  it('logs in through the login form: a wrong token is refused, the right one goes back to next with the cookie', async () => {
    const { base } = await boot();
    const form = await get(`${base}/login?next=%2Flab`);
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/<form action="\/login\?next=%2Flab" method="post">[\s\S]*name="password"/);
    const post = (password: string) =>
      fetch(`${base}/login?next=%2Flab`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ password }).toString() });
    const refused = await post('wrong');
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('Invalid credentials');
    const accepted = await post(token);
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get('location')).toBe('/lab');
    const cookie = accepted.headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await get(`${base}/lab`, { cookie })).status).toBe(200);
    // Logged in, the login page sends you on.
    expect((await get(`${base}/login?next=%2Flab`, { cookie })).headers.get('location')).toBe('/lab');
  });
});
