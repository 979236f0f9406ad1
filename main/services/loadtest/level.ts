/**
 * What a level is, wherever its client runs (this computer's runner, or the script on the box):
 * its prompts and arrival times from the run's seed, and a tally of its records that reports the
 * running numbers at most every `progressMs` and gives the level's summary at the end.
 */
import type { LevelSummary, LoadTestSettings, RequestRecord } from '../../../src/domain/loadtest.js';
import { datasetPrompts } from '../../../src/loadtest/datasets.js';
import { summarizeLevel } from '../../../src/loadtest/metrics.js';
import { poissonSchedule, seededRandom } from '../../../src/loadtest/rng.js';
import type { LevelProgress } from './runner.js';

export interface LevelPlan {
  readonly levelIndex: number;
  readonly parallel: number;
  /** Warm-up prompts (sent first, not counted). */
  readonly warm: readonly string[];
  readonly prompts: readonly string[];
  /** Milliseconds from the level's start, or null (all released at once). */
  readonly arrivalsMs: readonly number[] | null;
}

/** The level's prompts and arrivals: the same for the same seed, whichever client sends them. */
export const planLevel = (settings: LoadTestSettings, levelIndex: number): LevelPlan => {
  const parallel = settings.parallel[levelIndex]!;
  const seed = (settings.seed + levelIndex * 7919) % 2 ** 31;
  const random = seededRandom(seed);
  const warm = settings.warmup > 0 ? datasetPrompts(settings.dataset, settings.warmup, seed ^ 0x5bd1e995) : [];
  const prompts = datasetPrompts(settings.dataset, settings.requests, seed);
  const arrivalsMs = settings.rate.kind === 'poisson' ? poissonSchedule(prompts.length, settings.rate.perSecond, random) : null;
  return { levelIndex, parallel, warm, prompts, arrivalsMs };
};

/** The records of one level as they come, with throttled progress and the final summary. */
export class LevelTally {
  readonly #records: RequestRecord[] = [];
  #lastEnd = 0;
  #reportedAt = -Infinity;

  constructor(
    private readonly settings: LoadTestSettings,
    private readonly plan: LevelPlan,
    private readonly progress: ((progress: LevelProgress) => void) | undefined,
    private readonly progressMs: number,
    private readonly now: () => number,
    /** When the level started, on `now`'s clock (for the running duration). */
    private startedAt: number,
  ) {}

  get count(): number {
    return this.#records.length;
  }

  restart(startedAt: number): void {
    this.startedAt = startedAt;
  }

  add(record: RequestRecord): void {
    this.#records.push(record);
    this.#lastEnd = Math.max(this.#lastEnd, record.sentAtMs + record.e2eMs);
    const at = this.now();
    const total = this.plan.prompts.length;
    if (this.progress && (at - this.#reportedAt >= this.progressMs || this.#records.length === total)) {
      this.#reportedAt = at;
      this.progress({ levelIndex: this.plan.levelIndex, parallel: this.plan.parallel, done: this.#records.length, total, summary: this.#summary((at - this.startedAt) / 1000, false) });
    }
  }

  /** The level: its start (first send) to the end of its last reply. */
  summary(): LevelSummary {
    return this.#summary(this.#lastEnd / 1000, true);
  }

  #summary(durationS: number, gaps: boolean): LevelSummary {
    return summarizeLevel({ parallel: this.plan.parallel, durationS, records: this.#records, slo: this.settings.slo, percentiles: this.settings.percentiles, gaps });
  }
}
