/**
 * `docker inspect` / `docker container inspect` / `docker image inspect`: the JSON array the CLI
 * prints (`[]` when nothing matched; the errors go to stderr), read into the parts the app uses.
 * A container is told from an image by its `State` and `Name`; both keep their labels exactly
 * (unlike `docker ps`, where commas make them ambiguous). Also the one-line answers of
 * `--format '{{.Architecture}}'` and `--format '{{json .Config.Labels}}'`.
 */
import type { DockerPortBinding } from './docker-ports.js';
import { type DockerContainerState, parseContainerState } from './docker-status.js';
import { parseDockerTime } from './docker-values.js';

export type { DockerPortBinding } from './docker-ports.js';

export interface DockerMount {
  readonly type: string;
  readonly source: string;
  readonly destination: string;
  readonly readOnly: boolean;
  /** Volume name (named and anonymous volumes). */
  readonly name: string | null;
}

export interface DockerGpuRequest {
  /** -1 = all GPUs (`--gpus all`), 0 with deviceIds for `device=…`. */
  readonly count: number;
  readonly deviceIds: readonly string[] | null;
}

export interface DockerContainerInspect {
  readonly kind: 'container';
  readonly id: string;
  /** Without the API's leading `/`. */
  readonly name: string;
  /** The image as the container was created from it (Config.Image). */
  readonly image: string;
  readonly imageId: string;
  readonly createdAt: number | null;
  readonly state: {
    readonly status: DockerContainerState | null;
    readonly running: boolean;
    readonly restarting: boolean;
    readonly oomKilled: boolean;
    readonly pid: number | null;
    readonly exitCode: number | null;
    readonly error: string | null;
    readonly startedAt: number | null;
    readonly finishedAt: number | null;
    readonly health: string | null;
  };
  readonly labels: Readonly<Record<string, string>>;
  readonly env: readonly string[];
  readonly cmd: readonly string[] | null;
  readonly entrypoint: readonly string[] | null;
  readonly workingDir: string | null;
  /** HostConfig.PortBindings: what was asked for (`HostIp` '' = all addresses). */
  readonly portBindings: readonly DockerPortBinding[];
  /** NetworkSettings.Ports: what is bound now (empty when not running). */
  readonly ports: readonly DockerPortBinding[];
  readonly mounts: readonly DockerMount[];
  readonly networkMode: string | null;
  readonly restartPolicy: string | null;
  readonly autoRemove: boolean;
  readonly privileged: boolean;
  readonly ipcMode: string | null;
  readonly shmSizeBytes: number | null;
  readonly gpus: DockerGpuRequest | null;
  readonly runtime: string | null;
}

export interface DockerImageInspect {
  readonly kind: 'image';
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  readonly createdAt: number | null;
  readonly architecture: string | null;
  readonly variant: string | null;
  readonly os: string | null;
  readonly sizeBytes: number | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly env: readonly string[];
  readonly cmd: readonly string[] | null;
  readonly entrypoint: readonly string[] | null;
  readonly exposedPorts: readonly string[];
}

export type DockerInspectItem = DockerContainerInspect | DockerImageInspect;

export type DockerInspectResult = { readonly ok: true; readonly items: DockerInspectItem[] } | { readonly ok: false; readonly reason: string };

type Json = Record<string, unknown>;

const obj = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const strings = (value: unknown): string[] | null => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null);
const stringMap = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(value)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

/** `{"8000/tcp":[{"HostIp":"","HostPort":"8000"}], "11434/tcp": null}` → bindings (null host for exposed-only). */
const portMap = (value: unknown): DockerPortBinding[] => {
  const out: DockerPortBinding[] = [];
  for (const [key, list] of Object.entries(obj(value))) {
    const [port = '', protocol = 'tcp'] = key.split('/');
    const containerPort = Number(port);
    if (!Number.isInteger(containerPort)) continue;
    if (!Array.isArray(list) || list.length === 0) {
      out.push({ hostIp: null, hostPort: null, containerPort, protocol });
      continue;
    }
    for (const binding of list) {
      const b = obj(binding);
      const hostPort = Number(b['HostPort']);
      out.push({ hostIp: typeof b['HostIp'] === 'string' ? b['HostIp'] : null, hostPort: Number.isInteger(hostPort) && hostPort > 0 ? hostPort : null, containerPort, protocol });
    }
  }
  return out;
};

