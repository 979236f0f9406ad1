/**
 * Transfers over a real sshd, through a TCP proxy that can cut the connection: a 1 GiB download
 * cut five times goes on by itself each time and lands with the box's sha256 (issue 13,
 * Done-when 2); uploads and folders; a cancelled download resumes from its part file; a refused
 * path fails with a sentence. Logic only: no timing is asserted (bench/sftp.ts measures speed).
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chownSync, createReadStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cuttableConnection } from '../../../e2e/harness/app-connection.js';
import type { Sshd } from '../../../e2e/harness/sshd.js';
import type { TransferView } from '../../../src/domain/transfer.js';
import { silentLogger } from '../log.js';
import { TransferService } from './transfer-service.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const until = async (probe: () => boolean, timeoutMs: number, what: string | (() => string)) => {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === "function" ? what() : what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

const sha256File = (path: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => hash.update(d))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });

/** A file in the test user's home, owned by them (the harness runs sshd as root with a test user). */
const boxFile = (sshd: Sshd, name: string, bytes: number): string => {
  const path = join(sshd.home, name);
  spawnSync('sh', ['-c', `head -c ${bytes} /dev/urandom > "$1"`, 'sh', path]);
  own(sshd, path);
  return path;
};

const own = (sshd: Sshd, path: string) => {
  if (process.getuid?.() !== 0) return;
  const home = statSync(sshd.home);
  chownSync(path, home.uid, home.gid);
};

const setup = async () => {
  const { sshd, proxy, connection } = await cuttableConnection(cleanup);
  const local = mkdtempSync(join(tmpdir(), 'pgx-transfers-'));
  // The 1 GiB download lands here: never left behind.
  cleanup.push(() => rmSync(local, { recursive: true, force: true }));
  const reports: TransferView[][] = [];
  const make = () => new TransferService({ connection: () => connection, downloadsDir: () => join(local, 'downloads'), storePath: join(local, 'transfers.json'), changed: (list) => reports.push(list), log: silentLogger });
  const transfers = make();
  cleanup.push(() => transfers.dispose());
  const view = (id: string) => transfers.list().find((t) => t.id === id)!;
  const settled = (id: string, timeoutMs = 120_000) => until(() => ['done', 'failed', 'cancelled'].includes(view(id).state), timeoutMs, `transfer ${id} to settle (${view(id).state})`);
  return { sshd, proxy, connection, transfers, local, view, settled, reports, make };
};

