/**
 * An export as the page shows it, from what the box says about its job: spec.json (what it is),
 * whether its process lives, its exit code, a stop mark, and its log's step lines and tail.
 */
import type { ExportStepName, ExportView } from '../../domain/export.js';
import { hostJobsRoot } from '../../remote/commands/host-job.js';
import { remotePath, sh } from '../../remote/quote.js';
import { parseExportLog } from './chain.js';
import { explainExportFailure, stepProgress, testAnswer } from './log.js';
import type { ExportSizes } from './tools.js';

/** What spec.json of an export job holds. */
export interface ExportSpec {
  readonly kind: 'pgx-export';
  readonly ollamaName: string;
  readonly workDir: string;
  readonly gguf: string;
  readonly modelfile: string;
  readonly sourceLabel: string;
  readonly testPrompt: string;
  readonly startedAt: number;
  readonly attempt: number;
  /** What each step writes (bytes), for the disk check of a retry; null when the model's size was unknown. */
  readonly sizes: ExportSizes | null;
  /** The steps its chain runs (absent in older specs: all of them). */
  readonly chain?: readonly ExportStepName[];
}

export const isExportSpec = (spec: unknown): spec is ExportSpec => typeof spec === 'object' && spec !== null && (spec as { kind?: unknown }).kind === 'pgx-export';

/** How much of the log's end is read: the running step's progress and a failure's last lines are there. */
export const exportLogTailBytes = 16_384;

export const exportJobDir = (id: string): string => `${hostJobsRoot}/${id}`;

/** A stop mark, the log's step lines (all of them) and its tail, fenced. */
export const exportLogReadCommand = (id: string): string =>
  sh`test -f ${remotePath(`${exportJobDir(id)}/stopped`)} && echo @@stopped; grep '^PGX-' ${remotePath(`${exportJobDir(id)}/log`)}; echo @@tail; tail -c ${String(exportLogTailBytes)} ${remotePath(`${exportJobDir(id)}/log`)}`;

/**
 * The view from exportLogReadCommand's output. A job that ended without an exit code and without
 * the stop mark died (a full disk cannot even take the exit code): failed. `freeBytes` (the box's
 * free space now) lets a failure whose log says nothing be put down to a full disk.
 */
export const exportViewOf = (deviceId: string, job: { readonly id: string; readonly running: boolean; readonly exitCode: number | null }, spec: ExportSpec, read: string, endedAt: number | null, freeBytes: number | null): ExportView => {
  const at = read.indexOf('@@tail\n');
  const stopped = read.startsWith('@@stopped\n');
  const markers = at < 0 ? read : read.slice(0, at);
  const text = `${markers}\n${at < 0 ? '' : read.slice(at + 7)}`;
  const steps = parseExportLog(markers, job.running ? null : { exitCode: job.exitCode });
  const state: ExportView['state'] = job.running ? 'running' : job.exitCode === 0 ? 'done' : job.exitCode === null && stopped ? 'stopped' : 'failed';
  const names = Object.keys(steps) as ExportStepName[];
  const current = names.find((s) => steps[s] === 'running' || steps[s] === 'failed');
  // A stopped job's step did not fail (nor does it run on): it waits for Retry.
  if (state === 'stopped' && current) steps[current] = 'waiting';
  for (const name of names) if (spec.chain && !spec.chain.includes(name)) steps[name] = 'omitted';
  const failed = names.find((s) => steps[s] === 'failed');
  return {
    id: job.id,
    deviceId,
    ollamaName: spec.ollamaName,
    state,
    steps,
    progress: state === 'running' && current ? stepProgress(text, current) : null,
    workDir: spec.workDir,
    gguf: spec.gguf,
    modelfile: spec.modelfile,
    sourceLabel: spec.sourceLabel,
    startedAt: spec.startedAt,
    endedAt: state === 'running' ? null : endedAt,
    answer: testAnswer(text),
    testPrompt: spec.testPrompt,
    failure: failed ? explainExportFailure(text, failed, freeBytes) : null,
    attempt: spec.attempt,
  };
};
