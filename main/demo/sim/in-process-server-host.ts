import type { LogStore, ServerHost } from './io.js';
import type { StateStore } from './state-store.js';
import { startServer } from './servers/start-server.js';
import type { RunningServer } from './servers/openai-server.js';

export interface InProcessServerHost extends ServerHost {
  /** The real loopback port behind a box port, once that server listens. */
  portFor(boxPort: number): number | undefined;
  stopAll(): Promise<void>;
}

/**
 * Demo mode: simulated servers run inside the app on random loopback ports; the demo box's
 * SSH server maps the box port a forward asks for (8000, 8888, …) to the real one.
 */
export const inProcessServerHost = (deps: { store: StateStore; logs: LogStore }): InProcessServerHost => {
  const servers = new Map<string, { boxPort: number; running: RunningServer }>();
  let nextPid = 52_000;
  return {
    start: (spec) => {
      servers.get(spec.id)?.running.stop().catch(() => {});
      const neverReady = deps.store.read().faults['server-never-ready'] === true;
      nextPid += 7;
      const running = startServer({ spec, store: deps.store, logs: deps.logs, listenPort: 0, neverReady, pid: nextPid });
      running.ready.catch(() => {});
      servers.set(spec.id, { boxPort: spec.port, running });
    },
    stop: (id) => {
      const entry = servers.get(id);
      servers.delete(id);
      void entry?.running.stop();
    },
    running: () => [...servers.keys()],
    portFor: (boxPort) => {
      for (const entry of servers.values()) if (entry.boxPort === boxPort) return entry.running.port();
      return undefined;
    },
    stopAll: async () => {
      const all = [...servers.values()];
      servers.clear();
      await Promise.all(all.map((e) => e.running.stop()));
    },
  };
};