describe('transfers', () => {
  it('a 1 GiB download cut five times goes on each time and lands with the box’s sha256', async () => {
    const { sshd, proxy, transfers, view, settled } = await setup();
    const size = 1024 * 2 ** 20;
    const remote = boxFile(sshd, 'big model.gguf', size);
    const expected = spawnSync('sha256sum', [remote], { encoding: 'utf8' }).stdout.slice(0, 64);
    const t = await transfers.download('box', remote);
    for (let cut = 1; cut <= 5; cut += 1) {
      // Each cut falls while bytes move: after this cut's share of the file has arrived.
      await until(() => view(t.id).state === 'running' && view(t.id).bytes > (cut * size) / 7, 120_000, `bytes before cut ${cut}`);
      expect(proxy.dropAll()).toBeGreaterThan(0);
      await until(() => view(t.id).resumes === cut, 30_000, () => `resume ${cut} (${JSON.stringify(view(t.id))})`);
    }
    await settled(t.id, 180_000);
    const done = view(t.id);
    expect(done).toMatchObject({ state: 'done', bytes: size, size, resumes: 5, error: null, checksum: { local: expected, remote: expected, match: true } });
    expect(statSync(done.localPath).size).toBe(size);
    expect(await sha256File(done.localPath)).toBe(expected);
    // No part or note left beside it.
    expect(readdirSync(join(done.localPath, '..'))).toEqual(['big model.gguf']);
  }, 300_000);

  it('a cancelled download keeps its part; Resume goes on from it; a second one of the same name gets " (1)"', async () => {
    const { sshd, proxy, transfers, view, settled } = await setup();
    const size = 64 * 2 ** 20;
    const remote = boxFile(sshd, 'report.nsys-rep', size);
    proxy.setMode({ kind: 'throttle', bytesPerSecond: 16 * 2 ** 20 });
    const t = await transfers.download('box', remote);
    await until(() => view(t.id).bytes > 4 * 2 ** 20, 30_000, 'some bytes');
    transfers.cancel(t.id);
    await settled(t.id);
    const kept = view(t.id).bytes;
    expect(view(t.id).state).toBe('cancelled');
    expect(statSync(`${view(t.id).localPath}.pgx-part`).size).toBe(kept);
    proxy.setMode({ kind: 'pass' });
    transfers.resume(t.id);
    await settled(t.id);
    expect(view(t.id)).toMatchObject({ state: 'done', checksum: { match: true } });
    expect(await sha256File(view(t.id).localPath)).toBe(spawnSync('sha256sum', [remote], { encoding: 'utf8' }).stdout.slice(0, 64));
    const again = await transfers.download('box', remote);
    expect(again.name).toBe('report (1).nsys-rep');
    await settled(again.id);
    expect(view(again.id).state).toBe('done');
  }, 120_000);

  it('uploads a file (verified, renamed into place) and a folder; names with quotes, newlines and emoji arrive intact', async () => {
    const { sshd, transfers, local, view, settled } = await setup();
    const names = [`it's "quoted".txt`, 'line\nbreak.bin', '中文 😀.md', ' spaced  out '];
    const src = join(local, 'src');
    mkdirSync(join(src, 'sub dir'), { recursive: true });
    for (const [i, name] of names.entries()) writeFileSync(join(src, name), `file ${i}: ${name}\n`.repeat(1000 * (i + 1)));
    writeFileSync(join(src, 'sub dir', 'deep.txt'), 'deep');
    const remoteDir = join(sshd.home, 'up');
    mkdirSync(remoteDir);
    own(sshd, remoteDir);
    for (const name of names) {
      const t = await transfers.upload('box', join(src, name), remoteDir);
      await settled(t.id);
      expect(view(t.id)).toMatchObject({ state: 'done', name, checksum: { match: true } });
      expect(readFileSync(join(remoteDir, name))).toEqual(readFileSync(join(src, name)));
    }
    const folder = await transfers.upload('box', src, remoteDir);
    await settled(folder.id);
    expect(view(folder.id)).toMatchObject({ state: 'done', kind: 'dir', files: { done: 5, total: 5 } });
    expect(readFileSync(join(remoteDir, 'src', 'sub dir', 'deep.txt'), 'utf8')).toBe('deep');
    expect(readdirSync(join(remoteDir, 'src')).sort()).toEqual([...names, 'sub dir'].sort());
    // And back down: the folder lands with every name and byte.
    const down = await transfers.download('box', join(remoteDir, 'src'));
    await settled(down.id);
    expect(view(down.id)).toMatchObject({ state: 'done', files: { done: 5, total: 5 } });
    for (const name of names) expect(readFileSync(join(view(down.id).localPath, name))).toEqual(readFileSync(join(src, name)));
  }, 120_000);

  it('a path the box refuses fails with a sentence and a fix; the queue survives a restart as resumable', async () => {
    const { sshd, transfers, make, view, settled } = await setup();
    await expect(transfers.download('box', join(sshd.home, 'nothing-here'))).rejects.toMatchObject({ error: { code: 'not-found' } });
    const up = await transfers.upload('box', '/etc/hostname', '/proc');
    await settled(up.id);
    expect(view(up.id).state).toBe('failed');
    expect(view(up.id).error!.message).toMatch(/\/proc/);
    expect(view(up.id).error!.hint).not.toBe('');
    const later = make();
    expect(later.list().map((t) => [t.id, t.state])).toEqual([[up.id, 'failed']]);
    later.dispose();
  }, 60_000);
});
