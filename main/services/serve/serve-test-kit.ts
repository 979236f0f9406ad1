/**
 * The Serve tests' service (tests only: nothing else imports this): a ServeService on the test
 * kit's laptop, following starts every 100 ms, keeping the newest view of each server and every
 * progress step it reported.
 */
import type { ServerView } from '../../../src/domain/serve.js';
import { silentLogger } from '../log.js';
import { cleanups, type Laptop } from '../service-test-kit.js';
import { ServeService } from './serve-service.js';

export const serveOn = (side: Laptop, limits: { startupMs?: number } = {}) => {
  const { connection, tunnels } = side;
  const latest = new Map<string, ServerView>();
  const progress: Array<{ phase: string; lines: string[]; elapsedMs: number }> = [];
  const serve = new ServeService({
    connection: () => connection,
    tunnels,
    changed: (_d, list) => list.forEach((s) => latest.set(s.key, s)),
    progressed: (_d, _k, phase, elapsedMs, lines) => progress.push({ phase, lines, elapsedMs }),
    log: silentLogger,
    limits: { followIntervalMs: 100, watchIntervalMs: 500, ...limits },
  });
  cleanups.push(() => serve.dispose());
  return { serve, latest, progress, quit: () => (serve.dispose(), side.quit()) };
};
