/**
 * Runs one simulated server as its own process (shim mode: the box's "container" process).
 *   node pgx-sim.mjs __serve <spec.json> <state-dir>
 * Exits on SIGTERM (docker stop) after closing its sockets.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerSpec } from '../io.js';
import { fileLogStore, fileStateStore } from '../state-store.js';
import { startServer } from './start-server.js';

export const serveMain = async (specFile: string, stateDir: string): Promise<void> => {
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as ServerSpec;
  const store = fileStateStore(stateDir);
  const logs = fileLogStore(join(stateDir, 'logs'));
  const neverReady = store.read().faults['server-never-ready'] === true;
  const running = startServer({ spec, store, logs, listenPort: spec.port, neverReady, pid: process.pid });
  mkdirSync(join(stateDir, 'servers'), { recursive: true });
  const pidFile = join(stateDir, 'servers', `${spec.id}.pid`);
  writeFileSync(pidFile, String(process.pid));
  const stop = async () => {
    await running.stop();
    rmSync(pidFile, { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  await running.ready.catch((error: unknown) => {
    logs.append(spec.id, `ERROR: could not listen on port ${spec.port}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
};
