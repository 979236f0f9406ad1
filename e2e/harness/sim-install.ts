import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initialState } from '../../main/demo/sim/box.js';
import { fileStateStore, writeInitialState } from '../../main/demo/sim/state-store.js';
import type { SimState, Sku } from '../../main/demo/sim/state.js';
import type { FaultName } from '../../main/demo/sim/faults.js';
import { detachedServerHost, serverPids } from '../../main/demo/sim/detached-server-host.js';
import { applyFault } from '../../main/demo/sim/fault-effects.js';

/** Tools the simulator stands in for: these names never resolve to the host's own programs. */
export const simulatedTools = [
  'nvidia-smi',
  'docker',
  'nsys',
  'ollama',
  'llamafactory-cli',
  'nvcc',
  'llama-quantize',
  'llama-server',
  'hf',
  'huggingface-cli',
  'modelscope',
  'systemctl',
] as const;

/** Faults that mean "this program is not installed": its wrapper is taken off PATH. */
const missingTools: Partial<Record<FaultName, string>> = { 'docker-missing': 'docker', 'nvidia-smi-missing': 'nvidia-smi' };

export const simBundle = (): string => {
  const bundle = join(process.cwd(), 'dist', 'sim', 'pgx-sim.mjs');
  if (!existsSync(bundle)) throw new Error('dist/sim/pgx-sim.mjs is missing: run `node scripts/build.mjs --main-only` first.');
  return bundle;
};

export interface SimInstall {
  readonly stateDir: string;
  readonly binDir: string;
  readonly path: string;
  readonly env: Record<string, string>;
  read(): SimState;
  update(change: (state: SimState, now: number) => void): void;
  setFault(fault: FaultName, on: boolean): void;
  serverPids(): number[];
}

/**
 * Installs the simulator for one test user: wrappers for the simulated tools in binDir, and a
 * sysbin of links to every other program on the host, so PATH=binDir:sysbin finds the host's
 * bash, cat, tmux … but never the host's own docker or nvcc (this machine has a docker client).
 */
export const installSimulator = (options: { dir: string; uid?: number; gid?: number; sku?: Sku }): SimInstall => {
  const binDir = join(options.dir, 'simbin');
  const sysDir = join(options.dir, 'sysbin');
  const stateDir = join(options.dir, 'simstate');
  mkdirSync(binDir, { recursive: true });
  mkdirSync(sysDir, { recursive: true });
  const bundle = join(binDir, 'pgx-sim.mjs');
  copyFileSync(simBundle(), bundle);
  const node = process.execPath;

  for (const tool of simulatedTools) {
    writeFileSync(join(binDir, tool), `#!/bin/sh\nexec ${node} ${bundle} ${tool} "$@"\n`, { mode: 0o755 });
  }
  // python3 runs the simulated llama.cpp converter; everything else goes to the real python.
  writeFileSync(
    join(binDir, 'python3'),
    `#!/bin/sh\ncase "$1" in\n  *convert_hf_to_gguf.py) exec ${node} ${bundle} python3 "$@" ;;\nesac\nexec /usr/bin/python3 "$@"\n`,
    { mode: 0o755 },
  );

  const skip = new Set<string>([...simulatedTools, 'python3']);
  for (const dir of ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (skip.has(name)) continue;
      skip.add(name);
      try {
        const target = join(dir, name);
        if (statSync(target).isFile()) symlinkSync(target, join(sysDir, name));
      } catch {
        // Dangling links on the host: not ours to fix.
      }
    }
  }

  writeInitialState(stateDir, initialState({ sku: options.sku ?? '128', now: Date.now(), box: { user: 'pgx' } }));
  mkdirSync(join(stateDir, 'logs'), { recursive: true });
  mkdirSync(join(stateDir, 'servers'), { recursive: true });
  if (options.uid !== undefined && options.gid !== undefined) {
    for (const path of [stateDir, join(stateDir, 'logs'), join(stateDir, 'servers'), join(stateDir, 'state.json')]) chownSync(path, options.uid, options.gid);
  }
  chmodSync(options.dir, 0o755);

  const store = fileStateStore(stateDir);
  const path = `${binDir}:${sysDir}`;
  return {
    stateDir,
    binDir,
    path,
    env: { PATH: path, PGX_SIM_STATE: stateDir },
    read: () => store.read(),
    update: (change) => {
      store.update((state, now) => change(state, now), Date.now());
      if (options.uid !== undefined && options.gid !== undefined) chownSync(join(stateDir, 'state.json'), options.uid, options.gid);
    },
    setFault: (fault, on) => {
      const effect = store.update((state, now) => applyFault(state, fault, on, now), Date.now());
      const servers = detachedServerHost(stateDir, bundle);
      for (const id of effect.killedContainers) servers.stop(id);
      if (options.uid !== undefined && options.gid !== undefined) chownSync(join(stateDir, 'state.json'), options.uid, options.gid);
      const tool = missingTools[fault];
      if (tool) {
        const active = join(binDir, tool);
        const parked = join(binDir, `.${tool}.missing`);
        if (on && existsSync(active)) renameSync(active, parked);
        if (!on && existsSync(parked)) renameSync(parked, active);
      }
    },
    serverPids: () => serverPids(stateDir),
  };
};
