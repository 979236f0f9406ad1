/**
 * Containers over a real sshd with the simulator's docker first on PATH: the command shown is the
 * command the box ran, the container carries our labels, stop and remove work; an amd64-only image
 * is refused before any pull; docker needing sudo and a missing NVIDIA runtime each come back as a
 * sentence with the command that fixes it. A cancelled pull ends docker's client on the box: it
 * runs on a terminal, and sshd hangs the terminal up when the channel closes.
 */
import { appConnection, sshdServer } from '../../../e2e/harness/app-connection.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSshd, type Sshd } from '../../../e2e/harness/sshd.js';
import { ContainerRunSpec } from '../../../src/recipes/container-run.js';
import { quote } from '../../../src/remote/quote.js';
import type { SshConnection, ExecOptions } from '../../ssh/connection.js';
import { ContainerService, type PullProgress } from './container-service.js';

let sshd: Sshd;
let connection: SshConnection;
const executed: string[] = [];

beforeAll(async () => {
  sshd = await startSshd({ simulator: true });
  connection = appConnection(sshdServer(sshd));
  await connection.connect();
  // Every command the service sends, as the box receives it.
  const exec = connection.exec.bind(connection);
  connection.exec = (command: string, options?: ExecOptions) => {
    executed.push(command);
    return exec(command, options);
  };
});

afterAll(async () => {
  connection?.disconnect();
  await sshd?.stop();
});

const service = () => new ContainerService(() => connection);

describe('containers on the box', () => {
  it('runs the exact command it shows, finds the container with its labels, stops and removes it', async () => {
    const spec = ContainerRunSpec.parse({ image: 'nvcr.io/nvidia/pytorch:25.09-py3', name: 'pgx-e2e-torch', ports: [{ box: 8899, container: 8888 }], env: [{ key: 'NOTE', value: `it's "quoted" $(not run)` }], command: ['sleep', 'infinity'] });
    const preview = await service().preview('box', spec);
    expect(preview.platform).toEqual({ ok: true, verified: true });
    expect(preview.command).toMatch(/^docker run -d .*--gpus all .*--ipc host .*pgx-companion\.kind=container/);
    const ran = await service().run('box', spec);
    expect(ran.command).toBe(preview.command);
    expect(executed).toContain(preview.command);
    const { containers } = await service().list('box');
    const mine = containers.find((c) => c.name === 'pgx-e2e-torch');
    expect(mine).toMatchObject({ id: ran.containerId, state: 'up', pgxKind: 'container' });
    expect(mine?.ports.some((p) => p.includes(':8899→8888/tcp'))).toBe(true);
    const inspect = await connection.exec(`docker inspect --format '{{json .Config.Env}}' pgx-e2e-torch`);
    expect(inspect.stdout).toContain(JSON.stringify(`NOTE=it's "quoted" $(not run)`).slice(1, -1));

    await service().action('box', 'pgx-e2e-torch', 'stop');
    expect((await service().list('box')).containers.find((c) => c.name === 'pgx-e2e-torch')?.state).toBe('exited');
    await service().action('box', 'pgx-e2e-torch', 'remove');
    expect((await service().list('box')).containers.some((c) => c.name === 'pgx-e2e-torch')).toBe(false);
  });

  it('refuses an amd64-only image before anything is pulled, and says what to use instead', async () => {
    // The registry offers this tag for amd64 only (the fault); it is not on the box yet.
    sshd.sim!.setFault('image-amd64-only', true);
    try {
      const before = (await service().list('box')).images.length;
      const pulls = executed.length;
      const spec = ContainerRunSpec.parse({ image: 'nginx:latest' });
      await expect(service().run('box', spec)).rejects.toMatchObject({ error: { code: 'image-arch-mismatch', hint: expect.stringMatching(/nvcr\.io|multi-arch/) } });
      expect(executed.slice(pulls).some((c) => /docker (run|pull)\b/.test(c))).toBe(false);
      expect((await service().list('box')).images.length).toBe(before);
    } finally {
      sshd.sim!.setFault('image-amd64-only', false);
    }
  });

  it('docker needing sudo, and a box without the NVIDIA runtime, each come with their fix', async () => {
    sshd.sim!.setFault('docker-permission', true);
    try {
      await expect(service().list('box')).rejects.toMatchObject({ error: { code: 'docker-permission', hint: expect.stringContaining('usermod -aG docker') } });
    } finally {
      sshd.sim!.setFault('docker-permission', false);
    }
    sshd.sim!.setFault('nvidia-runtime-missing', true);
    try {
      const spec = ContainerRunSpec.parse({ image: 'nvcr.io/nvidia/pytorch:25.09-py3', name: 'pgx-e2e-gpu', command: ['sleep', 'infinity'] });
      await expect(service().run('box', spec)).rejects.toMatchObject({ error: { code: 'nvidia-runtime-missing', hint: expect.stringContaining('nvidia-ctk') } });
    } finally {
      sshd.sim!.setFault('nvidia-runtime-missing', false);
      await service().action('box', 'pgx-e2e-gpu', 'remove').catch(() => {});
    }
  });

  it('a cancelled pull ends docker on the box: its terminal hangs up and the client goes with it', async () => {
    sshd.sim!.update((state) => {
      // ollama/ollama is 3.4 GiB: a minute and more at this speed.
      state.tuning.downloadBytesPerSec = 50 * 1024 * 1024;
    });
    const containers = service();
    const reports: PullProgress[] = [];
    const settled = containers.pull('box', 'ollama/ollama:latest', 'pull-1', (p) => reports.push(p)).catch((error: unknown) => error);
    // Byte counts: OpenSSH gave docker a terminal, so it draws its bars.
    await vi.waitFor(() => expect(reports.some((r) => r.layers.some((l) => (l.currentBytes ?? 0) > 0 && l.totalBytes !== null))).toBe(true), { timeout: 20_000, interval: 50 });
    // This run's simulated docker only (the bracket keeps pgrep from finding the shell that runs it).
    const running = async () => (await connection.exec(`pgrep -f ${quote(`${sshd.sim!.binDir}/pgx-sim.mjs docker pul[l] ollama`)}`)).code === 0;
    expect(await running()).toBe(true);
    containers.cancelPull('pull-1');
    expect(await settled).toMatchObject({ error: { code: 'cancelled' } });
    await vi.waitFor(async () => expect(await running()).toBe(false), { timeout: 10_000, interval: 100 });
    expect((await containers.list('box')).images.some((i) => i.reference === 'ollama/ollama:latest')).toBe(false);
  });
});
