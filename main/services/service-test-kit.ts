/**
 * What the service tests on the demo box share (tests only: nothing else imports this): the
 * clean-up list run after each test, waiting for a condition, a demo box in a temp folder, and the
 * laptop's side of it — the app's own connection, every command it runs recorded, and its tunnels.
 * Each test builds its own service on top.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appConnection, demoServer } from '../../e2e/harness/app-connection.js';
import { startDemoBox, type DemoBox } from '../demo/demo-box.js';
import type { Sku } from '../demo/sim/state.js';
import type { ExecOptions, SshConnection } from '../ssh/connection.js';
import { silentLogger } from './log.js';
import { TunnelService } from './tunnels/tunnel-service.js';

/** Run after each test, last first, and emptied: `afterEach(runCleanups)`. */
export const cleanups: Array<() => Promise<void> | void> = [];

export const runCleanups = async (): Promise<void> => {
  for (const step of cleanups.splice(0).reverse()) await step();
};

/** The probe's first truthy answer (it may be async), or a failure naming `what` after `timeoutMs`. */
export const until = async <T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** A demo box in a temp folder named after the test, stopped after it; model servers ready after `serverReadyMs` when given. */
export const testDemoBox = async (name: string, options: { sku?: Sku; serverReadyMs?: number } = {}): Promise<DemoBox> => {
  const box = await startDemoBox({ dir: mkdtempSync(join(tmpdir(), `pgx-${name}-`)), log: silentLogger, ...(options.sku ? { sku: options.sku } : {}) });
  cleanups.push(() => box.stop());
  const { serverReadyMs } = options;
  if (serverReadyMs !== undefined) {
    box.update((s) => {
      s.tuning.serverReadyMs = serverReadyMs;
    });
  }
  return box;
};

/** The laptop's side: the app's connection to the box (every command and its stdin recorded) and its tunnels. */
export interface Laptop {
  readonly connection: SshConnection;
  readonly tunnels: TunnelService;
  /** Every command run, in order. */
  readonly executed: string[];
  /** What was written to a command's stdin, for the commands given one. */
  readonly stdins: string[];
  /** Tunnels closed and the connection dropped (also done after the test). */
  readonly quit: () => void;
}

export const laptopOn = async (box: DemoBox): Promise<Laptop> => {
  const connection = appConnection(demoServer(box));
  await connection.connect();
  const executed: string[] = [];
  const stdins: string[] = [];
  const exec = connection.exec.bind(connection);
  connection.exec = (command: string, options?: ExecOptions) => {
    executed.push(command);
    if (options?.stdin !== undefined) stdins.push(options.stdin.toString());
    return exec(command, options);
  };
  const tunnels = new TunnelService({ connection: () => connection, changed: () => {}, log: silentLogger });
  const quit = () => (tunnels.dispose(), connection.disconnect());
  cleanups.push(quit);
  return { connection, tunnels, executed, stdins, quit };
};
