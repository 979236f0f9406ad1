/**
 * Runs a load test against a port on this computer: for each concurrency level, the warm-up
 * requests (not counted), then `requests` requests through a pool of `parallel` slots, released
 * at once (unlimited) or at seeded Poisson arrival times. Cancelling aborts every request in
 * flight at once and stops the rest. Progress is reported at most every `progressMs`.
 */
import { setMaxListeners } from 'node:events';
import { Agent } from 'node:http';
import type { LevelSummary, LoadTestSettings, RequestRecord } from '../../../src/domain/loadtest.js';
import { effectiveSettings, loadTestBody, loadTestPaths } from '../../../src/loadtest/request-body.js';
import { LevelTally, planLevel } from './level.js';
import { sendRequest } from './send-request.js';

export const runnerDefaults = {
  requestTimeoutS: 600,
  /** Progress events at most this often (about four a second). */
  progressMs: 250,
} as const;

export interface LevelProgress {
  readonly levelIndex: number;
  readonly parallel: number;
  readonly done: number;
  readonly total: number;
  /** The level so far, as its summary would read now. */
  readonly summary: LevelSummary;
}

export interface RunTarget {
  readonly port: number;
  /** Prefix of the API paths ('' for a server at the root; '/proxy' when the URL had one). */
  readonly basePath: string;
  readonly model: string;
}

export interface RunOptions {
  readonly settings: LoadTestSettings;
  readonly target: RunTarget;
  readonly signal: AbortSignal;
  readonly progress?: (progress: LevelProgress) => void;
  readonly now?: () => number;
  readonly progressMs?: number;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** Sends `prompts` through `parallel` slots, each released no earlier than its arrival time. */
const pool = async (prompts: readonly string[], parallel: number, arrivals: readonly number[] | null, send: (prompt: string, levelStart: number) => Promise<RequestRecord>, signal: AbortSignal, now: () => number, onRecord: (record: RequestRecord) => void, onStart: (start: number) => void = () => {}): Promise<number> => {
  const start = now();
  onStart(start);
  let free = parallel;
  let wake: (() => void) | null = null;
  const running = new Set<Promise<void>>();
  for (let i = 0; i < prompts.length && !signal.aborted; i += 1) {
    if (arrivals) await sleep(start + arrivals[i]! - now(), signal);
    while (free === 0 && !signal.aborted) await new Promise<void>((resolve) => (wake = resolve));
    if (signal.aborted) break;
    free -= 1;
    const task = send(prompts[i]!, start).then((record) => {
      onRecord(record);
      free += 1;
      running.delete(task);
      const w = wake;
      wake = null;
      w?.();
    });
    running.add(task);
  }
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort, { once: true });
  await Promise.all(running);
  signal.removeEventListener('abort', onAbort);
  return start;
};

export const runLoadTest = async (options: RunOptions): Promise<LevelSummary[]> => {
  const { target, signal } = options;
  const settings = effectiveSettings(options.settings);
  const now = options.now ?? (() => performance.now());
  const progressMs = options.progressMs ?? runnerDefaults.progressMs;
  // Every request in flight listens to the run's signal, so cancel reaches them all at once.
  setMaxListeners(Math.max(...settings.parallel) + 16, signal);
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...settings.parallel) });
  const timeoutMs = (settings.requestTimeoutS ?? runnerDefaults.requestTimeoutS) * 1000;
  const path = `${target.basePath}${loadTestPaths[settings.api]}`;
  const send = (prompt: string, levelStart: number) =>
    sendRequest({ port: target.port, path, body: JSON.stringify(loadTestBody(settings, target.model, prompt)), stream: settings.stream, timeoutMs, signal, agent, levelStart, now });
  const levels: LevelSummary[] = [];
  try {
    for (const levelIndex of settings.parallel.keys()) {
      if (signal.aborted) break;
      const plan = planLevel(settings, levelIndex);
      if (plan.warm.length > 0) await pool(plan.warm, Math.min(plan.parallel, plan.warm.length), null, send, signal, now, () => {});
      if (signal.aborted) break;
      const tally = new LevelTally(settings, plan, options.progress, progressMs, now, now());
      await pool(plan.prompts, plan.parallel, plan.arrivalsMs, send, signal, now, (record) => tally.add(record), (start) => tally.restart(start));
      levels.push(tally.summary());
    }
  } finally {
    agent.destroy();
  }
  return levels;
};
