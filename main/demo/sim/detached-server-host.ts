import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerHost } from './io.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Shim mode: each simulated server is its own detached process (as a container's process would
 * be), found again through pid files in the state folder, so `docker stop` from a later SSH
 * command can end it and the test harness can sweep them all.
 */
export const detachedServerHost = (stateDir: string, bundle: string): ServerHost => {
  const dir = join(stateDir, 'servers');
  mkdirSync(dir, { recursive: true });
  const pidOf = (id: string): number | undefined => {
    const file = join(dir, `${id}.pid`);
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  };
  return {
    start: (spec) => {
      const specFile = join(dir, `${spec.id}.json`);
      writeFileSync(specFile, JSON.stringify(spec));
      const child = spawn(process.execPath, [bundle, '__serve', specFile, stateDir], { detached: true, stdio: 'ignore' });
      // The pid file is written by the server itself once it runs; write it here too so a stop
      // right after start finds it.
      if (child.pid) writeFileSync(join(dir, `${spec.id}.pid`), String(child.pid));
      child.unref();
    },
    stop: (id) => {
      const pid = pidOf(id);
      if (pid && alive(pid)) process.kill(pid, 'SIGTERM');
      rmSync(join(dir, `${id}.pid`), { force: true });
    },
    running: () =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.pid'))
        .map((f) => f.slice(0, -4))
        .filter((id) => {
          const pid = pidOf(id);
          return pid !== undefined && alive(pid);
        }),
  };
};

/** Every server process recorded in a state folder (the harness kills them at the end). */
export const serverPids = (stateDir: string): number[] => {
  const dir = join(stateDir, 'servers');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pid'))
    .map((f) => Number(readFileSync(join(dir, f), 'utf8')))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
};
