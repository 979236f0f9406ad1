/**
 * DGX Dashboard: DGX OS runs it as the systemd unit `dgx-dashboard` on 127.0.0.1:11000 (the
 * app's environment check and Apps page probe `/` there). The stand-in's page shows the box's
 * GPU and unified memory from the simulator state, so it agrees with nvidia-smi and
 * /proc/meminfo (GB10 memory is the system's: MemTotal − MemAvailable is what is in use).
 */
import { gpuTemperatureC, gpuUtilization, memory } from '../dynamics.js';
import type { ServerSpec } from '../io.js';
import type { SimState } from '../state.js';
import { gb10 } from '../programs/system/gpu-snapshot.js';
import { sendText } from './http-util.js';
import type { ServerDeps } from './openai-server.js';
import { escapeHtml, htmlPage, requestUrl, sendHtml, type WebSite } from './web-pages.js';

export const dgxDashboardFacts = {
  /** The unit's name, and the server id the demo box starts it under. */
  unit: 'dgx-dashboard',
  /** DGX OS's port for it (src/recipes/app-specs.ts appDefaults.dgxDashboard). */
  port: 11000,
} as const;

/** The dashboard the demo box starts at boot, like Ollama's daemon (ollamaDaemonSpec). */
export const dgxDashboardSpec = (port: number = dgxDashboardFacts.port): ServerSpec => ({
  id: dgxDashboardFacts.unit,
  kind: 'dgx-dashboard',
  port,
  model: '',
  servedName: '',
  readyAfterMs: 0,
  // It serves pages, not tokens: the model-server fields do not apply.
  ttftMs: 0,
  tokenDelayMs: 0,
  maxConcurrency: 1,
  defaultMaxTokens: 0,
});

const gib = (kb: number): string => (kb / 1024 ** 2).toFixed(1);

export interface DashboardReading {
  readonly hostname: string;
  readonly gpuName: string;
  readonly gpuUtilizationPercent: number;
  readonly gpuTemperatureC: number;
  readonly memoryUsedKb: number;
  readonly memoryTotalKb: number;
}

export const dashboardReading = (state: SimState, now: number): DashboardReading => {
  const mem = memory(state, now);
  return {
    hostname: state.box.hostname,
    gpuName: gb10.name,
    gpuUtilizationPercent: gpuUtilization(state, now),
    gpuTemperatureC: gpuTemperatureC(state, now),
    memoryUsedKb: mem.totalKb - mem.availableKb,
    memoryTotalKb: mem.totalKb,
  };
};

const page = (r: DashboardReading): string =>
  htmlPage(
    'DGX Dashboard',
    [
      '<h1>DGX Dashboard</h1>',
      `<p>This is the PGX Companion demo box's stand-in for DGX Dashboard on <code>${escapeHtml(r.hostname)}</code>: readings of the simulated box, not of real hardware.</p>`,
      '<table>',
      `<tr><td>GPU</td><td>${escapeHtml(r.gpuName)}</td></tr>`,
      `<tr><td>GPU utilization</td><td>${r.gpuUtilizationPercent} %</td></tr>`,
      `<tr><td>GPU temperature</td><td>${r.gpuTemperatureC} °C</td></tr>`,
      `<tr><td>Memory (unified)</td><td id="memory">${gib(r.memoryUsedKb)} GiB used of ${gib(r.memoryTotalKb)} GiB</td></tr>`,
      '</table>',
    ].join('\n'),
  );

export const dgxDashboardSite = (deps: ServerDeps): WebSite => ({
  handle: (req, res) => {
    // What the real one answers elsewhere is not captured: a plain status line says enough.
    if (requestUrl(req).pathname !== '/') return sendText(res, 404, 'Not Found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed\n');
    // Servers run on the wall clock (as the Ollama daemon does).
    return sendHtml(res, 200, page(dashboardReading(deps.store.read(), Date.now())));
  },
});
