import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { Client } from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { launch } from '../../../../src/recipes/apps.js';
import { readServiceState } from '../../../../src/recipes/app-health.js';
import { parseMeminfo } from '../../../../src/remote/parsers/proc-meminfo.js';
import { silentLogger } from '../../../services/log.js';
import { startDemoBox, type DemoBox } from '../../demo-box.js';
import { initialState } from '../box.js';
import { renderMeminfo } from '../programs/system/render-meminfo.js';
import { fileLogStore, memoryStateStore } from '../state-store.js';
import { dgxDashboardSpec } from './dgx-dashboard-site.js';
import type { RunningServer } from './openai-server.js';
import { startServer } from './start-server.js';

let running: RunningServer | undefined;
let demo: DemoBox | undefined;
afterEach(async () => {
  await running?.stop();
  await demo?.stop();
  running = undefined;
  demo = undefined;
});

const gibOnPage = (html: string): { used: number; total: number } => {
  const match = /<td id="memory">([\d.]+) GiB used of ([\d.]+) GiB<\/td>/.exec(html);
  return { used: Number(match?.[1]), total: Number(match?.[2]) };
};

describe('simulated DGX Dashboard', () => {
  it('shows the GPU and the unified memory in use, agreeing with /proc/meminfo of the same box', async () => {
    const store = memoryStateStore(initialState({ now: Date.now() }));
    // A model server holding 40 GiB of unified memory.
    store.update((s, now) => {
      s.gpuProcesses.push({ pid: 41_001, name: 'VLLM::EngineCore', type: 'C', memoryMiB: 40 * 1024, startedAt: now - 60_000, loadMs: 0, containerId: undefined, fileCacheMiB: 0 });
    }, Date.now());
    running = startServer({ spec: dgxDashboardSpec(), store, logs: fileLogStore(mkdtempSync(join(tmpdir(), 'pgx-dash-'))), listenPort: 0, neverReady: false, pid: 3 });
    const res = await fetch(`http://127.0.0.1:${await running.ready}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>DGX Dashboard</title>');
    expect(html).toContain('<td>GPU</td><td>NVIDIA GB10</td>');

    const meminfo = parseMeminfo(renderMeminfo(store.read(), Date.now()));
    if (!meminfo.ok) throw new Error(meminfo.reason);
    const page = gibOnPage(html);
    expect(page.total).toBeCloseTo(meminfo.meminfo.totalBytes / 1024 ** 3, 1);
    // Same state, read a moment apart: the OS's few-MiB wobble at most.
    expect(Math.abs(page.used - meminfo.meminfo.usedBytes! / 1024 ** 3)).toBeLessThanOrEqual(0.1);
    expect(page.used).toBeGreaterThan(40);
  });
});

const connect = (box: DemoBox): Promise<Client> =>
  new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.connect({
      host: '127.0.0.1',
      port: box.port,
      username: box.user,
      privateKey: box.clientPrivateKey,
      hostVerifier: (key: Buffer) => `ssh-ed25519 ${key.toString('base64')}` === box.hostPublicKey,
    });
  });

const httpThroughTunnel = (client: Client, port: number, path: string): Promise<string> =>
  new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, '127.0.0.1', port, (error, channel) => {
      if (error) return reject(error);
      let text = '';
      channel.on('data', (d: Buffer) => (text += d.toString()));
      channel.on('close', () => resolve(text));
      channel.end(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    });
  });

const exec = (client: Client, command: string): Promise<{ stdout: string; code: number | null }> =>
  new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      let stdout = '';
      let code: number | null = null;
      channel.on('data', (d: Buffer) => (stdout += d.toString()));
      channel.stderr.on('data', () => {});
      channel.on('exit', (c: number | null) => (code = c));
      channel.on('close', () => resolve({ stdout, code }));
    });
  });

describe('DGX Dashboard on the demo box', () => {
  it('answers on box port 11000 from boot, where the app’s Apps page tunnels, and systemctl says the unit is active', async () => {
    demo = await startDemoBox({ dir: mkdtempSync(join(tmpdir(), 'pgx-demo-dash-')), log: silentLogger });
    const client = await connect(demo);
    try {
      const app = launch({ app: 'dgx-dashboard' });
      expect(app.port).toBe(11000);
      const answer = await httpThroughTunnel(client, app.port, app.health.path);
      expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(answer).toContain('<title>DGX Dashboard</title>');

      const units = await exec(client, 'systemctl is-active dgx-dashboard ollama');
      expect(units).toEqual({ stdout: 'active\nactive\n', code: 0 });
      expect(readServiceState(units.stdout)).toBe('active');
    } finally {
      client.end();
    }
  });
});
