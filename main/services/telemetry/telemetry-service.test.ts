/**
 * Telemetry end to end below the UI: the collector script on the real sshd (real /proc of this
 * machine, simulated nvidia-smi) and its native twin on the demo box, both through the same
 * protocol reader and sample builder.
 */
import { appConnection, demoServer, sshdServer } from '../../../e2e/harness/app-connection.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetrySample } from '../../../src/domain/telemetry.js';
import { setActivity } from '../../demo/sim/dynamics.js';
import { startDemoBox, type DemoBox } from '../../demo/demo-box.js';
import type { SshConnection } from '../../ssh/connection.js';
import { startSshd, type Sshd } from '../../../e2e/harness/sshd.js';
import { silentLogger } from '../log.js';
import { TelemetryService } from './telemetry-service.js';
import { TelemetryArchive } from './telemetry-archive.js';
import { defaultSettings } from '../../../src/domain/settings.js';
import type { AlertChange } from '../../../src/telemetry/alerts.js';

const until = async <T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

const collect = (connection: SshConnection, archive?: TelemetryArchive) => {
  const samples: TelemetrySample[] = [];
  const problems: string[] = [];
  const alerts: AlertChange[] = [];
  const service = new TelemetryService({
    connection: () => connection,
    log: silentLogger,
    events: { sampled: (_c, _d, s) => samples.push(s), factsRead: () => {}, failed: (_c, _d, message) => problems.push(message), alerted: (_d, change) => alerts.push(change) },
    // A memory threshold any box is above, so the alert path runs without waiting for heat.
    thresholds: () => ({ ...defaultSettings().alerts, memoryPercent: 1 }),
    ...(archive ? { archive } : {}),
  });
  return { service, samples, problems, alerts };
};

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('telemetry collector', () => {
  it('on a real sshd: memory is this machine’s /proc/meminfo, GPU from nvidia-smi, rates from two ticks', async () => {
    const sshd: Sshd = await startSshd({ simulator: true });
    cleanup.push(() => sshd.stop());
    const connection = appConnection(sshdServer(sshd));
    await connection.connect();
    cleanup.push(() => connection.disconnect());
    const { service, samples, problems } = collect(connection);
    cleanup.push(() => service.dispose());
    service.watch('window-1', 'box', true, 250);
    const sample = await until(() => samples.find((s) => s.gpu !== null && s.memory !== null), 10_000, 'a sample');
    const memTotalKb = Number(/^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
    expect(sample.memory!.totalBytes).toBe(memTotalKb * 1024);
    expect(sample.memory!.usedBytes).toBeGreaterThan(0);
    expect(sample.memory!.usedBytes).toBeLessThan(sample.memory!.totalBytes);
    expect(sample.gpu!.temperatureC).toBeGreaterThan(20);
    expect(sample.cores.length).toBeGreaterThan(0);
    expect(sample.cpuBusyPercent).not.toBeNull();
    expect(problems).toEqual([]);
    // Nobody watching: the collector stops.
    service.watch('window-1', 'box', false);
    expect(service.running).toBe(0);
    await until(() => (connection.channels === 0 ? true : undefined), 5_000, 'the channel to close');
  });

  it('on the demo box: GB10 memory, 20 cores in two clusters, and GPU numbers that follow the load', async () => {
    const box: DemoBox = await startDemoBox({ dir: mkdtempSync(join(tmpdir(), 'pgx-tele-')), log: silentLogger });
    cleanup.push(() => box.stop());
    const connection = appConnection(demoServer(box));
    await connection.connect();
    cleanup.push(() => connection.disconnect());
    const dir = mkdtempSync(join(tmpdir(), 'pgx-day-'));
    const { service, samples, alerts } = collect(connection, new TelemetryArchive({ dir, log: silentLogger }));
    cleanup.push(() => service.dispose());
    service.watch('window-1', 'demo', true, 250);
    const first = await until(() => samples.find((s) => s.gpu !== null), 10_000, 'a sample');
    expect(first.memory!.totalBytes).toBe(box.state().box.memTotalKb * 1024);
    expect(first.cores).toHaveLength(20);
    expect(first.cores.filter((c) => c.cluster === 'big').map((c) => c.core)).toEqual([5, 6, 7, 8, 9, 15, 16, 17, 18, 19]);
    expect(first.gpu!.utilizationPercent).toBeLessThan(20);
    expect(first.net.map((n) => n.name)).toContain('enP7s7');
    expect(first.disks.some((d) => d.mount === '/')).toBe(true);

    box.update((state) => setActivity(state, 'test-load', { util: 95, cpuCores: 4 }, Date.now()));
    const loaded = await until(() => samples.slice(-1).find((s) => (s.gpu?.utilizationPercent ?? 0) > 80), 10_000, 'the load to show');
    expect(loaded.gpu!.powerW!).toBeGreaterThan(first.gpu!.powerW!);
    // Crossing a threshold raises one alert, not one per sample.
    expect(alerts.filter((a) => a.kind === 'memory-high')).toEqual([expect.objectContaining({ raised: true, threshold: 1 })]);

    // Quitting keeps the open minute: the next start finds it in the day, with this run's GPU numbers.
    service.watch('window-1', 'demo', false);
    const seen = samples.filter((s) => s.gpu?.utilizationPercent !== null);
    service.dispose();
    const day = new TelemetryArchive({ dir, log: silentLogger }).day('demo');
    expect(day.length).toBeGreaterThanOrEqual(1);
    const newest = day[day.length - 1]!;
    expect(newest.gpu!.temperatureC).toBe(Math.max(...seen.filter((s) => s.at >= newest.at).map((s) => s.gpu!.temperatureC!)));
    expect(newest.memory!.totalBytes).toBe(box.state().box.memTotalKb * 1024);
  });
});
