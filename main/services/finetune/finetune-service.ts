/**
 * Fine-tune runs on each box as host jobs. Nothing here is the truth about a run: every read lists
 * the job folders, checks which processes live and reads each run's output folder, so a run started
 * before an app restart or a dropped connection is found again. While one runs the box is read
 * every couple of seconds: trainer_log.jsonl from the byte offset the last read stopped at (whole
 * lines only), new points out as finetune:curve-appended, changed views as finetune:changed, and a
 * run that ends, once, as finetune:ended (with its failing lines).
 */
import { AppFailure, appError } from '../../../src/contract/errors.js';
import { TrainingSettings, type CurveChunk, type EvalResults, type RunView } from '../../../src/domain/finetune.js';
import { listHostJobsCommand, parseHostJobs, removeHostJobCommand, hostJobLogCommand } from '../../../src/remote/commands/host-job.js';
import { BoxPolling } from '../box-polling.js';
import { readHostJobs } from '../host-jobs.js';
import { parseGeneratedPredictions, parsePredictResults } from '../../../src/remote/parsers/llamafactory-results.js';
import { remotePath, sh } from '../../../src/remote/quote.js';
import { bytesThroughStep, readCurveChunk } from '../../../src/recipes/finetune/curve.js';
import { absoluteOutputDir, curveReadCommand, curveReadLimitBytes, cutTrainerLogCommand, parseResultsRead, parseRunFacts, readResultsCommand, runFactsCommand, runJobId, runYamlPath, startRunCommand, stopRunCommand, writeRunYamlCommand, type RunSpec } from '../../../src/recipes/finetune/run-commands.js';
import { isRunSpec, runViewOf, type CurveState } from '../../../src/recipes/finetune/run-view.js';
import { predictYaml, readRunYaml } from '../../../src/recipes/finetune/yaml.js';
import type { SshConnection } from '../../ssh/connection.js';
import type { Logger } from '../log.js';
import type { FinetuneDatasets } from './finetune-datasets.js';

export const finetuneLimits = { pollMs: 2_000, timeoutMs: 60_000, logLines: 40 } as const;

interface Tracked {
  /** Null until the first full read of the run succeeded. */
  view: RunView | null;
  outputDir: string;
  offset: number;
  attempt: number;
  curve: CurveState;
}

interface Box {
  runs: Map<string, Tracked>;
}

export interface FinetuneEvents {
  readonly changed: (deviceId: string, runs: RunView[]) => void;
  readonly curveAppended: (deviceId: string, chunk: CurveChunk) => void;
  readonly ended: (deviceId: string, run: RunView) => void;
}

const notFound = () => new AppFailure(appError('not-found', 'That run is not on this box any more.', 'Refresh the Fine-tune page.'));

export class FinetuneService {
  readonly #boxes = new Map<string, Box>();
  /** Runs started here and not read yet: one that ends before the first read is still told as ended. */
  readonly #launched = new Set<string>();
  readonly #polling: BoxPolling<RunView[]>;

