/**
 * Forwarded-port throughput: a download from a TCP server on the box through our tunnel, against
 * OpenSSH's `ssh -N -L` to the same sshd, and against the same server with no SSH at all (the
 * machine's limit), in one run. The reader is a process of its own in every case, so the tunnel's
 * event loop does not also carry the reading. bench/run.ts runs this in a process of its own too:
 * the tunnel lives in the backend's process in the app, not in one that has just driven a browser
 * through a 256 MiB terminal run (its heap and GC then slowed the tunnel to 0.65–0.72×).
 */
import { appConnection, sshdServer } from '../e2e/harness/app-connection.js';
import { spawn } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../e2e/harness/net-util.js';
import { startSshd } from '../e2e/harness/sshd.js';
import { silentLogger } from '../main/services/log.js';
import { TunnelService } from '../main/services/tunnels/tunnel-service.js';
import { line, median } from './report.js';

const MiB = 2 ** 20;
const sizes = {
  /** What each download moves: long enough to be about throughput, not set-up. */
  downloadBytes: 512 * MiB,
  chunkBytes: MiB,
  rounds: 3,
} as const;

/** Reads a port to its end in a child process; resolves with MiB/s from the first byte to the last. */
const download = (port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const script = `
      const socket = require('node:net').connect(${port}, '127.0.0.1');
      let bytes = 0, first = 0;
      socket.on('data', (d) => { if (!first) first = performance.now(); bytes += d.length; });
      socket.on('end', () => { process.stdout.write(JSON.stringify({ bytes, ms: performance.now() - first })); });
      socket.on('error', (e) => { console.error(String(e)); process.exit(1); });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the reader failed: ${err}`));
      const { bytes, ms } = JSON.parse(out) as { bytes: number; ms: number };
      if (bytes !== sizes.downloadBytes) return reject(new Error(`the reader got ${bytes} of ${sizes.downloadBytes} bytes`));
      resolve(bytes / MiB / (ms / 1000));
    });
  });

const waitForPort = async (port: number) => {
  for (let i = 0; i < 100; i += 1) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
};

export const forwardThroughput = async () => {
  process.stdout.write('\nTunnels: a forwarded port, downloading from the box (target: ≥ 0.8× OpenSSH ssh -L)\n');
  // The box's server: a fixed buffer written until the size is reached (the disk plays no part).
  const chunk = Buffer.alloc(sizes.chunkBytes, 'x');
  const server = createServer((socket) => {
    let left = sizes.downloadBytes;
    // A port probe (is ssh -L listening yet?) hangs up at once: that is not an error here.
    socket.on('error', () => socket.destroy());
    const pump = () => {
      while (left > 0 && !socket.destroyed) {
        left -= chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
      socket.end();
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const boxPort = (server.address() as AddressInfo).port;
  const sshd = await startSshd();
  const connection = appConnection(sshdServer(sshd));
  const tunnels = new TunnelService({ connection: () => connection, changed: () => {}, log: silentLogger });
  let ssh: ReturnType<typeof spawn> | undefined;
  try {
    const direct: number[] = [];
    for (let i = 0; i < sizes.rounds; i += 1) direct.push(await download(boxPort));

    await connection.connect();
    const tunnel = await tunnels.open('box', boxPort, { localPort: await freePort() });
    const localPort = await freePort();
    ssh = spawn('ssh', ['-F', '/dev/null', '-i', sshd.clientKey.privateKeyPath, '-p', String(sshd.port), '-o', 'StrictHostKeyChecking=no', '-o', `UserKnownHostsFile=${join(sshd.dir, 'fwd_known_hosts')}`, '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', '-N', '-L', `${localPort}:127.0.0.1:${boxPort}`, `${sshd.user}@127.0.0.1`], { stdio: 'ignore' });
    await waitForPort(localPort);
    // Rounds alternate, so a busy moment of the machine falls on both sides alike.
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < sizes.rounds; i += 1) {
      ours.push(await download(tunnel.localPort));
      theirs.push(await download(localPort));
    }

    const size = `${sizes.downloadBytes / MiB} MiB, median of ${sizes.rounds}`;
    line('  no SSH (the machine’s limit)', `${median(direct).toFixed(0)} MiB/s`, size);
    line('  OpenSSH ssh -L', `${median(theirs).toFixed(0)} MiB/s`, `${(median(theirs) / median(direct)).toFixed(2)}× the limit`);
    line('  PGX Companion tunnel', `${median(ours).toFixed(0)} MiB/s`, `ratio ${(median(ours) / median(theirs)).toFixed(2)}× OpenSSH (target ≥ 0.8×)`);
  } finally {
    ssh?.kill();
    tunnels.dispose();
    connection.disconnect();
    server.close();
    await sshd.stop();
  }
};

// `tsx bench/forward.ts`: this section alone, in a fresh process (bench/run.ts starts it so).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await forwardThroughput();
