import { killQuietly, processesMentioning } from './processes.js';

/** Marks of processes our harness starts: sshd instances, simulator shims and servers. */
export const harnessMarks = ['/pgx-sshd-', 'pgx-sim.mjs', 'dist/main/web.mjs --port 0 --no-open'];

/**
 * Finds processes the tests left running, kills them, and says so. A run that leaves anything
 * behind fails (issue #4: the harness leaves no process behind).
 */
export const sweepLeftovers = (): string[] => {
  const found = harnessMarks.flatMap((mark) => processesMentioning(mark)).filter((p) => p.pid !== process.pid && p.ppid !== process.pid);
  const unique = [...new Map(found.map((p) => [p.pid, p])).values()];
  for (const p of unique) killQuietly(p.pid);
  return unique.map((p) => `${p.pid} ${p.cmdline.slice(0, 160)}`);
};
