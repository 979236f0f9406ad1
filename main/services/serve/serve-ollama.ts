/**
 * Ollama servers on the box: the launch's host command as a detached host job (its log holds the
 * pull progress), found again from the job folders and `ollama ps`, ready when the daemon's
 * /api/ps lists the model through the tunnel, stopped with `ollama stop` and the job folder removed.
 */
import { hostJobLogCommand, isJobProcess, jobProcessesCommand, listHostJobsCommand, parseHostJobs, parseJobProcesses, removeHostJobCommand, startHostJobCommand, stopHostJobCommand } from '../../../src/remote/commands/host-job.js';
import { sh } from '../../../src/remote/quote.js';
import { parseOllamaPs } from '../../../src/remote/parsers/ollama-tables.js';
import { type DiscoveredOllamaServer, ollamaCanonicalName, ollamaJobKind, ollamaJobSpec, ollamaServersFromJobs } from '../../../src/recipes/serve/serve-ollama-job.js';
import type { ServeLaunch } from '../../../src/recipes/serve/serve-launch.js';
import type { SshConnection } from '../../ssh/connection.js';

export const serveOllamaLimits = {
  readTimeoutMs: 20_000,
  /** One /api/ps request through the tunnel. */
  requestTimeoutMs: 5_000,
} as const;

/** Unloads a model from the daemon (as the memory guard's fix says). */
export const ollamaStopCommand = (model: string): string => sh`ollama stop ${model}`;

const options = { timeoutMs: serveOllamaLimits.readTimeoutMs };

/** Our Ollama serving jobs, whether their process still runs, and whether their model is loaded. */
export const readOllamaServers = async (box: SshConnection): Promise<DiscoveredOllamaServer[]> => {
  const listing = await box.exec(listHostJobsCommand(), options);
  const jobs = parseHostJobs(listing.stdout).filter((j) => j.spec?.['kind'] === ollamaJobKind);
  if (jobs.length === 0) return [];
  const pids = jobs.filter((j) => j.pid !== null && j.exitCode === null).map((j) => j.pid!);
  const [alive, ps] = await Promise.all([
    pids.length > 0 ? box.exec(jobProcessesCommand(pids), options).then((r) => parseJobProcesses(r.stdout)) : Promise.resolve(new Map<number, string>()),
    box.exec('LC_ALL=C ollama ps', options),
  ]);
  const parsed = ps.code === 0 ? parseOllamaPs(ps.stdout) : null;
  const loaded = parsed?.ok === true ? parsed.rows.map((r) => r.name) : [];
  return ollamaServersFromJobs(
    jobs.map((job) => ({ job, jobRunning: job.pid !== null && job.exitCode === null && isJobProcess(job.id, alive.get(job.pid)) })),
    loaded,
  );
};

/** Starts the launch (or the user's edited command) as the job `jobId`. */
export const startOllamaJob = async (box: SshConnection, jobId: string, launch: ServeLaunch, command: string) =>
  box.exec(startHostJobCommand({ id: jobId, script: command, spec: ollamaJobSpec(launch) }), options);

export const readOllamaJobLog = async (box: SshConnection, jobId: string, tail: number): Promise<{ text: string; ok: boolean; stderr: string }> => {
  const result = await box.exec(hostJobLogCommand(jobId, tail), options);
  return { text: result.code === 0 ? result.stdout : '', ok: result.code === 0, stderr: result.stderr };
};

/**
 * Stops serving: the job's process group if it still runs (a pull), the model unloaded, the
 * job folder removed. Unloading a model that is not loaded fails harmlessly; the folder's
 * removal is what must work.
 */
export const stopOllamaServer = async (box: SshConnection, jobId: string, model: string | null): Promise<{ code: number | null; stderr: string; stdout: string }> => {
  const found = (await readOllamaServers(box)).find((s) => s.jobId === jobId);
  if (found?.pid !== undefined && found.pid !== null && found.running && !found.loaded) await box.exec(stopHostJobCommand(found.pid), options);
  if (model !== null) await box.exec(ollamaStopCommand(model), options);
  const removed = await box.exec(removeHostJobCommand(jobId), options);
  return { code: removed.code, stderr: removed.stderr, stdout: removed.stdout };
};

/** Whether the daemon, through the tunnel at localPort, has the model loaded (GET /api/ps). */
export const probeOllamaLoaded = async (localPort: number, model: string): Promise<{ loaded: boolean; reason: string }> => {
  try {
    const response = await fetch(`http://127.0.0.1:${localPort}/api/ps`, { signal: AbortSignal.timeout(serveOllamaLimits.requestTimeoutMs) });
    if (!response.ok) return { loaded: false, reason: `/api/ps answered HTTP ${response.status}` };
    const body = (await response.json()) as { models?: Array<{ name?: unknown; model?: unknown }> };
    const wanted = ollamaCanonicalName(model);
    const loaded = (body.models ?? []).some((m) => [m.name, m.model].some((n) => typeof n === 'string' && ollamaCanonicalName(n) === wanted));
    return { loaded, reason: loaded ? 'loaded' : `/api/ps does not list ${model} yet` };
  } catch (error) {
    return { loaded: false, reason: error instanceof Error ? error.message : String(error) };
  }
};
