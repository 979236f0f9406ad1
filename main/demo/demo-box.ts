/**
 * The built-in demo box: an SSH server inside the app, backed by the GB10 simulator, so a new
 * user sees every screen work before owning a box. The app connects to it exactly as to a real
 * box (ssh2 client, host key check, exec, PTY shell, SFTP, port forwards); only the other end is
 * simulated. Its files and state live in <data folder>/demo-box, so it survives app restarts.
 * It listens on 127.0.0.1 only and accepts only the app's own demo key.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// ssh2 is CommonJS and stays outside the bundle: named ESM imports of it fail.
import ssh2 from 'ssh2';
import type { Connection, ParsedKey, ServerChannel } from 'ssh2';
import type { Logger } from '../services/log.js';
import { initialState } from './sim/box.js';
import { faultNames, type FaultName } from './sim/faults.js';
import { applyFault } from './sim/fault-effects.js';
import { inProcessServerHost } from './sim/in-process-server-host.js';
import { rootedFs } from './sim/sim-fs.js';
import { fileLogStore, fileStateStore, writeInitialState } from './sim/state-store.js';
import type { SimState, Sku } from './sim/state.js';
import { programs } from './sim/programs/index.js';
import { renderProcFile } from './sim/proc.js';
import { ollamaDaemonSpec } from './sim/servers/ollama-server.js';
import { dgxDashboardSpec } from './sim/servers/dgx-dashboard-site.js';
import { createProcessTable, runCommandLine, startInteractiveShell, type ShellHost } from './shell/index.js';
import { nativeScripts } from './native-scripts.js';
import { serveSftp } from './demo-sftp.js';
import { startFaultGate } from './fault-gate.js';
import { seedDemoFiles } from './demo-seed.js';
import { seedDemoModels } from './demo-models.js';
import { sshFingerprint } from '../ssh/fingerprint.js';
import { generateEd25519, parsesBack } from '../ssh/keygen.js';

const { Server, utils } = ssh2;

export const demoUser = 'demo';

/** How long the box "freezes" when unified memory runs out (the out-of-memory fault). */
const defaultFreezeMs = 20_000;

export interface DemoBox {
  readonly port: number;
  readonly user: string;
  /** OpenSSH public key line of the demo box's host key. */
  readonly hostPublicKey: string;
  readonly hostKeyFingerprint: string;
  /** The key the app logs in with (OpenSSH private key). */
  readonly clientPrivateKey: string;
  state(): SimState;
  /** Changes the simulated box (tests tune its speeds; features seed it). */
  update(change: (state: SimState) => void): void;
  faults(): Partial<Record<FaultName, boolean>>;
  setFault(fault: FaultName, on: boolean): void;
  stop(): Promise<void>;
}

const loadOrCreateKey = (path: string, comment: string): string => {
  if (existsSync(path)) {
    const kept = readFileSync(path, 'utf8');
    // A key an older version saved that ssh2 cannot read back is replaced, not kept failing.
    if (parsesBack(kept)) return kept;
  }
  const pair = generateEd25519(comment);
  writeFileSync(path, pair.private, { mode: 0o600 });
  return pair.private;
};

const parsed = (key: string): ParsedKey => {
  const result = utils.parseKey(key);
  if (result instanceof Error) throw result;
  return Array.isArray(result) ? result[0]! : result;
};

