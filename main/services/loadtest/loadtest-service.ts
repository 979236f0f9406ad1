/**
 * Load tests in main: resolves the target (a box server through its tunnel, or a URL on this
 * computer), runs the runner, sends progress and the report to the window that started it, and
 * saves the report on this computer and, for a box server, on the box. GPU temperature, power and
 * utilisation during the run come from the telemetry samples the app took meanwhile.
 */
import { randomBytes } from 'node:crypto';
import { AppFailure, appError, type AppError } from '../../../src/contract/errors.js';
import type { LoadTestProgress, LoadTestReportEntry } from '../../../src/contract/methods/loadtest.js';
import type { LoadTestReport, LoadTestSettings } from '../../../src/domain/loadtest.js';
import type { ServerView } from '../../../src/domain/serve.js';
import type { TelemetrySample } from '../../../src/domain/telemetry.js';
import type { TunnelView } from '../../../src/domain/tunnel.js';
import { saveBoxReportCommand } from '../../../src/loadtest/box-report.js';
import type { Logger } from '../log.js';
import type { ReportStore } from './report-store.js';
import type { ClientChannel } from 'ssh2';
import { runLoadTestOnBox } from './box-runner.js';
import { runLoadTest, type RunTarget } from './runner.js';

export interface LoadTestDeps {
  readonly tunnels: { list(deviceId?: string): TunnelView[]; open(deviceId: string, boxPort: number, options?: { label?: string }): Promise<TunnelView> };
  /** The box's model servers as Serve sees them (for the report's recipe). */
  readonly servers: (deviceId: string) => ServerView[];
  /** Telemetry samples the app holds for the box. */
  readonly samples: (deviceId: string) => readonly TelemetrySample[];
  /** Keeps the box's telemetry sampling while a run lasts, as a watching window would (the report's GPU numbers come from it). */
  readonly watchTelemetry?: (watcherId: string, deviceId: string, on: boolean) => void;
  /** Runs a command on the box with `stdin`; rejects or returns a non-zero code on failure. */
  readonly exec: (deviceId: string, command: string, stdin: string) => Promise<{ code: number | null; stderr: string }>;
  /** Starts a command on the box whose output streams (the on-box client). */
  readonly execStream: (deviceId: string, command: string) => Promise<ClientChannel>;
  readonly store: ReportStore;
  readonly events: {
    progressed(clientId: string, payload: LoadTestProgress): void;
    finished(clientId: string, payload: { runId: string; report: LoadTestReport | null; error: AppError | null }): void;
  };
  readonly log: Logger;
}

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A URL target: http on this computer only; its path up to /v1 is kept as a prefix. */
export const urlTarget = (baseUrl: string, model: string): RunTarget => {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || !localHosts.has(url.hostname)) {
    throw new AppFailure(appError('bad-request', `A load test only sends to a server on this computer (http://127.0.0.1 or http://localhost), not ${url.origin}.`, 'Pick a running server of a box (its tunnel is on this computer), or open a tunnel to it and use its local URL.'));
  }
  return { port: Number(url.port || 80), basePath: url.pathname.replace(/\/+$/, '').replace(/\/v1$/, ''), model };
};

interface LiveRun {
  readonly clientId: string;
  readonly abort: AbortController;
}

export class LoadTestService {
  readonly #runs = new Map<string, LiveRun>();

  constructor(private readonly deps: LoadTestDeps) {}

