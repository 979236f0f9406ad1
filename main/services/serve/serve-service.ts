/**
 * Model servers on each box: plan (the launch and the memory guard's judgement), launch (guard,
 * arm64 check, `docker run -d`), then follow the start until ready (the log, /health, then
 * /v1/models through a tunnel), explaining a failed start from the log; stop, remove, logs.
 * Nothing here is the truth about what runs: each refresh reads the box, so servers started
 * before a restart or from another laptop are found by their labels and their tunnels reopened.
 */
import { ZodError } from 'zod';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { ServeModelInfo, ServePlanView, ServerView } from '../../../src/domain/serve.js';
import type { TelemetrySample } from '../../../src/domain/telemetry.js';
import { engineFailureLimits, explainEngineFailure, explainReadinessTimeout, lastLogLines } from '../../../src/recipes/engine-failures.js';
import { memoryGuardError, type MemoryHolder } from '../../../src/recipes/memory-guard.js';
import type { WeightFormat, WeightsSize } from '../../../src/recipes/memory-model.js';
import { ollamaJobId, ollamaServerKey } from '../../../src/recipes/serve/serve-ollama-job.js';
import { judgementView, judgeServeLaunch } from '../../../src/recipes/serve/serve-judge.js';
import { type ServeLaunch, serveLaunch } from '../../../src/recipes/serve/serve-launch.js';
import type { ServeSpecInput } from '../../../src/recipes/serve/serve-spec.js';
import { boxClassOf, weightsOf } from '../../../src/recipes/serve/serve-weights.js';
import { removeContainersCommand, stopContainersCommand } from '../../../src/remote/commands/docker.js';
import type { SshConnection } from '../../ssh/connection.js';
import { launchFailure } from '../apps/app-records.js';
import { readImagePlatform, requireRunnable } from '../containers/image-platform.js';
import { BoxRecords } from '../box-records.js';
import { refusingInvalid } from '../bad-request.js';
import type { Logger } from '../log.js';
import type { TunnelService } from '../tunnels/tunnel-service.js';
import { othersThan, ollamaStep, ollamaWeights, readOllamaListed } from './serve-ollama-plan.js';
import { readBoxMemory, readBoxServers, readServerLog } from './serve-box.js';
import { startOllamaJob, stopOllamaServer } from './serve-ollama.js';
import { probeReadiness } from './serve-probe.js';
import { failureView, recordFromDiscovery, recordFromLaunch, type ServerRecord, serverView } from './serve-records.js';

export const serveServiceLimits = {
  /** `docker run` may pull an engine image of tens of GB first. */
  launchTimeoutMs: 60 * 60_000,
  actionTimeoutMs: 60_000,
  /** While starting: the log and the probes once a second (the progress the wizard shows). */
  followIntervalMs: 1_000,
  /** A ready server: often enough to notice it going away. */
  watchIntervalMs: 5_000,
  /** Log lines read per step while following a start. */
  followTail: 400,
} as const;

export interface ServeDeps {
  readonly connection: (deviceId: string) => SshConnection;
  readonly tunnels: TunnelService;
  readonly changed: (deviceId: string, servers: ServerView[]) => void;
  readonly progressed: (deviceId: string, key: string, phase: ServerView['phase'], elapsedMs: number, lines: string[]) => void;
  /** The newest telemetry sample's GPU processes (what each container holds), when telemetry runs. */
  readonly gpuProcesses?: (deviceId: string) => TelemetrySample['processes'] | null;
  readonly log: Logger;
  readonly now?: () => number;
  /** Tests: shorter intervals and startup limits. */
  readonly limits?: { readonly followIntervalMs?: number; readonly watchIntervalMs?: number; readonly startupMs?: number };
}

const formatOf = (weights: ReturnType<typeof weightsOf>): WeightFormat | null => weights?.format ?? null;

export class ServeService {
  /** One refresh per box at a time; callers during one share it. */
  readonly #boxes = new BoxRecords<ServerRecord>();

  constructor(private readonly deps: ServeDeps) {}