export const startDemoBox = async (options: { dir: string; log: Logger; sku?: Sku; freezeMs?: number }): Promise<DemoBox> => {
  const freezeMs = options.freezeMs ?? defaultFreezeMs;
  const { dir, log } = options;
  mkdirSync(dir, { recursive: true });
  const stateDir = join(dir, 'state');
  if (!existsSync(join(stateDir, 'state.json'))) {
    writeInitialState(stateDir, initialState({ sku: options.sku ?? '128', now: Date.now(), box: { user: demoUser } }));
  }
  const store = fileStateStore(stateDir);
  const logs = fileLogStore(join(stateDir, 'logs'));
  const fs = rootedFs({ root: join(dir, 'root'), home: `/home/${demoUser}`, diskFull: () => store.read().faults['disk-full'] === true });
  seedDemoFiles(fs);
  seedDemoModels(fs, store);
  const servers = inProcessServerHost({ store, logs });
  const processes = createProcessTable();

  const hostKey = loadOrCreateKey(join(dir, 'host_ed25519'), 'pgx-demo-host');
  const clientKey = loadOrCreateKey(join(dir, 'client_ed25519'), 'pgx-companion-demo');
  const allowed = parsed(clientKey);
  const hostPublicKey = `ssh-ed25519 ${parsed(hostKey).getPublicSSH().toString('base64')}`;

  const shellHost: ShellHost = {
    store,
    fs,
    logs,
    servers,
    programs,
    nativeScripts,
    virtualFile: (path) => renderProcFile(path, store.read(), Date.now()),
    missing: (program) => {
      const faults = store.read().faults;
      return (program === 'docker' && faults['docker-missing'] === true) || (program === 'nvidia-smi' && faults['nvidia-smi-missing'] === true);
    },
    user: demoUser,
    hostname: store.read().box.hostname,
    processes,
  };

  // The box was "running" while the app was closed: bring back servers of running containers.
  for (const container of store.read().containers) {
    if (container.state !== 'running') continue;
    const restart = (await import('./sim/programs/docker/index.js')).serverSpecFor;
    const spec = restart(container, store.read());
    if (spec) servers.start({ ...spec, readyAfterMs: 0 });
  }

  // DGX OS runs the Ollama daemon as a service: it answers on 11434 from boot.
  if (store.read().ollama.serving) servers.start(ollamaDaemonSpec(store.read()));
  // And DGX Dashboard (the `dgx-dashboard` unit) on 11000.
  servers.start(dgxDashboardSpec());

  const connections = new Set<Connection>();
  const sshServer = new Server({ hostKeys: [hostKey], ident: 'OpenSSH_9.6p1 Ubuntu-3ubuntu13.5' }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', (error) => log.warn('demo box: client error', error));
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey' || ctx.username !== demoUser) return ctx.reject(['publickey']);
      const offered = ctx.key.data;
      if (ctx.key.algo !== allowed.type || !offered.equals(allowed.getPublicSSH())) return ctx.reject(['publickey']);
      if (!ctx.signature) return ctx.accept(); // the client asks whether the key would do
      if (ctx.blob && allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
      ctx.reject(['publickey']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        const env: Record<string, string> = { HOME: fs.home, USER: demoUser, LOGNAME: demoUser, SHELL: '/bin/bash', PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' };
        let pty: { cols: number; rows: number } | undefined;
        let resize: ((cols: number, rows: number) => void) | undefined;
        session.on('env', (accept, _reject, info) => {
          env[info.key] = info.val;
          accept?.();
        });
        session.on('pty', (accept, _reject, info) => {
          pty = { cols: info.cols, rows: info.rows };
          env['TERM'] = info.term || 'xterm-256color';
          accept?.();
        });
        session.on('window-change', (accept, _reject, info) => {
          resize?.(info.cols, info.rows);
          accept?.();
        });
        session.on('exec', (accept, _reject, info) => {
          const channel = accept();
          runExec(channel, info.command, env);
        });
        session.on('shell', (accept) => {
          const channel = accept();
          const shell = startInteractiveShell(
            shellHost,
            {
              write: (data) => channel.write(data),
              onData: (listener) => {
                const handler = (data: Buffer) => listener(data.toString('utf8'));
                channel.on('data', handler);
                return () => channel.off('data', handler);
              },
              end: (status) => {
                channel.exit(status);
                channel.end();
              },
            },
            { env, cols: pty?.cols ?? 80, rows: pty?.rows ?? 24 },
          );
          resize = (cols, rows) => shell.resize(cols, rows);
          channel.on('close', () => shell.close());
        });
        session.on('sftp', (accept) => {
          serveSftp(accept(), fs, { diskFull: () => store.read().faults['disk-full'] === true });
        });
      });
      client.on('tcpip', (accept, reject, info) => {
        const real = servers.portFor(info.destPort);
        if (real === undefined || !['127.0.0.1', 'localhost', '::1', '0.0.0.0'].includes(info.destIP)) return reject();
        const channel = accept();
        void import('node:net').then(({ connect }) => {
          const socket = connect(real, '127.0.0.1');
          socket.on('error', () => channel.close());
          channel.on('error', () => socket.destroy());
          channel.pipe(socket).pipe(channel);
        });
      });
    });
  });

  const runExec = (channel: ServerChannel, command: string, env: Record<string, string>) => {
    const controller = new AbortController();
    channel.on('close', () => controller.abort());
    // ssh2 emits 'close' only once the channel's input was read to its end, which a command that
    // never reads stdin (docker pull) never does; the client's CHANNEL_CLOSE ends our side of the
    // channel at once, so that is when the command is stopped (and its input drained).
    channel.on('finish', () => {
      controller.abort();
      channel.resume();
    });
    const input = (async function* () {
      // Not destroyed when the input ends: a command that read its stdin (`cat > file`) still
      // writes its output and exit status after the client's EOF.
      for await (const chunk of channel.iterator({ destroyOnReturn: false })) yield (chunk as Buffer).toString('utf8');
    })();
    runCommandLine(
      shellHost,
      command,
      {
        write: (text) => {
          if (!controller.signal.aborted) channel.write(text);
        },
        error: (text) => {
          if (!controller.signal.aborted) channel.stderr.write(text);
        },
        stdin: input,
        signal: controller.signal,
      },
      { env, cwd: fs.home },
    ).then(
      (status) => {
        if (controller.signal.aborted) return;
        channel.exit(status);
        channel.end();
      },
      (error: unknown) => {
        log.warn('demo box: command failed', error);
        if (controller.signal.aborted) return;
        channel.stderr.write(`demo box: ${error instanceof Error ? error.message : String(error)}\n`);
        channel.exit(1);
        channel.end();
      },
    );
  };

  await new Promise<void>((resolve) => sshServer.listen(0, '127.0.0.1', () => resolve()));
  const sshPort = (sshServer.address() as { port: number }).port;
  const gate = await startFaultGate(sshPort);
  let thaw: NodeJS.Timeout | undefined;

  const applyTransportFault = (fault: FaultName, on: boolean) => {
    if (fault === 'connection-dropped' && on) {
      gate.dropAll();
      for (const c of connections) c.end();
    }
    if (fault === 'connection-stalled') gate.setStalled(on);
    if (fault === 'out-of-memory') {
      gate.setStalled(on);
      gate.setRefusing(on);
      if (thaw) clearTimeout(thaw);
      if (on) {
        thaw = setTimeout(() => {
          store.update((state) => {
            state.faults['out-of-memory'] = false;
          }, Date.now());
          gate.setStalled(false);
          gate.setRefusing(false);
        }, freezeMs);
      }
    }
  };

  return {
    port: gate.port,
    user: demoUser,
    hostPublicKey,
    hostKeyFingerprint: sshFingerprint(parsed(hostKey).getPublicSSH()),
    clientPrivateKey: clientKey,
    state: () => store.read(),
    update: (change) => store.update((state) => change(state), Date.now()),
    faults: () => store.read().faults,
    setFault: (fault, on) => {
      const effect = store.update((state, now) => applyFault(state, fault, on, now), Date.now());
      for (const id of effect.killedContainers) servers.stop(id);
      applyTransportFault(fault, on);
    },
    stop: async () => {
      if (thaw) clearTimeout(thaw);
      processes.killAll();
      await servers.stopAll();
      for (const c of connections) c.end();
      await gate.close();
      await new Promise<void>((resolve) => sshServer.close(() => resolve()));
    },
  };
};

export { faultNames };
