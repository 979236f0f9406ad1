/**
 * Model downloads on each box as host jobs (src/remote/commands/model-download.ts). Nothing here
 * is the truth about a download: every read lists the job folders on the box, checks which
 * processes live and tails their logs, so a download started before an app restart, a dropped
 * connection or from another laptop is found again and keeps updating. While one runs, the box
 * is read about once a second and each change goes out as models:downloads-changed.
 */
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { DownloadRequest, DownloadView } from '../../../src/domain/model-download.js';
import { listHostJobsCommand, parseHostJobs, removeHostJobCommand } from '../../../src/remote/commands/host-job.js';
import { BoxPolling } from '../box-polling.js';
import { readHostJobs } from '../host-jobs.js';
import { cancelDownloadCommand, checkDownload, downloadJobId, downloadJobKind, downloadLogCommand, downloadSpaceCommand, downloadTokenSftpPath, prepareDownloadCommand, startDownloadCommand } from '../../../src/remote/commands/model-download.js';
import { parseDf } from '../../../src/remote/parsers/df.js';
import { cancelledJobs, readDownloadJob } from '../../../src/remote/parsers/download-job.js';
import type { SshConnection } from '../../ssh/connection.js';
import { refusingInvalid } from '../bad-request.js';
import type { Logger } from '../log.js';

export const downloadLimits = {
  /** How often a box with a running download is read (the brief: progress about once a second). */
  pollMs: 1_000,
  /** Enough of a log for the latest frame of every file bar: tqdm redraws with `\r`, ~100 bytes a frame. */
  logTailBytes: 262_144,
  /**
   * The hubs' APIs are not asked for a repo's size before it starts (the box may reach them when
   * the laptop cannot, and `hf download` has no size-only mode in the releases DGX OS ships), so
   * a download needs at least this much free: a 4-bit 30B model is ~18 GB, an 8B BF16 one ~16 GB.
   */
  minFreeBytes: 20 * 1024 ** 3,
  actionTimeoutMs: 60_000,
} as const;

type Emit = (deviceId: string, downloads: DownloadView[]) => void;

interface Box {
  views: DownloadView[];
  /** Bytes and time of each job's previous read, for a rate when the tool prints none (Ollama). */
  seen: Map<string, { bytes: number; at: number }>;
}

/** The token into its file over SFTP, created with mode 600 (see model-download.ts for why not stdin or argv). */
const writeToken = async (ssh: SshConnection, path: string, token: string): Promise<void> => {
  const sftp = await ssh.sftp();
  try {
    await new Promise<void>((resolve, reject) => sftp.writeFile(path, `${token}\n`, { mode: 0o600 }, (error) => (error ? reject(error) : resolve())));
  } catch (error) {
    throw new AppFailure(appError('io-error', `The token could not be handed to the box: ${(error as Error).message}.`, 'Try again; check that the home folder is writable.'));
  } finally {
    sftp.end();
  }
};

const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

const active = (view: DownloadView): boolean => view.phase === 'queued' || view.phase === 'running';

export class DownloadService {
  readonly #boxes = new Map<string, Box>();
  readonly #polling: BoxPolling<DownloadView[]>;

