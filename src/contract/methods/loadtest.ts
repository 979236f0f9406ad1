import { z } from 'zod';
import { Empty, Id, Name } from '../schema-helpers.js';
import { LevelSummary, LoadTestReport, LoadTestSettings } from '../../domain/loadtest.js';

/** A saved run as the list shows it (the whole report comes with loadtest:report). */
export const LoadTestReportEntry = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.number(),
  state: LoadTestReport.shape.state,
  target: LoadTestSettings.shape.target,
  parallel: z.array(z.number().int()),
  /** Server engine when it is one of ours. */
  engine: z.string().nullable(),
});
export type LoadTestReportEntry = z.infer<typeof LoadTestReportEntry>;

/** What loadtest:progressed carries: the level running and its numbers so far. */
export const LoadTestProgress = z.object({
  runId: z.string(),
  levelIndex: z.number().int(),
  levels: z.number().int(),
  parallel: z.number().int(),
  done: z.number().int(),
  total: z.number().int(),
  summary: LevelSummary,
});
export type LoadTestProgress = z.infer<typeof LoadTestProgress>;

export const loadtestMethods = {
  /**
   * Starts a load test (through the tunnel to a box server, or to a URL on this computer);
   * progress arrives as loadtest:progressed, the report as loadtest:finished, to the caller only.
   */
  'loadtest:start': {
    request: z.strictObject({ settings: LoadTestSettings, name: Name.optional() }),
    response: z.object({ runId: z.string() }),
  },
  /** Aborts every request of the run at once; the run finishes as 'cancelled' with what it measured. */
  'loadtest:cancel': {
    request: z.strictObject({ runId: Id }),
    response: Empty,
  },
  /** The runs saved on this computer, newest first. */
  'loadtest:reports': {
    request: Empty,
    response: z.array(LoadTestReportEntry),
  },
  'loadtest:report': {
    request: z.strictObject({ id: Id }),
    response: LoadTestReport,
  },
  /** Deletes the run saved on this computer (the copy on the box stays). */
  'loadtest:delete': {
    request: z.strictObject({ id: Id }),
    response: Empty,
  },
  'loadtest:rename': {
    request: z.strictObject({ id: Id, name: Name }),
    response: LoadTestReportEntry,
  },
} as const;
