/**
 * Runs a load test against a port on this computer: for each concurrency level, the warm-up
 * requests (not counted), then `requests` requests through a pool of `parallel` slots, released
 * at once (unlimited) or at seeded Poisson arrival times. Cancelling aborts every request in
 * flight at once and stops the rest. Progress is reported at most every `progressMs`.
 */
import { setMaxListeners } from 'node:events';
import { Agent } from 'node:http';
import type { LevelSummary, LoadTestSettings, RequestRecord } from '../../../src/domain/loadtest.js';
import { datasetPrompts } from '../../../src/loadtest/datasets.js';
import { summarizeLevel } from '../../../src/loadtest/metrics.js';
import { effectiveSettings, loadTestBody, loadTestPaths } from '../../../src/loadtest/request-body.js';
import { poissonSchedule, seededRandom } from '../../../src/loadtest/rng.js';
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
const pool = async (prompts: readonly string[], parallel: number, arrivals: readonly number[] | null, send: (prompt: string, levelStart: number) => Promise<RequestRecord>, signal: AbortSignal, now: () => number, onRecord: (record: RequestRecord) => void): Promise<number> => {
  const start = now();
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
    for (const [levelIndex, parallel] of settings.parallel.entries()) {
      if (signal.aborted) break;
      const seed = (settings.seed + levelIndex * 7919) % 2 ** 31;
      const random = seededRandom(seed);
      if (settings.warmup > 0) {
        const warm = datasetPrompts(settings.dataset, settings.warmup, seed ^ 0x5bd1e995);
        await pool(warm, Math.min(parallel, settings.warmup), null, send, signal, now, () => {});
      }
      if (signal.aborted) break;
      const prompts = datasetPrompts(settings.dataset, settings.requests, seed);
      const arrivals = settings.rate.kind === 'poisson' ? poissonSchedule(prompts.length, settings.rate.perSecond, random) : null;
      const records: RequestRecord[] = [];
      let lastEnd = 0;
      let levelStart = now();
      let reportedAt = -Infinity;
      const summaryNow = (durationS: number, gaps = true) => summarizeLevel({ parallel, durationS, records, slo: settings.slo, percentiles: settings.percentiles, gaps });
      levelStart = await pool(prompts, parallel, arrivals, send, signal, now, (record) => {
        records.push(record);
        lastEnd = Math.max(lastEnd, record.sentAtMs + record.e2eMs);
        const at = now();
        if (options.progress && (at - reportedAt >= progressMs || records.length === prompts.length)) {
          reportedAt = at;
          options.progress({ levelIndex, parallel, done: records.length, total: prompts.length, summary: summaryNow((at - levelStart) / 1000, false) });
        }
      });
      // Duration: the level's start (its first send) to the end of its last reply.
      levels.push(summaryNow(lastEnd / 1000));
    }
  } finally {
    agent.destroy();
  }
  return levels;
};
