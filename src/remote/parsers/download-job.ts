/**
 * A download job read back from the box: its spec.json, whether its process lives, its exit code,
 * the `cancelled` mark, and the tail of its log, folded into a DownloadView — progress from the
 * tqdm frames (hf / ModelScope) or the pull lines (Ollama), and a failure as a sentence and a fix.
 */
import type { DownloadPhase, DownloadProblemView, DownloadSource, DownloadView } from '../../domain/model-download.js';
import { DownloadSource as DownloadSourceSchema } from '../../domain/model-download.js';
import { classifyDownloadError, parseDownloadOutput, tqdmPieces, type DownloadProblemKind } from './hf-download.js';
import { resumeMarker } from '../commands/model-download.js';
import { parseOllamaProgressText, summarizePull } from './ollama-progress.js';

export interface DownloadJobState {
  readonly id: string;
  readonly spec: Readonly<Record<string, unknown>>;
  readonly running: boolean;
  readonly exitCode: number | null;
  readonly cancelled: boolean;
  readonly log: string;
}

/** Ids of jobs marked cancelled, from listHostJobsCommand's `./ID/cancelled:1` lines. */
export const cancelledJobs = (listing: string): Set<string> =>
  new Set([...listing.matchAll(/^(?:\.\/)?([a-z0-9][a-z0-9-]*)\/cancelled:/gm)].map((m) => m[1]!));

const problemText: Readonly<Record<DownloadProblemKind, (model: string) => { message: string; hint: string }>> = {
  gated: (m) => ({ message: `${m} is a gated repository: it needs an accepted licence and a token.`, hint: 'Accept the licence on the model’s page, set your token in the download dialog, tick “Use my token”, then Resume.' }),
  unauthorized: () => ({ message: 'The hub refused the token.', hint: 'Set a valid token (a read token from your hub account) in the download dialog, then Resume.' }),
  'not-found': (m) => ({ message: `The hub has no repository named ${m} (or it is private).`, hint: 'Check the spelling (ORGANISATION/NAME, as on the model’s page); for a private repository use a token.' }),
  'revision-not-found': (m) => ({ message: `${m} has no such revision.`, hint: 'Use a branch, tag or commit the repository has, or leave the revision empty for main.' }),
  'file-not-found': (m) => ({ message: `A file of ${m} was not found on the hub.`, hint: 'The repository changed while downloading; remove this download and start it again.' }),
  'no-space': () => ({ message: 'The box’s disk ran full during the download.', hint: 'Delete models you no longer need on this page (or prune images on the Containers page), then Resume: finished files are kept.' }),
  network: () => ({ message: 'The box could not reach the hub.', hint: 'Check the box’s internet connection (or proxy), then Resume: finished files are kept.' }),
};

const lastLinesOf = (log: string, count: number): string[] => tqdmPieces(lastRun(log)).slice(-count).map((l) => l.trimEnd());

/** What the latest run printed (a resumed job's log holds the earlier runs before a marker). */
const lastRun = (log: string): string => {
  const at = log.lastIndexOf(resumeMarker);
  return at < 0 ? log : log.slice(at + resumeMarker.length);
};

const problemFor = (state: DownloadJobState, model: string, phase: DownloadPhase, ollamaError: string | null): DownloadProblemView | null => {
  if (phase !== 'failed') return null;
  const found = classifyDownloadError(lastRun(state.log));
  if (found) return { kind: found.kind, ...problemText[found.kind](model), line: found.line };
  if (ollamaError !== null) {
    const missing = /file does not exist|not found/i.test(ollamaError);
    return {
      kind: missing ? 'not-found' : 'ollama',
      message: missing ? `Ollama’s library has no model named ${model}.` : `ollama pull failed: ${ollamaError}`,
      hint: missing ? 'Check the name and tag on ollama.com/library (like qwen3:8b).' : 'Check that the Ollama service runs on the box (systemctl status ollama), then Resume.',
      line: `Error: ${ollamaError}`,
    };
  }
  if (state.exitCode === null) return { kind: 'stopped', message: 'The download stopped before it finished (the box restarted, or its process was killed).', hint: 'Resume it: finished files are kept.', line: null };
  const last = lastLinesOf(state.log, 1)[0] ?? null;
  return { kind: 'exit', message: `The download ended with exit code ${state.exitCode}.`, hint: 'Its last lines below say why; fix that and Resume.', line: last };
};

