/**
 * SFTP download throughput (issue 13, Done-when 1): 1 GiB from the real sshd over loopback, in one
 * run, three ways — PGX Companion's pipelined SFTP download (the file manager's and the profiler's
 * engine, writing the file and hashing it as it lands), OpenSSH's `sftp` client, and a raw SSH
 * channel reading the same file (`cat` over an exec channel of the same connection, bytes counted
 * and dropped: the ceiling for any SSH transfer here). Targets: ≥ 2.0× `sftp`, ≥ 0.85× the raw
 * channel. Rounds alternate so a busy moment falls on every side alike; medians are printed.
 *   npx tsx bench/sftp.ts
 */
import { spawnSync } from 'node:child_process';
import { chownSync, closeSync, existsSync, fsyncSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appConnection, sshdServer } from '../e2e/harness/app-connection.js';
import { startSshd } from '../e2e/harness/sshd.js';
import { workerHasher } from '../main/services/files/hasher.js';
import { pipeDownload } from '../main/services/files/transfer-engine.js';
import { line, median } from './report.js';

const MiB = 2 ** 20;
const sizes = { fileBytes: 1024 * MiB, rounds: 3 } as const;

/**
 * Where the downloads land, for every side alike: tmpfs when the machine has it. This VM's disk
 * takes some 265 MiB/s of writes (printed below), slower than any laptop's SSD, and would cap every
 * side at its own speed; PGX_BENCH_DIR picks another folder.
 */
const landingDir = (): string => process.env['PGX_BENCH_DIR'] ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

/** MiB/s of 1 MiB writes to a file in `dir` (what a download that lands there cannot beat). */
const diskWrite = (dir: string): number => {
  const path = join(dir, 'pgx-write-probe.bin');
  const block = Buffer.alloc(MiB, 7);
  const start = performance.now();
  const fd = openSync(path, 'w');
  for (let i = 0; i < 512; i += 1) writeSync(fd, block);
  fsyncSync(fd);
  closeSync(fd);
  const s = (performance.now() - start) / 1000;
  rmSync(path);
  return 512 / s;
};

const seconds = async (work: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
};

export const sftpThroughput = async (): Promise<void> => {
  process.stdout.write(`\nSFTP: a ${sizes.fileBytes / MiB} MiB download from the real sshd over loopback (targets: ≥ 2.0× OpenSSH sftp, ≥ 0.85× a raw SSH channel)\n`);
  // The box's own sshd as DGX OS (Ubuntu) ships it: sftp-server a process of its own.
  const sshd = await startSshd({ sftpServer: 'external' });
  const local = mkdtempSync(join(landingDir(), 'pgx-sftp-bench-'));
  const remoteFile = join(sshd.home, 'bench-1g.bin');
  const connection = appConnection(sshdServer(sshd));
  try {
    // Random bytes (no compression anywhere could flatter a side), written as the test user would.
    spawnSync('sh', ['-c', `head -c ${sizes.fileBytes} /dev/urandom > '${remoteFile}'`]);
    if (process.getuid?.() === 0 && sshd.user !== 'root') {
      const owner = statSync(sshd.home);
      chownSync(remoteFile, owner.uid, owner.gid);
    }
    await connection.connect();
    const sftp = await connection.sftp();
    const ours = async () => {
      const target = join(local, 'ours.bin');
      const hash = workerHasher();
      await pipeDownload({ sftp, remotePath: remoteFile, localPath: target, from: 0, size: sizes.fileBytes, hash, signal: new AbortController().signal, progress: () => {} });
      if (!/^[0-9a-f]{64}$/.test(await hash.digest())) throw new Error('no sha256');
      if (statSync(target).size !== sizes.fileBytes) throw new Error('our download is short');
      rmSync(target);
    };
    const openssh = async () => {
      const target = join(local, 'sftp.bin');
      const r = spawnSync('sftp', ['-q', '-F', '/dev/null', '-i', sshd.clientKey.privateKeyPath, '-P', String(sshd.port), '-o', 'StrictHostKeyChecking=no', '-o', `UserKnownHostsFile=${join(sshd.dir, 'bench_known_hosts')}`, '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', '-b', '-', `${sshd.user}@127.0.0.1`], { input: `get ${remoteFile} ${target}\n` });
      if (r.status !== 0 || statSync(target).size !== sizes.fileBytes) throw new Error(`sftp failed: ${r.stderr.toString()}`);
      rmSync(target);
    };
    const raw = async () => {
      const channel = await connection.execStream(`cat '${remoteFile}'`);
      let bytes = 0;
      await new Promise<void>((resolve, reject) => {
        channel.on('data', (d: Buffer) => (bytes += d.length));
        channel.on('close', () => (bytes === sizes.fileBytes ? resolve() : reject(new Error(`the raw channel read ${bytes} bytes`))));
      });
    };
    // ssh2's own fastGet at the same chunk size and concurrency: the library's best, for reference.
    const fastGet = async () => {
      const target = join(local, 'fastget.bin');
      await new Promise<void>((resolve, reject) => sftp.fastGet(remoteFile, target, { concurrency: 64, chunkSize: 261_120 }, (error) => (error ? reject(error) : resolve())));
      rmSync(target);
    };
    const t = { ours: [] as number[], openssh: [] as number[], raw: [] as number[], fastGet: [] as number[] };
    await ours(); // warm the page cache and the SFTP session once, for every side alike
    for (let i = 0; i < sizes.rounds; i += 1) {
      t.raw.push(await seconds(raw));
      t.openssh.push(await seconds(openssh));
      t.ours.push(await seconds(ours));
      t.fastGet.push(await seconds(fastGet));
    }
    const rate = (s: readonly number[]) => sizes.fileBytes / MiB / median(s);
    const note = `median of ${sizes.rounds}`;
    line('  writes to the landing folder', `${diskWrite(local).toFixed(0)} MiB/s`, `${local.replace(/\/pgx-sftp-bench-.*$/, '')}; the system disk: ${diskWrite(tmpdir()).toFixed(0)} MiB/s`);
    line('  raw SSH channel (cat, dropped)', `${rate(t.raw).toFixed(0)} MiB/s`, note);
    line('  ssh2 fastGet (64 × 255 KiB, no hash)', `${rate(t.fastGet).toFixed(0)} MiB/s`, `${(rate(t.fastGet) / rate(t.openssh)).toFixed(2)}× sftp, ${(rate(t.fastGet) / rate(t.raw)).toFixed(2)}× raw channel`);
    line('  OpenSSH sftp (get)', `${rate(t.openssh).toFixed(0)} MiB/s`, note);
    line('  PGX Companion SFTP (written + sha256)', `${rate(t.ours).toFixed(0)} MiB/s`, `${(rate(t.ours) / rate(t.openssh)).toFixed(2)}× sftp (target ≥ 2.0×), ${(rate(t.ours) / rate(t.raw)).toFixed(2)}× raw channel (target ≥ 0.85×)`);
  } finally {
    connection.disconnect();
    rmSync(local, { recursive: true, force: true });
    rmSync(remoteFile, { force: true });
    await sshd.stop();
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await sftpThroughput();
