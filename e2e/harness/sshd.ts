/**
 * A real OpenSSH server for integration and e2e tests: Debian's sshd on 127.0.0.1, a free port,
 * its own host key, config, user and authorized_keys in a throwaway folder. As root (CI) it
 * creates a dedicated user with a password, so password login, PTYs and the password → key
 * bootstrap work; otherwise it runs as the current user with key login only and says so.
 * Tests never read or write the real ~/.ssh.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Sku } from '../../main/demo/sim/state.js';
import { freePort, waitForBanner } from './net-util.js';
import { descendantsOf, killQuietly } from './processes.js';
import { installSimulator, type SimInstall } from './sim-install.js';

export interface SshdOptions {
  /** Install the GB10 simulator first on the user's PATH. */
  readonly simulator?: boolean;
  readonly sku?: Sku;
  /** authorized_keys in the user's ~/.ssh (default) or a file outside home. */
  readonly authorizedKeys?: 'home' | 'outside-home';
  /** Start with the client key authorized (default true). */
  readonly authorizeClientKey?: boolean;
  /** Extra sshd_config lines. */
  readonly extraConfig?: readonly string[];
  /** Reuse a host key (to keep a fingerprint across restarts) or force a new one. */
  readonly hostKeyPath?: string;
  /** Fix the port (a restarted server on the same host:port with a different key). */
  readonly port?: number;
  /**
   * The SFTP server: sshd's own (`internal-sftp`, one process) or Debian's and Ubuntu's default
   * `/usr/lib/openssh/sftp-server` (a process of its own beside sshd's crypto), as a DGX OS box runs it.
   */
  readonly sftpServer?: 'internal' | 'external';
}

export interface KeyPair {
  readonly privateKeyPath: string;
  readonly privateKey: string;
  readonly publicKey: string;
}

export interface Sshd {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  /** Present when password login works (root mode). */
  readonly password: string | undefined;
  readonly home: string;
  readonly dir: string;
  readonly hostKeyPath: string;
  /** `SHA256:…`, as `ssh-keygen -lf` prints it. */
  readonly hostKeyFingerprint: string;
  readonly hostPublicKey: string;
  readonly clientKey: KeyPair;
  readonly authorizedKeysPath: string;
  readonly canPassword: boolean;
  readonly sim: SimInstall | undefined;
  /** Kills every session's sshd process: each client sees its connection drop. Returns how many. */
  cutConnections(): number;
  /** Runs a command as the test user through the system ssh client (for assertions). */
  sshExec(command: string): string;
  stop(): Promise<void>;
}

const live = new Set<Sshd>();
process.once('exit', () => {
  for (const server of live) void server.stop();
});

