/**
 * How the app tells an app is up: an HTTP GET through the app's tunnel to the box port, per
 * app the path and what counts as an answer; and the state of a service the box runs itself
 * (DGX OS's Ollama), which nobody starts for it.
 */
import { type AppId, appStartupMs } from './app-specs.js';

export const appHealthTiming = {
  /** Between probes while an app starts: a second is quick enough to feel instant. */
  intervalMs: 1_000,
  /** One probe's wait: a tunnel round trip is milliseconds, a box busy loading a model is slower. */
  requestTimeoutMs: 3_000,
} as const;

/** How the app tells an app is up: an HTTP GET through its tunnel to the box port. */
export interface HealthProbe {
  readonly port: number;
  readonly path: string;
  /** ok: a 2xx answer; any-answer: any HTTP status below 500 (the server listens and works). */
  readonly accept: 'ok' | 'any-answer';
  readonly intervalMs: number;
  readonly requestTimeoutMs: number;
  /** After this long without a healthy answer the start is reported as failed. */
  readonly startupMs: number;
}

/** Per app: URL path, health path and how an answer is judged. */
export const appEndpoints = {
  /** `/api` answers without the token once the server listens (it lists the server's version). */
  jupyterlab: { urlPath: '/lab', healthPath: '/api', accept: 'any-answer' },
  /** `/api/version` is Ollama's cheapest call; there is no UI (the URL is the API). */
  ollama: { urlPath: '/', healthPath: '/api/version', accept: 'ok' },
  /** Open WebUI's own health route: 200 once its database is migrated. */
  openWebui: { urlPath: '/', healthPath: '/health', accept: 'ok' },
  /** The dashboard's front page may redirect to a login: any answer means it is up. */
  dgxDashboard: { urlPath: '/', healthPath: '/', accept: 'any-answer' },
} as const;

/** A user's app may redirect its health path to a login page: any answer below 500 means it is up. */
export const customAppAccept = 'any-answer';

/** The probe for one app on one box port. */
export const healthProbe = (port: number, path: string, accept: HealthProbe['accept'], startupMs: number): HealthProbe => ({
  port,
  path,
  accept,
  intervalMs: appHealthTiming.intervalMs,
  requestTimeoutMs: appHealthTiming.requestTimeoutMs,
  startupMs,
});

/** The same probe for an app found again on the box (app-discovery.ts) as for one just started. */
export const healthProbeFor = (app: AppId, port: number, healthPath: string, startupMs?: number): HealthProbe => {
  switch (app) {
    case 'jupyterlab':
      return healthProbe(port, healthPath, appEndpoints.jupyterlab.accept, startupMs ?? appStartupMs.jupyterlab);
    case 'ollama':
      return healthProbe(port, healthPath, appEndpoints.ollama.accept, startupMs ?? appStartupMs.ollama);
    case 'open-webui':
      return healthProbe(port, healthPath, appEndpoints.openWebui.accept, startupMs ?? appStartupMs.openWebui);
    case 'dgx-dashboard':
      return healthProbe(port, healthPath, appEndpoints.dgxDashboard.accept, startupMs ?? appStartupMs.dgxDashboard);
    case 'custom':
      return healthProbe(port, healthPath, customAppAccept, startupMs ?? appStartupMs.custom);
  }
};

/** Whether DGX OS's Ollama service runs: one word (`active`, `inactive`, `failed`, …). */
export const ollamaServiceStatusCommand = 'systemctl is-active ollama';

export type ServiceState = 'active' | 'activating' | 'inactive' | 'failed' | 'unknown';

export const readServiceState = (output: string): ServiceState => {
  const word = output.trim().split('\n')[0]?.trim() ?? '';
  if (word === 'active' || word === 'reloading' || word === 'refreshing') return 'active';
  if (word === 'activating') return 'activating';
  if (word === 'inactive' || word === 'deactivating') return 'inactive';
  if (word === 'failed') return 'failed';
  return 'unknown';
};

/** What starts the service when it is not running (needs the user's sudo password, in a terminal). */
export const ollamaServiceStartCommand = 'sudo systemctl enable --now ollama';