  constructor(
    private readonly deps: {
      readonly connection: (deviceId: string) => SshConnection;
      readonly changed: Emit;
      /** A download finished: the box's library is worth reading again. */
      readonly finished: (deviceId: string) => void;
      /** The kept hub token, if any (main/security/secret-store.ts). */
      readonly token: (source: 'huggingface' | 'modelscope') => string | undefined;
      readonly log: Logger;
      readonly now?: () => number;
    },
  ) {
    this.#polling = new BoxPolling({
      read: (deviceId) => this.#read(deviceId),
      active: (views) => views.some(active),
      pollMs: downloadLimits.pollMs,
      connection: deps.connection,
      log: deps.log,
      what: 'model downloads',
    });
  }

  #now(): number {
    return (this.deps.now ?? Date.now)();
  }

  #box(deviceId: string): Box {
    let box = this.#boxes.get(deviceId);
    if (!box) this.#boxes.set(deviceId, (box = { views: [], seen: new Map() }));
    return box;
  }

  list(deviceId: string): DownloadView[] {
    return this.#box(deviceId).views;
  }

  /** Reads every download job of the box (one read at a time per box; callers during one share it). */
  refresh(deviceId: string): Promise<DownloadView[]> {
    return this.#polling.refresh(deviceId);
  }

  /** The box came back (or first connected): find its downloads; errors only logged. */
  connected(deviceId: string): void {
    this.#polling.connected(deviceId);
  }

  async #read(deviceId: string): Promise<DownloadView[]> {
    const box = this.#box(deviceId);
    const ssh = this.deps.connection(deviceId);
    const { jobs, listing } = await readHostJobs((command) => ssh.exec(command, { timeoutMs: downloadLimits.actionTimeoutMs }), (j) => j.spec?.['kind'] === downloadJobKind);
    const cancelled = cancelledJobs(listing);
    const before = new Map(box.views.map((v) => [v.id, v]));
    const views: DownloadView[] = [];
    for (const job of jobs) {
      const { running } = job;
      const previous = before.get(job.id);
      // An ended job's log no longer changes: its view is kept instead of tailing it every second.
      if (previous && !running && !active(previous) && previous.phase === this.#endPhase(job.exitCode, cancelled.has(job.id))) {
        views.push(previous);
        continue;
      }
      const log = await ssh.exec(downloadLogCommand(job.id, downloadLimits.logTailBytes), { timeoutMs: downloadLimits.actionTimeoutMs });
      const view = readDownloadJob({ id: job.id, spec: job.spec ?? {}, running, exitCode: job.exitCode, cancelled: cancelled.has(job.id), log: log.stdout });
      if (view) views.push(this.#withRate(box, view));
    }
    views.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
    box.views = views;
    if (JSON.stringify(views) !== JSON.stringify([...before.values()])) this.deps.changed(deviceId, views);
    if (views.some((v) => v.phase === 'done' && before.get(v.id)?.phase !== 'done' && before.has(v.id))) this.deps.finished(deviceId);
    return views;
  }

  #endPhase(exitCode: number | null, cancelled: boolean): DownloadView['phase'] {
    return exitCode === 0 ? 'done' : cancelled ? 'cancelled' : 'failed';
  }

  /** A rate measured between reads when the tool prints none, and an ETA for the whole download once its size is known. */
  #withRate(box: Box, view: DownloadView): DownloadView {
    const now = this.#now();
    const last = box.seen.get(view.id);
    box.seen.set(view.id, { bytes: view.bytesDone, at: now });
    if (view.phase !== 'running') return view;
    const measured = last && now > last.at && view.bytesDone >= last.bytes ? ((view.bytesDone - last.bytes) * 1000) / (now - last.at) : null;
    const rate = view.rate ?? (measured !== null && measured > 0 ? measured : null);
    if (view.bytesTotal !== null && rate !== null && rate > 0) return { ...view, rate, eta: Math.max(0, (view.bytesTotal - view.bytesDone) / rate), etaScope: 'download' };
    return { ...view, rate };
  }

  /** Refuses a start when the disk where it lands has less than the floor free. */
  async #checkSpace(deviceId: string, request: DownloadRequest): Promise<void> {
    const result = await this.deps.connection(deviceId).exec(downloadSpaceCommand(request.source), { timeoutMs: downloadLimits.actionTimeoutMs });
    const df = parseDf(result.stdout);
    const row = df.ok ? df.df.rows.at(-1) : undefined;
    if (!row || row.availBytes === null) {
      this.deps.log.warn(`models: could not read free space on ${deviceId}: ${result.stderr.trim()}`);
      return;
    }
    if (row.availBytes < downloadLimits.minFreeBytes) {
      throw new AppFailure(
        appError(
          'disk-full',
          `Only ${gib(row.availBytes)} is free on ${row.target ?? 'the box’s disk'}; a download needs at least ${gib(downloadLimits.minFreeBytes)} free (its size is not known before it starts).`,
          'Delete models you no longer need on this page, or remove unused images on the Containers page, then try again.',
        ),
      );
    }
  }

  #tokenFor(request: DownloadRequest): string | undefined {
    if (!request.useToken || request.source === 'ollama') return undefined;
    const token = this.deps.token(request.source);
    if (token === undefined) throw new AppFailure(appError('bad-request', `No ${request.source === 'huggingface' ? 'Hugging Face' : 'ModelScope'} token is set.`, 'Set your token in the download dialog first, or untick “Use my token”.'));
    return token;
  }

  async #launch(deviceId: string, jobId: string, request: DownloadRequest, startedAt: number, resume: boolean): Promise<DownloadView> {
    const command = refusingInvalid(() => startDownloadCommand(jobId, request, startedAt), 'Correct it and try again.');
    const token = this.#tokenFor(request);
    await this.#checkSpace(deviceId, request);
    const ssh = this.deps.connection(deviceId);
    const notStarted = (stderr: string) => new AppFailure(appError('remote-command-failed', 'The download could not start on the box.', 'Check that the home folder is writable and not full, then try again.', stderr.trim().split('\n').slice(-5)));
    const prepared = await ssh.exec(prepareDownloadCommand(jobId, resume), { timeoutMs: downloadLimits.actionTimeoutMs });
    if (prepared.code !== 0) throw notStarted(prepared.stderr);
    if (token !== undefined) await writeToken(ssh, downloadTokenSftpPath(jobId), token);
    const result = await ssh.exec(command, { timeoutMs: downloadLimits.actionTimeoutMs });
    if (result.code !== 0) throw notStarted(result.stderr);
    const views = await this.refresh(deviceId);
    const view = views.find((v) => v.id === jobId);
    if (!view) throw new AppFailure(appError('internal', 'The download started but its job folder was not found.', 'Refresh the Models page.'));
    return view;
  }

  async start(deviceId: string, request: DownloadRequest): Promise<DownloadView> {
    const checked = refusingInvalid(() => checkDownload(request), 'Correct it and try again.');
    const views = await this.refresh(deviceId);
    const same = views.find((v) => active(v) && v.source === checked.source && v.model.toLowerCase() === checked.id.toLowerCase());
    if (same) throw new AppFailure(appError('conflict', `${checked.id} is already downloading.`, 'Wait for it, or cancel it first.'));
    const now = this.#now();
    return this.#launch(deviceId, downloadJobId(checked, now), checked, now, false);
  }

  async #find(deviceId: string, jobId: string): Promise<DownloadView> {
    const view = (await this.refresh(deviceId)).find((v) => v.id === jobId);
    if (!view) throw new AppFailure(appError('not-found', 'That download is not on this box any more.', 'Refresh the Models page.'));
    return view;
  }

  async #pidOf(deviceId: string, jobId: string): Promise<number | null> {
    const listing = await this.deps.connection(deviceId).exec(listHostJobsCommand(), { timeoutMs: downloadLimits.actionTimeoutMs });
    return parseHostJobs(listing.stdout).find((j) => j.id === jobId)?.pid ?? null;
  }

  async cancel(deviceId: string, jobId: string): Promise<void> {
    const view = await this.#find(deviceId, jobId);
    if (!active(view)) return;
    const result = await this.deps.connection(deviceId).exec(cancelDownloadCommand(jobId, await this.#pidOf(deviceId, jobId)), { timeoutMs: downloadLimits.actionTimeoutMs });
    if (result.code !== 0) throw new AppFailure(appError('remote-command-failed', 'The download could not be stopped.', 'Try again, or stop it in a terminal on the box.', [result.stderr.trim()]));
    await this.refresh(deviceId);
  }

  async resume(deviceId: string, jobId: string): Promise<DownloadView> {
    const view = await this.#find(deviceId, jobId);
    if (active(view)) return view;
    const request: DownloadRequest = { source: view.source, id: view.model, useToken: view.useToken, ...(view.revision !== null ? { revision: view.revision } : {}) };
    return this.#launch(deviceId, jobId, request, this.#now(), true);
  }

  async remove(deviceId: string, jobId: string): Promise<void> {
    const view = await this.#find(deviceId, jobId);
    if (active(view)) throw new AppFailure(appError('conflict', 'A running download cannot be removed.', 'Cancel it first.'));
    const result = await this.deps.connection(deviceId).exec(removeHostJobCommand(jobId), { timeoutMs: downloadLimits.actionTimeoutMs });
    if (result.code !== 0) throw new AppFailure(appError('remote-command-failed', 'The download’s job folder could not be removed.', 'Try again.', [result.stderr.trim()]));
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