  async #target(settings: LoadTestSettings): Promise<RunTarget> {
    const t = settings.target;
    if (t.kind === 'url') return urlTarget(t.baseUrl, t.model);
    const tunnel = this.deps.tunnels.list(t.deviceId).find((x) => x.boxPort === t.boxPort) ?? (await this.deps.tunnels.open(t.deviceId, t.boxPort, { label: `Model server ${t.boxPort}` }));
    if (tunnel.state !== 'ready') throw new AppFailure(appError('not-connected', `The box is not connected, so its port ${t.boxPort} cannot be reached.`, 'Connect to the box, then start the load test again.'));
    return { port: tunnel.localPort, basePath: '', model: t.model };
  }

  #server(settings: LoadTestSettings): LoadTestReport['server'] {
    const t = settings.target;
    if (t.kind !== 'server') return null;
    const view = this.deps.servers(t.deviceId).find((s) => s.boxPort === t.boxPort);
    if (!view) return null;
    return { engine: view.engine, image: view.image, model: view.model, recipe: { containerName: view.containerName, servedModelName: view.servedModelName, command: view.command } };
  }

  async start(clientId: string, settings: LoadTestSettings, name?: string): Promise<{ runId: string }> {
    const t = settings.target;
    if (settings.place === 'box' && t.kind !== 'server') {
      throw new AppFailure(appError('unsupported', 'A URL on this computer cannot be load-tested from the box.', 'Pick one of the box’s running servers, or run the client on this computer.'));
    }
    const target = settings.place === 'box' ? null : await this.#target(settings);
    const runId = randomBytes(8).toString('hex');
    const abort = new AbortController();
    this.#runs.set(runId, { clientId, abort });
    const createdAt = Date.now();
    const server = this.#server(settings);
    const deviceId = settings.target.kind === 'server' ? settings.target.deviceId : null;
    const watcher = `loadtest:${runId}`;
    if (deviceId !== null) this.deps.watchTelemetry?.(watcher, deviceId, true);
    const progress = (p: Parameters<NonNullable<Parameters<typeof runLoadTest>[0]['progress']>>[0]) => this.deps.events.progressed(clientId, { runId, levels: settings.parallel.length, ...p });
    const run =
      target === null && t.kind === 'server'
        ? runLoadTestOnBox({ settings, boxPort: t.boxPort, model: t.model, io: { exec: (command, stdin) => this.deps.exec(t.deviceId, command, stdin), execStream: (command) => this.deps.execStream(t.deviceId, command) }, signal: abort.signal, progress })
        : runLoadTest({ settings, target: target!, signal: abort.signal, progress });
    void run
      .then((levels) => {
        const report: LoadTestReport = {
          id: runId,
          name: name ?? `${settings.target.model} × ${settings.parallel.join(', ')}`,
          createdAt,
          settings,
          server,
          box: this.#box(settings, createdAt, Date.now()),
          levels,
          state: abort.signal.aborted ? 'cancelled' : 'done',
        };
        this.#save(report);
        this.deps.events.finished(clientId, { runId, report, error: null });
      })
      .catch((error: unknown) => {
        const appErr = error instanceof AppFailure ? error.error : appError('internal', `The load test stopped: ${error instanceof Error ? error.message : String(error)}.`, 'Start it again; the app log has the details.');
        this.deps.log.warn(`loadtest: run ${runId} failed: ${appErr.message}`);
        this.deps.events.finished(clientId, { runId, report: null, error: appErr });
      })
      .finally(() => {
        this.#runs.delete(runId);
        if (deviceId !== null) this.deps.watchTelemetry?.(watcher, deviceId, false);
      });
    return { runId };
  }

  #box(settings: LoadTestSettings, from: number, to: number): LoadTestReport['box'] {
    if (settings.target.kind !== 'server') return [];
    return this.deps
      .samples(settings.target.deviceId)
      .filter((s) => s.at >= from && s.at <= to)
      .map((s) => ({ at: s.at, gpuTempC: s.gpu?.temperatureC ?? null, powerW: s.gpu?.powerW ?? null, gpuUtil: s.gpu?.utilizationPercent ?? null }));
  }

  #save(report: LoadTestReport): void {
    try {
      this.deps.store.save(report);
    } catch (error) {
      this.deps.log.warn(`loadtest: could not save run ${report.id} on this computer: ${String(error)}`);
    }
    const t = report.settings.target;
    if (t.kind !== 'server') return;
    this.deps.exec(t.deviceId, saveBoxReportCommand(report.id), JSON.stringify(report)).then(
      (result) => {
        if (result.code !== 0) this.deps.log.warn(`loadtest: could not save run ${report.id} on the box: ${result.stderr.trim() || `exit ${String(result.code)}`}`);
      },
      (error: unknown) => this.deps.log.warn(`loadtest: could not save run ${report.id} on the box: ${String(error)}`),
    );
  }

  /** Stops a run at once; only the window that started it may. */
  cancel(runId: string, clientId: string): void {
    const run = this.#runs.get(runId);
    if (run?.clientId === clientId) run.abort.abort();
  }

  clientClosed(clientId: string): void {
    for (const run of this.#runs.values()) if (run.clientId === clientId) run.abort.abort();
  }

  reports(): LoadTestReportEntry[] {
    return this.deps.store.list();
  }

  report(id: string): LoadTestReport {
    return this.deps.store.get(id);
  }

  rename(id: string, name: string): LoadTestReportEntry {
    return this.deps.store.rename(id, name);
  }

  delete(id: string): void {
    this.deps.store.delete(id);
  }

  dispose(): void {
    for (const run of this.#runs.values()) run.abort.abort();
  }
}
