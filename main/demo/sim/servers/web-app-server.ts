/**
 * The simulated web apps behind box ports: JupyterLab, Open WebUI, LLaMA Factory's LlamaBoard
 * and DGX Dashboard. Same life cycle as the model servers (openai-server.ts): nothing listens
 * until `spec.readyAfterMs` has passed (a browser or probe gets "connection refused" meanwhile,
 * as from a container still starting), never under the server-never-ready fault, and stop()
 * closes open connections too. Each app's pages are in its own *-site.ts.
 */
import { dgxDashboardSite } from './dgx-dashboard-site.js';
import { type LocalServer, serveLocal } from './http-util.js';
import { jupyterSite } from './jupyter-site.js';
import { llamaBoardSite } from './llamaboard-site.js';
import type { RunningServer, ServerDeps } from './openai-server.js';
import { openWebuiSite } from './open-webui-site.js';
import type { WebSite } from './web-pages.js';

const siteFor = (deps: ServerDeps): WebSite => {
  switch (deps.spec.kind) {
    case 'jupyter':
      return jupyterSite(deps);
    case 'open-webui':
      return openWebuiSite(deps);
    case 'dgx-dashboard':
      return dgxDashboardSite(deps);
    default:
      // LlamaBoard (`llamafactory-cli webui`); start-server.ts sends no other kind here.
      return llamaBoardSite();
  }
};

export const startWebAppServer = (deps: ServerDeps): RunningServer => {
  const site = siteFor(deps);
  let server: LocalServer | undefined;
  let listening: number | undefined;
  let readyTimer: NodeJS.Timeout | undefined;

  const ready = new Promise<number>((resolve, reject) => {
    if (deps.neverReady) return;
    readyTimer = setTimeout(() => {
      server = serveLocal(deps.listenPort, (req, res) => site.handle(req, res), () => ({ message: 'Internal Server Error', reason: null }));
      server.listening.then((port) => resolve((listening = port)), reject);
    }, deps.spec.readyAfterMs);
  });
  ready.catch(() => {});

  return {
    port: () => listening,
    ready,
    stop: async () => {
      if (readyTimer) clearTimeout(readyTimer);
      await server?.close();
    },
  };
};
