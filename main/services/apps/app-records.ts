/**
 * What the Apps service keeps of one app: made from a launch (launch()'s plan) or from what a
 * box read found (its labels), and the view the renderer gets of it, with its tunnel's URL.
 */
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { AppHealth, AppView } from '../../../src/domain/app.js';
import type { TunnelView } from '../../../src/domain/tunnel.js';
import { appKey, type AppWhere } from '../../../src/recipes/app-control.js';
import { discoveredHealthProbe, type DiscoveredApp } from '../../../src/recipes/app-discovery.js';
import type { HealthProbe } from '../../../src/recipes/app-health.js';
import { CustomAppSpec, type AppSpec } from '../../../src/recipes/app-specs.js';
import type { AppLaunch } from '../../../src/recipes/apps.js';
import { dockerAppError } from '../../../src/recipes/docker-problems.js';
import type { ExecResult } from '../../ssh/connection.js';

export interface AppRecord {
  key: string;
  deviceId: string;
  app: AppView['app'];
  customId: string | null;
  customName: string | null;
  where: AppWhere;
  running: boolean;
  pid: number | null;
  boxPort: number | null;
  /** The path the browser opens (with JupyterLab's token). */
  openPath: string;
  probe: HealthProbe | null;
  startedAt: number | null;
  /** Until then a silent app is starting; after it, failed. */
  deadline: number;
  everHealthy: boolean;
  health: AppHealth;
  command: string | null;
  problem: string | null;
  recipe: Readonly<Record<string, unknown>> | null;
  timer: NodeJS.Timeout | undefined;
}

/** A launch, start, stop or removal that failed: docker's known problems with their fix, else its last line. */
export const launchFailure = (result: ExecResult, doing: string): AppFailure => {
  const known = dockerAppError(result.stderr);
  if (known) return new AppFailure(known);
  const line = result.stderr.trim().split('\n').filter(Boolean).at(-1) ?? (result.code === null ? 'no answer in time' : `exit status ${String(result.code)}`);
  return new AppFailure(appError('remote-command-failed', `${doing} failed: ${line}`, 'Open its logs, or run the command shown on the card in a terminal to see more.'));
};

const customName = (recipe: Readonly<Record<string, unknown>> | null): string | null => {
  const parsed = CustomAppSpec.safeParse(recipe);
  return parsed.success ? parsed.data.name : null;
};

/** An app found on the box by its labels: stopped until the read says it runs. */
export const recordFromDiscovery = (deviceId: string, key: string, found: DiscoveredApp, now: number): AppRecord => {
  const probe = discoveredHealthProbe(found);
  return {
    key,
    deviceId,
    app: found.app,
    customId: found.customId,
    customName: customName(found.recipe),
    where: found.where.kind === 'container' ? { kind: 'container', name: found.where.name } : { kind: 'host-job', id: found.where.id },
    running: false,
    pid: null,
    boxPort: found.port,
    openPath: found.urlPath,
    probe,
    startedAt: null,
    deadline: now + (probe?.startupMs ?? 0),
    everHealthy: false,
    health: 'stopped',
    command: null,
    problem: null,
    recipe: found.recipe,
    timer: undefined,
  };
};

/** An app this laptop launched now: starting until its probe answers or its startup time runs out. */
export const recordFromLaunch = (deviceId: string, now: number, plan: AppLaunch, spec: AppSpec | null): AppRecord => ({
  key: appKey(plan.instance),
  deviceId,
  app: plan.app,
  customId: spec?.app === 'custom' ? spec.id : null,
  customName: spec?.app === 'custom' ? spec.name : null,
  where: plan.instance,
  running: false,
  pid: null,
  boxPort: plan.port,
  openPath: plan.urlPath,
  probe: plan.health,
  startedAt: now,
  deadline: now + plan.health.startupMs,
  everHealthy: false,
  health: 'starting',
  command: plan.command,
  problem: null,
  recipe: spec ? { ...spec } : null,
  timer: undefined,
});

/** The renderer's view; its URL is the tunnel's local end (none without a tunnel). */
export const appView = (r: AppRecord, tunnel: TunnelView | undefined): AppView => ({
  key: r.key,
  deviceId: r.deviceId,
  app: r.app,
  customId: r.customId,
  customName: r.customName,
  where: r.where.kind === 'box-service' ? { kind: 'box-service', unit: r.where.unit } : r.where,
  running: r.running,
  health: r.health,
  startedAt: r.startedAt,
  startupMs: r.probe?.startupMs ?? 0,
  boxPort: r.boxPort,
  url: tunnel ? `http://127.0.0.1:${tunnel.localPort}${r.openPath}` : null,
  tunnelId: tunnel?.id ?? null,
  command: r.command,
  problem: r.problem,
});

/** The tunnel's label in the Tunnels list. */
export const appLabel = (record: AppRecord): string =>
  record.customName ?? { jupyterlab: 'JupyterLab', ollama: 'Ollama', 'open-webui': 'Open WebUI', 'dgx-dashboard': 'DGX Dashboard', custom: 'App' }[record.app];
