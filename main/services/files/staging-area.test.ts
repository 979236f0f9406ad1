import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src/contract/errors.js';
import type { TransferView } from '../../../src/domain/transfer.js';
import { silentLogger } from '../log.js';
import { StagingArea } from './staging-area.js';

const area = () => new StagingArea(mkdtempSync(join(tmpdir(), 'pgx-staging-')), silentLogger);

const stage = async (staging: StagingArea, name: string, bytes: Buffer, chunk = 3) => {
  const { stageId } = await staging.begin(name, bytes.length);
  for (let at = 0; at < bytes.length; at += chunk) await staging.chunk(stageId, at, bytes.subarray(at, at + chunk).toString('base64'));
  return { stageId, ...(await staging.end(stageId)) };
};

const upload = (localPath: string, state: TransferView['state']): TransferView => ({
  id: 't1', deviceId: 'demo', direction: 'upload', kind: 'file', name: 'x', remotePath: '/home/demo/x', localPath, bytes: 0, size: 1,
  files: { done: 0, total: 1 }, rate: 0, state, resumes: 0, checksum: null, error: null, createdAt: 0, finishedAt: null,
});

const code = async (work: Promise<unknown>) => work.then(() => 'none', (e: unknown) => (e instanceof AppFailure ? e.error.code : String(e)));

describe('staging an upload in browser mode', () => {
  it('writes the chunks under staging/<id>/<the exact name>, hostile names included', async () => {
    const staging = area();
    for (const name of ['it\'s "quoted"', 'new\nline', '中文 🚀.txt', ' lead space', '-rf']) {
      const bytes = Buffer.from(`bytes of ${name}`);
      const { localPath, stageId } = await stage(staging, name, bytes);
      expect(localPath).toBe(join(staging.root, stageId, name));
      expect(readFileSync(localPath)).toEqual(bytes);
      expect(staging.stageOf(localPath)).toBe(stageId);
    }
    const empty = await stage(staging, 'empty', Buffer.alloc(0));
    expect(readFileSync(empty.localPath).length).toBe(0);
  });

  it('refuses chunks out of order, past the size, or an end before all bytes, and drops the copy', async () => {
    const staging = area();
    const { stageId } = await staging.begin('f', 4);
    expect(await code(staging.chunk(stageId, 1, 'QQ=='))).toBe('conflict');
    await staging.chunk(stageId, 0, Buffer.from('ab').toString('base64'));
    expect(await code(staging.end(stageId))).toBe('bad-request');
    expect(existsSync(join(staging.root, stageId))).toBe(false);
    const second = await staging.begin('g', 2);
    expect(await code(staging.chunk(second.stageId, 0, Buffer.from('abc').toString('base64')))).toBe('bad-request');
    expect(existsSync(join(staging.root, second.stageId))).toBe(false);
    expect(await code(staging.chunk('nope', 0, ''))).toBe('not-found');
  });

  it('keeps the copy while its upload runs or can resume, and deletes it once done or removed', async () => {
    const staging = area();
    const a = await stage(staging, 'a', Buffer.from('aaaa'));
    const b = await stage(staging, 'b', Buffer.from('bbbb'));
    const c = await stage(staging, 'c', Buffer.from('cccc'));
    staging.settle([]);
    expect(existsSync(a.localPath) && existsSync(b.localPath) && existsSync(c.localPath)).toBe(true);
    staging.settle([upload(a.localPath, 'running'), upload(b.localPath, 'failed')]);
    expect(existsSync(a.localPath) && existsSync(b.localPath)).toBe(true);
    staging.settle([upload(a.localPath, 'done'), upload(b.localPath, 'cancelled')]);
    await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(dirname(a.localPath))).toBe(false);
    expect(existsSync(b.localPath)).toBe(true);
    staging.settle([upload(a.localPath, 'done')]);
    await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(dirname(b.localPath))).toBe(false);
    // Never queued: kept until discarded (the page gave up) or swept after a day.
    expect(existsSync(c.localPath)).toBe(true);
    await staging.discard(c.stageId);
    expect(existsSync(dirname(c.localPath))).toBe(false);
  });

  it('sweeps day-old copies no upload holds at start', () => {
    const staging = area();
    for (const id of ['old', 'held', 'fresh']) mkdirSync(join(staging.root, id), { recursive: true });
    const dayAgo = (Date.now() - 25 * 3600_000) / 1000;
    utimesSync(join(staging.root, 'old'), dayAgo, dayAgo);
    utimesSync(join(staging.root, 'held'), dayAgo, dayAgo);
    staging.sweep([upload(join(staging.root, 'held', 'x'), 'failed')]);
    expect(['old', 'held', 'fresh'].map((id) => existsSync(join(staging.root, id)))).toEqual([false, true, true]);
  });
});
