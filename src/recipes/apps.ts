/**
 * One-click apps on the box: JupyterLab, Ollama, Open WebUI, DGX Dashboard and apps the user
 * defines. launch() gives, purely, the command that starts one (null when the box already runs
 * it), the box port and URL path the app's tunnel opens, the health probe that says it is up
 * (app-health.ts), and the labels it is found again by (app-discovery.ts).
 */
import type { z } from 'zod';
import { type PgxLabelSpec, pgxLabels } from '../remote/commands/pgx-labels.js';
import { startHostJobCommand } from '../remote/commands/host-job.js';
import { remotePath, sh } from '../remote/quote.js';
import { appEndpoints, customAppAccept, type HealthProbe, healthProbe } from './app-health.js';
import { type AppId, AppSpec, type AppSpecInput, appDefaults, appStartupMs, type CustomAppSpec, type DgxDashboardSpec, type JupyterLabSpec, type OllamaSpec, type OpenWebuiSpec } from './app-specs.js';
import { containerRecipe, ContainerRunSpec, runCommand, withPgxLabels } from './container-run.js';

/** Where an app runs: a container we started, a job on the box, or a service the box has. */
export type AppInstance = { readonly kind: 'container'; readonly name: string } | { readonly kind: 'host-job'; readonly id: string } | { readonly kind: 'box-service'; readonly unit: string | null };

export interface AppLaunch {
  readonly app: AppId;
  readonly instance: AppInstance;
  /** What to run on the box; null when there is nothing to start. */
  readonly command: string | null;
  readonly port: number;
  /** What the browser opens (for JupyterLab with its token). */
  readonly urlPath: string;
  readonly healthPath: string;
  readonly health: HealthProbe;
  /** The container's labels (empty for host jobs and box services). */
  readonly labels: Readonly<Record<string, string>>;
}

/** Apps we start: kind `app`, the app id, where it answers and what it came from. */
const appLabelSpec = (app: string, port: number, path: string, healthPath: string, recipe: Record<string, unknown>): PgxLabelSpec => ({ kind: 'app', app, port, urlPath: path, healthPath, recipe });

/** `mkdir -p` of a host folder before docker mounts it (docker would create it as root). */
const ensureFolder = (path: string): string => sh`mkdir -p ${remotePath(path)}`;

const launchJupyterLab = (spec: z.infer<typeof JupyterLabSpec>): AppLaunch => {
  const d = appDefaults.jupyterlab;
  const e = appEndpoints.jupyterlab;
  // The token stays out of the labels: it is in the container's env only (read back by inspect).
  const { token: _token, ...recipe } = spec;
  const run = withPgxLabels(
    ContainerRunSpec.parse({
      image: spec.image,
      name: d.container,
      ports: [{ box: spec.boxPort, container: d.port }],
      volumes: [{ host: spec.notebookDir, container: d.workspace }],
      env: [{ key: 'JUPYTER_TOKEN', value: spec.token }],
      workdir: d.workspace,
      command: ['jupyter', 'lab', '--ip=0.0.0.0', `--port=${d.port}`, '--no-browser', '--allow-root', `--ServerApp.root_dir=${d.workspace}`],
    }),
    appLabelSpec('jupyterlab', spec.boxPort, e.urlPath, e.healthPath, recipe),
  );
  return {
    app: 'jupyterlab',
    instance: { kind: 'container', name: d.container },
    command: `${ensureFolder(spec.notebookDir)} && ${runCommand(run)}`,
    port: spec.boxPort,
    urlPath: `${e.urlPath}?token=${spec.token}`,
    healthPath: e.healthPath,
    health: healthProbe(spec.boxPort, e.healthPath, e.accept, appStartupMs.jupyterlab),
    labels: run.labels,
  };
};

const launchOllama = (spec: z.infer<typeof OllamaSpec>): AppLaunch => {
  const d = appDefaults.ollama;
  const e = appEndpoints.ollama;
  const health = healthProbe(spec.boxPort, e.healthPath, e.accept, appStartupMs.ollama);
  if (spec.mode === 'service') {
    return { app: 'ollama', instance: { kind: 'box-service', unit: 'ollama' }, command: null, port: spec.boxPort, urlPath: e.urlPath, healthPath: e.healthPath, health, labels: {} };
  }
  const run = withPgxLabels(
    ContainerRunSpec.parse({
      image: spec.image,
      name: d.container,
      ipcHost: false,
      ulimits: { memlock: null, stack: null },
      ports: [{ box: spec.boxPort, container: d.port }],
      volumes: [{ host: d.volume, container: '/root/.ollama' }],
    }),
    appLabelSpec('ollama', spec.boxPort, e.urlPath, e.healthPath, { ...spec }),
  );
  return { app: 'ollama', instance: { kind: 'container', name: d.container }, command: runCommand(run), port: spec.boxPort, urlPath: e.urlPath, healthPath: e.healthPath, health, labels: run.labels };
};

