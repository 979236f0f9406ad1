/**
 * The export chain on each box (issue 12): one host job per export that runs merge → convert →
 * quantize → `ollama create` → a test prompt, with a marker per finished step in the export's
 * folder, so Retry goes on from the step that failed. Like the fine-tune runs, nothing here is the
 * truth: every read lists the job folders and reads each log's step lines, so an export started
 * before an app restart or a dropped connection is found again. While one runs the box is read
 * every couple of seconds and changes go out as export:changed.
 */
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { ExportPreview, ExportSettings, ExportView, LlamaCppTools } from '../../../src/domain/export.js';
import type { TransferView } from '../../../src/domain/transfer.js';
import { exportChainSteps, exportFiles } from '../../../src/recipes/export/chain.js';
import { exportJobDir, exportLogReadCommand, exportViewOf, isExportSpec, type ExportSpec } from '../../../src/recipes/export/view.js';
import { exportDirOf } from '../../../src/recipes/export/merge-yaml.js';
import { buildExportPlan, exportSlug, type BuiltPlan } from '../../../src/recipes/export/plan.js';
import { llamaCppBuildScript, llamaCppToolsCommand, parseLlamaCppTools, remainingNeed } from '../../../src/recipes/export/tools.js';
import { hostJobLogCommand, isJobId, removeHostJobCommand, startHostJobCommand, stopHostJobCommand } from '../../../src/remote/commands/host-job.js';
import { parseDf } from '../../../src/remote/parsers/df.js';
import { raw, remotePath, sh } from '../../../src/remote/quote.js';
import type { SshConnection } from '../../ssh/connection.js';
import { BoxPolling } from '../box-polling.js';
import { readHostJobs, type LiveHostJob } from '../host-jobs.js';
import type { Logger } from '../log.js';
import { resolveExportSource } from './export-source.js';
import type { FinetuneDatasets } from '../finetune/finetune-datasets.js';
import type { FinetuneService } from '../finetune/finetune-service.js';

export const exportLimits = { pollMs: 2_000, timeoutMs: 60_000 } as const;

/** The job that builds llama.cpp (one per box). */
export const buildJobId = 'llamacpp-build';

interface Box {
  views: Map<string, ExportView>;
}

const notFound = () => new AppFailure(appError('not-found', 'That export is not on this box any more.', 'Refresh the Export page.'));

export class ExportService {
  readonly #boxes = new Map<string, Box>();
  /** Exports started here and not read yet: one that ends before the first read is still told as ended. */
  readonly #launched = new Set<string>();
  readonly #polling: BoxPolling<ExportView[]>;

