/**
 * "Try it": a finished training run's base model and tuned model, each served by
 * `llamafactory-cli api` as a host job on a free port of the box, for the page to chat with both
 * through the Playground. The box is the truth: every status lists the jobs, checks which still
 * run and reads their logs; a server is ready once uvicorn said it runs and its /v1/models lists
 * its name through a tunnel (the one the Playground then uses). One pair per box: Start stops any
 * earlier pair first.
 */
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { TryPlan, TryServer, TrySide, TryStatus } from '../../../src/domain/finetune-try.js';
import type { RunView } from '../../../src/domain/finetune.js';
import { hostJobLogCommand, removeHostJobCommand, stopHostJobCommand } from '../../../src/remote/commands/host-job.js';
import { listeningPortsCommand } from '../../../src/remote/commands/ports.js';
import { parseListeningPorts } from '../../../src/remote/parsers/ss-listen.js';
import { parseMeminfo } from '../../../src/remote/parsers/proc-meminfo.js';
import { remotePath, sh } from '../../../src/remote/quote.js';
import { boxMemoryFromMeminfo } from '../../../src/recipes/memory-guard.js';
import { modelShapeFromConfig } from '../../../src/recipes/finetune/memory.js';
import { modelConfigCommand, runYamlPath } from '../../../src/recipes/finetune/run-commands.js';
import { estimateTryMemory, isTrySpec, pickTryPorts, readTryLog, startTryCommand, tryArgs, tryCommandLine, tryJobKind, tryModelName, type TrySpec } from '../../../src/recipes/finetune/try-it.js';
import { readRunYaml } from '../../../src/recipes/finetune/yaml.js';
import type { SshConnection } from '../../ssh/connection.js';
import { readHostJobs } from '../host-jobs.js';
import type { PlaygroundTunnels } from '../playground/playground-service.js';
import type { FinetuneDatasets } from './finetune-datasets.js';

export const tryLimits = { timeoutMs: 30_000, logLines: 30, probeMs: 3_000 } as const;

const sides: readonly TrySide[] = ['base', 'tuned'];

export interface TryTunnels extends PlaygroundTunnels {
  close(tunnelId: string): void;
}

export class TryItService {
  /** Box ports seen ready (`device:port:startedAt`): a ready server is not probed again on every status. */
  readonly #ready = new Set<string>();

  constructor(
    private readonly deps: {
      readonly connection: (deviceId: string) => SshConnection;
      readonly datasets: FinetuneDatasets;
      readonly runs: (deviceId: string) => Promise<RunView[]>;
      readonly tunnels: TryTunnels;
      readonly now?: () => number;
    },
  ) {}

