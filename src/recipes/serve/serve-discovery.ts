/**
 * Finding model servers again after a reconnect, an app restart or from a second laptop: one
 * `docker ps` of containers labelled `pgx-companion.kind=serve` (listContainersCommand({ only:
 * 'serve' })); the engine, port and the spec it was launched from are in their labels.
 */
import { readPgxLabels } from '../../remote/commands/pgx-labels.js';
import type { DockerPsEntry } from '../../remote/parsers/docker-ps.js';
import type { Reservation } from '../memory-guard.js';
import { type ServeEngineId, serveEngineIds, serveReadiness, type ServeReadiness } from './serve-engines.js';
import { type ServeLaunch, serveLaunch } from './serve-launch.js';

export interface DiscoveredServer {
  readonly key: string;
  readonly engine: ServeEngineId;
  readonly containerName: string;
  /** null for an Ollama server (the box's daemon). */
  readonly image: string | null;
  readonly running: boolean;
  /** How it ended, when it did (docker ps's `Exited (N)`). */
  readonly exitCode: number | null;
  readonly port: number | null;
  readonly readiness: ServeReadiness;
  readonly model: string | null;
  readonly servedModelName: string | null;
  readonly sharedOnLan: boolean;
  /** The spec it was launched from, with presets resolved (the recipe label). */
  readonly recipe: Readonly<Record<string, unknown>> | null;
  /** What it set aside of the pool (a vLLM/SGLang fraction); null when its recipe does not say. */
  readonly reservation: Reservation | null;
}

/** The launch its recipe label gives again (presets were resolved into it); null when the label does not read. */
const relaunch = (recipe: Readonly<Record<string, unknown>> | null): ServeLaunch | null => {
  if (recipe === null) return null;
  try {
    return serveLaunch(recipe as never);
  } catch {
    return null;
  }
};

export const reservationOf = (launch: ServeLaunch | null): Reservation | null =>
  launch?.memory.kind === 'pool-fraction' ? { kind: 'fraction-of-total', fraction: launch.memory.fraction } : null;

export const serverKey = (containerName: string): string => `container:${containerName}`;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Our serve containers among `docker ps` rows; others (and labels that do not read) are skipped. */
export const serversFromContainers = (containers: readonly DockerPsEntry[]): DiscoveredServer[] =>
  containers.flatMap((c) => {
    const labels = readPgxLabels(c.labels);
    if (labels?.kind !== 'serve' || labels.app === null || !(serveEngineIds as readonly string[]).includes(labels.app)) return [];
    const engine = labels.app as ServeEngineId;
    const recipe = labels.recipe;
    const launch = relaunch(recipe);
    return [
      {
        key: serverKey(c.name),
        engine,
        containerName: c.name,
        image: c.image,
        running: c.state === 'running',
        exitCode: c.status.exitCode,
        port: labels.port,
        readiness: serveReadiness[engine],
        model: text(recipe?.model),
        servedModelName: launch?.servedModelName ?? text(recipe?.model),
        sharedOnLan: recipe?.shareOnLan === true,
        recipe,
        reservation: reservationOf(launch),
      },
    ];
  });