  constructor(
    private readonly deps: {
      readonly connection: (deviceId: string) => SshConnection;
      readonly finetune: FinetuneService;
      readonly datasets: FinetuneDatasets;
      readonly download: (deviceId: string, remotePath: string) => Promise<TransferView>;
      readonly changed: (deviceId: string, exports: ExportView[]) => void;
      /** An export seen running here (or started here) ended: told once. */
      readonly ended: (deviceId: string, view: ExportView) => void;
      readonly log: Logger;
      readonly now?: () => number;
    },
  ) {
    this.#polling = new BoxPolling({
      read: (deviceId) => this.#read(deviceId),
      active: (views) => views.some((v) => v.state === 'running'),
      pollMs: exportLimits.pollMs,
      connection: deps.connection,
      log: deps.log,
      what: 'exports',
    });
  }

  #now(): number {
    return (this.deps.now ?? Date.now)();
  }

  #exec(deviceId: string, command: string, stdin?: string) {
    return this.deps.connection(deviceId).exec(command, { timeoutMs: exportLimits.timeoutMs, ...(stdin !== undefined ? { stdin } : {}) });
  }

  #box(deviceId: string): Box {
    let box = this.#boxes.get(deviceId);
    if (!box) this.#boxes.set(deviceId, (box = { views: new Map() }));
    return box;
  }

  // ------------------------------------------------------------------ planning

  async tools(deviceId: string): Promise<LlamaCppTools> {
    const [found, jobs] = await Promise.all([this.#exec(deviceId, llamaCppToolsCommand()), readHostJobs((c) => this.#exec(deviceId, c), (j) => j.id === buildJobId)]);
    const job = jobs.jobs[0];
    const build = job ? { running: job.running, exitCode: job.exitCode, logTail: (await this.#exec(deviceId, hostJobLogCommand(buildJobId, 20))).stdout } : null;
    return { ...parseLlamaCppTools(found.stdout), build };
  }

  async buildTools(deviceId: string): Promise<LlamaCppTools> {
    const current = await this.tools(deviceId);
    if (current.build?.running) return current;
    const started = await this.#exec(deviceId, startHostJobCommand({ id: buildJobId, script: llamaCppBuildScript(), spec: { kind: 'pgx-llamacpp-build', startedAt: this.#now() } }));
    if (started.code !== 0) throw new AppFailure(appError('remote-command-failed', 'The llama.cpp build could not start on the box.', 'Check that the home folder is writable and not full, then try again.', [started.stderr.trim()]));
    return this.tools(deviceId);
  }

  async #built(deviceId: string, settings: ExportSettings, mergedDir?: string): Promise<BuiltPlan & { source: { label: string; baseModel: string; adapterDir: string | null; template: string }; tools: LlamaCppTools }> {
    const [home, tools, source] = await Promise.all([
      this.#exec(deviceId, 'printf %s "$HOME"').then((r) => r.stdout.trim()),
      this.tools(deviceId),
      resolveExportSource(settings.source, { exec: (c) => this.#exec(deviceId, c), finetune: this.deps.finetune, datasets: this.deps.datasets, deviceId }),
    ]);
    const built = buildExportPlan(settings, { home, source, tools, parameters: source.parameters, freeBytes: await this.#free(deviceId), ...(mergedDir !== undefined ? { mergedDir } : {}) });
    return { ...built, source, tools };
  }

  /** Free bytes where ~/models lies (the home's file system); null when df could not be read. */
  async #free(deviceId: string): Promise<number | null> {
    const free = parseDf((await this.#exec(deviceId, 'df -B1 --output=source,size,used,avail,target "$HOME"')).stdout);
    return free.ok ? (free.df.rows.at(-1)?.availBytes ?? null) : null;
  }

  async plan(deviceId: string, settings: ExportSettings): Promise<ExportPreview> {
    const b = await this.#built(deviceId, settings);
    const same = (await this.refresh(deviceId)).filter((v) => v.workDir === b.workDir);
    const busy = same.find((v) => v.state === 'running');
    const blockers = busy ? [...b.blockers, `An export is writing to ${b.workDir} right now.`] : b.blockers;
    const earlier = same.find((v) => v.state !== 'running');
    const notes = earlier ? [`An earlier export (${earlier.state}) wrote ${b.workDir}: starting again redoes every step there and replaces the Ollama model ${settings.ollamaName}. Choose another name to keep both.`] : [];
    return { workDir: b.workDir, baseModel: b.source.baseModel, adapterDir: b.source.adapterDir, template: b.source.template, family: b.family, mergeYaml: b.mergeYaml, modelfile: b.modelfile, script: b.script, tools: b.tools, disk: b.disk, blockers, notes };
  }

  // ------------------------------------------------------------------ running

  async start(deviceId: string, settings: ExportSettings, editedYaml: string | null, editedModelfile: string): Promise<ExportView> {
    // The merge writes where the YAML as edited says; convert must read from there.
    const mergedDir = editedYaml === null ? null : exportDirOf(editedYaml);
    if (editedYaml !== null && mergedDir === null) throw new AppFailure(appError('bad-request', 'The merge YAML has no export_dir (or is not YAML).', 'Put back export_dir: the folder the merged model is written to, or reset the YAML to the generated one.'));
    const b = await this.#built(deviceId, settings, mergedDir ?? undefined);
    if (b.blockers.length > 0) throw new AppFailure(appError(b.blockers.some((x) => x.includes('llama')) ? 'tool-missing' : 'not-ready', b.blockers[0]!, 'Do what it says, then start again.'));
    const busy = (await this.refresh(deviceId)).find((v) => v.state === 'running' && v.workDir === b.workDir);
    if (busy) throw new AppFailure(appError('conflict', `An export is writing to ${b.workDir} right now.`, 'Choose another Ollama name, or stop that export first.'));
    this.#checkDisk(b);
    const files = exportFiles(b.plan);
    const write = async (path: string, text: string) => {
      const result = await this.#exec(deviceId, sh`mkdir -p ${remotePath(b.workDir)} && cat > ${remotePath(path)}`, text);
      if (result.code !== 0) throw new AppFailure(appError('remote-command-failed', `${path} could not be written on the box.`, 'Check that the disk is not full and the folder is writable, then start again.', [result.stderr.trim()]));
    };
    // A new start: markers of an earlier export into this folder (other settings, perhaps) go.
    const cleared = await this.#exec(deviceId, sh`mkdir -p ${remotePath(b.workDir)} && rm -f ${['merge', 'convert', 'quantize', 'create'].map((s) => remotePath(`${b.workDir}/.pgx-${s}-done`))}`);
    if (cleared.code !== 0) throw new AppFailure(appError('remote-command-failed', `The folder ${b.workDir} could not be prepared.`, 'Check that ~/models is writable, then start again.', [cleared.stderr.trim()]));
    if (b.mergeYaml !== null) await write(files.mergeYaml, editedYaml ?? b.mergeYaml);
    await write(files.modelfile, editedModelfile);
    await write(`${b.workDir}/export.sh`, `${b.script}\n`);
    const now = this.#now();
    const id = `export-${exportSlug(settings.ollamaName).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 36)}-${now.toString(36)}`;
    if (!isJobId(id)) throw new AppFailure(appError('bad-request', `“${settings.ollamaName}” does not make a job name.`, 'Use lowercase letters and digits.'));
    const spec: ExportSpec = { kind: 'pgx-export', ollamaName: settings.ollamaName, workDir: b.workDir, gguf: files.final, modelfile: files.modelfile, sourceLabel: b.source.label, testPrompt: settings.testPrompt, startedAt: now, attempt: 1, sizes: b.sizes, chain: exportChainSteps(b.plan) };
    return this.#launch(deviceId, id, spec);
  }

  #checkDisk(b: Pick<BuiltPlan, 'disk' | 'workDir'>): void {
    if (b.disk.verdict !== 'short') return;
    const gb = (n: number | null) => `${((n ?? 0) / 1e9).toFixed(1)} GB`;
    throw new AppFailure(appError('disk-full', `The export needs about ${gb(b.disk.needBytes)} on the box and only ${gb(b.disk.freeBytes)} is free.`, 'Free space (Files → Space on the box lists what takes it), or choose a smaller quantization, then start again.'));
  }

  /** The job runs the chain's file with its own bash: the chain's `exit 1` ends that bash, and the job's shell writes its code. */
  async #launch(deviceId: string, id: string, spec: ExportSpec): Promise<ExportView> {
    const script = sh`bash ${remotePath(`${spec.workDir}/export.sh`)}`;
    // A retry: the stop mark of the attempt before goes.
    await this.#exec(deviceId, sh`rm -f ${remotePath(`${exportJobDir(id)}/stopped`)}`);
    this.#launched.add(`${deviceId}/${id}`);
    const started = await this.#exec(deviceId, startHostJobCommand({ id, workdir: spec.workDir, spec: spec as unknown as Record<string, unknown>, script }));
    if (started.code !== 0) this.#launched.delete(`${deviceId}/${id}`);
    if (started.code !== 0) throw new AppFailure(appError('remote-command-failed', 'The export could not start on the box.', 'Check that the home folder is writable and not full, then try again.', started.stderr.trim().split('\n').slice(-5)));
    this.#box(deviceId).views.delete(id);
    const view = (await this.refresh(deviceId)).find((v) => v.id === id);
    if (!view) throw notFound();
    return view;
  }

  async #find(deviceId: string, id: string): Promise<ExportView> {
    const view = (await this.refresh(deviceId)).find((v) => v.id === id);
    if (!view) throw notFound();
    return view;
  }

  /** Runs the chain again in its folder: the markers make it skip what is done. */
  async retry(deviceId: string, id: string): Promise<ExportView> {
    const view = await this.#find(deviceId, id);
    if (view.state === 'running') return view;
    const script = await this.#exec(deviceId, sh`test -s ${remotePath(`${view.workDir}/export.sh`)}`);
    if (script.code !== 0) throw new AppFailure(appError('not-found', `The export’s script ${view.workDir}/export.sh is gone.`, 'Start a new export instead.'));
    const old = (await readHostJobs((c) => this.#exec(deviceId, c), (j) => j.id === id)).jobs[0]?.spec as unknown as ExportSpec | undefined;
    const sizes = old?.sizes ?? null;
    if (sizes !== null) {
      // Only what the unfinished steps write is needed now.
      const needBytes = remainingNeed(sizes, view.steps);
      const freeBytes = await this.#free(deviceId);
      if (freeBytes !== null && freeBytes < needBytes) this.#checkDisk({ workDir: view.workDir, disk: { mergedBytes: null, convertedBytes: null, quantizedBytes: null, needBytes, freeBytes, verdict: 'short' } });
    }
    const spec: ExportSpec = { kind: 'pgx-export', ollamaName: view.ollamaName, workDir: view.workDir, gguf: view.gguf, modelfile: view.modelfile, sourceLabel: view.sourceLabel, testPrompt: view.testPrompt, startedAt: view.startedAt, attempt: view.attempt + 1, sizes, ...(old?.chain ? { chain: old.chain } : {}) };
    return this.#launch(deviceId, id, spec);
  }

  async stop(deviceId: string, id: string): Promise<void> {
    const { jobs } = await readHostJobs((c) => this.#exec(deviceId, c), (j) => j.id === id);
    const job = jobs[0];
    if (!job?.running || job.pid === null) return;
    // Marked first: a job that ends without an exit code and without this mark died (a full disk cannot even take the exit code).
    const result = await this.#exec(deviceId, sh`touch ${remotePath(`${exportJobDir(id)}/stopped`)} && ${raw(stopHostJobCommand(job.pid))}`);
    if (result.code !== 0) throw new AppFailure(appError('remote-command-failed', 'The export could not be stopped.', 'Try again, or stop it in a terminal on the box.', [result.stderr.trim()]));
    await this.refresh(deviceId);
  }

  async remove(deviceId: string, id: string, deleteFiles: boolean): Promise<void> {
    const view = await this.#find(deviceId, id);
    if (view.state === 'running') throw new AppFailure(appError('conflict', 'A running export cannot be removed.', 'Stop it first.'));
    if (deleteFiles && /^\/[^/]+\/[^/]+\/models\/./.test(view.workDir)) await this.#exec(deviceId, sh`rm -rf ${remotePath(view.workDir)}`);
    const result = await this.#exec(deviceId, removeHostJobCommand(id));
    if (result.code !== 0) throw new AppFailure(appError('remote-command-failed', 'The export’s job folder could not be removed.', 'Try again.', [result.stderr.trim()]));
    this.#box(deviceId).views.delete(id);
    await this.refresh(deviceId);
  }

  async get(deviceId: string, id: string, tail: number): Promise<{ export: ExportView; log: string; script: string; modelfile: string }> {
    const view = await this.#find(deviceId, id);
    const [log, script, modelfile] = await Promise.all([this.#exec(deviceId, hostJobLogCommand(id, tail)), this.#exec(deviceId, sh`cat ${remotePath(`${view.workDir}/export.sh`)}`), this.#exec(deviceId, sh`cat ${remotePath(view.modelfile)}`)]);
    return { export: view, log: log.stdout, script: script.stdout, modelfile: modelfile.stdout };
  }

  async download(deviceId: string, id: string, file: 'gguf' | 'modelfile'): Promise<TransferView> {
    const view = await this.#find(deviceId, id);
    const path = file === 'gguf' ? view.gguf : view.modelfile;
    if (file === 'gguf' && !(view.steps.quantize === 'done' || view.steps.quantize === 'skipped' || view.steps.convert === 'done' || view.steps.convert === 'skipped'))
      throw new AppFailure(appError('not-ready', 'The GGUF is not written yet.', 'Wait for the convert and quantize steps to finish.'));
    return this.deps.download(deviceId, path);
  }

  // ------------------------------------------------------------------ reading

  refresh(deviceId: string): Promise<ExportView[]> {
    return this.#polling.refresh(deviceId);
  }

  connected(deviceId: string): void {
    this.#polling.connected(deviceId);
  }

  async #read(deviceId: string): Promise<ExportView[]> {
    const box = this.#box(deviceId);
    const { jobs } = await readHostJobs((c) => this.#exec(deviceId, c), (j) => isExportSpec(j.spec));
    const before = JSON.stringify(this.#sorted(box));
    const seen = new Set<string>();
    for (const job of jobs) {
      seen.add(job.id);
      const known = box.views.get(job.id);
      const spec = job.spec as unknown as ExportSpec;
      // An ended export's log no longer changes.
      if (known && known.state !== 'running' && !job.running && known.attempt === spec.attempt) continue;
      const next = await this.#view(deviceId, job, spec, known);
      box.views.set(job.id, next);
      const launched = this.#launched.delete(`${deviceId}/${job.id}`);
      if ((known?.state === 'running' || launched) && next.state !== 'running') this.deps.ended(deviceId, next);
    }
    for (const id of [...box.views.keys()]) if (!seen.has(id)) box.views.delete(id);
    const views = this.#sorted(box);
    if (JSON.stringify(views) !== before) this.deps.changed(deviceId, views);
    return views;
  }

  #sorted(box: Box): ExportView[] {
    return [...box.views.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  async #view(deviceId: string, job: LiveHostJob, spec: ExportSpec, known: ExportView | undefined): Promise<ExportView> {
    const read = (await this.#exec(deviceId, exportLogReadCommand(job.id))).stdout;
    const endedAt = known?.endedAt ?? (known?.state === 'running' ? this.#now() : null);
    const view = exportViewOf(deviceId, job, spec, read, endedAt, null);
    // A failure its log does not explain may be a full disk (which swallowed the log too).
    return view.failure ? exportViewOf(deviceId, job, spec, read, endedAt, await this.#free(deviceId)) : view;
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
