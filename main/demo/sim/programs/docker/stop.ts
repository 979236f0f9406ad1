/**
 * Ending a container's process: `docker stop` (SIGTERM, then SIGKILL after the timeout),
 * `docker kill`, and a process that ends by itself (its planned exit, applied by `settle`
 * before each docker command). Ending frees what the process held: its GPU process, its load,
 * its server; `--rm` containers disappear.
 */
import { endActivity } from '../../dynamics.js';
import type { SimContainer, SimState } from '../../state.js';
import { appendLog, dropFutureEntries } from './container-log.js';
import { type DockerCtx, containerActivityId } from './context.js';
import { engineArgs, processArgv } from './engine-args.js';
import { stopLinesFor } from './engines/index.js';
import { mainCommand } from './workload.js';

/** Programs that, as PID 1 without --init, ignore SIGTERM: docker waits the timeout and kills them. */
const ignoresSigterm = new Set(['sleep', 'bash', 'sh', 'dash', 'tail', 'cat', 'sleep.sh']);

const releaseResources = (state: SimState, container: SimContainer, at: number): void => {
  state.gpuProcesses = state.gpuProcesses.filter((p) => p.containerId !== container.id);
  endActivity(state, containerActivityId(container.id), at);
  // The model server records its request load under its own id; it stops with the container.
  endActivity(state, `server:${container.id}`, at);
};

/** Marks a container ended at `at` with `code` inside an update (removes it when --rm). */
const endInState = (state: SimState, id: string, at: number, code: number): { removed: boolean } => {
  const container = state.containers.find((c) => c.id === id);
  if (!container) return { removed: false };
  releaseResources(state, container, at);
  container.state = 'exited';
  container.exitCode = code;
  container.finishedAt = at;
  container.pid = undefined;
  container.exitAt = undefined;
  if (container.extras?.autoRemove) {
    state.containers = state.containers.filter((c) => c.id !== id);
    return { removed: true };
  }
  return { removed: false };
};

/** Applies every planned exit whose time has come (a failed engine start, `sleep 30`). */
export const settle = (ctx: DockerCtx): void => {
  const now = ctx.io.now();
  const due = ctx.io.read().containers.filter((c) => c.state === 'running' && c.exitAt !== undefined && c.exitAt.at <= now);
  for (const container of due) {
    const exitAt = container.exitAt!;
    const { removed } = ctx.io.update((state) => endInState(state, container.id, exitAt.at, exitAt.code));
    ctx.io.servers.stop(container.id);
    if (removed) ctx.io.logs.remove(container.id);
    else dropFutureEntries(ctx.io.logs, container.id, exitAt.at);
  }
};

export interface StopOptions {
  readonly signal: 'TERM' | 'KILL';
  /** Seconds docker waits after SIGTERM before SIGKILL (`-t`, default 10). */
  readonly timeoutSec: number;
}

/** The exit code a stop produces, and whether docker has to wait for the timeout. */
const stopOutcome = (container: SimContainer, options: StopOptions): { code: number; waits: boolean; graceful: boolean } => {
  // A restart loop has no process to signal: the container keeps its last exit code.
  if (container.state === 'restarting') return { code: container.exitCode, waits: false, graceful: false };
  if (options.signal === 'KILL') return { code: 137, waits: false, graceful: false };
  const word = (mainCommand(processArgv(container))[0] ?? '').split('/').pop() ?? '';
  if (container.extras?.init) return { code: 143, waits: false, graceful: false };
  if (ignoresSigterm.has(word) && !engineArgs(container).serving) return { code: 137, waits: options.timeoutSec > 0, graceful: false };
  return { code: 0, waits: false, graceful: true };
};

/**
 * Stops a running (or restarting) container. Returns false when interrupted while docker was
 * waiting for the timeout (the container is then stopped anyway, as the daemon finishes).
 */
export const stopContainer = async (ctx: DockerCtx, id: string, options: StopOptions): Promise<boolean> => {
  const container = ctx.io.read().containers.find((c) => c.id === id);
  if (!container || (container.state !== 'running' && container.state !== 'restarting')) return true;
  const outcome = stopOutcome(container, options);
  let completed = true;
  if (outcome.waits) completed = await ctx.io.sleep(options.timeoutSec * 1000);
  const at = ctx.io.now();
  const { removed } = ctx.io.update((state) => endInState(state, id, at, outcome.code));
  ctx.io.servers.stop(id);
  if (removed) ctx.io.logs.remove(id);
  else {
    dropFutureEntries(ctx.io.logs, id, at);
    const args = engineArgs(container);
    if (outcome.graceful) appendLog(ctx.io.logs, id, stopLinesFor(args.kind, args.serving)(at));
  }
  return completed;
};

/** Removes a container that is not running (the caller checked), with its log. */
export const removeContainer = (ctx: DockerCtx, id: string): void => {
  const at = ctx.io.now();
  ctx.io.update((state) => {
    const container = state.containers.find((c) => c.id === id);
    if (container) releaseResources(state, container, at);
    state.containers = state.containers.filter((c) => c.id !== id);
  });
  ctx.io.servers.stop(id);
  ctx.io.logs.remove(id);
};
