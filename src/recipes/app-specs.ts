/**
 * What each one-click app takes, as the app form fills it in: zod schemas with the defaults
 * (ports, arm64 images the demo box's simulator knows too, folders), and the app ids.
 */
import { z } from 'zod';
import { isImageReference } from '../remote/commands/docker-names.js';
import { urlPathPattern } from '../remote/commands/pgx-labels.js';
import { ContainerRunSpec } from './container-run.js';

export const appIds = ['jupyterlab', 'ollama', 'open-webui', 'dgx-dashboard', 'custom'] as const;
export type AppId = (typeof appIds)[number];

export const appDefaults = {
  jupyterlab: {
    /** JupyterLab's own default port. */
    port: 8888,
    /** NGC PyTorch: arm64 + CUDA 13 for GB10's sm_121, JupyterLab included (the demo box has it pulled). */
    image: 'nvcr.io/nvidia/pytorch:25.09-py3',
    /** A folder of the user's (created by us, so docker does not make it root's). */
    notebookDir: '~/notebooks',
    /** NGC images' working directory. */
    workspace: '/workspace',
    container: 'pgx-jupyterlab',
  },
  ollama: {
    /** OLLAMA_HOST's default port, in the image and in DGX OS's service. */
    port: 11434,
    image: 'ollama/ollama:latest',
    /** The named volume Ollama's docs use: models survive a new container. */
    volume: 'ollama',
    container: 'pgx-ollama',
  },
  openWebui: {
    /** The image's PORT default. */
    port: 8080,
    image: 'ghcr.io/open-webui/open-webui:main',
    /** Its database and uploads (Open WebUI's docs name the volume so). */
    volume: 'open-webui',
    container: 'pgx-open-webui',
  },
  /** DGX OS serves its dashboard here (environment check probes the same port). */
  dgxDashboard: { port: 11000 },
} as const;

/** Before "it did not start", per app (a custom app sets its own). */
export const appStartupMs = {
  /** NGC images take tens of seconds to start a kernel server. */
  jupyterlab: 120_000,
  ollama: 60_000,
  /** Open WebUI's first start downloads its embedding model. */
  openWebui: 300_000,
  /** The dashboard is a service that is up or not: nothing starts. */
  dgxDashboard: 10_000,
  /** A custom app that sets none. */
  custom: 120_000,
} as const;

const port = z.number().int().min(1).max(65535);
const urlPath = z.string().regex(urlPathPattern, 'a path like /lab (no spaces or commas)');
const image = z.string().refine(isImageReference, 'an image reference like nvcr.io/nvidia/pytorch:25.09-py3');
/** A folder on the box: `~`, `~/…` or absolute, without `:` (docker -v splits on it). */
const boxPath = z.string().regex(/^(~|~\/[^:\0]*|\/[^:\0]*)$/, 'a folder on the box: ~/… or an absolute path');

/** Jupyter accepts any token; ours are 32+ random letters and digits (URL-safe as they are). */
export const JupyterToken = z.string().regex(/^[A-Za-z0-9]{32,128}$/, '32 to 128 letters and digits');

/** A token from random bytes (the caller draws them: crypto.getRandomValues), 2 hex digits a byte. */
export const jupyterTokenFrom = (bytes: Uint8Array): string => {
  if (bytes.length < 16) throw new RangeError('A token needs at least 16 random bytes.');
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

export const JupyterLabSpec = z.object({
  app: z.literal('jupyterlab'),
  token: JupyterToken,
  boxPort: port.default(appDefaults.jupyterlab.port),
  image: image.default(appDefaults.jupyterlab.image),
  notebookDir: boxPath.default(appDefaults.jupyterlab.notebookDir),
});

export const OllamaSpec = z.object({
  app: z.literal('ollama'),
  /** service: DGX OS's own `ollama` systemd service; container: the ollama/ollama image. */
  mode: z.enum(['service', 'container']).default('service'),
  boxPort: port.default(appDefaults.ollama.port),
  image: image.default(appDefaults.ollama.image),
});

export const OpenWebuiSpec = z.object({
  app: z.literal('open-webui'),
  boxPort: port.default(appDefaults.openWebui.port),
  image: image.default(appDefaults.openWebui.image),
  /** Where Ollama answers on the box (service or container). */
  ollamaPort: port.default(appDefaults.ollama.port),
});

export const DgxDashboardSpec = z.object({
  app: z.literal('dgx-dashboard'),
  boxPort: port.default(appDefaults.dgxDashboard.port),
});

/** Custom app ids become container names, job folders and label values. */
export const customAppIdPattern = /^[a-z0-9][a-z0-9-]{0,40}$/;

export const CustomAppSpec = z.object({
  app: z.literal('custom'),
  id: z.string().regex(customAppIdPattern, 'lower-case letters, digits and -'),
  name: z.string().trim().min(1).max(200),
  boxPort: port,
  urlPath: urlPath.default('/'),
  healthPath: urlPath.default('/'),
  startupSeconds: z.number().int().min(1).max(3600).default(appStartupMs.custom / 1000),
  run: z.discriminatedUnion('kind', [
    /** A start script run detached on the box (a job: ~/.pgx-companion/jobs/app-<id>/, its spec.json our labels). */
    z.object({ kind: z.literal('host'), script: z.string().min(1).max(65_536), workdir: boxPath.default('~') }),
    /** A container; `containerPort` is published on the box port. */
    z.object({ kind: z.literal('container'), containerPort: port, container: ContainerRunSpec }),
  ]),
});

export const AppSpec = z.discriminatedUnion('app', [JupyterLabSpec, OllamaSpec, OpenWebuiSpec, DgxDashboardSpec, CustomAppSpec]);
export type AppSpec = z.infer<typeof AppSpec>;
export type AppSpecInput = z.input<typeof AppSpec>;
export type CustomAppSpec = z.infer<typeof CustomAppSpec>;