  #exec(deviceId: string, command: string) {
    return this.deps.connection(deviceId).exec(command, { timeoutMs: tryLimits.timeoutMs });
  }

  async #jobs(deviceId: string) {
    const { jobs } = await readHostJobs((command) => this.#exec(deviceId, command), (j) => isTrySpec(j.spec));
    return jobs.map((j) => ({ ...j, spec: j.spec as unknown as TrySpec }));
  }

  async plan(deviceId: string, runId: string): Promise<TryPlan> {
    return (await this.#plan(deviceId, runId)).plan;
  }

  /** The plan, and the environment it was made for (Start launches in it). */
  async #plan(deviceId: string, runId: string) {
    const run = (await this.deps.runs(deviceId)).find((r) => r.id === runId);
    if (!run) throw new AppFailure(appError('not-found', 'That run is not on this box any more.', 'Refresh the Fine-tune page.'));
    if (run.kind !== 'train') throw new AppFailure(appError('bad-request', 'Try it starts from a training run.', 'Pick a training run.'));
    if (run.state !== 'done') throw new AppFailure(appError('not-ready', 'The run has not finished, so its adapter is not saved yet.', 'Wait for it to finish, then try it.'));
    const env = await this.deps.datasets.environment(deviceId);
    if (env.kind !== 'host') throw new AppFailure(appError('tool-missing', 'LLaMA Factory is not installed on the box itself.', `Install it with: ${env.install.host.join(' && ')}`));
    const yaml = readRunYaml((await this.#exec(deviceId, sh`cat ${remotePath(runYamlPath(runId))}`)).stdout);
    if (!yaml.ok) throw new AppFailure(appError('io-error', `The training run’s YAML could not be read: ${yaml.reason}`, 'Start a new training run.'));
    const [listening, config, meminfo, jobs] = await Promise.all([
      this.#exec(deviceId, listeningPortsCommand()),
      this.#exec(deviceId, modelConfigCommand(run.baseModel, env.workspace)),
      this.#exec(deviceId, 'cat /proc/meminfo'),
      this.#jobs(deviceId),
    ]);
    // Ports of an earlier pair are left to it: Start stops that pair, but its sockets may linger a moment.
    const ports = pickTryPorts([...parseListeningPorts(listening.stdout).map((p) => p.port), ...jobs.map((j) => j.spec.boxPort)]);
    if (ports === null) throw new AppFailure(appError('conflict', 'No free port is left on the box for the two servers.', 'Stop some servers on the box, then try again.'));
    const parsed = parseMeminfo(meminfo.stdout);
    const memory = estimateTryMemory(config.code === 0 ? modelShapeFromConfig(config.stdout) : null, parsed.ok ? boxMemoryFromMeminfo(parsed.meminfo) : null);
    const models = { baseModel: run.baseModel, outputDir: run.outputDir, finetuningType: yaml.value.finetuningType, template: yaml.value.template };
    const plan: TryPlan = {
      runId,
      baseModel: run.baseModel,
      adapter: yaml.value.finetuningType === 'lora' ? run.outputDir : null,
      commands: { base: tryCommandLine(env, 'base', ports.base, tryArgs(models, 'base')), tuned: tryCommandLine(env, 'tuned', ports.tuned, tryArgs(models, 'tuned')) },
      ports,
      memory,
    };
    return { plan, env };
  }

  async start(deviceId: string, runId: string, force: boolean): Promise<TryStatus> {
    const { plan, env } = await this.#plan(deviceId, runId);
    if (plan.memory.verdict === 'refuse' && !force) throw new AppFailure(appError('memory-guard', plan.memory.message, 'Stop other models or training, or start anyway if you know better.'));
    await this.stop(deviceId);
    const now = (this.deps.now ?? Date.now)();
    for (const side of sides) {
      const spec: TrySpec = { kind: tryJobKind, side, runId, boxPort: plan.ports[side], model: tryModelName(side), command: plan.commands[side], startedAt: now };
      const started = await this.#exec(deviceId, startTryCommand(env, spec));
      if (started.code !== 0) {
        await this.stop(deviceId);
        throw new AppFailure(appError('remote-command-failed', 'The Try it servers could not start on the box.', 'Check that the home folder is writable and not full, then try again.', started.stderr.trim().split('\n').slice(-5)));
      }
    }
    return this.status(deviceId);
  }

  async status(deviceId: string): Promise<TryStatus> {
    const jobs = await this.#jobs(deviceId);
    const out: { base: TryServer | null; tuned: TryServer | null } = { base: null, tuned: null };
    await Promise.all(
      jobs.map(async (job) => {
        const logTail = (await this.#exec(deviceId, hostJobLogCommand(job.id, tryLimits.logLines))).stdout;
        const log = readTryLog(logTail);
        const key = `${deviceId}:${job.spec.boxPort}:${job.spec.startedAt}`;
        let state: TryServer['state'] = 'starting';
        let error: string | null = null;
        if (!job.running) {
          state = 'failed';
          error = log.error ?? (job.exitCode !== null ? `It ended with exit code ${job.exitCode}.` : 'It is no longer running.');
          this.#ready.delete(key);
        } else if (log.serving && (this.#ready.has(key) || (await this.#probe(deviceId, job.spec.boxPort, job.spec.model, job.spec.side)))) {
          state = 'ready';
          this.#ready.add(key);
        }
        const { side, boxPort, model, command, startedAt } = job.spec;
        out[side] = { side, boxPort, model, command, state, error, logTail, startedAt };
      }),
    );
    return { runId: jobs[0]?.spec.runId ?? null, ...out };
  }

  /** /v1/models through the box port's tunnel (opened here; the Playground reuses it) lists the server's name. */
  async #probe(deviceId: string, boxPort: number, model: string, side: TrySide): Promise<boolean> {
    try {
      const existing = this.deps.tunnels.list(deviceId).find((t) => t.boxPort === boxPort);
      const tunnel = existing ?? (await this.deps.tunnels.open(deviceId, boxPort, { label: `Try it · ${side}` }));
      if (tunnel.state !== 'ready') return false;
      const response = await fetch(`http://127.0.0.1:${tunnel.localPort}/v1/models`, { signal: AbortSignal.timeout(tryLimits.probeMs) });
      if (!response.ok) return false;
      const body = (await response.json()) as { data?: Array<{ id?: unknown }> };
      return Array.isArray(body.data) && body.data.some((m) => m.id === model);
    } catch {
      return false;
    }
  }

  /** Ends both servers (their process groups), forgets their jobs and closes their tunnels. */
  async stop(deviceId: string): Promise<TryStatus> {
    const jobs = await this.#jobs(deviceId);
    for (const job of jobs) {
      if (job.running && job.pid !== null) await this.#exec(deviceId, stopHostJobCommand(job.pid));
      const removed = await this.#exec(deviceId, removeHostJobCommand(job.id));
      if (removed.code !== 0) throw new AppFailure(appError('remote-command-failed', 'A Try it server’s job folder could not be removed.', 'Try again.', [removed.stderr.trim()]));
      for (const tunnel of this.deps.tunnels.list(deviceId).filter((t) => t.boxPort === job.spec.boxPort)) this.deps.tunnels.close(tunnel.id);
      this.#ready.delete(`${deviceId}:${job.spec.boxPort}:${job.spec.startedAt}`);
    }
    return { runId: null, base: null, tuned: null };
  }
}
