/**
 * Streaming a container's log as it is written (`docker logs -f`, an attached `docker run`):
 * entries are printed once the clock reaches them; following ends when the container is no
 * longer running (after its last lines) or when the command is interrupted.
 */
import { type LogEntry, readLog, visibleEntries } from './container-log.js';
import type { DockerCtx } from './context.js';
import { settle } from './stop.js';

export const followFacts = {
  /** How often the log and the container state are looked at again (real time). */
  pollMs: 100,
} as const;

export type FollowEnd = { readonly kind: 'exited'; readonly exitCode: number } | { readonly kind: 'removed' } | { readonly kind: 'interrupted' };

/**
 * Prints entries from index `from` on, as they become visible, until the container stops.
 * `print` gets each entry; `accept` can skip entries (`--until`).
 */
export const followLog = async (ctx: DockerCtx, id: string, from: number, print: (entry: LogEntry) => void): Promise<FollowEnd> => {
  let printed = from;
  for (;;) {
    settle(ctx);
    const container = ctx.io.read().containers.find((c) => c.id === id);
    const entries = readLog(ctx.io.logs, id);
    const now = ctx.io.now();
    const running = container !== undefined && (container.state === 'running' || container.state === 'restarting');
    // A stopped container's last entries are all in the past; a running one's may be scheduled.
    const visible = running ? visibleEntries(entries, now) : entries;
    for (const entry of visible.slice(printed)) print(entry);
    printed = Math.max(printed, visible.length);
    if (!container) return { kind: 'removed' };
    if (!running) return { kind: 'exited', exitCode: container.exitCode };
    if (!(await ctx.io.sleep(followFacts.pollMs))) return { kind: 'interrupted' };
  }
};
