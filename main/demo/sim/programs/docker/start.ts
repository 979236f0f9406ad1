/**
 * Starting a container's process (`docker run`, `start`, `restart`). The daemon's checks come
 * first (the NVIDIA runtime for --gpus, published ports already taken), then what the process
 * does: an amd64 binary dies with "exec format error" (and loops under a restart policy), an
 * engine or app follows its plan (log, GPU process, server), small commands run at once, and
 * anything else keeps running until stopped.
 */
import { mixedHex } from '../../box.js';
import { memory, setActivity } from '../../dynamics.js';
import type { SimContainer, SimState } from '../../state.js';
import { LineCollector, boundedSignal, childIo } from './child-io.js';
import { type LogEntry, type LogStream, appendLog } from './container-log.js';
import { builtinFor } from './container-programs.js';
import { type DockerCtx, containerActivityId, containerById, hasGpu } from './context.js';
import { type EngineArgs, engineArgs, processArgv } from './engine-args.js';
import { type EnginePlan, planServer, readyShare } from './engines/index.js';
import { registerNsysLaunch } from './nsys-launch.js';
import { serverSpecFor } from './server-spec.js';
import { execFormatError, noGpuDriver, portAllocated } from './texts.js';
import { processCommands } from './workload.js';

export type StartResult =
  /** exitCode: the process already ended; streamed: its output went to `attach` as it ran. */
  | { readonly ok: true; readonly exitCode?: number; readonly streamed?: boolean }
  | { readonly ok: false; readonly error: string };

export interface StartOptions {
  /** Attached `docker run`: what the process prints goes here too, as it is printed. */
  readonly attach?: { write(text: string): void; error(text: string): void };
}

const startFacts = {
  /** Docker's restart backoff starts at 100 ms and doubles up to a minute. */
  firstBackoffMs: 100,
  maxBackoffMs: 60_000,
  /** Restart-loop log lines written ahead (a few minutes of looping). */
  loopLines: 14,
  /** A detached one-shot program that has not finished after this long keeps "running". */
  detachedProgramMs: 3_000,
} as const;

const base = (word: string | undefined) => (word ?? '').split('/').pop() ?? '';
const shells = new Set(['bash', 'sh', 'dash', 'zsh', 'ash']);

/** A published port that another running container already holds. */
const portConflict = (state: SimState, container: SimContainer): { ip: string; port: number } | undefined => {
  for (const mine of container.ports) {
    const taken = state.containers.some(
      (other) =>
        other.id !== container.id &&
        other.state === 'running' &&
        other.ports.some((p) => p.hostPort === mine.hostPort && p.protocol === mine.protocol && (p.hostIp === mine.hostIp || p.hostIp === '0.0.0.0' || mine.hostIp === '0.0.0.0')),
    );
    if (taken) return { ip: mine.hostIp, port: mine.hostPort };
  }
  return undefined;
};

/** Whether something else on the box already listens on a port (for --network host engines). */
const hostPortBusy = (state: SimState, container: SimContainer, port: number): boolean =>
  state.containers.some((other) => {
    if (other.id === container.id || other.state !== 'running') return false;
    if (other.ports.some((p) => p.hostPort === port)) return true;
    if (other.networkMode !== 'host') return false;
    const args = engineArgs(other);
    return args.serving && args.port === port;
  });

const markRunning = (state: SimState, id: string, now: number, exitAt: SimContainer['exitAt']): SimContainer | undefined => {
  const container = containerById(state, id);
  if (!container) return undefined;
  container.state = 'running';
  container.startedAt = now;
  container.finishedAt = undefined;
  container.exitCode = 0;
  container.oomKilled = undefined;
  container.pid = state.nextPid;
  state.nextPid += 1;
  container.exitAt = exitAt;
  return container;
};

