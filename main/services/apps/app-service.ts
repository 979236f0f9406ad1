/**
 * One-click apps on each box: launch (the command launch() gives, after the arm64 check), a
 * tunnel to the app's box port, a health probe through that tunnel, stop / start / remove / logs.
 * Nothing here is the truth about what runs: each refresh reads the box (box-apps.ts), so apps
 * started before a restart or from another laptop are found by their labels, and their tunnels
 * opened again.
 */
import type { AppView } from '../../../src/domain/app.js';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import { appKey, appLogsCommand, readServiceStates, removeAppCommand, serviceStatesAnswered, serviceStatesCommand, startContainerAppCommand, stopAppCommand } from '../../../src/recipes/app-control.js';
import type { DiscoveredApp } from '../../../src/recipes/app-discovery.js';
import { ollamaServiceStartCommand } from '../../../src/recipes/app-health.js';
import { AppSpec, type AppSpecInput, CustomAppSpec, appDefaults } from '../../../src/recipes/app-specs.js';
import { launch } from '../../../src/recipes/apps.js';
import { removeContainersCommand } from '../../../src/remote/commands/docker.js';
import { mergeLogs } from '../containers/container-service.js';
import { readImagePlatform, requireRunnable } from '../containers/image-platform.js';
import type { SshConnection } from '../../ssh/connection.js';
import { BoxRecords } from '../box-records.js';
import { refusingInvalid } from '../bad-request.js';
import type { Logger } from '../log.js';
import type { TunnelService } from '../tunnels/tunnel-service.js';
import { appLabel, appView, launchFailure, recordFromDiscovery, recordFromLaunch, type AppRecord } from './app-records.js';
import { readBoxApps, readJupyterToken } from './box-apps.js';
import { probeHealth } from './health-probe.js';

export const appServiceLimits = {
  /** `docker run` may pull an image of tens of GB first. */
  launchTimeoutMs: 60 * 60_000,
  actionTimeoutMs: 60_000,
  /** Probes of an app that is up (or given up on): often enough to notice it going away. */
  watchIntervalMs: 5_000,
} as const;

export class AppService {
  /** One refresh per box at a time; callers during one share it. */
  readonly #boxes = new BoxRecords<AppRecord>();

  constructor(
    private readonly deps: {
      readonly connection: (deviceId: string) => SshConnection;
      readonly tunnels: TunnelService;
      readonly changed: (deviceId: string, apps: AppView[]) => void;
      readonly log: Logger;
      readonly now?: () => number;
    },
  ) {}

