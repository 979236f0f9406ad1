/**
 * serveLaunch: a serve spec → the exact command the wizard's review step shows (and lets the
 * user edit), the image, the port, how to tell it is ready, and the labels it is found again by.
 * Container engines go through the container builder (container-run.ts) like one-click apps do
 * (apps.ts); Ollama is the box's own daemon, so its command is a host command.
 */
import type { PgxLabelSpec } from '../../remote/commands/pgx-labels.js';
import { remotePath, sh } from '../../remote/quote.js';
import { ContainerRunSpec, runCommand, withPgxLabels } from '../container-run.js';
import { type EngineRun, llamaServerRun, type RunPlace, type ServeFile, type ServeMemory, sglangRun, trtllmRun, vllmRun } from './serve-args.js';
import { type ServeEngineId, servePorts, serveReadiness, type ServeReadiness } from './serve-engines.js';
import { servePresets } from './serve-presets.js';
import { folderOf } from './serve-model.js';
import { type OllamaServeSpec, ServeSpec, type ServeSpecInput } from './serve-spec.js';

export const serveDefaults = {
  /**
   * Not restarted: an engine that runs out of unified memory at start would be started again and
   * again, each try taking the memory back, and its exited container keeps the log that explains.
   */
  restart: 'no',
  /** OpenAI-compatible routes are under /v1 for every engine (Ollama's too). */
  openAiBasePath: '/v1',
} as const;

export interface ServeLaunch {
  readonly engine: ServeEngineId;
  /** The `docker run -d …` line (after writing the options file, for TRT-LLM), or Ollama's host command. */
  readonly command: string;
  /** null for Ollama (the box's daemon). */
  readonly image: string | null;
  readonly containerName: string | null;
  /** Where it answers on the box. */
  readonly port: number;
  readonly readiness: ServeReadiness;
  /** The container's labels (none for Ollama). */
  readonly labels: Readonly<Record<string, string>>;
  /** What clients put in "model". */
  readonly servedModelName: string;
  readonly memory: ServeMemory;
  /** A file written on the box first (TRT-LLM's options YAML), shown in the review step. */
  readonly file: ServeFile | null;
}

/** The container's name when none is given: one server per engine and port. */
export const defaultServeContainerName = (engine: ServeEngineId, port: number): string => `pgx-serve-${engine}-${port}`;

const labelSpec = (engine: ServeEngineId, port: number, readiness: ServeReadiness, recipe: Record<string, unknown>): PgxLabelSpec => ({
  kind: 'serve',
  app: engine,
  port,
  urlPath: serveDefaults.openAiBasePath,
  healthPath: readiness.healthPath,
  recipe,
});

/** `mkdir -p` and the file's text, before the run line (docker would create a missing file as a root folder). */
const writeFirst = (file: ServeFile): string => sh`mkdir -p ${remotePath(folderOf(file.boxPath))} && printf '%s' ${file.text} > ${remotePath(file.boxPath)}`;

const containerLaunch = (spec: Exclude<ServeSpec, OllamaServeSpec>): ServeLaunch => {
  const port = spec.port ?? servePorts[spec.engine];
  const containerName = spec.name ?? defaultServeContainerName(spec.engine, port);
  // In a bridge network the engine must listen on all of the container's addresses for docker's proxy.
  const listenHost = spec.network === 'host' && !spec.shareOnLan ? '127.0.0.1' : '0.0.0.0';
  const place: RunPlace = { port, listenHost, containerName };
  const run: EngineRun = (() => {
    switch (spec.engine) {
      case 'trtllm':
        return trtllmRun(spec, place);
      case 'vllm':
        return vllmRun(spec, place);
      case 'sglang':
        return sglangRun(spec, place);
      case 'llama-server':
        return llamaServerRun(spec, place);
    }
  })();
  const readiness = serveReadiness[spec.engine];
  const container = withPgxLabels(
    ContainerRunSpec.parse({
      image: run.image,
      name: containerName,
      network: spec.network,
      restart: serveDefaults.restart,
      ports: [{ box: port, container: port, address: spec.shareOnLan ? '0.0.0.0' : '127.0.0.1' }],
      volumes: run.volumes,
      entrypoint: run.entrypoint,
      command: run.command.map(String),
    }),
    labelSpec(spec.engine, port, readiness, { ...spec, port, name: containerName, image: run.image, ...run.settings }),
  );
  const docker = runCommand(container);
  return {
    engine: spec.engine,
    command: run.file === null ? docker : `${writeFirst(run.file)} && ${docker}`,
    image: run.image,
    containerName,
    port,
    readiness,
    labels: container.labels,
    servedModelName: run.servedModelName,
    memory: run.memory,
    file: run.file,
  };
};

/**
 * Ollama: pull the model (progress on the job's log), then load it with an empty prompt so the
 * first chat does not wait for the load; the daemon keeps it for keep-alive after that.
 */
const ollamaLaunch = (spec: OllamaServeSpec): ServeLaunch => {
  const port = spec.port ?? servePorts.ollama;
  const keepAlive = spec.keepAlive ?? servePresets[spec.boxClass].ollama.keepAlive;
  const host = port === servePorts.ollama ? '' : sh`OLLAMA_HOST=${`127.0.0.1:${port}`} `;
  return {
    engine: 'ollama',
    command: `${host}${sh`ollama pull ${spec.model}`} && ${host}${sh`ollama run --keepalive ${keepAlive} ${spec.model}`} </dev/null`,
    image: null,
    containerName: null,
    port,
    readiness: serveReadiness.ollama,
    labels: {},
    servedModelName: spec.model,
    memory: { kind: 'ollama-model', keepAlive },
    file: null,
  };
};

/** The launch for a spec. Throws (zod's error, with each field's sentence) on a spec ServeSpec refuses. */
export const serveLaunch = (input: ServeSpecInput): ServeLaunch => {
  const spec = ServeSpec.parse(input);
  return spec.engine === 'ollama' ? ollamaLaunch(spec) : containerLaunch(spec);
};

