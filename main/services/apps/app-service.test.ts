/**
 * One-click apps on the demo box, end to end below the UI: JupyterLab launched with the exact
 * command launch() gives, its tunnel answering over a real TCP forward, the card turning healthy;
 * after a restart (a new service, new tunnels, a new connection) the running app and its tunnel
 * are found again from the box's labels, token included; stop and remove take both away. An
 * amd64-only image is refused before anything runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppView } from '../../../src/domain/app.js';
import { launch } from '../../../src/recipes/apps.js';
import type { DemoBox } from '../../demo/demo-box.js';
import { silentLogger } from '../log.js';
import { cleanups, laptopOn, runCleanups, testDemoBox, until } from '../service-test-kit.js';
import { AppService } from './app-service.js';

afterEach(runCleanups);

const token = 'a'.repeat(16) + '0123456789abcdef';

const demo = (): Promise<DemoBox> => testDemoBox('apps', { serverReadyMs: 300 });

/** The app's side: a connection, its tunnels and the app service, with every command recorded. */
const laptop = async (box: DemoBox) => {
  const side = await laptopOn(box);
  const { connection, tunnels } = side;
  const latest = new Map<string, AppView>();
  const apps = new AppService({ connection: () => connection, tunnels, changed: (_d, list) => list.forEach((a) => latest.set(a.key, a)), log: silentLogger });
  cleanups.push(() => apps.dispose());
  return { ...side, apps, latest, quit: () => (apps.dispose(), side.quit()) };
};

const get = async (url: string) => {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, text: await response.text() };
};

describe('one-click apps on the demo box', () => {
  it('launches JupyterLab with the command it shows, tunnels it, turns healthy, and is found again after a restart', async () => {
    const box = await demo();
    const first = await laptop(box);
    const spec = { app: 'jupyterlab', token } as const;
    const shown = launch(spec).command!;
    const started = await first.apps.launch('demo', spec);
    expect(started).toMatchObject({ key: 'container:pgx-jupyterlab', app: 'jupyterlab', running: true, health: 'starting', boxPort: 8888, command: shown });
    expect(first.executed).toContain(shown);
    expect(started.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/lab\\?token=${token}$`));
    await until(() => first.latest.get('container:pgx-jupyterlab')?.health === 'healthy', 15_000, 'JupyterLab to answer');
    const page = await get(started.url!);
    expect(page.status).toBeLessThan(500);

    // A second launch reuses the running app.
    const again = await first.apps.launch('demo', spec);
    expect(again.tunnelId).toBe(started.tunnelId);

    // The app restarts: nothing of the first run is kept on this side.
    first.quit();
    const second = await laptop(box);
    await second.apps.refresh('demo');
    const found = second.apps.list('demo').find((a) => a.key === 'container:pgx-jupyterlab');
    expect(found).toMatchObject({ running: true, startedAt: null, command: null, boxPort: 8888 });
    expect(found?.url).toMatch(new RegExp(`/lab\\?token=${token}$`));
    expect(second.tunnels.list('demo')).toEqual([expect.objectContaining({ boxPort: 8888, appId: 'container:pgx-jupyterlab' })]);
    await until(() => second.latest.get('container:pgx-jupyterlab')?.health === 'healthy', 15_000, 'the found app to be healthy');
    expect((await get(found!.url!)).status).toBeLessThan(500);

    await second.apps.stop('demo', 'container:pgx-jupyterlab', true);
    expect(second.apps.list('demo').some((a) => a.key === 'container:pgx-jupyterlab')).toBe(false);
    expect(second.tunnels.list('demo')).toEqual([]);
    const ps = await second.connection.exec("docker ps -a --format '{{.Names}}'");
    expect(ps.stdout).not.toMatch(/pgx-jupyterlab/);
  });

  it('refuses an amd64-only image before running anything', async () => {
    const box = await demo();
    const { apps, executed } = await laptop(box);
    box.setFault('image-amd64-only', true);
    await expect(apps.launch('demo', { app: 'open-webui' })).rejects.toMatchObject({ error: { code: 'image-arch-mismatch' } });
    expect(executed.some((c) => c.includes('docker run'))).toBe(false);
  });

  it('opens DGX OS’s Ollama service without starting anything, and stopping it here only closes the tunnel', async () => {
    const box = await demo();
    const { apps, tunnels, executed, latest } = await laptop(box);
    const view = await apps.launch('demo', { app: 'ollama', mode: 'service' });
    expect(view).toMatchObject({ key: 'service:ollama', command: null, boxPort: 11434 });
    expect(executed.some((c) => c.includes('docker run'))).toBe(false);
    await until(() => latest.get('service:ollama')?.health === 'healthy', 10_000, 'Ollama to answer');
    const version = await get(`${view.url!.replace(/\/$/, '')}/api/version`);
    expect(JSON.parse(version.text)).toHaveProperty('version');
    await apps.stop('demo', 'service:ollama', false);
    expect(tunnels.list('demo')).toEqual([]);
    expect(apps.list('demo').find((a) => a.key === 'service:ollama')).toMatchObject({ health: 'stopped', running: true });
  });
});
