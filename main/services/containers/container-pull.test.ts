/**
 * Pulling an image on the demo box, as the Run form does before it runs one the box lacks: the
 * box's docker draws byte-count bars on the terminal the pull gets, so each layer reports its
 * bytes; the pull ends 'done' and the image is listed. An amd64-only image is refused before any
 * pull, and a cancelled pull ends at once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appConnection, demoServer } from '../../../e2e/harness/app-connection.js';
import { startDemoBox, type DemoBox } from '../../demo/demo-box.js';
import type { ExecOptions, SshConnection } from '../../ssh/connection.js';
import { silentLogger } from '../log.js';
import { ContainerService, type PullProgress } from './container-service.js';
import { pullTiming } from './image-pull.js';

let box: DemoBox;
let connection: SshConnection;
const executed: string[] = [];
const MiB = 1024 ** 2;

beforeAll(async () => {
  box = await startDemoBox({ dir: mkdtempSync(join(tmpdir(), 'pgx-pull-')), log: silentLogger });
  connection = appConnection(demoServer(box));
  await connection.connect();
  // Every command the service sends, as the box receives it (streams included).
  const exec = connection.exec.bind(connection);
  connection.exec = (command: string, options?: ExecOptions) => {
    executed.push(command);
    return exec(command, options);
  };
  const execStream = connection.execStream.bind(connection);
  connection.execStream = (command, options) => {
    executed.push(command);
    return execStream(command, options);
  };
});

afterAll(async () => {
  connection?.disconnect();
  await box?.stop();
});

const service = () => new ContainerService(() => connection);
const images = async () => (await service().list('demo')).images.map((i) => i.reference);

const setSpeed = (bytesPerSec: number) =>
  box.update((state) => {
    state.tuning.downloadBytesPerSec = bytesPerSec;
  });

describe('pulling an image with per-layer progress', () => {
  it('reports each layer with its bytes as it moves, ends done, and the image is on the box', async () => {
    // ubuntu:24.04 is 101 MiB in six layers: about 2 s to download at 50 MiB/s, 1 s to extract.
    setSpeed(50 * MiB);
    expect(await images()).not.toContain('ubuntu:24.04');
    const reports: Array<PullProgress & { at: number }> = [];
    const pulled = await service().pull('demo', 'ubuntu:24.04', 'p1', (p) => reports.push({ ...p, at: Date.now() }));

    expect(pulled).toEqual({ reference: 'docker.io/library/ubuntu:24.04', upToDate: false });
    expect(executed).toContain('LC_ALL=C docker pull ubuntu:24.04');
    expect(reports[0]).toMatchObject({ deviceId: 'demo', pullId: 'p1', image: 'ubuntu:24.04', phase: 'resolving', layers: [] });
    const last = reports.at(-1)!;
    expect(last.phase).toBe('done');
    expect(last.layers).toHaveLength(6);
    expect(last.layers.every((l) => l.status === 'pull-complete')).toBe(true);
    // The terminal's bars: byte counts while downloading, and each layer's size kept to the end.
    const downloading = reports.flatMap((r) => r.layers).filter((l) => l.status === 'downloading');
    expect(downloading.some((l) => l.currentBytes !== null && l.currentBytes > 0 && l.totalBytes !== null && l.currentBytes < l.totalBytes)).toBe(true);
    expect(reports.some((r) => r.layers.some((l) => l.status === 'extracting' && l.currentBytes !== null))).toBe(true);
    const sizes = last.layers.map((l) => l.totalBytes ?? 0);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(90e6);
    // Throttled: no two reports closer than the interval, but for the last one (sent at the end at once).
    const gaps = reports.slice(1, -1).map((r, i) => r.at - reports[i]!.at);
    expect(gaps.filter((g) => g < pullTiming.emitEveryMs - 20).length).toBeLessThanOrEqual(1);
    expect(reports.length).toBeGreaterThan(3);

    expect(await images()).toContain('ubuntu:24.04');
    // Pulled again: up to date at once, no layers.
    const again: PullProgress[] = [];
    expect(await service().pull('demo', 'docker.io/library/ubuntu:24.04', 'p2', (p) => again.push(p))).toMatchObject({ upToDate: true });
    expect(again.at(-1)).toMatchObject({ phase: 'done', layers: [] });
  });

  it('refuses an amd64-only image before anything is pulled', async () => {
    box.setFault('image-amd64-only', true);
    try {
      const before = await images();
      const count = executed.length;
      const reports: PullProgress[] = [];
      await expect(service().pull('demo', 'nginx:latest', 'p3', (p) => reports.push(p))).rejects.toMatchObject({ error: { code: 'image-arch-mismatch', hint: expect.stringMatching(/nvcr\.io|multi-arch/) } });
      expect(executed.slice(count).some((c) => /docker (run|pull)\b/.test(c))).toBe(false);
      expect(reports).toEqual([]);
      expect(await images()).toEqual(before);
    } finally {
      box.setFault('image-amd64-only', false);
    }
  });

  it('cancel ends the pull at once, and only the caller who started it can cancel it', async () => {
    // ollama/ollama is 3.4 GiB: over a minute at 50 MiB/s.
    setSpeed(50 * MiB);
    const containers = service();
    const reports: PullProgress[] = [];
    const settled = containers.pull('demo', 'ollama/ollama:latest', 'p4', (p) => reports.push(p), 'client-a').catch((error: unknown) => error);
    await vi.waitFor(() => expect(reports.some((r) => r.layers.some((l) => (l.currentBytes ?? 0) > 0))).toBe(true), { timeout: 15_000, interval: 50 });

    // Another caller's cancel with the same id does nothing: the layers keep moving.
    containers.cancelPull('p4', 'client-b');
    const before = reports.length;
    await vi.waitFor(() => expect(reports.length).toBeGreaterThan(before + 1), { timeout: 5_000, interval: 50 });
    containers.cancelPull('p4', 'client-a');
    expect(await settled).toMatchObject({ error: { code: 'cancelled' } });
    // The last report is where it stopped; nothing comes after it.
    const after = reports.length;
    expect(reports.at(-1)!.phase).toBe('pulling');
    await new Promise((resolve) => setTimeout(resolve, pullTiming.emitEveryMs * 3));
    expect(reports.length).toBe(after);
    // Cancelling a pull that ended is nothing.
    containers.cancelPull('p4', 'client-a');
  });

  // The box side of a cancel is checked against OpenSSH in container-service.test.ts; this is the demo box's.
  it('the demo box ends a pull whose channel the client closed: the image never arrives', async () => {
    // alpine here is 8.7 MiB in six layers: done in about 5 s at 4 MiB/s, had the pull gone on.
    setSpeed(4 * MiB);
    const containers = service();
    const reports: PullProgress[] = [];
    const settled = containers.pull('demo', 'alpine:latest', 'p6', (p) => reports.push(p)).catch((error: unknown) => error);
    await vi.waitFor(() => expect(reports.some((r) => r.layers.some((l) => (l.currentBytes ?? 0) > 0))).toBe(true), { timeout: 15_000, interval: 50 });
    containers.cancelPull('p6');
    expect(await settled).toMatchObject({ error: { code: 'cancelled' } });
    // Nothing to wait on for something that must not happen: as long as the whole pull would take, twice.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    expect(await images()).not.toContain('alpine:latest');
  });

  it('a second pull under the same id and caller is refused while the first runs', async () => {
    setSpeed(5 * MiB);
    const containers = service();
    const first = containers.pull('demo', 'alpine:latest', 'p5', () => {}, 'c');
    const firstSettled = first.catch((error: unknown) => error);
    await expect(containers.pull('demo', 'alpine:latest', 'p5', () => {}, 'c')).rejects.toMatchObject({ error: { code: 'conflict' } });
    containers.cancelPull('p5', 'c');
    expect(await firstSettled).toMatchObject({ error: { code: 'cancelled' } });
  });

  it('a failed pull says why, with docker’s own line', async () => {
    // A tag the registry does not have (NGC tags look like 25.09-py3).
    const failed = await service().pull('demo', 'nvcr.io/nvidia/pytorch:latest', 'p6', () => {}).catch((error: unknown) => error);
    expect(failed).toMatchObject({ error: { code: 'image-not-found', message: expect.stringContaining('nvcr.io/nvidia/pytorch:latest'), details: [expect.stringContaining('manifest unknown')] } });
  });
});
