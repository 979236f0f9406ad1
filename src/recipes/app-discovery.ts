/**
 * Finding apps again after a reconnect, an app restart or from a second laptop: containers by
 * their `pgx-companion.kind=app` labels (one `docker ps`, listContainersCommand({ only: 'app' })),
 * host apps by their job folders (listHostJobsCommand + jobProcessesCommand). Services the box
 * runs itself (DGX Dashboard, DGX OS's Ollama) are not found but probed: launch() says where.
 */
import { type HostJob, isJobProcess } from '../remote/commands/host-job.js';
import { readPgxLabels, type PgxLabelsRead } from '../remote/commands/pgx-labels.js';
import type { DockerPsEntry } from '../remote/parsers/docker-ps.js';
import { appEndpoints, type HealthProbe, healthProbeFor } from './app-health.js';
import { type AppId, customAppIdPattern } from './app-specs.js';

export interface DiscoveredApp {
  readonly app: AppId;
  /** The custom app's id; null for ours. */
  readonly customId: string | null;
  readonly where: { readonly kind: 'container'; readonly id: string; readonly name: string } | { readonly kind: 'host-job'; readonly id: string; readonly pid: number | null };
  readonly running: boolean;
  /** The box port; null when the labels lost it (then the app cannot be opened, only stopped). */
  readonly port: number | null;
  /** Without secrets: JupyterLab's token comes from the container's env (openUrlPath). */
  readonly urlPath: string;
  readonly healthPath: string;
  /** How it ended, for a host job that did (exit code of its script). */
  readonly exitCode: number | null;
  readonly recipe: Readonly<Record<string, unknown>> | null;
}

const builtIn: Readonly<Record<string, Exclude<AppId, 'custom' | 'dgx-dashboard'>>> = { jupyterlab: 'jupyterlab', ollama: 'ollama', 'open-webui': 'open-webui' };

const defaultPaths: Readonly<Record<Exclude<AppId, 'custom' | 'dgx-dashboard'>, { readonly urlPath: string; readonly healthPath: string }>> = {
  jupyterlab: appEndpoints.jupyterlab,
  ollama: appEndpoints.ollama,
  'open-webui': appEndpoints.openWebui,
};

/** Which app a label names: ours by name, `custom-<id>` for the user's; null for anything else. */
const identify = (labels: PgxLabelsRead): { readonly app: AppId; readonly customId: string | null } | null => {
  if (labels.kind !== 'app' || labels.app === null) return null;
  const ours = builtIn[labels.app];
  if (ours !== undefined) return { app: ours, customId: null };
  const custom = /^custom-(.+)$/.exec(labels.app);
  return custom && customAppIdPattern.test(custom[1]!) ? { app: 'custom', customId: custom[1]! } : null;
};

const paths = (app: AppId, labels: PgxLabelsRead) => {
  const fallback = app === 'custom' || app === 'dgx-dashboard' ? { urlPath: '/', healthPath: '/' } : defaultPaths[app];
  return { urlPath: labels.urlPath ?? fallback.urlPath, healthPath: labels.healthPath ?? fallback.healthPath };
};

/** Apps among `docker ps -a` rows (stopped ones too: they can be started again). */
export const appsFromContainers = (containers: readonly DockerPsEntry[]): DiscoveredApp[] =>
  containers.flatMap((c) => {
    const labels = readPgxLabels(c.labels);
    const who = labels && identify(labels);
    if (!labels || !who) return [];
    return [{ ...who, where: { kind: 'container', id: c.id, name: c.name }, running: c.state === 'running', port: labels.port, ...paths(who.app, labels), exitCode: c.status.exitCode, recipe: labels.recipe }];
  });

/**
 * Apps among host jobs; `processes` is pid → command line of those still running
 * (parseJobProcesses). A pid that now belongs to another program does not count as running.
 */
export const appsFromHostJobs = (jobs: readonly HostJob[], processes: ReadonlyMap<number, string>): DiscoveredApp[] =>
  jobs.flatMap((job) => {
    // spec.json holds the same labels a container would carry.
    const labels = job.spec ? readPgxLabels(Object.fromEntries(Object.entries(job.spec).filter((e): e is [string, string] => typeof e[1] === 'string'))) : null;
    const who = labels && identify(labels);
    if (!labels || !who) return [];
    const running = job.pid !== null && isJobProcess(job.id, processes.get(job.pid));
    return [{ ...who, where: { kind: 'host-job', id: job.id, pid: job.pid }, running, port: labels.port, ...paths(who.app, labels), exitCode: job.exitCode, recipe: labels.recipe }];
  });

/** `JUPYTER_TOKEN=…` from a container's env (docker inspect Config.Env); null when absent. */
export const jupyterTokenFromEnv = (env: readonly string[]): string | null => {
  const entry = env.filter((e) => e.startsWith('JUPYTER_TOKEN=')).at(-1);
  const token = entry?.slice('JUPYTER_TOKEN='.length) ?? '';
  return /^[A-Za-z0-9]{1,128}$/.test(token) ? token : null;
};

/** The path the browser opens: JupyterLab's with the token from the container's env. */
export const openUrlPath = (app: DiscoveredApp, env: readonly string[] = []): string => {
  if (app.app !== 'jupyterlab') return app.urlPath;
  const token = jupyterTokenFromEnv(env);
  return token === null ? app.urlPath : `${app.urlPath}${app.urlPath.includes('?') ? '&' : '?'}token=${token}`;
};

/** Its health probe, the same as launch() gives a freshly started one; null without a port. */
export const discoveredHealthProbe = (app: DiscoveredApp): HealthProbe | null => (app.port === null ? null : healthProbeFor(app.app, app.port, app.healthPath));
