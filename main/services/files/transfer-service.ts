/**
 * The transfer queue: downloads and uploads between this computer and the boxes, two at a time,
 * each going on by itself after a dropped connection (from the bytes it has, once the box answers
 * again), stoppable and resumable, verified by sha256. The queue is kept in a JSON file, so an
 * unfinished transfer is still listed after a restart and Resume goes on from its part file.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import { appError, AppFailure, type AppError } from '../../../src/contract/errors.js';
import type { TransferView } from '../../../src/domain/transfer.js';
import { freeName, localName, numberedName, partSuffix } from '../../../src/recipes/transfer-names.js';
import type { SshConnection } from '../../ssh/connection.js';
import type { Logger } from '../log.js';
import { transferFailure, isCut } from './transfer-errors.js';
import { remoteExists, runDownload, runUpload, type JobProgress, type UploadMark } from './transfer-jobs.js';

export const transferLimits = {
  /** Transfers moving at once; the rest wait their turn. */
  running: 2,
  /** Queue events at most this often while bytes move. */
  eventMs: 250,
  /** The rate is the bytes moved over about this long. */
  rateWindowMs: 3_000,
  /** How long a cut transfer waits for its box to come back before it gives up (Resume then goes on). */
  reconnectWaitMs: 10 * 60_000,
  /** Cuts in a row without a byte moved before a transfer stops retrying. */
  fruitlessRetries: 5,
} as const;

export interface TransferDeps {
  readonly connection: (deviceId: string) => SshConnection;
  readonly downloadsDir: () => string;
  readonly storePath: string;
  readonly changed: (transfers: TransferView[]) => void;
  readonly log: Logger;
  readonly platform?: NodeJS.Platform;
}

interface Record {
  view: TransferView;
  mark: UploadMark | null;
  abort: AbortController | null;
  samples: { at: number; bytes: number }[];
}

const mutable = (view: TransferView): { -readonly [K in keyof TransferView]: TransferView[K] } => view as { -readonly [K in keyof TransferView]: TransferView[K] };

