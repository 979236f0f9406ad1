/**
 * What the box says about apps, read in three small commands: our app containers (by label, one
 * `docker ps`), our jobs (their folders and which pids still run) and the state of the services
 * DGX OS runs itself. A part that cannot be read (no docker, no systemd) leaves that part empty
 * and says why in `problems`; the rest still shows.
 */
import { dashboardUnit, readServiceStates, serviceStatesAnswered, serviceStatesCommand } from '../../../src/recipes/app-control.js';
import { appsFromContainers, appsFromHostJobs, type DiscoveredApp, jupyterTokenFromEnv } from '../../../src/recipes/app-discovery.js';
import { inspectContainersCommand, listContainersCommand } from '../../../src/remote/commands/docker.js';
import { jobProcessesCommand, listHostJobsCommand, parseHostJobs, parseJobProcesses } from '../../../src/remote/commands/host-job.js';
import { parseDockerInspect } from '../../../src/remote/parsers/docker-inspect.js';
import { parseDockerPs } from '../../../src/remote/parsers/docker-ps.js';
import type { SshConnection } from '../../ssh/connection.js';

export const boxAppsLimits = {
  readTimeoutMs: 20_000,
} as const;

/** The systemd units the Apps page knows: DGX OS's Ollama and its dashboard. */
export const boxServiceUnits = ['ollama', dashboardUnit] as const;

export interface BoxApps {
  readonly apps: readonly DiscoveredApp[];
  /** Unit → systemd's word (`active`, `inactive`, … or `unknown` when it could not be asked). */
  readonly services: ReadonlyMap<string, string>;
  /** What could not be read, in a sentence each (shown on the page, not fatal). */
  readonly problems: readonly string[];
}

const firstLine = (text: string, fallback: string) => text.trim().split('\n').filter(Boolean).at(-1) ?? fallback;

export const readBoxApps = async (box: SshConnection): Promise<BoxApps> => {
  const options = { timeoutMs: boxAppsLimits.readTimeoutMs };
  const [ps, jobs, units] = await Promise.all([
    box.exec(listContainersCommand({ only: 'app' }), options),
    box.exec(listHostJobsCommand(), options),
    box.exec(serviceStatesCommand(boxServiceUnits), options),
  ]);
  const problems: string[] = [];
  const apps: DiscoveredApp[] = [];
  if (ps.code === 0) apps.push(...appsFromContainers(parseDockerPs(ps.stdout).containers));
  else problems.push(`docker could not list the app containers: ${firstLine(ps.stderr, `exit ${String(ps.code)}`)}`);
  if (jobs.code === 0) {
    const found = parseHostJobs(jobs.stdout);
    const pids = found.flatMap((j) => (j.pid === null ? [] : [j.pid]));
    // `ps` exits 1 when none of the pids runs: its output (empty) is still the answer.
    const processes = pids.length === 0 ? new Map<number, string>() : parseJobProcesses((await box.exec(jobProcessesCommand(pids), options)).stdout);
    apps.push(...appsFromHostJobs(found, processes));
  } else problems.push(`The app's jobs folder could not be read: ${firstLine(jobs.stderr, `exit ${String(jobs.code)}`)}`);
  const services = serviceStatesAnswered(units.code) ? readServiceStates(boxServiceUnits, units.stdout) : new Map(boxServiceUnits.map((u) => [u, 'unknown']));
  return { apps, services, problems };
};

/** JupyterLab's token, from the container's environment (never kept in labels or on this computer). */
export const readJupyterToken = async (box: SshConnection, container: string): Promise<string | null> => {
  const result = await box.exec(inspectContainersCommand([container]), { timeoutMs: boxAppsLimits.readTimeoutMs });
  if (result.code !== 0) return null;
  const parsed = parseDockerInspect(result.stdout);
  const item = parsed.ok ? parsed.items.find((i) => i.kind === 'container') : undefined;
  return item?.kind === 'container' ? jupyterTokenFromEnv(item.env) : null;
};
