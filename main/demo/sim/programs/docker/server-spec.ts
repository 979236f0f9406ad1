/**
 * The simulated server behind a running container: which port of the box it answers on (the
 * engine's own port with --network host, else the host port published for it), the model and
 * served name clients must use, and when it answers /health. Pure: the demo box can call it
 * again for every running container after a restart of the app.
 */
import type { ServerSpec } from '../../io.js';
import type { SimContainer, SimState } from '../../state.js';
import { engineArgs } from './engine-args.js';
import { jupyterToken } from './engines/apps.js';
import { readyShare } from './engines/index.js';

export const serverFacts = {
  /** Tokens a reply has when the request sets no max_tokens: short, so demos stream quickly. */
  defaultMaxTokens: 256,
} as const;

/** The box port a container port is reachable on, if any. */
export const boxPortFor = (container: Pick<SimContainer, 'networkMode' | 'ports'>, containerPort: number): number | undefined => {
  if (container.networkMode === 'host') return containerPort;
  return container.ports.find((p) => p.containerPort === containerPort && p.protocol === 'tcp')?.hostPort;
};

export const serverSpecFor = (container: SimContainer, state: SimState, now: number = container.startedAt ?? 0): ServerSpec | undefined => {
  if (container.state !== 'running') return undefined;
  const args = engineArgs(container);
  if (!args.serving) return undefined;
  const port = boxPortFor(container, args.port);
  if (port === undefined) return undefined;
  const readyMs = Math.round(state.tuning.serverReadyMs * readyShare[args.kind]);
  const startedAt = container.startedAt ?? now;
  const model = args.model || args.kind;
  return {
    id: container.id,
    kind: args.kind,
    port,
    model,
    servedName: args.servedName || model,
    readyAfterMs: Math.max(0, startedAt + readyMs - now),
    ttftMs: state.tuning.ttftMs,
    tokenDelayMs: state.tuning.tokenDelayMs,
    maxConcurrency: args.maxConcurrency ?? state.tuning.serverConcurrency,
    defaultMaxTokens: serverFacts.defaultMaxTokens,
    ...(state.tuning.serverFaults ? { faults: state.tuning.serverFaults } : {}),
    ...(args.kind === 'jupyter' ? { token: jupyterToken(container.id, args.token) } : {}),
    ...(args.kind === 'llamafactory' && args.words[1] ? { subcommand: args.words[1] } : {}),
  };
};