  #now(): number {
    return (this.deps.now ?? Date.now)();
  }

  #device(deviceId: string): Map<string, ServerRecord> {
    return this.#boxes.of(deviceId);
  }

  list(deviceId: string): ServerView[] {
    return [...this.#device(deviceId).values()].map((r) => this.#viewOf(r));
  }

  #viewOf(record: ServerRecord): ServerView {
    return serverView(record, this.deps.tunnels.list(record.deviceId).find((t) => t.appId === record.key));
  }

  #emit(deviceId: string): void {
    this.deps.changed(deviceId, this.list(deviceId));
  }

  refresh(deviceId: string): Promise<void> {
    return this.#boxes.once(deviceId, () => this.#readBox(deviceId));
  }

  /** The box came back (or first connected): find its servers and reopen their tunnels; errors only logged. */
  connected(deviceId: string): void {
    this.refresh(deviceId).catch((error: unknown) => this.deps.log.warn(`serve: reading the servers of ${deviceId} failed`, error));
  }

  async #readBox(deviceId: string): Promise<void> {
    const { servers, problem } = await readBoxServers(this.deps.connection(deviceId));
    if (problem !== null) {
      this.deps.log.warn(`serve: ${deviceId}: ${problem}`);
      return;
    }
    const records = this.#device(deviceId);
    const seen = new Set<string>();
    for (const found of servers) {
      seen.add(found.key);
      let record = records.get(found.key);
      if (!record) {
        record = recordFromDiscovery(deviceId, found, this.#now());
        records.set(found.key, record);
      }
      record.model ??= found.model;
      if (found.running && !record.running) await this.#up(record);
      else if (found.running && record.timer === undefined && record.state !== 'failed') await this.#up(record);
      else if (!found.running && record.running) await this.#exited(record, found.exitCode);
    }
    for (const [key, record] of records) if (!seen.has(key)) this.#forget(record);
    this.#emit(deviceId);
  }

  /** The launch for a spec, or the spec's own sentence for what is wrong with it. */
  #launchOf(spec: ServeSpecInput): ServeLaunch {
    try {
      return refusingInvalid(() => serveLaunch(spec), 'Correct the field and try again.');
    } catch (error) {
      if (error instanceof ZodError) throw new AppFailure(appError('bad-request', error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 'Correct the setting and try again.'));
      throw error;
    }
  }

  /** Others holding memory: our other servers (held from telemetry, reserved from their recipe) and Ollama's loaded models. */
  async #holders(deviceId: string, except: string | null, ollamaModels: MemoryHolder[]): Promise<MemoryHolder[]> {
    const { servers } = await readBoxServers(this.deps.connection(deviceId));
    const processes = this.deps.gpuProcesses?.(deviceId) ?? null;
    const held = (name: string): number | null => {
      if (processes === null) return null;
      const mine = processes.filter((p) => p.container !== null && (p.container === name || name.startsWith(p.container)));
      return mine.length === 0 ? null : mine.reduce((sum, p) => sum + (p.memoryBytes ?? 0), 0);
    };
    const ours: MemoryHolder[] = servers
      .filter((s) => s.running && s.engine !== 'ollama' && s.containerName !== except)
      .map((s) => ({ kind: 'server', name: s.containerName, heldBytes: held(s.containerName), reservation: s.reservation, starting: this.#device(deviceId).get(s.key)?.state === 'starting' }));
    return [...ours, ...ollamaModels];
  }

  async plan(deviceId: string, spec: ServeSpecInput, model?: ServeModelInfo): Promise<ServePlanView> {
    const box = this.deps.connection(deviceId);
    const memory = await readBoxMemory(box);
    const boxClass = memory.memory === null ? (spec.boxClass ?? '128') : boxClassOf(memory.memory.totalBytes);
    const launch = this.#launchOf({ ...spec, boxClass } as ServeSpecInput);
    const holders = await this.#holders(deviceId, launch.containerName, othersThan(launch, memory.ollamaModels));
    const judged = judgeServeLaunch(launch, await this.#weights(box, launch, String(spec.model), model), memory.memory, holders);
    return {
      engine: launch.engine,
      command: launch.command,
      image: launch.image,
      containerName: launch.engine === 'ollama' ? ollamaJobId(launch.servedModelName, launch.port) : launch.containerName,
      port: launch.port,
      servedModelName: launch.servedModelName,
      readiness: { ...launch.readiness },
      file: launch.file,
      judgement: judged.judgement === null ? null : judgementView(judged.judgement),
      unjudged: judged.unjudged,
      boxClass,
      totalBytes: memory.memory?.totalBytes ?? 0,
    };
  }

  async launch(deviceId: string, spec: ServeSpecInput, model?: ServeModelInfo, editedCommand?: string): Promise<ServerView> {
    const box = this.deps.connection(deviceId);
    const memory = await readBoxMemory(box);
    const boxClass = memory.memory === null ? (spec.boxClass ?? '128') : boxClassOf(memory.memory.totalBytes);
    const launch = this.#launchOf({ ...spec, boxClass } as ServeSpecInput);
    const weights = await this.#weights(box, launch, String(spec.model), model);
    // The guard judges the spec even when the command was edited: the edit is the user's, the numbers are the spec's.
    const judged = judgeServeLaunch(launch, weights, memory.memory, await this.#holders(deviceId, launch.containerName, othersThan(launch, memory.ollamaModels)));
    const refused = judged.judgement === null ? null : memoryGuardError(judged.judgement);
    if (refused !== null && judged.judgement?.verdict === 'refuse') throw new AppFailure(refused);
    if (launch.engine === 'ollama') return this.#launchOllama(deviceId, launch, editedCommand, formatOf(weights));
    if (launch.containerName === null || launch.image === null) throw new Error(`${launch.engine} launch without a container`);

    await this.refresh(deviceId);
    const key = `container:${launch.containerName}`;
    const existing = this.#device(deviceId).get(key);
    if (existing?.running) {
      throw new AppFailure(appError('conflict', `A server already runs as ${launch.containerName}.`, 'Stop it on its card first, or give this one another port or name.'));
    }
    requireRunnable(await readImagePlatform(box, launch.image, serveServiceLimits.actionTimeoutMs));
    // A stopped container of the same name (an earlier launch) gives way to the new one.
    if (existing) {
      await box.exec(removeContainersCommand([launch.containerName], { force: true }), { timeoutMs: serveServiceLimits.actionTimeoutMs });
      this.#forget(existing);
    }
    const command = editedCommand ?? launch.command;
    const result = await box.exec(command, { timeoutMs: serveServiceLimits.launchTimeoutMs });
    if (result.code !== 0) throw launchFailure(result, `Starting ${launch.engine}`);

    const context = { engine: launch.engine, image: launch.image, modelFormat: formatOf(weights), hfTokenGiven: false };
    const record = recordFromLaunch(deviceId, this.#now(), { ...launch, containerName: launch.containerName }, command, editedCommand !== undefined && editedCommand !== launch.command, context, 'shareOnLan' in spec && spec.shareOnLan === true);
    record.model = String(spec.model);
    if (this.deps.limits?.startupMs !== undefined) record.deadline = this.#now() + this.deps.limits.startupMs;
    this.#device(deviceId).set(key, record);
    await this.#up(record);
    this.#emit(deviceId);
    return this.#viewOf(record);
  }

  /** The weights the guard judges: an Ollama model's size from the library entry or `ollama list`; else the name and the library's facts. */
  async #weights(box: SshConnection, launch: ServeLaunch, modelRef: string, model: ServeModelInfo | undefined): Promise<WeightsSize | null> {
    if (launch.engine !== 'ollama') return weightsOf(modelRef, model);
    return ollamaWeights(model, await readOllamaListed(box), launch.servedModelName);
  }

  /** Ollama: the host job pulls and loads the model; followed like a container until /api/ps lists it. */
  async #launchOllama(deviceId: string, launch: ServeLaunch, editedCommand: string | undefined, modelFormat: WeightFormat | null): Promise<ServerView> {
    const box = this.deps.connection(deviceId);
    const jobId = ollamaJobId(launch.servedModelName, launch.port);
    const key = ollamaServerKey(jobId);
    await this.refresh(deviceId);
    const existing = this.#device(deviceId).get(key);
    if (existing?.running) throw new AppFailure(appError('conflict', `Ollama already serves ${launch.servedModelName} here.`, 'Use its card, or stop it there first.'));
    if (existing) this.#forget(existing);
    const command = editedCommand ?? launch.command;
    const result = await startOllamaJob(box, jobId, launch, command);
    if (result.code !== 0) throw launchFailure(result, 'Starting Ollama');
    const context = { engine: launch.engine, image: null, modelFormat, hfTokenGiven: false };
    const record = recordFromLaunch(deviceId, this.#now(), { ...launch, containerName: jobId }, command, editedCommand !== undefined && editedCommand !== launch.command, context, false, key);
    record.model = launch.servedModelName;
    if (this.deps.limits?.startupMs !== undefined) record.deadline = this.#now() + this.deps.limits.startupMs;
    this.#device(deviceId).set(key, record);
    await this.#up(record);
    this.#emit(deviceId);
    return this.#viewOf(record);
  }

  /** It runs: a tunnel to its port, then follow it until ready (or failed). */
  async #up(record: ServerRecord): Promise<void> {
    record.running = true;
    if (record.state !== 'ready') record.state = 'starting';
    if (record.boxPort !== null) await this.deps.tunnels.open(record.deviceId, record.boxPort, { label: `${record.engine} · ${record.servedModelName ?? record.containerName}`, appId: record.key });
    this.#schedule(record, 0);
  }

  #schedule(record: ServerRecord, delayMs: number): void {
    if (record.timer) clearTimeout(record.timer);
    record.timer = setTimeout(() => void this.#step(record).catch((error: unknown) => this.deps.log.warn(`serve: following ${record.key} failed`, error)), delayMs);
  }

  #current(record: ServerRecord): boolean {
    return this.#device(record.deviceId).get(record.key) === record;
  }

  /** One step of following a server: its container, its log, its probes. */
  async #step(record: ServerRecord): Promise<void> {
    record.timer = undefined;
    if (!this.#current(record) || !record.running) return;
    const box = this.deps.connection(record.deviceId);
    if (box.status.kind !== 'connected') {
      record.state = 'unknown';
      this.#emit(record.deviceId);
      return; // connected() reads the box again when it is back.
    }
    const before = `${record.state}|${record.phase}`;
    const { servers } = await readBoxServers(box);
    const found = servers.find((s) => s.key === record.key);
    if (!this.#current(record) || !record.running) return;
    if (!found || !found.running) {
      await this.#exited(record, found?.exitCode ?? null);
      this.#emit(record.deviceId);
      return;
    }
    const starting = record.state === 'starting';
    if (starting) {
      const log = await readServerLog(box, record.containerName, serveServiceLimits.followTail, record.engine);
      record.lastLines = lastLogLines(log.text, engineFailureLimits.lastLines);
      if (record.phase === 'launching' && log.text.trim() !== '') record.phase = 'loading';
      const tunnel = this.deps.tunnels.list(record.deviceId).find((t) => t.appId === record.key);
      const step = !tunnel ? { kind: 'not-up' as const, reason: 'no tunnel' } : record.engine === 'ollama' ? await ollamaStep(tunnel.localPort, record.servedModelName) : await probeReadiness(tunnel.localPort, record.readiness, record.servedModelName);
      if (!this.#current(record) || !record.running) return;
      if (step.kind === 'ready') {
        record.state = 'ready';
        record.phase = 'ready';
        record.readyMs = record.startedAt === null ? null : this.#now() - record.startedAt;
      } else if (step.kind === 'healthy-no-model') record.phase = 'models';
      else if (this.#now() >= record.deadline) {
        const waited = Math.round((record.deadline - (record.startedAt ?? record.deadline)) / 1000);
        record.failure = failureView(explainReadinessTimeout(log.text, record.failureContext, waited));
        record.state = 'failed';
        record.phase = 'failed';
      } else if (record.phase === 'loading' && /Application startup complete|server is listening|Uvicorn running/.test(log.text)) record.phase = 'health';
      const elapsed = record.startedAt === null ? 0 : this.#now() - record.startedAt;
      this.deps.progressed(record.deviceId, record.key, record.phase, elapsed, record.lastLines);
    } else if (record.state === 'ready' && record.engine !== 'ollama') {
      // An Ollama model that unloads (keep-alive ran out) leaves `ollama ps`: the box read above finds it stopped.
      const tunnel = this.deps.tunnels.list(record.deviceId).find((t) => t.appId === record.key);
      const step = tunnel ? await probeReadiness(tunnel.localPort, record.readiness, record.servedModelName) : { kind: 'not-up' as const, reason: 'no tunnel' };
      if (step.kind !== 'ready' && this.#current(record)) {
        record.state = 'failed';
        record.failure = { kind: 'stopped-answering', message: `It stopped answering: ${step.reason}.`, hint: 'Open its logs.', line: null, lastLines: [], params: { reason: step.reason } };
      }
    }
    if (`${record.state}|${record.phase}` !== before) this.#emit(record.deviceId);
    if (record.state === 'starting') this.#schedule(record, this.deps.limits?.followIntervalMs ?? serveServiceLimits.followIntervalMs);
    else if (record.state === 'ready') this.#schedule(record, this.deps.limits?.watchIntervalMs ?? serveServiceLimits.watchIntervalMs);
  }

  /** Its container ended: during startup, the log says why. */
  async #exited(record: ServerRecord, exitCode: number | null): Promise<void> {
    if (record.timer) clearTimeout(record.timer);
    record.timer = undefined;
    const wasStarting = record.state === 'starting';
    record.running = false;
    this.#closeTunnel(record);
    if (wasStarting || (exitCode !== null && exitCode !== 0)) {
      const log = await readServerLog(this.deps.connection(record.deviceId), record.containerName, serveServiceLimits.followTail, record.engine).catch(() => ({ text: '' }));
      const known = explainEngineFailure(log.text, record.failureContext);
      record.failure = known
        ? failureView(known)
        : { kind: 'exited', message: `The server exited${exitCode === null ? '' : ` with code ${exitCode}`} while starting.`, hint: 'Read the last lines of its log below.', line: null, lastLines: lastLogLines(log.text), params: { code: exitCode ?? '' } };
      record.state = 'failed';
      record.phase = 'failed';
      const elapsed = record.startedAt === null ? 0 : this.#now() - record.startedAt;
      this.deps.progressed(record.deviceId, record.key, 'failed', elapsed, record.failure.lastLines);
    } else record.state = 'stopped';
  }

  #closeTunnel(record: ServerRecord): void {
    for (const t of this.deps.tunnels.list(record.deviceId)) if (t.appId === record.key) this.deps.tunnels.close(t.id);
  }

  #forget(record: ServerRecord): void {
    if (record.timer) clearTimeout(record.timer);
    record.timer = undefined;
    record.running = false;
    this.#closeTunnel(record);
    this.#device(record.deviceId).delete(record.key);
  }

  #find(deviceId: string, key: string): ServerRecord {
    const record = this.#device(deviceId).get(key);
    if (!record) throw new AppFailure(appError('not-found', 'That server is not on this box any more.', 'Refresh the Serve page.'));
    return record;
  }

  async stop(deviceId: string, key: string, remove: boolean): Promise<void> {
    const record = this.#find(deviceId, key);
    const box = this.deps.connection(deviceId);
    if (record.timer) clearTimeout(record.timer);
    record.timer = undefined;
    if (record.engine === 'ollama') {
      // Serving through the daemon ends with the model unloaded and the job folder gone: nothing is left to restart.
      const result = await stopOllamaServer(box, record.containerName, record.servedModelName);
      if (result.code !== 0) throw launchFailure({ ...result, signal: undefined }, `Stopping ${record.servedModelName ?? record.containerName}`);
      this.#forget(record);
      this.#emit(deviceId);
      return;
    }
    const command = remove ? removeContainersCommand([record.containerName], { force: true }) : stopContainersCommand([record.containerName]);
    const result = await box.exec(command, { timeoutMs: serveServiceLimits.actionTimeoutMs });
    if (result.code !== 0) throw launchFailure(result, remove ? `Removing ${record.containerName}` : `Stopping ${record.containerName}`);
    if (remove) this.#forget(record);
    else {
      record.running = false;
      record.state = 'stopped';
      this.#closeTunnel(record);
    }
    this.#emit(deviceId);
  }

  async logs(deviceId: string, key: string, tail: number): Promise<string> {
    const record = this.#find(deviceId, key);
    const log = await readServerLog(this.deps.connection(deviceId), record.containerName, tail, record.engine);
    if (!log.ok) throw launchFailure({ stdout: '', stderr: log.stderr, code: 1, signal: undefined }, 'Reading its logs');
    return log.text;
  }

  forgetDevice(deviceId: string): void {
    this.#boxes.forget(deviceId);
  }

  dispose(): void {
    for (const deviceId of this.#boxes.devices()) this.forgetDevice(deviceId);
  }
}