const startExecFormat = (ctx: DockerCtx, container: SimContainer, argv: readonly string[], now: number, options: StartOptions): StartResult => {
  const word = argv[0] ?? '/bin/sh';
  const path = word.startsWith('/') ? word : `/usr/bin/${word}`;
  const policy = container.restartPolicy;
  const loops = policy === 'always' || policy === 'unless-stopped' || policy.startsWith('on-failure');
  const text = execFormatError(path);
  const lines: LogEntry[] = [];
  let offset = 0;
  for (let k = 0; k < (loops ? startFacts.loopLines : 1); k += 1) {
    lines.push({ time: now + offset, stream: 'stderr', text });
    offset += Math.min(startFacts.maxBackoffMs, startFacts.firstBackoffMs * 2 ** k);
  }
  ctx.io.update((state) => {
    const c = containerById(state, container.id);
    if (!c) return;
    c.state = loops ? 'restarting' : 'exited';
    c.exitCode = 255;
    c.startedAt = now;
    c.finishedAt = now;
    c.pid = undefined;
    c.exitAt = undefined;
  });
  appendLog(ctx.io.logs, container.id, lines);
  options.attach?.error(`${text}\n`);
  if (!loops && container.extras?.autoRemove) {
    ctx.io.update((state) => {
      state.containers = state.containers.filter((c) => c.id !== container.id);
    });
    ctx.io.logs.remove(container.id);
  }
  return { ok: true, exitCode: 255, streamed: true };
};

const startServer = (ctx: DockerCtx, container: SimContainer, args: EngineArgs, state: SimState, now: number): StartResult => {
  const readyMs = Math.round(state.tuning.serverReadyMs * readyShare[args.kind]);
  const plan: EnginePlan = planServer({
    container,
    args,
    fs: ctx.io.fs,
    state,
    start: now,
    readyMs,
    neverReady: state.faults['server-never-ready'] === true,
    hasGpu: hasGpu(container),
    totalMiB: state.box.memTotalKb / 1024,
    freeMiB: memory(state, now).availableKb / 1024,
    hostname: container.extras?.hostname ?? container.id.slice(0, 12),
  });
  let lines = [...plan.lines];
  let exit = plan.exit;
  if (plan.serves && !exit && container.networkMode === 'host' && hostPortBusy(state, container, args.port)) {
    // uvicorn's own text when the port is taken: the engine loads, then cannot bind.
    lines = lines.filter((l) => l.time < now + readyMs);
    lines.push({ time: now + readyMs, stream: 'stderr', text: `ERROR:    [Errno 98] error while attempting to bind on address ('0.0.0.0', ${args.port}): address already in use` });
    exit = { at: now + readyMs + 100, code: 1 };
  }
  const started = ctx.io.update((s) => {
    const c = markRunning(s, container.id, now, exit);
    if (!c) return undefined;
    if (plan.gpuProcess) {
      s.gpuProcesses.push({ pid: s.nextPid, name: plan.gpuProcess.name, type: 'C', memoryMiB: plan.gpuProcess.memoryMiB, startedAt: now, loadMs: plan.gpuProcess.loadMs, containerId: c.id, fileCacheMiB: plan.gpuProcess.fileCacheMiB });
      s.nextPid += 1;
    }
    if (plan.loadingCpuCores > 0) {
      const activityId = containerActivityId(c.id);
      setActivity(s, activityId, { cpuCores: plan.loadingCpuCores }, now);
      // Loading ends by itself: the segment closes when the model is in memory.
      const segment = s.activity.find((a) => a.id === activityId && a.until === undefined);
      if (segment) segment.until = now + (plan.gpuProcess?.loadMs ?? readyMs);
    }
    return { container: structuredClone(c), state: structuredClone(s) };
  });
  appendLog(ctx.io.logs, container.id, lines);
  if (started && plan.serves && !exit) {
    const spec = serverSpecFor(started.container, started.state, now);
    if (spec) ctx.io.servers.start(spec);
  }
  return { ok: true };
};

