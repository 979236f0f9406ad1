/**
 * Browser mode's uploads: a web page cannot hand over a path on this computer, so the picked
 * file's bytes come over the socket in order and are written to `<dataDir>/staging/<id>/<name>`;
 * files:upload then reads that path like any other. The copy goes once its upload is done or
 * removed (settle, from the transfer queue), or when the page gives up on it (discard).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import { stageLimits } from '../../../src/contract/methods/files.js';
import type { TransferView } from '../../../src/domain/transfer.js';
import type { Logger } from '../log.js';

export const stagingTiming = {
  /** A staged file no upload took (the page closed mid-way) is swept at start after a day. */
  orphanAfterMs: 24 * 60 * 60 * 1000,
} as const;

interface Stage {
  readonly id: string;
  readonly path: string;
  readonly size: number;
  readonly file: FileHandle;
  written: number;
  /** stage-end reached: the file is whole and waits for files:upload. */
  complete: boolean;
}

const unknownStage = (id: string) => new AppFailure(appError('not-found', `No upload is being prepared under ${id}.`, 'Pick the file again.'));

export class StagingArea {
  private readonly stages = new Map<string, Stage>();
  /** Stage ids an upload took (seen in the queue), so the copy can go once that upload is over. */
  private readonly claimed = new Set<string>();
  /** Stage ids whose upload finished (and whose copy is gone). */
  private readonly finished = new Set<string>();
  readonly root: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.root = join(dataDir, 'staging');
  }

  async begin(name: string, size: number): Promise<{ stageId: string }> {
    const id = randomUUID();
    const dir = join(this.root, id);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, name);
    // The name was checked by the contract (no slash, not . or ..); stay inside the folder regardless.
    if (relative(dir, path).includes(sep)) throw new AppFailure(appError('bad-request', `“${name}” cannot be a file name here.`, 'Rename the file and pick it again.'));
    let file: FileHandle;
    try {
      file = await open(path, 'wx', 0o600);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw new AppFailure(appError('io-error', `Could not prepare the upload on this computer: ${(error as Error).message}.`, 'Check the free space of the app’s data folder.'));
    }
    this.stages.set(id, { id, path, size, file, written: 0, complete: false });
    return { stageId: id };
  }

  async chunk(stageId: string, offset: number, data: string): Promise<{ bytes: number }> {
    const stage = this.stages.get(stageId);
    if (!stage || stage.complete) throw unknownStage(stageId);
    if (offset !== stage.written) throw new AppFailure(appError('conflict', `The upload’s bytes arrived out of order (at ${offset}, expected ${stage.written}).`, 'Pick the file again.'));
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length > stageLimits.chunkBytes || stage.written + bytes.length > stage.size) {
      await this.discard(stageId);
      throw new AppFailure(appError('bad-request', 'The upload sent more bytes than the file has.', 'Pick the file again.'));
    }
    try {
      await stage.file.write(bytes, 0, bytes.length, offset);
    } catch (error) {
      await this.discard(stageId);
      throw new AppFailure(appError('io-error', `Could not copy the file on this computer: ${(error as Error).message}.`, 'Free some space on this computer’s disk and pick the file again.'));
    }
    stage.written += bytes.length;
    return { bytes: stage.written };
  }

  async end(stageId: string): Promise<{ localPath: string }> {
    const stage = this.stages.get(stageId);
    if (!stage || stage.complete) throw unknownStage(stageId);
    if (stage.written !== stage.size) {
      await this.discard(stageId);
      throw new AppFailure(appError('bad-request', `The upload stopped at ${stage.written} of ${stage.size} bytes.`, 'Pick the file again.'));
    }
    await stage.file.close();
    stage.complete = true;
    return { localPath: stage.path };
  }

  async discard(stageId: string): Promise<void> {
    const stage = this.stages.get(stageId);
    this.stages.delete(stageId);
    this.claimed.delete(stageId);
    if (stage && !stage.complete) await stage.file.close().catch(() => undefined);
    if (/^[a-z0-9-]{1,64}$/.test(stageId)) rmSync(join(this.root, stageId), { recursive: true, force: true });
  }

  /** The staging id a laptop path belongs to, if it is a staged copy. */
  stageOf(localPath: string): string | undefined {
    const rel = relative(this.root, localPath);
    if (rel.startsWith('..') || rel === '') return undefined;
    const id = rel.split(sep)[0];
    return id && /^[a-z0-9-]{1,64}$/.test(id) ? id : undefined;
  }

  /**
   * Called with the whole queue after each change: a staged copy whose upload is done goes, and
   * so does one whose upload was in the queue and is no longer (removed). One not yet queued stays.
   */
  settle(transfers: readonly TransferView[]): void {
    const live = new Set<string>();
    for (const t of transfers) {
      const id = t.direction === 'upload' ? this.stageOf(t.localPath) : undefined;
      if (id === undefined) continue;
      if (t.state !== 'done') {
        live.add(id);
        this.claimed.add(id);
      } else if (!this.finished.has(id)) {
        this.finished.add(id);
        void this.discard(id);
      }
    }
    for (const id of [...this.claimed]) if (!live.has(id)) void this.discard(id);
  }

  /** At start: staged copies older than a day that no upload holds are left from a closed page. */
  sweep(transfers: readonly TransferView[]): void {
    const held = new Set(transfers.filter((t) => t.direction === 'upload' && t.state !== 'done').map((t) => this.stageOf(t.localPath)));
    let names: string[];
    try {
      names = readdirSync(this.root);
    } catch {
      return;
    }
    for (const name of names) {
      if (held.has(name) || this.stages.has(name)) continue;
      try {
        if (this.now() - statSync(join(this.root, name)).mtimeMs > stagingTiming.orphanAfterMs) rmSync(join(this.root, name), { recursive: true, force: true });
      } catch (error) {
        this.log.warn(`could not sweep staged upload ${name}`, error);
      }
    }
  }

  dispose(): void {
    for (const stage of this.stages.values()) if (!stage.complete) void stage.file.close().catch(() => undefined);
  }
}
