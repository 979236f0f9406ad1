/**
 * What the Serve service keeps of one model server: made from a launch or from what a box read
 * found (its labels), and the card's view of it, with its tunnel's OpenAI base URL.
 */
import type { ServeFailure, ServePhase, ServerState, ServerView } from '../../../src/domain/serve.js';
import type { TunnelView } from '../../../src/domain/tunnel.js';
import type { EngineFailure, EngineFailureContext } from '../../../src/recipes/engine-failures.js';
import type { DiscoveredServer } from '../../../src/recipes/serve/serve-discovery.js';
import type { ServeEngineId, ServeReadiness } from '../../../src/recipes/serve/serve-engines.js';
import type { ServeLaunch } from '../../../src/recipes/serve/serve-launch.js';

export interface ServerRecord {
  key: string;
  deviceId: string;
  engine: ServeEngineId;
  containerName: string;
  model: string | null;
  servedModelName: string | null;
  image: string | null;
  running: boolean;
  state: ServerState;
  phase: ServePhase;
  startedAt: number | null;
  readyMs: number | null;
  /** Until then a silent server is starting; after it, failed. */
  deadline: number;
  boxPort: number | null;
  readiness: ServeReadiness;
  sharedOnLan: boolean;
  command: string | null;
  edited: boolean;
  failure: ServeFailure | null;
  failureContext: EngineFailureContext;
  lastLines: string[];
  timer: NodeJS.Timeout | undefined;
}

export const failureView = (f: EngineFailure): ServeFailure => ({ kind: f.kind, message: f.message, hint: f.hint, line: f.line, lastLines: [...f.lastLines], ...(f.params ? { params: { ...f.params } } : {}) });

export const recordFromLaunch = (deviceId: string, now: number, launch: ServeLaunch & { containerName: string }, command: string, edited: boolean, context: EngineFailureContext, sharedOnLan: boolean, key = `container:${launch.containerName}`): ServerRecord => ({
  key,
  deviceId,
  engine: launch.engine,
  containerName: launch.containerName,
  model: null,
  servedModelName: launch.servedModelName,
  image: launch.image,
  running: true,
  state: 'starting',
  phase: 'launching',
  startedAt: now,
  readyMs: null,
  deadline: now + launch.readiness.startupMs,
  boxPort: launch.port,
  readiness: launch.readiness,
  sharedOnLan,
  command,
  edited,
  failure: null,
  failureContext: context,
  lastLines: [],
  timer: undefined,
});

/** A server found on the box: its state follows from the read and the probes. */
export const recordFromDiscovery = (deviceId: string, found: DiscoveredServer, now: number): ServerRecord => ({
  key: found.key,
  deviceId,
  engine: found.engine,
  containerName: found.containerName,
  model: found.model,
  servedModelName: found.servedModelName,
  image: found.image,
  running: found.running,
  state: found.running ? 'starting' : 'stopped',
  phase: found.running ? 'health' : 'failed',
  startedAt: null,
  readyMs: null,
  deadline: now + found.readiness.startupMs,
  boxPort: found.port,
  readiness: found.readiness,
  sharedOnLan: found.sharedOnLan,
  command: null,
  edited: false,
  failure: null,
  failureContext: { engine: found.engine, image: found.image, modelFormat: null, hfTokenGiven: false },
  lastLines: [],
  timer: undefined,
});

export const serverView = (r: ServerRecord, tunnel: TunnelView | undefined): ServerView => ({
  key: r.key,
  deviceId: r.deviceId,
  engine: r.engine,
  containerName: r.containerName,
  model: r.model,
  servedModelName: r.servedModelName,
  image: r.image,
  state: r.state,
  phase: r.phase,
  startedAt: r.startedAt,
  readyMs: r.readyMs,
  startupMs: r.readiness.startupMs,
  boxPort: r.boxPort,
  url: tunnel ? `http://127.0.0.1:${tunnel.localPort}/v1` : null,
  tunnelId: tunnel?.id ?? null,
  sharedOnLan: r.sharedOnLan,
  command: r.command,
  edited: r.edited,
  failure: r.failure,
});
