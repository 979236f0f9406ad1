/**
 * Ollama served from the wizard: the launch's host command (pull, then load with keep-alive) runs
 * as a host job (host-job.ts) so it survives a cut and its log holds the pull's progress. The job
 * folder names the model it serves (spec.json); what `ollama ps` lists says whether it is loaded.
 * From both, a server is found again after a restart.
 */
import type { HostJob } from '../../remote/commands/host-job.js';
import type { DiscoveredServer } from './serve-discovery.js';
import { serveReadiness } from './serve-engines.js';
import type { ServeLaunch } from './serve-launch.js';

/** What spec.json says of a serving job. */
export const ollamaJobKind = 'serve-ollama';

/** Ollama's own spelling of a name: `qwen3` is `qwen3:latest`, the `library/` namespace implied, case folded. */
export const ollamaCanonicalName = (raw: string): string => {
  let name = raw.trim().replace(/^https?:\/\//, '').replace(/^registry\.ollama\.ai\//, '').replace(/^library\//, '');
  if (!/:[^/]+$/.test(name)) name = `${name}:latest`;
  return name.toLowerCase();
};

/** FNV-1a, 32 bits, as 8 hex: tells apart names that slug the same. */
const fnv = (text: string): string => {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
};

/** The job's id (a host-job id: lower-case letters, digits, -): one job per model and port. */
export const ollamaJobId = (model: string, port: number): string => {
  const name = ollamaCanonicalName(model);
  const slug = name.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32) || 'model';
  return `serve-ollama-${port}-${slug}-${fnv(name)}`;
};

export const ollamaServerKey = (jobId: string): string => `job:${jobId}`;

/** spec.json of the job: what it serves and how it was launched. */
export const ollamaJobSpec = (launch: ServeLaunch): Record<string, unknown> => ({
  kind: ollamaJobKind,
  engine: 'ollama',
  model: launch.servedModelName,
  port: launch.port,
  keepAlive: launch.memory.kind === 'ollama-model' ? launch.memory.keepAlive : null,
});

export interface OllamaJobFacts {
  readonly job: HostJob;
  /** The job's process still runs (pulling, or loading). */
  readonly jobRunning: boolean;
}

/** An Ollama server found from its job: running while its job runs or while `ollama ps` lists its model. */
export interface DiscoveredOllamaServer extends DiscoveredServer {
  readonly jobId: string;
  readonly pid: number | null;
  readonly loaded: boolean;
}

/**
 * Our Ollama serving jobs among the box's jobs. `loaded` holds `ollama ps`'s names; a job that
 * ended well whose model is no longer loaded (keep-alive ran out, or unloaded) is stopped.
 */
export const ollamaServersFromJobs = (jobs: readonly OllamaJobFacts[], loaded: readonly string[]): DiscoveredOllamaServer[] => {
  const loadedNames = new Set(loaded.map(ollamaCanonicalName));
  return jobs.flatMap(({ job, jobRunning }) => {
    const spec = job.spec;
    if (spec?.['kind'] !== ollamaJobKind || typeof spec['model'] !== 'string') return [];
    const model = spec['model'];
    const port = typeof spec['port'] === 'number' ? spec['port'] : null;
    const isLoaded = loadedNames.has(ollamaCanonicalName(model));
    const failed = !jobRunning && job.exitCode !== null && job.exitCode !== 0;
    return [
      {
        key: ollamaServerKey(job.id),
        engine: 'ollama',
        containerName: job.id,
        image: null,
        running: jobRunning || (isLoaded && !failed),
        exitCode: jobRunning ? null : job.exitCode,
        port,
        readiness: serveReadiness.ollama,
        model,
        servedModelName: model,
        sharedOnLan: false,
        recipe: spec,
        reservation: null,
        jobId: job.id,
        pid: job.pid,
        loaded: isLoaded,
      },
    ];
  });
};