const phaseOf = (state: DownloadJobState, moved: boolean): DownloadPhase => {
  if (state.running) return moved ? 'running' : 'queued';
  if (state.exitCode === 0) return 'done';
  if (state.cancelled) return 'cancelled';
  return 'failed';
};

const hubProgress = (log: string) => {
  const out = parseDownloadOutput(log);
  const bytesDone = out.files.reduce((s, f) => s + f.bytes, 0);
  const current = out.files.at(-1);
  const filesTotal = out.overall?.total ?? null;
  const complete = out.files.filter((f) => f.total !== null && f.bytes >= f.total).length;
  const everyFileSeen = filesTotal !== null && out.files.length >= filesTotal && out.files.every((f) => f.total !== null);
  const bytesTotal = everyFileSeen ? out.files.reduce((s, f) => s + (f.total ?? 0), 0) : null;
  const moving = current !== undefined && current.total !== null && current.bytes < current.total ? current : undefined;
  return {
    moved: out.files.length > 0,
    bytesDone,
    bytesTotal,
    filesDone: filesTotal === null ? null : Math.max(complete, out.overall?.done ?? 0),
    filesTotal,
    rate: moving?.rate ?? null,
    eta: moving?.eta ?? null,
    etaScope: moving ? ('file' as const) : null,
    currentFile: moving?.file ?? null,
    path: out.path,
    error: null,
  };
};

const ollamaProgress = (log: string) => {
  const events = parseOllamaProgressText(log);
  const summary = summarizePull(events);
  const layers = new Map<string, { done: number; total: number | null }>();
  for (const e of events) if (e.kind === 'layer') layers.set(e.shortDigest, { done: e.completedBytes ?? layers.get(e.shortDigest)?.done ?? 0, total: e.totalBytes ?? layers.get(e.shortDigest)?.total ?? null });
  const all = [...layers.values()];
  const bytesDone = all.reduce((s, l) => s + l.done, 0);
  const bytesTotal = all.length > 0 && all.every((l) => l.total !== null) ? all.reduce((s, l) => s + (l.total ?? 0), 0) : null;
  // The CLI prints a rate only on a terminal; without one the app measures it between polls.
  return {
    moved: all.length > 0,
    bytesDone,
    bytesTotal,
    filesDone: summary.layers.filter((l) => l.complete).length,
    filesTotal: all.length > 0 ? all.length : null,
    rate: null,
    eta: null,
    etaScope: null,
    currentFile: null,
    path: null,
    error: summarizePull(parseOllamaProgressText(lastRun(log))).error,
  };
};

/** The view of one job; null when spec.json is not a download's. */
export const readDownloadJob = (state: DownloadJobState): DownloadView | null => {
  const source = DownloadSourceSchema.safeParse(state.spec['source']);
  if (state.spec['kind'] !== 'model-download' || !source.success || typeof state.spec['model'] !== 'string') return null;
  const model = state.spec['model'];
  const progress = source.data === 'ollama' ? ollamaProgress(state.log) : hubProgress(state.log);
  const phase = phaseOf(state, progress.moved);
  const done = phase === 'done';
  return {
    id: state.id,
    source: source.data as DownloadSource,
    model,
    revision: typeof state.spec['revision'] === 'string' ? state.spec['revision'] : null,
    useToken: state.spec['useToken'] === true,
    phase,
    startedAt: typeof state.spec['startedAt'] === 'number' ? state.spec['startedAt'] : null,
    bytesDone: done && progress.bytesTotal !== null ? progress.bytesTotal : progress.bytesDone,
    bytesTotal: progress.bytesTotal,
    filesDone: done ? (progress.filesTotal ?? progress.filesDone) : progress.filesDone,
    filesTotal: progress.filesTotal,
    rate: phase === 'running' ? progress.rate : null,
    eta: phase === 'running' ? progress.eta : null,
    etaScope: phase === 'running' ? progress.etaScope : null,
    currentFile: phase === 'running' ? progress.currentFile : null,
    path: progress.path,
    problem: problemFor(state, model, phase, progress.error),
    lastLines: phase === 'failed' ? lastLinesOf(state.log, 8) : [],
  };
};