const gpuRequest = (value: unknown): DockerGpuRequest | null => {
  if (!Array.isArray(value)) return null;
  for (const request of value) {
    const r = obj(request);
    const capabilities = Array.isArray(r['Capabilities']) ? r['Capabilities'].flat() : [];
    if (capabilities.includes('gpu')) return { count: num(r['Count']) ?? 0, deviceIds: strings(r['DeviceIDs']) };
  }
  return null;
};

const container = (raw: Json): DockerContainerInspect => {
  const state = obj(raw['State']);
  const config = obj(raw['Config']);
  const host = obj(raw['HostConfig']);
  const restart = obj(host['RestartPolicy']);
  const health = obj(state['Health']);
  return {
    kind: 'container',
    id: str(raw['Id']) ?? '',
    name: (str(raw['Name']) ?? '').replace(/^\//, ''),
    image: str(config['Image']) ?? '',
    imageId: str(raw['Image']) ?? '',
    createdAt: parseDockerTime(raw['Created']),
    state: {
      status: parseContainerState(state['Status']),
      running: state['Running'] === true,
      restarting: state['Restarting'] === true,
      oomKilled: state['OOMKilled'] === true,
      pid: num(state['Pid']) || null,
      exitCode: num(state['ExitCode']),
      error: str(state['Error']),
      startedAt: parseDockerTime(state['StartedAt']),
      finishedAt: parseDockerTime(state['FinishedAt']),
      health: str(health['Status']),
    },
    labels: stringMap(config['Labels']),
    env: strings(config['Env']) ?? [],
    cmd: strings(config['Cmd']),
    entrypoint: strings(config['Entrypoint']),
    workingDir: str(config['WorkingDir']),
    portBindings: portMap(host['PortBindings']),
    ports: portMap(obj(raw['NetworkSettings'])['Ports']),
    mounts: (Array.isArray(raw['Mounts']) ? raw['Mounts'] : []).map((m) => {
      const mount = obj(m);
      return { type: str(mount['Type']) ?? '', source: str(mount['Source']) ?? '', destination: str(mount['Destination']) ?? '', readOnly: mount['RW'] === false, name: str(mount['Name']) };
    }),
    networkMode: str(host['NetworkMode']),
    restartPolicy: str(restart['Name']),
    autoRemove: host['AutoRemove'] === true,
    privileged: host['Privileged'] === true,
    ipcMode: str(host['IpcMode']),
    shmSizeBytes: num(host['ShmSize']),
    gpus: gpuRequest(host['DeviceRequests']),
    runtime: str(host['Runtime']),
  };
};

const image = (raw: Json): DockerImageInspect => {
  const config = obj(raw['Config']);
  return {
    kind: 'image',
    id: str(raw['Id']) ?? '',
    repoTags: strings(raw['RepoTags']) ?? [],
    repoDigests: strings(raw['RepoDigests']) ?? [],
    createdAt: parseDockerTime(raw['Created']),
    architecture: str(raw['Architecture']),
    variant: str(raw['Variant']),
    os: str(raw['Os']),
    sizeBytes: num(raw['Size']),
    labels: stringMap(config['Labels']),
    env: strings(config['Env']) ?? [],
    cmd: strings(config['Cmd']),
    entrypoint: strings(config['Entrypoint']),
    exposedPorts: Object.keys(obj(config['ExposedPorts'])),
  };
};

export const parseDockerInspect = (output: string): DockerInspectResult => {
  const text = output.trim();
  if (text === '') return { ok: false, reason: 'no output' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!Array.isArray(value)) return { ok: false, reason: 'not a JSON array' };
  const items: DockerInspectItem[] = [];
  for (const entry of value) {
    const raw = obj(entry);
    if ('State' in raw && 'Name' in raw) items.push(container(raw));
    else if ('RepoTags' in raw || 'RootFS' in raw || 'Architecture' in raw) items.push(image(raw));
    else return { ok: false, reason: 'an element is neither a container nor an image' };
  }
  return { ok: true, items };
};

/** `docker image inspect --format '{{.Architecture}}'` → `arm64` / `amd64`; null for anything else. */
export const parseInspectArchitecture = (output: string): string | null => {
  const line = output.split('\n').map((l) => l.trim()).find((l) => l !== '');
  return line !== undefined && /^[a-z0-9_]+$/.test(line) ? line : null;
};

/**
 * `--format '{{json .Config.Labels}}'` → the labels exactly; `null` output (no labels) → {};
 * anything that is not a JSON object of strings → null.
 */
export const parseInspectLabels = (output: string): Record<string, string> | null => {
  const text = output.trim();
  if (text === 'null') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    return stringMap(value);
  } catch {
    return null;
  }
};