  constructor(
    private readonly deps: {
      readonly connection: (deviceId: string) => SshConnection;
      readonly datasets: FinetuneDatasets;
      readonly events: FinetuneEvents;
      readonly log: Logger;
      readonly now?: () => number;
    },
  ) {
    this.#polling = new BoxPolling({
      read: (deviceId) => this.#read(deviceId),
      active: (runs) => runs.some((r) => r.state === 'running'),
      pollMs: finetuneLimits.pollMs,
      connection: deps.connection,
      log: deps.log,
      what: 'fine-tune runs',
    });
  }

  #now(): number {
    return (this.deps.now ?? Date.now)();
  }

  #box(deviceId: string): Box {
    let box = this.#boxes.get(deviceId);
    if (!box) this.#boxes.set(deviceId, (box = { runs: new Map() }));
    return box;
  }

  #exec(deviceId: string, command: string, stdin?: string) {
    return this.deps.connection(deviceId).exec(command, { timeoutMs: finetuneLimits.timeoutMs, ...(stdin !== undefined ? { stdin } : {}) });
  }

  /** Every run of the box, newest first (one read at a time per box). */
  refresh(deviceId: string): Promise<RunView[]> {
    return this.#polling.refresh(deviceId);
  }

  connected(deviceId: string): void {
    this.#polling.connected(deviceId);
  }

  async #read(deviceId: string): Promise<RunView[]> {
    const box = this.#box(deviceId);
    const { jobs } = await readHostJobs((command) => this.#exec(deviceId, command), (j) => isRunSpec(j.spec));
    const before = new Map([...box.runs].flatMap(([id, t]) => (t.view ? [[id, t.view] as const] : [])));
    const seen = new Set<string>();
    for (const job of jobs) {
      const spec = job.spec as unknown as RunSpec;
      const { running } = job;
      seen.add(job.id);
      let tracked = box.runs.get(job.id);
      // An ended run's files no longer change: its view is kept.
      if (tracked?.view && !running && tracked.view.state !== 'running' && tracked.attempt === spec.attempt) continue;
      if (!tracked || tracked.attempt !== spec.attempt) {
        tracked = { view: tracked?.view ?? null, outputDir: spec.outputDir, offset: 0, attempt: spec.attempt, curve: { latest: null, latestLoss: null, latestEvalLoss: null } };
        box.runs.set(job.id, tracked);
      }
      await this.#catchUp(deviceId, job.id, tracked, spec.outputDir);
      const facts = parseRunFacts((await this.#exec(deviceId, runFactsCommand(job.id, spec.outputDir, finetuneLimits.logLines))).stdout);
      const wasRunning = before.get(job.id)?.state === 'running' || this.#launched.delete(`${deviceId}/${job.id}`);
      tracked.view = runViewOf(deviceId, { id: job.id, spec, running, exitCode: job.exitCode }, facts, tracked.curve, wasRunning ? this.#now() : (before.get(job.id)?.endedAt ?? null));
      if (wasRunning && tracked.view.state !== 'running') this.deps.events.ended(deviceId, tracked.view);
    }
    for (const id of [...box.runs.keys()]) if (!seen.has(id)) box.runs.delete(id);
    const views = [...box.runs.values()].flatMap((t) => (t.view ? [t.view] : [])).sort((a, b) => b.startedAt - a.startedAt);
    if (JSON.stringify(views) !== JSON.stringify([...before.values()].sort((a, b) => b.startedAt - a.startedAt))) this.deps.events.changed(deviceId, views);
    return views;
  }

  /** Reads the trainer log from the tracked offset to its last whole line, emitting what is new. */
  async #catchUp(deviceId: string, runId: string, tracked: Tracked, outputDir: string): Promise<void> {
    for (;;) {
      const chunk = await this.#readCurve(deviceId, runId, outputDir, tracked.offset, tracked.attempt);
      if (chunk.read.entries.length > 0) {
        const latest = chunk.read.entries.at(-1)!;
        const loss = [...chunk.read.points].reverse().find((p) => p.loss !== undefined)?.loss;
        const evalLoss = [...chunk.read.points].reverse().find((p) => p.evalLoss !== undefined)?.evalLoss;
        tracked.curve = { latest, latestLoss: loss ?? tracked.curve.latestLoss, latestEvalLoss: evalLoss ?? tracked.curve.latestEvalLoss };
      }
      if (chunk.view.points.length > 0) this.deps.events.curveAppended(deviceId, chunk.view);
      tracked.offset = chunk.view.nextOffset;
      if (!chunk.full) return;
    }
  }

  async #readCurve(deviceId: string, runId: string, outputDir: string, fromOffset: number, attempt: number) {
    const result = await this.#exec(deviceId, curveReadCommand(outputDir, fromOffset));
    const read = readCurveChunk(result.stdout, fromOffset);
    const full = Buffer.byteLength(result.stdout) >= curveReadLimitBytes && read.nextOffset > fromOffset;
    return { read, full, view: { runId, attempt, fromOffset, nextOffset: read.nextOffset, points: read.points } satisfies CurveChunk };
  }

  async #find(deviceId: string, runId: string): Promise<RunView> {
    const view = (await this.refresh(deviceId)).find((v) => v.id === runId);
    if (!view) throw notFound();
    return view;
  }

  /** Points from `fromOffset` straight from the box (a reconnecting window catches up with this). */
  async curve(deviceId: string, runId: string, fromOffset: number): Promise<CurveChunk> {
    const tracked = this.#box(deviceId).runs.get(runId) ?? (await this.#find(deviceId, runId), this.#box(deviceId).runs.get(runId));
    if (!tracked) throw notFound();
    return (await this.#readCurve(deviceId, runId, tracked.outputDir, fromOffset, tracked.attempt)).view;
  }

  async #launch(deviceId: string, id: string, spec: RunSpec, yaml: string | null, overrides: readonly string[] = []): Promise<RunView> {
    const env = await this.deps.datasets.environment(deviceId);
    if (env.kind !== 'host') throw new AppFailure(appError('tool-missing', 'LLaMA Factory is not installed on the box itself.', `Install it with: ${env.install.host.join(' && ')}`));
    const notStarted = (stderr: string) => new AppFailure(appError('remote-command-failed', 'The run could not start on the box.', 'Check that the home folder is writable and not full, then try again.', stderr.trim().split('\n').slice(-5)));
    if (yaml !== null) {
      const written = await this.#exec(deviceId, writeRunYamlCommand(id), yaml);
      if (written.code !== 0) throw notStarted(written.stderr);
    }
    this.#launched.add(`${deviceId}/${id}`);
    const started = await this.#exec(deviceId, startRunCommand(id, env, spec, overrides));
    if (started.code !== 0) {
      this.#launched.delete(`${deviceId}/${id}`);
      throw notStarted(started.stderr);
    }
    return this.#find(deviceId, id);
  }

  async start(deviceId: string, name: string, yaml: string, force: boolean): Promise<RunView> {
    const read = readRunYaml(yaml);
    if (!read.ok) throw new AppFailure(appError('bad-request', read.reason, 'Correct the YAML and start again.'));
    const run = read.value;
    if (!run.doTrain) throw new AppFailure(appError('bad-request', 'The YAML does not train (do_train is not true).', 'Set do_train: true.'));
    const env = await this.deps.datasets.environment(deviceId);
    const outputDir = absoluteOutputDir(env.workspace, run.outputDir);
    const busy = (await this.refresh(deviceId)).find((v) => v.state === 'running' && v.outputDir === outputDir);
    if (busy) throw new AppFailure(appError('conflict', `The run “${busy.name}” is writing to ${outputDir} right now.`, 'Choose another output folder, or stop that run first.'));
    const method = run.finetuningType === 'lora' && run.quantizationBit !== null ? 'qlora' : run.finetuningType;
    if (!force) {
      const settings = TrainingSettings.safeParse({ baseModel: run.baseModel, template: run.template ?? 'default', method, ...(run.quantizationBit === 4 || run.quantizationBit === 8 ? { quantizationBit: run.quantizationBit } : {}), loraRank: run.values['lora_rank'], loraTarget: run.values['lora_target'], datasets: run.datasets, cutoffLen: run.cutoffLen, batchSize: run.values['per_device_train_batch_size'], outputDir: run.outputDir });
      const memory = settings.success ? await this.deps.datasets.memory(deviceId, settings.data, env.workspace) : null;
      if (memory?.verdict === 'refuse') throw new AppFailure(appError('memory-guard', memory.message, 'Change the method or the numbers, or start anyway if you know better.'));
    }
    const now = this.#now();
    const spec: RunSpec = { kind: 'pgx-finetune', type: 'train', name, baseModel: run.baseModel, method, datasets: run.datasets, outputDir, adapter: null, trainRunId: null, startedAt: now, attempt: 1 };
    return this.#launch(deviceId, runJobId('train', name, now), spec, yaml);
  }

  async #pid(deviceId: string, runId: string): Promise<number | null> {
    return parseHostJobs((await this.#exec(deviceId, listHostJobsCommand())).stdout).find((j) => j.id === runId)?.pid ?? null;
  }

  async stop(deviceId: string, runId: string): Promise<void> {
    const view = await this.#find(deviceId, runId);
    const pid = await this.#pid(deviceId, runId);
    if (view.state !== 'running' || pid === null) return;
    const result = await this.#exec(deviceId, stopRunCommand(runId, pid));
    if (result.code !== 0) throw new AppFailure(appError('remote-command-failed', 'The run could not be stopped.', 'Try again, or stop it in a terminal on the box.', [result.stderr.trim()]));
    await this.refresh(deviceId);
  }

  async resume(deviceId: string, runId: string): Promise<RunView> {
    const view = await this.#find(deviceId, runId);
    if (view.state === 'running') return view;
    if (view.kind !== 'train') throw new AppFailure(appError('bad-request', 'Only training runs resume.', 'Start the prediction again instead.'));
    const last = view.checkpoints.at(-1);
    if (!last) throw new AppFailure(appError('not-found', 'The run saved no checkpoint yet, so there is nothing to resume from.', 'Start it again (a smaller save_steps saves sooner).'));
    // The log past the checkpoint was written by steps the resumed run does again: cut it so no step is there twice.
    const log = await this.#exec(deviceId, sh`cat ${remotePath(`${view.outputDir}/trainer_log.jsonl`)}`);
    if (log.code === 0) await this.#exec(deviceId, cutTrainerLogCommand(view.outputDir, bytesThroughStep(log.stdout, last.step)));
    const tracked = this.#box(deviceId).runs.get(runId)!;
    const spec: RunSpec = { kind: 'pgx-finetune', type: 'train', name: view.name, baseModel: view.baseModel, method: view.method, datasets: view.datasets, outputDir: view.outputDir, adapter: null, trainRunId: null, startedAt: view.startedAt, attempt: tracked.attempt + 1 };
    return this.#launch(deviceId, runId, spec, null, [`resume_from_checkpoint=${last.path}`, 'overwrite_output_dir=false']);
  }

  async predict(deviceId: string, runId: string, datasets: readonly string[], base: boolean, maxSamples: number): Promise<RunView> {
    const train = await this.#find(deviceId, runId);
    if (train.kind !== 'train') throw new AppFailure(appError('bad-request', 'Predictions start from a training run.', 'Pick a training run.'));
    if (!base && train.state !== 'done') throw new AppFailure(appError('not-ready', 'The run has not finished, so its adapter is not saved yet.', 'Wait for it to finish, or predict with the base model.'));
    const yaml = await this.#exec(deviceId, sh`cat ${remotePath(runYamlPath(runId))}`);
    const read = readRunYaml(yaml.stdout);
    if (!read.ok) throw new AppFailure(appError('io-error', `The training run’s YAML could not be read: ${read.reason}`, 'Start a new training run.'));
    const now = this.#now();
    const outputDir = `${train.outputDir}-predict-${base ? 'base' : 'tuned'}-${now.toString(36)}`;
    const finetuningType = read.value.finetuningType === 'full' || read.value.finetuningType === 'freeze' ? read.value.finetuningType : 'lora';
    const text = predictYaml({ baseModel: base || finetuningType === 'lora' ? train.baseModel : train.outputDir, adapter: base || finetuningType !== 'lora' ? null : train.outputDir, finetuningType, template: read.value.template ?? 'default', datasets, cutoffLen: read.value.cutoffLen, maxSamples, outputDir, quantizationBit: read.value.quantizationBit });
    const name = `${train.name} · ${base ? 'base' : 'tuned'}`;
    const spec: RunSpec = { kind: 'pgx-finetune', type: 'predict', name, baseModel: train.baseModel, method: train.method, datasets: [...datasets], outputDir, adapter: base ? null : train.outputDir, trainRunId: runId, startedAt: now, attempt: 1 };
    return this.#launch(deviceId, runJobId('predict', train.name, now), spec, text);
  }

  async results(deviceId: string, runId: string, limit: number): Promise<EvalResults> {
    const view = await this.#find(deviceId, runId);
    if (view.kind !== 'predict') throw new AppFailure(appError('bad-request', 'That is a training run; results belong to predictions.', 'Pick a prediction.'));
    const files = parseResultsRead((await this.#exec(deviceId, readResultsCommand(view.outputDir))).stdout);
    const metrics = parsePredictResults(files.results);
    if (!metrics.ok) throw new AppFailure(appError('not-ready', 'The prediction has not written predict_results.json yet.', view.state === 'running' ? 'Wait for it to finish.' : 'Run the prediction again.'));
    const rows = parseGeneratedPredictions(files.predictions);
    const m = metrics.value;
    return { runId, bleu4: m.bleu4, rouge1: m.rouge1, rouge2: m.rouge2, rougeL: m.rougeL, runtimeSeconds: m.runtime, samplesPerSecond: m.samplesPerSecond, rows: rows.rows.slice(0, limit).map((r) => ({ ...r })), rowCount: rows.rows.length, badLines: rows.badLines };
  }

  async run(deviceId: string, runId: string, tail: number): Promise<{ run: RunView; yaml: string; log: string }> {
    const run = await this.#find(deviceId, runId);
    const [yaml, log] = await Promise.all([this.#exec(deviceId, sh`cat ${remotePath(runYamlPath(runId))}`), this.#exec(deviceId, hostJobLogCommand(runId, tail))]);
    return { run, yaml: yaml.stdout, log: log.stdout };
  }

  async remove(deviceId: string, runId: string, deleteOutput: boolean): Promise<void> {
    const view = await this.#find(deviceId, runId);
    if (view.state === 'running') throw new AppFailure(appError('conflict', 'A running run cannot be removed.', 'Stop it first.'));
    if (deleteOutput && /^\/[^/]+\/[^/]+\/./.test(view.outputDir)) await this.#exec(deviceId, sh`rm -rf ${remotePath(view.outputDir)}`);
    const result = await this.#exec(deviceId, removeHostJobCommand(runId));
    if (result.code !== 0) throw new AppFailure(appError('remote-command-failed', 'The run’s job folder could not be removed.', 'Try again.', [result.stderr.trim()]));
    await this.refresh(deviceId);
  }

  forgetDevice(deviceId: string): void {
    this.#polling.forget(deviceId);
    this.#boxes.delete(deviceId);
  }

  dispose(): void {
    this.#polling.dispose();
    this.#boxes.clear();
  }
}
