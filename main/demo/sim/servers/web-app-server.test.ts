import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthProbe } from '../../../../src/recipes/app-health.js';
import { launch } from '../../../../src/recipes/apps.js';
import { initialState } from '../box.js';
import type { LogStore, ServerSpec } from '../io.js';
import { dockerBox, run } from '../programs/docker/docker-testing.js';
import { scriptCommands } from '../programs/docker/shell-words.js';
import { fileLogStore, memoryStateStore } from '../state-store.js';
import type { RunningServer } from './openai-server.js';
import { startServer } from './start-server.js';

const spec = (overrides: Partial<ServerSpec>): ServerSpec => ({
  id: 'b2'.repeat(32),
  kind: 'open-webui',
  port: 8080,
  model: '',
  servedName: '',
  readyAfterMs: 0,
  ttftMs: 5,
  tokenDelayMs: 1,
  maxConcurrency: 4,
  defaultMaxTokens: 4,
  ...overrides,
});

const started: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

const boot = (overrides: Partial<ServerSpec>, neverReady = false): { server: RunningServer; logs: LogStore } => {
  const logs = fileLogStore(mkdtempSync(join(tmpdir(), 'pgx-webapp-')));
  const server = startServer({ spec: spec(overrides), store: memoryStateStore(initialState({ now: Date.now() })), logs, listenPort: 0, neverReady, pid: 9 });
  started.push(server);
  return { server, logs };
};

const baseOf = async (server: RunningServer) => `http://127.0.0.1:${await server.ready}`;

/** What app-health.ts counts as up: a 2xx for `ok`, any status below 500 for `any-answer`. */
const healthy = (probe: HealthProbe, status: number) => (probe.accept === 'ok' ? status >= 200 && status < 300 : status < 500);

const waitForLog = async (logs: LogStore, id: string, text: string): Promise<string> => {
  const deadline = Date.now() + 2_000;
  while (!logs.read(id).includes(text) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  return logs.read(id);
};

describe('simulated Open WebUI', () => {
  it('answers /health, serves its page and its public config, and logs uvicorn access lines (not /health)', async () => {
    const { server, logs } = boot({ kind: 'open-webui' });
    const base = await baseOf(server);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('{"status":true}');

    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Open WebUI</title>');
    // A single-page app: its own routes are the same page.
    expect((await fetch(`${base}/auth`)).status).toBe(200);

    const config = (await (await fetch(`${base}/api/config`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({ onboarding: true, status: true, name: 'Open WebUI', version: '0.6.34', features: { auth: true, enable_signup: true } });
    const missing = await fetch(`${base}/api/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Not Found' });

    const log = await waitForLog(logs, spec({}).id, '/api/v1/nothing');
    expect(log).toMatch(/^INFO: {5}127\.0\.0\.1:\d+ - "GET \/ HTTP\/1\.1" 200 OK$/m);
    expect(log).toMatch(/^INFO: {5}127\.0\.0\.1:\d+ - "GET \/api\/v1\/nothing HTTP\/1\.1" 404 Not Found$/m);
    expect(log).not.toContain('/health');
  });
});

describe('simulated LLaMA Factory servers', () => {
  it('`llamafactory-cli webui` serves LlamaBoard’s page; `llamafactory-cli api` stays OpenAI-compatible', async () => {
    const board = boot({ kind: 'llamafactory', port: 7860, subcommand: 'webui' });
    const page = await fetch(await baseOf(board.server));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>LLaMA Board</title>');

    // The host CLI's webui starts its server without a subcommand: also LlamaBoard.
    const hostBoard = boot({ id: 'llamafactory-webui', kind: 'llamafactory', port: 7861 });
    expect(await (await fetch(await baseOf(hostBoard.server))).text()).toContain('<title>LLaMA Board</title>');

    const api = boot({ id: 'c3'.repeat(32), kind: 'llamafactory', port: 8000, subcommand: 'api', model: 'llamafactory', servedName: 'llamafactory' });
    const models = await fetch(`${await baseOf(api.server)}/v1/models`);
    expect(models.status).toBe(200);
    expect(((await models.json()) as { data: Array<{ id: string }> }).data[0]?.id).toBe('llamafactory');
  });
});

describe('web app life cycle', () => {
  it('listens only after readyAfterMs, never under server-never-ready, and stop() closes it', async () => {
    const { server } = boot({ kind: 'jupyter', token: 'x'.repeat(32), readyAfterMs: 60 });
    expect(server.port()).toBeUndefined();
    const base = await baseOf(server);
    expect((await fetch(`${base}/api`)).status).toBe(200);
    await server.stop();
    await expect(fetch(`${base}/api`)).rejects.toThrow();

    const stuck = boot({ id: 'd4'.repeat(32), kind: 'open-webui' }, true).server;
    const outcome = await Promise.race([stuck.ready.then(() => 'ready'), new Promise((resolve) => setTimeout(() => resolve('still starting'), 100))]);
    expect(outcome).toBe('still starting');
    expect(stuck.port()).toBeUndefined();

    // DGX Dashboard is the OS's service, not a model server: the fault does not reach it.
    const dashboard = boot({ id: 'dgx-dashboard', kind: 'dgx-dashboard', port: 11000 }, true).server;
    expect((await fetch(await baseOf(dashboard))).status).toBe(200);
  });
});

describe('apps as the app launches them', () => {
  /** Runs the app's own launch command's `docker run` on a simulated box; the server spec docker starts. */
  const launched = async (input: Parameters<typeof launch>[0]) => {
    const app = launch(input);
    const box = dockerBox({ readyMs: 0 });
    const dockerRun = scriptCommands(app.command!).find((words) => words[0] === 'docker')!;
    const result = await run(box, ...dockerRun.slice(1));
    expect(result.code, result.stderr).toBe(0);
    const serverSpec = box.servers.started[0]!;
    expect(serverSpec.port).toBe(app.port);
    const logs = fileLogStore(join(box.root, '.serve-logs'));
    const server = startServer({ spec: serverSpec, store: box.store, logs, listenPort: 0, neverReady: false, pid: 11 });
    started.push(server);
    return { app, base: await baseOf(server) };
  };

  it('JupyterLab: the health probe passes on /api and the URL the app opens (with the token) is the Lab page', async () => {
    const token = 'f00d'.repeat(10);
    // An absolute folder: these words skip the shell that would expand the default `$HOME/notebooks`.
    const { app, base } = await launched({ app: 'jupyterlab', token, notebookDir: '/home/demo/notebooks' });
    expect(healthy(app.health, (await fetch(`${base}${app.health.path}`)).status)).toBe(true);
    const page = await fetch(`${base}${app.urlPath}`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>JupyterLab</title>');
    expect((await fetch(`${base}/lab?token=${'0'.repeat(40)}`, { redirect: 'manual' })).status).toBe(302);
  });

  it('Open WebUI: the health probe passes on /health and the URL the app opens is Open WebUI’s page', async () => {
    const { app, base } = await launched({ app: 'open-webui' });
    expect(healthy(app.health, (await fetch(`${base}${app.health.path}`)).status)).toBe(true);
    expect(await (await fetch(`${base}${app.urlPath}`)).text()).toContain('<title>Open WebUI</title>');
  });
});