const run = (command: string, args: string[], input?: string): string => {
  const result = spawnSync(command, args, { input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
};

export const keygen = (path: string, comment = 'pgx-test'): KeyPair => {
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
  return { privateKeyPath: path, privateKey: readFileSync(path, 'utf8'), publicKey: readFileSync(`${path}.pub`, 'utf8').trim() };
};

export const fingerprintOf = (publicKeyPath: string): string => run('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyPath]).split(' ')[1]!;

export const startSshd = async (options: SshdOptions = {}): Promise<Sshd> => {
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'pgx-sshd-'));
  chmodSync(dir, 0o755);
  const user = root ? `pgxt${randomBytes(4).toString('hex')}` : userInfo().username;
  const home = root ? join(dir, 'home') : userInfo().homedir;
  const password = root ? `pw-${randomBytes(9).toString('base64url')}` : undefined;

  let uid: number | undefined;
  let gid: number | undefined;
  if (root) {
    mkdirSync(home, { recursive: true });
    run('useradd', ['--no-create-home', '--home-dir', home, '--shell', '/bin/bash', '--user-group', user]);
    run('chpasswd', [], `${user}:${password}\n`);
    uid = Number(run('id', ['-u', user]).trim());
    gid = Number(run('id', ['-g', user]).trim());
  }

  const hostKeyPath = options.hostKeyPath ?? join(dir, 'host_ed25519');
  if (!options.hostKeyPath) keygen(hostKeyPath, 'pgx-test-host');
  const clientKey = keygen(join(dir, 'client_ed25519'), 'pgx-test-client');
  const authorizedKeysPath = options.authorizedKeys === 'outside-home' || !root ? join(dir, 'authorized_keys') : join(home, '.ssh', 'authorized_keys');
  mkdirSync(join(authorizedKeysPath, '..'), { recursive: true });
  writeFileSync(authorizedKeysPath, options.authorizeClientKey === false ? '' : `${clientKey.publicKey}\n`, { mode: 0o600 });

  const sim = options.simulator ? installSimulator({ dir, uid, gid, sku: options.sku }) : undefined;
  if (sim && root) {
    // Login shells (PTYs) read ~/.profile after /etc/profile resets PATH; keep the simulator first.
    const profile = `export PATH="${sim.path}"\nexport PGX_SIM_STATE="${sim.stateDir}"\n`;
    writeFileSync(join(home, '.profile'), profile);
    writeFileSync(join(home, '.bashrc'), profile);
  }
  if (root) {
    chownSync(join(authorizedKeysPath, '..'), uid!, gid!);
    chownSync(authorizedKeysPath, uid!, gid!);
    for (const path of [home, join(home, '.profile'), join(home, '.bashrc')]) {
      try {
        chownSync(path, uid!, gid!);
      } catch {
        // No simulator: no profile files.
      }
    }
  }

  const port = options.port ?? (await freePort());
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKeyPath}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${authorizedKeysPath.startsWith(home + '/') ? '.ssh/authorized_keys' : authorizedKeysPath}`,
    'UsePAM no',
    'StrictModes no',
    `PasswordAuthentication ${root ? 'yes' : 'no'}`,
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin no',
    `AllowUsers ${user}`,
    `Subsystem sftp ${options.sftpServer === 'external' ? '/usr/lib/openssh/sftp-server' : 'internal-sftp'}`,
    'AllowTcpForwarding yes',
    'X11Forwarding no',
    'PrintMotd no',
    'PrintLastLog no',
    'MaxSessions 200',
    'MaxStartups 200:30:400',
    'LogLevel VERBOSE',
    ...(sim ? [`SetEnv PATH=${sim.path} PGX_SIM_STATE=${sim.stateDir}`] : []),
    ...(options.extraConfig ?? []),
  ];
  const configPath = join(dir, 'sshd_config');
  writeFileSync(configPath, config.join('\n') + '\n');
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  run('/usr/sbin/sshd', ['-t', '-f', configPath]);

  const logPath = join(dir, 'sshd.log');
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => {
    try {
      writeFileSync(logPath, chunk, { flag: 'a' });
    } catch {
      // The folder is gone: the server is being torn down.
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.unref();
  await Promise.race([
    waitForBanner(port, 'SSH-2.0-OpenSSH'),
    exited.then(() => {
      throw new Error(`sshd exited at start: ${readFileSync(logPath, 'utf8')}`);
    }),
  ]);

  const masterPid = child.pid!;
  let stopped = false;
  const server: Sshd = {
    host: '127.0.0.1',
    port,
    user,
    password,
    home,
    dir,
    hostKeyPath,
    hostKeyFingerprint: fingerprintOf(`${hostKeyPath}.pub`),
    hostPublicKey: readFileSync(`${hostKeyPath}.pub`, 'utf8').trim(),
    clientKey,
    authorizedKeysPath,
    canPassword: root,
    sim,
    cutConnections: () => {
      const sessions = descendantsOf(masterPid).filter((p) => p.cmdline.startsWith('sshd'));
      for (const session of sessions) killQuietly(session.pid);
      return sessions.length;
    },
    sshExec: (command) =>
      run('ssh', [
        '-F', '/dev/null',
        '-i', clientKey.privateKeyPath,
        '-p', String(port),
        '-o', 'StrictHostKeyChecking=no',
        '-o', `UserKnownHostsFile=${join(dir, 'known_hosts')}`,
        '-o', 'BatchMode=yes',
        '-o', 'LogLevel=ERROR',
        `${user}@127.0.0.1`,
        command,
      ]),
    // Synchronous on purpose: it also runs from the process 'exit' handler.
    stop: async () => {
      if (stopped) return;
      stopped = true;
      live.delete(server);
      for (const pid of sim?.serverPids() ?? []) killQuietly(pid);
      for (const p of descendantsOf(masterPid)) killQuietly(p.pid);
      killQuietly(masterPid);
      if (root) {
        // Processes the user left behind (tmux servers, detached jobs) go with the user.
        spawnSync('pkill', ['-KILL', '-u', user]);
        spawnSync('userdel', [user]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  live.add(server);
  return server;
};