export class TransferService {
  private readonly records = new Map<string, Record>();
  private eventTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly deps: TransferDeps) {
    this.load();
  }

  list(): TransferView[] {
    return [...this.records.values()].map((r) => r.view).sort((a, b) => b.createdAt - a.createdAt);
  }

  async download(deviceId: string, remotePath: string, localDir?: string): Promise<TransferView> {
    const connection = this.deps.connection(deviceId);
    await connection.ready();
    const dir = localDir ?? this.deps.downloadsDir();
    await mkdir(dir, { recursive: true });
    const sftp = await connection.sftp();
    const kind = await new Promise<'file' | 'dir'>((resolve, reject) => sftp.stat(remotePath, (error, a) => (error ? reject(new AppFailure(transferFailure(error, 'download', { remote: remotePath, local: dir }))) : resolve((a.mode & 0o170000) === 0o040000 ? 'dir' : 'file'))));
    const name = freeName(localName(posix.basename(remotePath) || 'download', this.deps.platform ?? process.platform), (n) => existsSync(join(dir, n)) || this.landsAt(join(dir, n)));
    return this.add({ deviceId, direction: 'download', kind, name, remotePath, localPath: join(dir, name) });
  }

  async upload(deviceId: string, localPath: string, remoteDir: string): Promise<TransferView> {
    const connection = this.deps.connection(deviceId);
    await connection.ready();
    const s = await stat(localPath).catch(() => null);
    if (!s) throw new AppFailure(appError('not-found', `There is no file at ${localPath} on this computer.`, 'Pick the file again.'));
    const sftp = await connection.sftp();
    const base = basename(localPath);
    // The name must be free on the box when the upload is queued (a part of ours is not a name in use).
    for (let n = 0; n <= 50; n += 1) {
      const candidate = numberedName(base, n);
      const target = posix.join(remoteDir, candidate);
      if (!(await remoteExists(sftp, target)) && !this.landsAt(target, deviceId)) return this.add({ deviceId, direction: 'upload', kind: s.isDirectory() ? 'dir' : 'file', name: candidate, remotePath: target, localPath });
    }
    throw new AppFailure(appError('conflict', `${remoteDir} already has ${base} and 50 numbered copies of it.`, 'Rename or delete some of them, then upload again.'));
  }

  cancel(id: string): void {
    const record = this.find(id);
    if (record.abort) record.abort.abort();
    else if (record.view.state === 'queued') this.finish(record, 'cancelled', null);
  }

  resume(id: string): TransferView {
    const record = this.find(id);
    if (!['failed', 'cancelled'].includes(record.view.state)) return record.view;
    Object.assign(mutable(record.view), { state: 'queued', error: null, finishedAt: null, checksum: null });
    this.touched();
    this.pump();
    return record.view;
  }

  async remove(id: string): Promise<void> {
    const record = this.find(id);
    if (record.abort) throw new AppFailure(appError('conflict', 'The transfer is still moving.', 'Stop it first, then remove it.'));
    this.records.delete(id);
    const v = record.view;
    if (v.direction === 'download' && v.state !== 'done') {
      await rm(`${v.localPath}${partSuffix}`, { force: true });
      await rm(`${v.localPath}${partSuffix}.json`, { force: true });
    }
    this.touched();
  }

  dispose(): void {
    for (const r of this.records.values()) r.abort?.abort();
    if (this.eventTimer) clearTimeout(this.eventTimer);
  }

  private find(id: string): Record {
    const record = this.records.get(id);
    if (!record) throw new AppFailure(appError('not-found', 'That transfer is no longer in the list.', 'Start it again from the file manager.'));
    return record;
  }

  /** Whether a transfer in the list already lands at this path (so two never share a target). */
  private landsAt(path: string, deviceId?: string): boolean {
    for (const { view } of this.records.values()) {
      if (view.state === 'done') continue;
      if (deviceId === undefined ? view.direction === 'download' && view.localPath === path : view.direction === 'upload' && view.deviceId === deviceId && view.remotePath === path) return true;
    }
    return false;
  }

  private add(spec: Pick<TransferView, 'deviceId' | 'direction' | 'kind' | 'name' | 'remotePath' | 'localPath'>): TransferView {
    const view: TransferView = { id: randomUUID(), ...spec, bytes: 0, size: null, files: { done: 0, total: null }, rate: 0, state: 'queued', resumes: 0, checksum: null, error: null, createdAt: Date.now(), finishedAt: null };
    this.records.set(view.id, { view, mark: null, abort: null, samples: [] });
    this.touched();
    this.pump();
    return view;
  }

  private pump(): void {
    let running = [...this.records.values()].filter((r) => r.abort).length;
    for (const record of [...this.records.values()].sort((a, b) => a.view.createdAt - b.view.createdAt)) {
      if (running >= transferLimits.running) return;
      if (record.view.state !== 'queued' || record.abort) continue;
      running += 1;
      void this.run(record);
    }
  }

  private async run(record: Record): Promise<void> {
    const v = mutable(record.view);
    const abort = new AbortController();
    record.abort = abort;
    let fruitless = 0;
    try {
      for (;;) {
        v.state = 'running';
        v.files = { done: 0, total: v.files.total };
        this.touched();
        const before = v.bytes;
        try {
          await this.attempt(record, abort.signal);
          this.finish(record, 'done', null);
          return;
        } catch (error) {
          if (abort.signal.aborted) return this.finish(record, 'cancelled', null);
          const connection = this.deps.connection(v.deviceId);
          if (!isCut(error, connection)) return this.finish(record, 'failed', transferFailure(error, v.direction, { remote: v.remotePath, local: v.localPath }));
          fruitless = v.bytes > before ? 0 : fruitless + 1;
          if (fruitless > transferLimits.fruitlessRetries) return this.finish(record, 'failed', appError('connection-lost', `The transfer was cut ${fruitless} times without moving a byte.`, 'Check the connection to the box, then press Resume: it goes on from the bytes already moved.'));
          v.state = 'retrying';
          v.rate = 0;
          v.resumes += 1;
          this.touched();
          const back = await Promise.race([connection.ready().then(() => true, () => false), new Promise<boolean>((r) => setTimeout(() => r(false), transferLimits.reconnectWaitMs).unref())]);
          if (abort.signal.aborted) return this.finish(record, 'cancelled', null);
          if (!back) return this.finish(record, 'failed', appError('connection-lost', 'The box did not come back while the transfer waited.', 'Reconnect to the box, then press Resume: it goes on from the bytes already moved.'));
        }
      }
    } finally {
      record.abort = null;
      this.pump();
    }
  }

  private async attempt(record: Record, signal: AbortSignal): Promise<void> {
    const v = mutable(record.view);
    const connection = this.deps.connection(v.deviceId);
    await connection.ready();
    const io = { sftp: await connection.sftp(), exec: (command: string) => connection.exec(command, { timeoutMs: 10 * 60_000 }), signal };
    const progress: JobProgress = {
      sized: (size, files) => {
        v.size = size;
        v.files = { done: 0, total: files };
        this.touched();
      },
      bytes: (done) => {
        v.bytes = done;
        this.sample(record);
        this.touched();
      },
      fileDone: () => {
        v.files = { ...v.files, done: v.files.done + 1 };
        this.touched();
      },
      verifying: () => {
        v.state = 'verifying';
        v.rate = 0;
        this.touched();
      },
      checksum: (local, remote) => {
        v.checksum = { local, remote, match: local === remote };
        this.touched();
      },
    };
    if (v.direction === 'download') {
      await mkdir(dirname(v.localPath), { recursive: true });
      await runDownload(io, v.remotePath, v.localPath, progress);
    } else {
      await runUpload(io, v.localPath, v.remotePath, { get: () => record.mark, set: (mark) => (record.mark = mark) }, progress);
    }
  }

  private sample(record: Record): void {
    const now = performance.now();
    record.samples.push({ at: now, bytes: record.view.bytes });
    while (record.samples.length > 2 && now - record.samples[0]!.at > transferLimits.rateWindowMs) record.samples.shift();
    const first = record.samples[0]!;
    mutable(record.view).rate = now - first.at > 200 ? ((record.view.bytes - first.bytes) * 1000) / (now - first.at) : record.view.rate;
  }

  private finish(record: Record, state: 'done' | 'failed' | 'cancelled', error: AppError | null): void {
    const v = mutable(record.view);
    v.state = state;
    v.error = error ? { code: error.code, message: error.message, hint: error.hint } : null;
    v.rate = 0;
    v.finishedAt = Date.now();
    record.samples = [];
    if (state === 'done') {
      record.mark = null;
      if (v.size !== null) v.bytes = v.size;
    }
    this.touched(true);
  }

  /** A change: the queue is saved and sent, at most every eventMs while bytes move. */
  private touched(now = false): void {
    if (now) {
      if (this.eventTimer) clearTimeout(this.eventTimer);
      this.eventTimer = null;
      return this.flush();
    }
    this.eventTimer ??= setTimeout(() => {
      this.eventTimer = null;
      this.flush();
    }, transferLimits.eventMs);
  }

  private flush(): void {
    this.deps.changed(this.list());
    const saved = [...this.records.values()].map((r) => ({ view: r.view, mark: r.mark }));
    this.saving = this.saving.then(async () => {
      const temp = `${this.deps.storePath}.tmp`;
      await mkdir(dirname(this.deps.storePath), { recursive: true });
      await writeFile(temp, JSON.stringify(saved));
      await rename(temp, this.deps.storePath);
    }).catch((error: unknown) => this.deps.log.warn('transfers: could not save the queue', error));
  }

  /** The queue of an earlier run: what was moving then stopped with the app, and Resume goes on. */
  private load(): void {
    let saved: { view: TransferView; mark: UploadMark | null }[];
    try {
      saved = JSON.parse(readFileSync(this.deps.storePath, 'utf8')) as typeof saved;
    } catch {
      return;
    }
    for (const { view, mark } of saved) {
      const interrupted = ['queued', 'running', 'retrying', 'verifying'].includes(view.state);
      const v: TransferView = interrupted ? { ...view, state: 'failed', rate: 0, error: { code: 'interrupted', message: 'The app closed while this transfer was moving.', hint: 'Press Resume: it goes on from the bytes already moved.' } } : view;
      this.records.set(v.id, { view: v, mark, abort: null, samples: [] });
    }
  }
}