/**
 * Open WebUI on the box's network, listening on 127.0.0.1 only (HOST): so it reaches Ollama on
 * 127.0.0.1 whether that is DGX OS's service or our container, and nobody on the LAN can claim
 * its first (admin) account before the user does.
 */
const launchOpenWebui = (spec: z.infer<typeof OpenWebuiSpec>): AppLaunch => {
  const d = appDefaults.openWebui;
  const e = appEndpoints.openWebui;
  const run = withPgxLabels(
    ContainerRunSpec.parse({
      image: spec.image,
      name: d.container,
      gpus: 'none',
      ipcHost: false,
      ulimits: { memlock: null, stack: null },
      network: 'host',
      ports: [{ box: spec.boxPort, container: spec.boxPort }],
      volumes: [{ host: d.volume, container: '/app/backend/data' }],
      env: [
        { key: 'PORT', value: String(spec.boxPort) },
        { key: 'HOST', value: '127.0.0.1' },
        { key: 'OLLAMA_BASE_URL', value: `http://127.0.0.1:${spec.ollamaPort}` },
      ],
    }),
    appLabelSpec('open-webui', spec.boxPort, e.urlPath, e.healthPath, { ...spec }),
  );
  return {
    app: 'open-webui',
    instance: { kind: 'container', name: d.container },
    command: runCommand(run),
    port: spec.boxPort,
    urlPath: e.urlPath,
    healthPath: e.healthPath,
    health: healthProbe(spec.boxPort, e.healthPath, e.accept, appStartupMs.openWebui),
    labels: run.labels,
  };
};

const launchDgxDashboard = (spec: z.infer<typeof DgxDashboardSpec>): AppLaunch => {
  const e = appEndpoints.dgxDashboard;
  return {
    app: 'dgx-dashboard',
    instance: { kind: 'box-service', unit: null },
    command: null,
    port: spec.boxPort,
    urlPath: e.urlPath,
    healthPath: e.healthPath,
    health: healthProbe(spec.boxPort, e.healthPath, e.accept, appStartupMs.dgxDashboard),
    labels: {},
  };
};

/** The label app id, container name and job id of a custom app. */
export const customAppNames = (id: string) => ({ app: `custom-${id}`, container: `pgx-app-${id}`, job: `app-${id}` }) as const;

const launchCustom = (spec: CustomAppSpec): AppLaunch => {
  const names = customAppNames(spec.id);
  const health = healthProbe(spec.boxPort, spec.healthPath, customAppAccept, spec.startupSeconds * 1000);
  const common = { app: 'custom' as const, port: spec.boxPort, urlPath: spec.urlPath, healthPath: spec.healthPath, health };
  if (spec.run.kind === 'host') {
    const job = appLabelSpec(names.app, spec.boxPort, spec.urlPath, spec.healthPath, { ...spec });
    return { ...common, instance: { kind: 'host-job', id: names.job }, command: startHostJobCommand({ id: names.job, script: spec.run.script, workdir: spec.run.workdir, spec: pgxLabels(job) }), labels: {} };
  }
  const { container, containerPort } = spec.run;
  const published = {
    ...container,
    name: container.name ?? names.container,
    ports: [...container.ports.filter((p) => p.box !== spec.boxPort), { box: spec.boxPort, container: containerPort, address: '127.0.0.1' as const, protocol: 'tcp' as const }],
  };
  const recipe = { ...spec, run: { kind: 'container', containerPort, container: containerRecipe(published) } };
  const run = withPgxLabels(ContainerRunSpec.parse(published), appLabelSpec(names.app, spec.boxPort, spec.urlPath, spec.healthPath, recipe));
  return { ...common, instance: { kind: 'container', name: run.name! }, command: runCommand(run), labels: run.labels };
};

/** What to run (if anything), where it answers and how to tell it is up. Throws on a spec AppSpec.parse refuses. */
export const launch = (input: AppSpecInput): AppLaunch => {
  const spec = AppSpec.parse(input);
  switch (spec.app) {
    case 'jupyterlab':
      return launchJupyterLab(spec);
    case 'ollama':
      return launchOllama(spec);
    case 'open-webui':
      return launchOpenWebui(spec);
    case 'dgx-dashboard':
      return launchDgxDashboard(spec);
    case 'custom':
      return launchCustom(spec);
  }
};
