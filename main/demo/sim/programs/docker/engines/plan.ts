/**
 * What starting a container's program does to the box: the log it writes (with the time of each
 * line), the unified memory it takes (a GPU process), and whether it ends by itself (an engine
 * that fails during startup). Each engine has its own planner beside this file.
 */
import type { SimFs } from '../../../io.js';
import type { SimContainer, SimState } from '../../../state.js';
import type { LogEntry, LogStream } from '../container-log.js';
import type { EngineArgs } from '../engine-args.js';

export interface PlannedGpuProcess {
  readonly name: string;
  readonly memoryMiB: number;
  readonly fileCacheMiB: number;
  readonly loadMs: number;
}

export interface EnginePlan {
  readonly lines: readonly LogEntry[];
  readonly gpuProcess: PlannedGpuProcess | undefined;
  /** CPU cores kept busy while the model loads (until `start + loadMs`). */
  readonly loadingCpuCores: number;
  /** The program ends by itself at this time with this exit code. */
  readonly exit: { readonly at: number; readonly code: number } | undefined;
  /** Whether a server should answer on the engine's port. */
  readonly serves: boolean;
}

export interface PlanContext {
  readonly container: SimContainer;
  readonly args: EngineArgs;
  readonly fs: SimFs;
  readonly state: SimState;
  /** When the process starts. */
  readonly start: number;
  /** When the server answers /health (tuning.serverReadyMs scaled per engine). */
  readonly readyMs: number;
  readonly neverReady: boolean;
  /** Whether the container got the GPU (--gpus, or --runtime nvidia). */
  readonly hasGpu: boolean;
  /** MemTotal and what is available now, MiB (unified memory: what cudaMemGetInfo reports). */
  readonly totalMiB: number;
  readonly freeMiB: number;
  /** The container's pid numbering inside its namespace starts at 1. */
  readonly hostname: string;
}

/** Collects log lines at offsets from the start; `cut` drops what never gets printed. */
export class Timeline {
  readonly lines: LogEntry[] = [];
  constructor(private readonly start: number) {}

  add(offsetMs: number, text: string, stream: LogStream = 'stdout'): void {
    this.lines.push({ time: this.start + Math.max(0, Math.round(offsetMs)), stream, text });
  }

  /** Lines at or before `offsetMs` only (the never-ready fault, a failure). */
  cutAfter(offsetMs: number): void {
    const limit = this.start + offsetMs;
    for (let i = this.lines.length - 1; i >= 0; i -= 1) if (this.lines[i]!.time > limit) this.lines.splice(i, 1);
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** vLLM's `MM-DD HH:MM:SS`. */
export const vllmStamp = (ms: number): string => {
  const d = new Date(ms);
  return `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
};

/** TRT-LLM's `MM/DD/YYYY-HH:MM:SS`. */
export const trtStamp = (ms: number): string => {
  const d = new Date(ms);
  return `${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}/${d.getUTCFullYear()}-${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
};

/** SGLang's and Python logging's `YYYY-MM-DD HH:MM:SS`. */
export const isoStamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** Python's repr of a number in a log (`0.9`, `40960`). */
export const fixed = (value: number, digits: number): string => value.toFixed(digits);

/** `1,209,295` as vLLM prints token counts. */
export const grouped = (value: number): string => Math.round(value).toLocaleString('en-US');

export const GiB = 1024 ** 3;
export const MiBPerGiB = 1024;

/** A plan for a program that just keeps running (a shell with -it, `sleep infinity`, an unknown job). */
export const idlePlan = (): EnginePlan => ({ lines: [], gpuProcess: undefined, loadingCpuCores: 0, exit: undefined, serves: false });

/** uvicorn's shutdown on SIGTERM, with a prefix (vLLM decorates every line with its process). */
export const uvicornStopLines =
  (prefix: string, pid: number) =>
  (at: number): LogEntry[] =>
    ['INFO:     Shutting down', 'INFO:     Waiting for application shutdown.', 'INFO:     Application shutdown complete.', `INFO:     Finished server process [${pid}]`].map((text) => ({
      time: at,
      stream: 'stderr' as const,
      text: `${prefix}${text}`,
    }));