/** How a non-server process behaves: runs to completion now, keeps running, or ends later. */
const startProcess = async (ctx: DockerCtx, container: SimContainer, argv: readonly string[], now: number, options: StartOptions): Promise<StartResult> => {
  const commands = processCommands(argv);
  const interactive = container.extras?.openStdin === true;
  const single = commands.length === 1 ? commands[0]! : undefined;
  const runnable = (words: readonly string[]) => base(words[0]) === 'sleep' || builtinFor(words) !== undefined || ctx.programs[base(words[0])] !== undefined;
  const oneShot = commands.length > 0 && commands.every(runnable) && !(single && shells.has(base(single[0])));

  if (!oneShot) {
    // A shell with no script exits at once unless stdin is kept open (-i); so does an image's
    // default with no command (NGC's entrypoint then execs bash, ubuntu's CMD is bash). Anything
    // else we cannot simulate is taken for a long job that runs until stopped.
    const exitsNow = (commands.length === 0 || (single !== undefined && shells.has(base(single[0])))) && !interactive;
    if (exitsNow) {
      ctx.io.update((s) => markRunning(s, container.id, now, { at: now, code: 0 }));
      return { ok: true, exitCode: 0 };
    }
    ctx.io.update((s) => markRunning(s, container.id, now, undefined));
    return { ok: true };
  }

  ctx.io.update((s) => markRunning(s, container.id, now, undefined));
  const entries: LogEntry[] = [];
  const collector = (stream: LogStream) => new LineCollector((line) => entries.push({ time: ctx.io.now(), stream, text: line }));
  const out = collector('stdout');
  const err = collector('stderr');
  const sinks = {
    write: (text: string) => {
      out.push(text);
      options.attach?.write(text);
    },
    error: (text: string) => {
      err.push(text);
      options.attach?.error(text);
    },
  };
  let code = 0;
  let sleepMs = 0;
  let stillRunning = false;
  for (const words of commands) {
    if (base(words[0]) === 'sleep') {
      const seconds = Number(words[1] ?? 'x');
      if (!Number.isFinite(seconds)) {
        stillRunning = true;
        break;
      }
      sleepMs += seconds * 1000;
      continue;
    }
    const builtin = builtinFor(words);
    if (builtin) {
      code = builtin({ container, argv: words, hasGpu: hasGpu(container), ...sinks });
      continue;
    }
    const program = ctx.programs[base(words[0])]!;
    const bounded = boundedSignal(ctx.io.signal, options.attach ? undefined : startFacts.detachedProgramMs);
    try {
      code = await program(childIo(ctx.io, { program: base(words[0]), argv: words.slice(1), ...sinks, signal: bounded.signal }));
    } finally {
      bounded.dispose();
    }
    if (bounded.signal.aborted) {
      stillRunning = true;
      break;
    }
  }
  out.flush();
  err.flush();
  appendLog(ctx.io.logs, container.id, entries);
  if (stillRunning) return { ok: true, streamed: true };
  const endAt = ctx.io.now() + sleepMs;
  ctx.io.update((s) => {
    const c = containerById(s, container.id);
    if (c) c.exitAt = { at: endAt, code };
  });
  return sleepMs > 0 ? { ok: true, streamed: true } : { ok: true, exitCode: code, streamed: true };
};

export const startContainer = async (ctx: DockerCtx, id: string, options: StartOptions = {}): Promise<StartResult> => {
  const state = ctx.io.read();
  const container = containerById(state, id);
  if (!container) return { ok: false, error: `No such container: ${id}` };
  if (container.state === 'running') return { ok: true };
  if (container.gpus !== undefined && state.faults['nvidia-runtime-missing'] === true) return { ok: false, error: noGpuDriver };
  const conflict = portConflict(state, container);
  if (conflict) return { ok: false, error: portAllocated(container.name, mixedHex(`endpoint:${container.id}`, 64), conflict.ip, conflict.port) };
  const now = ctx.io.now();
  const argv = processArgv(container);
  const image = state.images.find((i) => i.id === container.imageId);
  if (image?.architecture === 'amd64') return startExecFormat(ctx, container, argv, now, options);
  const args = engineArgs(container);
  registerNsysLaunch(ctx.io, container, argv);
  if (args.serving) return startServer(ctx, container, args, state, now);
  return startProcess(ctx, container, argv, now, options);
};

/** When a restart loop last tried: its first failure plus the backoffs that fit before `now`. */
export const lastRestartAt = (firstAt: number, now: number): number => {
  let at = firstAt;
  for (let k = 0; k < startFacts.loopLines - 1; k += 1) {
    const next = at + Math.min(startFacts.maxBackoffMs, startFacts.firstBackoffMs * 2 ** k);
    if (next > now) break;
    at = next;
  }
  return at;
};