  #now(): number {
    return (this.deps.now ?? Date.now)();
  }

  #device(deviceId: string): Map<string, AppRecord> {
    return this.#boxes.of(deviceId);
  }

  list(deviceId: string): AppView[] {
    return [...this.#device(deviceId).values()].map((r) => this.#viewOf(r));
  }

  #viewOf(record: AppRecord): AppView {
    return appView(record, this.deps.tunnels.list(record.deviceId).find((t) => t.appId === record.key));
  }

  #emit(deviceId: string): void {
    this.deps.changed(deviceId, this.list(deviceId));
  }

  /** Reads the box again: apps found, gone, started or stopped elsewhere; tunnels follow. */
  refresh(deviceId: string): Promise<void> {
    return this.#boxes.once(deviceId, () => this.#readBox(deviceId));
  }

  /** The box came back (or first connected): find its apps and reopen their tunnels; errors only logged. */
  connected(deviceId: string): void {
    this.refresh(deviceId).catch((error: unknown) => this.deps.log.warn(`apps: reading the apps of ${deviceId} failed`, error));
  }

  async #readBox(deviceId: string): Promise<void> {
    const box = this.deps.connection(deviceId);
    const found = await readBoxApps(box);
    const records = this.#device(deviceId);
    const seen = new Set<string>();
    for (const app of found.apps) {
      const key = appKey(app.where);
      seen.add(key);
      await this.#merge(deviceId, key, app);
    }
    for (const [unit, state] of found.services) {
      const key = appKey({ kind: 'box-service', unit });
      seen.add(key);
      this.#mergeService(deviceId, key, unit, state);
    }
    for (const [key, record] of records) {
      if (seen.has(key)) continue;
      // Removed on the box (by hand, from another laptop): its card and tunnel go.
      this.#forget(record);
    }
    if (found.problems.length > 0) this.deps.log.warn(`apps: ${deviceId}: ${found.problems.join('; ')}`);
    this.#emit(deviceId);
  }

  async #merge(deviceId: string, key: string, found: DiscoveredApp): Promise<void> {
    const records = this.#device(deviceId);
    let record = records.get(key);
    if (!record) {
      record = recordFromDiscovery(deviceId, key, found, this.#now());
      records.set(key, record);
    }
    record.pid = found.where.kind === 'host-job' ? found.where.pid : null;
    record.recipe = found.recipe;
    if (found.app === 'jupyterlab' && found.where.kind === 'container' && !record.openPath.includes('token=')) {
      const token = await readJupyterToken(this.deps.connection(deviceId), found.where.name);
      if (token !== null) record.openPath = `${found.urlPath}${found.urlPath.includes('?') ? '&' : '?'}token=${token}`;
    }
    if (found.running && !record.running) await this.#up(record, record.startedAt === null ? this.#now() + (record.probe?.startupMs ?? 0) : record.deadline);
    else if (!found.running) this.#down(record, found.exitCode !== null && found.exitCode !== 0 ? `It exited with code ${found.exitCode}.` : null);
  }

  #mergeService(deviceId: string, key: string, unit: string, state: string): void {
    const records = this.#device(deviceId);
    const record = records.get(key);
    const tunnelled = this.deps.tunnels.list(deviceId).some((t) => t.appId === key);
    if (!record) {
      // A service gets a card once it runs or someone opened it here (its tunnel is remembered).
      if (state !== 'active' && !tunnelled) return;
      const spec = unit === 'ollama' ? launch({ app: 'ollama', mode: 'service' }) : launch({ app: 'dgx-dashboard' });
      const created = recordFromLaunch(deviceId, this.#now(), spec, null);
      created.startedAt = null;
      records.set(key, created);
      if (tunnelled) void this.#up(created, this.#now() + (created.probe?.startupMs ?? 0));
      else created.health = 'stopped';
    }
    const current = records.get(key)!;
    current.running = state === 'active' || (state === 'unknown' && current.everHealthy);
  }

  /** It runs: a tunnel to its port and probes until it answers (or the deadline passes). */
  async #up(record: AppRecord, deadline: number): Promise<void> {
    record.running = true;
    record.deadline = deadline;
    if (!record.everHealthy) record.health = 'starting';
    record.problem = null;
    if (record.boxPort !== null) {
      await this.deps.tunnels.open(record.deviceId, record.boxPort, { label: appLabel(record), appId: record.key });
    }
    this.#schedule(record, 0);
  }

  #down(record: AppRecord, problem: string | null): void {
    if (record.timer) clearTimeout(record.timer);
    record.timer = undefined;
    record.running = false;
    record.everHealthy = false;
    record.health = problem === null ? 'stopped' : 'failed';
    record.problem = problem;
    this.#closeTunnel(record);
  }

  #forget(record: AppRecord): void {
    this.#down(record, null);
    this.#device(record.deviceId).delete(record.key);
  }

  #closeTunnel(record: AppRecord): void {
    for (const t of this.deps.tunnels.list(record.deviceId)) if (t.appId === record.key) this.deps.tunnels.close(t.id);
  }

  #schedule(record: AppRecord, delayMs: number): void {
    if (record.timer) clearTimeout(record.timer);
    record.timer = setTimeout(() => void this.#probe(record), delayMs);
  }

  async #probe(record: AppRecord): Promise<void> {
    record.timer = undefined;
    const probe = record.probe;
    const tunnel = this.deps.tunnels.list(record.deviceId).find((t) => t.appId === record.key);
    if (!record.running || !probe || !tunnel || this.#device(record.deviceId).get(record.key) !== record) return;
    const before = `${record.health}|${record.problem}`;
    if (this.deps.connection(record.deviceId).status.kind !== 'connected') {
      // The box is away: nothing can be said until it is back (then connected() reads it again).
      record.health = 'unknown';
    } else {
      const result = await probeHealth(tunnel.localPort, probe);
      if (!record.running) return;
      if (result.healthy) {
        record.everHealthy = true;
        record.health = 'healthy';
        record.problem = null;
      } else if (record.everHealthy) {
        record.health = 'unhealthy';
        record.problem = `It stopped answering: ${result.reason}.`;
      } else if (this.#now() >= record.deadline) {
        record.health = 'failed';
        record.problem = `It did not answer on box port ${String(record.boxPort)} within ${Math.round(probe.startupMs / 1000)} s (${result.reason}). Its logs say why.`;
      } else record.health = 'starting';
    }
    if (`${record.health}|${record.problem}` !== before) this.#emit(record.deviceId);
    this.#schedule(record, record.health === 'starting' ? probe.intervalMs : appServiceLimits.watchIntervalMs);
  }

  #find(deviceId: string, key: string): AppRecord {
    const record = this.#device(deviceId).get(key);
    if (!record) throw new AppFailure(appError('not-found', 'That app is not on this box any more.', 'Refresh the Apps page.'));
    return record;
  }

  /** Runs what launch() gives for the spec (nothing, for a box service), then tunnel and probes. */
  async launch(deviceId: string, input: AppSpecInput): Promise<AppView> {
    const { plan, spec } = refusingInvalid(() => ({ plan: launch(input), spec: AppSpec.parse(input) }), 'Correct the field and try again.');
    const key = appKey(plan.instance);
    await this.refresh(deviceId);
    const existing = this.#device(deviceId).get(key);
    if (existing?.running && plan.instance.kind !== 'box-service') return this.#viewOf(existing);
    const box = this.deps.connection(deviceId);
    if (plan.instance.kind === 'box-service' && plan.instance.unit === 'ollama' && ['inactive', 'failed'].includes(await this.#serviceState(box, 'ollama'))) {
      throw new AppFailure(appError('not-ready', 'DGX OS’s Ollama service is not running on the box.', `Start it in a terminal on the box: ${ollamaServiceStartCommand} — or launch Ollama as a container instead.`));
    }
    if (plan.instance.kind === 'container') {
      const image = spec.app === 'custom' ? (spec.run.kind === 'container' ? spec.run.container.image : null) : 'image' in spec ? spec.image : null;
      if (image) requireRunnable(await readImagePlatform(box, image, appServiceLimits.actionTimeoutMs));
      // A stopped container of the same name (an earlier launch) gives way to the new spec.
      if (existing) await box.exec(removeContainersCommand([plan.instance.name], { force: true }), { timeoutMs: appServiceLimits.actionTimeoutMs });
    }
    if (plan.command !== null) {
      const result = await box.exec(plan.command, { timeoutMs: appServiceLimits.launchTimeoutMs });
      if (result.code !== 0) throw launchFailure(result, `Starting ${plan.app}`);
    }
    const record = recordFromLaunch(deviceId, this.#now(), plan, spec);
    if (existing) {
      if (existing.timer) clearTimeout(existing.timer);
      record.everHealthy = existing.everHealthy && plan.instance.kind === 'box-service';
    }
    this.#device(deviceId).set(key, record);
    if (plan.instance.kind === 'box-service') record.running = true;
    await this.#up(record, record.deadline);
    this.#emit(deviceId);
    return this.#viewOf(record);
  }

  /** systemd's word for a unit; a box without systemctl says `unknown` and the health probe decides. */
  async #serviceState(box: SshConnection, unit: string): Promise<string> {
    const result = await box.exec(serviceStatesCommand([unit]), { timeoutMs: appServiceLimits.actionTimeoutMs });
    return serviceStatesAnswered(result.code) ? (readServiceStates([unit], result.stdout).get(unit) ?? 'unknown') : 'unknown';
  }

  /** Starts a stopped app: its container again, or a custom job from its recipe. */
  async start(deviceId: string, key: string): Promise<AppView> {
    const record = this.#find(deviceId, key);
    const command = startContainerAppCommand(record.where);
    if (command !== null) {
      const result = await this.deps.connection(deviceId).exec(command, { timeoutMs: appServiceLimits.actionTimeoutMs });
      if (result.code !== 0) throw launchFailure(result, `Starting ${record.key}`);
      record.startedAt = this.#now();
      await this.#up(record, this.#now() + (record.probe?.startupMs ?? 0));
      this.#emit(deviceId);
      return this.#viewOf(record);
    }
    const recipe = CustomAppSpec.safeParse(record.recipe);
    if (record.where.kind === 'host-job' && recipe.success) return this.launch(deviceId, recipe.data);
    if (record.where.kind === 'box-service') return this.launch(deviceId, record.app === 'ollama' ? { app: 'ollama', mode: 'service' } : { app: 'dgx-dashboard', boxPort: record.boxPort ?? appDefaults.dgxDashboard.port });
    throw new AppFailure(appError('unsupported', 'This app cannot be started again from here: its recipe is missing.', 'Launch it again from its card.'));
  }

  /** Stops it (a box service: only its tunnel closes here; systemd keeps it) and, with remove, deletes it. */
  async stop(deviceId: string, key: string, remove: boolean): Promise<void> {
    const record = this.#find(deviceId, key);
    const box = this.deps.connection(deviceId);
    const stop = record.running ? stopAppCommand(record.where, record.pid) : null;
    if (stop !== null) {
      const result = await box.exec(stop, { timeoutMs: appServiceLimits.actionTimeoutMs });
      if (result.code !== 0) throw launchFailure(result, `Stopping ${record.key}`);
    }
    const removal = remove ? removeAppCommand(record.where) : null;
    if (removal !== null) {
      const result = await box.exec(removal, { timeoutMs: appServiceLimits.actionTimeoutMs });
      if (result.code !== 0) throw launchFailure(result, `Removing ${record.key}`);
    }
    if (record.where.kind === 'box-service') {
      this.#closeTunnel(record);
      if (record.timer) clearTimeout(record.timer);
      record.health = 'stopped';
      record.everHealthy = false;
    } else if (removal !== null) this.#forget(record);
    else this.#down(record, null);
    this.#emit(deviceId);
  }

  async logs(deviceId: string, key: string, tail: number): Promise<string> {
    const record = this.#find(deviceId, key);
    const command = appLogsCommand(record.where, tail);
    if (command === null) throw new AppFailure(appError('unsupported', 'A service of the box writes to the system journal, which needs sudo to read.', `In a terminal on the box: sudo journalctl -u ${record.where.kind === 'box-service' ? (record.where.unit ?? 'dgx-dashboard') : 'ollama'} -n ${tail}`));
    const result = await this.deps.connection(deviceId).exec(command, { timeoutMs: appServiceLimits.actionTimeoutMs });
    if (result.code !== 0) throw launchFailure(result, 'Reading its logs');
    return record.where.kind === 'container' ? mergeLogs(result.stdout, result.stderr) : result.stdout;
  }

  forgetDevice(deviceId: string): void {
    this.#boxes.forget(deviceId);
  }

  dispose(): void {
    for (const deviceId of this.#boxes.devices()) this.forgetDevice(deviceId);
  }
}
