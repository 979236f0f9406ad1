/**
 * `docker run` / `docker create` options: the flags the app and people use on a GB10 (--gpus,
 * --ipc=host, --ulimit memlock=-1, --shm-size, -p, -v, -e, --env-file, --label, --restart,
 * --network host, --entrypoint, …), parsed into what the daemon would store. Flags that change
 * nothing in the simulation are accepted so real command lines run unchanged.
 */
import type { SimIO } from '../../io.js';
import type { PortMapping } from '../../state.js';
import { type FlagSpec, parseFlags } from './cli-flags.js';

const bool = (long: string, short?: string): FlagSpec => ({ long, kind: 'bool', ...(short ? { short } : {}) });
const value = (long: string, short?: string): FlagSpec => ({ long, kind: 'value', ...(short ? { short } : {}) });
const list = (long: string, short?: string): FlagSpec => ({ long, kind: 'list', ...(short ? { short } : {}) });

export const runFlagSpecs: readonly FlagSpec[] = [
  bool('detach', 'd'), bool('rm'), bool('privileged'), bool('interactive', 'i'), bool('tty', 't'), bool('init'), bool('quiet', 'q'),
  bool('publish-all', 'P'), bool('read-only'), bool('sig-proxy'), bool('no-healthcheck'), bool('oom-kill-disable'), bool('disable-content-trust'),
  value('name'), value('gpus'), value('ipc'), value('shm-size'), value('restart'), value('network'), value('net'), value('entrypoint'),
  value('platform'), value('workdir', 'w'), value('user', 'u'), value('hostname', 'h'), value('pull'), value('runtime'), value('memory', 'm'),
  value('memory-swap'), value('memory-reservation'), value('cpus'), value('cpuset-cpus'), value('pid'), value('uts'), value('userns'),
  value('cgroupns'), value('stop-signal'), value('stop-timeout'), value('log-driver'), value('cidfile'), value('detach-keys'),
  value('health-cmd'), value('health-interval'), value('health-timeout'), value('health-retries'), value('health-start-period'),
  value('mac-address'), value('ip'), value('domainname'),
  list('publish', 'p'), list('volume', 'v'), list('mount'), list('env', 'e'), list('env-file'), list('label', 'l'), list('label-file'),
  list('ulimit'), list('cap-add'), list('cap-drop'), list('device'), list('security-opt'), list('add-host'), list('dns'), list('group-add'),
  list('tmpfs'), list('log-opt'), list('expose'), list('sysctl'), list('attach', 'a'), list('link'), list('volumes-from'), list('device-cgroup-rule'),
];

export interface MountSpec {
  readonly type: 'bind' | 'volume';
  readonly source: string;
  readonly destination: string;
  readonly mode: string;
  readonly readOnly: boolean;
}

export interface RunOptions {
  readonly image: string;
  /** Words after the image (empty: the image's Cmd). */
  readonly args: readonly string[];
  readonly detach: boolean;
  readonly name: string | undefined;
  readonly gpus: string | undefined;
  readonly ipcHost: boolean;
  readonly shmSizeBytes: number;
  readonly ports: readonly PortMapping[];
  readonly mounts: readonly MountSpec[];
  readonly env: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly ulimits: ReadonlyArray<{ readonly name: string; readonly soft: number; readonly hard: number }>;
  readonly restartPolicy: string;
  readonly autoRemove: boolean;
  readonly privileged: boolean;
  readonly networkMode: string;
  readonly entrypoint: readonly string[] | undefined;
  readonly platform: string | undefined;
  readonly workingDir: string | undefined;
  readonly user: string;
  readonly hostname: string | undefined;
  readonly init: boolean;
  readonly tty: boolean;
  readonly openStdin: boolean;
  readonly runtime: string;
  readonly pull: 'missing' | 'always' | 'never';
  readonly quiet: boolean;
  readonly capAdd: readonly string[];
  readonly devices: readonly string[];
  readonly securityOpt: readonly string[];
  readonly pidMode: string;
  readonly warnings: readonly string[];
}

export type RunParse = { readonly ok: true; readonly options: RunOptions } | { readonly ok: false; readonly error: string; readonly code: number; readonly usage?: boolean };

const fail = (error: string, usage = false): RunParse => ({ ok: false, error, code: 125, usage });

/** units.RAMInBytes: binary multipliers, optional `b`/`ib` suffix. */
export const ramInBytes = (text: string): number | undefined => {
  const match = /^(\d+(?:\.\d+)?)\s*([kKmMgGtTpP]?)(?:[iI]?[bB])?$/.exec(text.trim());
  if (!match) return undefined;
  const power = ' kmgtp'.indexOf((match[2] || ' ').toLowerCase());
  return Math.round(Number(match[1]) * 1024 ** Math.max(0, power));
};

const ulimitNames = new Set(['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']);

const parseUlimit = (text: string): { name: string; soft: number; hard: number } | string => {
  const [name = '', limits = ''] = text.split('=');
  if (!ulimitNames.has(name)) return `invalid ulimit type: ${name}`;
  const [soft, hard = soft] = limits.split(':');
  const s = Number(soft);
  const h = Number(hard);
  if (!Number.isInteger(s) || !Number.isInteger(h)) return `invalid ulimit argument: ${text}`;
  return { name, soft: s, hard: h };
};

/** `8000:8000`, `127.0.0.1:8000:8000/tcp`, `[::1]:8000:8000`, `8000`, `8000-8001:8000-8001`. */
const parsePublish = (text: string, nextFreePort: () => number): PortMapping[] | string => {
  const [spec = '', protoText = 'tcp'] = text.split('/');
  const protocol = protoText === 'udp' ? 'udp' : 'tcp';
  let ip = '';
  let rest = spec;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(spec);
  if (v6) {
    ip = v6[1]!;
    rest = v6[2]!;
  }
  const parts = rest.split(':');
  if (parts.length > 3 || (parts.length === 3 && v6)) return `Invalid hostPort: ${text}`;
  const containerText = parts.at(-1) ?? '';
  const hostText = parts.length >= 2 ? (parts.at(-2) ?? '') : '';
  if (parts.length === 3) ip = parts[0] ?? '';
  const range = (t: string) => {
    const [a, b = a] = t.split('-');
    const from = Number(a);
    const to = Number(b);
    return Number.isInteger(from) && Number.isInteger(to) && from > 0 && to >= from && to < 65536 ? [from, to] : undefined;
  };
  const containerRange = range(containerText);
  if (!containerRange) return `invalid containerPort: ${containerText}`;
  const hostRange = hostText ? range(hostText) : undefined;
  if (hostText && !hostRange) return `invalid hostPort: ${hostText}`;
  const mappings: PortMapping[] = [];
  for (let port = containerRange[0]!; port <= containerRange[1]!; port += 1) {
    const offset = port - containerRange[0]!;
    const hostPort = hostRange ? hostRange[0]! + offset : nextFreePort();
    mappings.push({ hostIp: ip || '0.0.0.0', hostPort, containerPort: port, protocol });
  }
  return mappings;
};

const parseVolume = (text: string, io: SimIO): MountSpec | string => {
  const parts = text.split(':');
  if (parts.length === 1) return { type: 'volume', source: '', destination: parts[0]!, mode: '', readOnly: false };
  if (parts.length > 3) return `invalid spec: ${text}: too many colons`;
  const [source = '', destination = '', mode = ''] = parts;
  if (!destination.startsWith('/')) return `invalid volume specification: '${text}': invalid mount config for type "volume": invalid mount path: '${destination}' mount path must be absolute`;
  const readOnly = mode.split(',').includes('ro');
  if (source.startsWith('/') || source.startsWith('.')) return { type: 'bind', source: io.fs.resolve(source, io.cwd), destination, mode, readOnly };
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(source)) {
    return `Error response from daemon: create ${source}: "${source}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`;
  }
  return { type: 'volume', source, destination, mode, readOnly };
};

const parseMount = (text: string): MountSpec | string => {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const [key = '', val = 'true'] = part.split('=');
    fields.set(key, val);
  }
  const type = fields.get('type') ?? 'volume';
  const source = fields.get('source') ?? fields.get('src') ?? '';
  const destination = fields.get('target') ?? fields.get('destination') ?? fields.get('dst') ?? '';
  if (type !== 'bind' && type !== 'volume') return `invalid field 'type' must be bind or volume: ${type}`;
  if (!destination) return 'target is required';
  const readOnly = ['readonly', 'ro'].some((k) => fields.has(k) && fields.get(k) !== 'false');
  return { type, source, destination, mode: readOnly ? 'ro' : '', readOnly };
};

/** `K=V` lines of an env or label file; `K` alone takes the caller's value (env) or '' (labels). */
const readKeyValueFile = (io: SimIO, path: string): string[] | string => {
  const boxPath = io.fs.resolve(path, io.cwd);
  if (!io.fs.exists(boxPath)) return `open ${path}: no such file or directory`;
  return io.fs
    .readText(boxPath)
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
};

const restartPattern = /^(no|always|unless-stopped|on-failure(:\d+)?)$/;

export const parseRunArgs = (argv: readonly string[], io: SimIO, usedPorts: ReadonlySet<number>): RunParse => {
  const parsed = parseFlags(argv, runFlagSpecs, { interspersed: false });
  if (!parsed.ok) return fail(parsed.error, true);
  const { flags, args } = parsed;
  const [image, ...rest] = args;
  if (image === undefined) return { ok: false, error: '', code: 1, usage: true };
  const warnings: string[] = [];

  const shm = flags.value('shm-size');
  const shmSizeBytes = shm === undefined ? 64 * 1024 * 1024 : ramInBytes(shm);
  if (shmSizeBytes === undefined) return fail(`invalid argument "${shm}" for "--shm-size" flag: invalid size: '${shm}'`, true);

  const ulimits = [];
  for (const text of flags.list('ulimit')) {
    const limit = parseUlimit(text);
    if (typeof limit === 'string') return fail(`invalid argument "${text}" for "--ulimit" flag: ${limit}`, true);
    ulimits.push(limit);
  }

  const networkMode = flags.value('network') ?? flags.value('net') ?? 'bridge';
  let nextPort = 32768;
  const nextFreePort = () => {
    while (usedPorts.has(nextPort)) nextPort += 1;
    nextPort += 1;
    return nextPort - 1;
  };
  const ports: PortMapping[] = [];
  for (const text of flags.list('publish')) {
    const mapping = parsePublish(text, nextFreePort);
    if (typeof mapping === 'string') return fail(mapping);
    ports.push(...mapping);
  }
  if (networkMode === 'host' && ports.length > 0) warnings.push('Published ports are discarded when using host network mode');

  const mounts: MountSpec[] = [];
  for (const text of flags.list('volume')) {
    const mount = parseVolume(text, io);
    if (typeof mount === 'string') return fail(mount);
    mounts.push(mount);
  }
  for (const text of flags.list('mount')) {
    const mount = parseMount(text);
    if (typeof mount === 'string') return fail(`invalid argument "${text}" for "--mount" flag: ${mount}`, true);
    if (mount.type === 'bind' && !io.fs.exists(mount.source)) return fail(`Error response from daemon: invalid mount config for type "bind": bind source path does not exist: ${mount.source}`);
    mounts.push(mount);
  }

  const env: string[] = [];
  for (const file of flags.list('env-file')) {
    const lines = readKeyValueFile(io, file);
    if (typeof lines === 'string') return fail(lines);
    env.push(...lines);
  }
  env.push(...flags.list('env'));
  const resolvedEnv = env.flatMap((e) => (e.includes('=') ? [e] : io.env[e] !== undefined ? [`${e}=${io.env[e]}`] : []));

  const labels: Record<string, string> = {};
  const labelLines: string[] = [];
  for (const file of flags.list('label-file')) {
    const lines = readKeyValueFile(io, file);
    if (typeof lines === 'string') return fail(lines);
    labelLines.push(...lines);
  }
  labelLines.push(...flags.list('label'));
  for (const line of labelLines) {
    const eq = line.indexOf('=');
    if (eq < 0) labels[line] = '';
    else labels[line.slice(0, eq)] = line.slice(eq + 1);
  }

  const restartPolicy = flags.value('restart') ?? 'no';
  if (!restartPattern.test(restartPolicy)) return fail(`invalid restart policy format: ${restartPolicy}`);
  if (flags.bool('rm') && restartPolicy !== 'no') return fail('conflicting options: cannot specify both --restart and --rm');
  const pull = flags.value('pull') ?? 'missing';
  if (pull !== 'missing' && pull !== 'always' && pull !== 'never') return fail(`invalid pull option: '${pull}': must be one of "always", "missing" or "never"`);
  const entrypointText = flags.value('entrypoint');

  return {
    ok: true,
    options: {
      image,
      args: rest,
      detach: flags.bool('detach'),
      name: flags.value('name'),
      gpus: flags.value('gpus'),
      ipcHost: flags.value('ipc') === 'host',
      shmSizeBytes,
      ports: networkMode === 'host' ? [] : ports,
      mounts,
      env: resolvedEnv,
      labels,
      ulimits,
      restartPolicy,
      autoRemove: flags.bool('rm'),
      privileged: flags.bool('privileged'),
      networkMode: networkMode === 'default' ? 'bridge' : networkMode,
      entrypoint: entrypointText === undefined ? undefined : entrypointText === '' ? [] : [entrypointText],
      platform: flags.value('platform'),
      workingDir: flags.value('workdir'),
      user: flags.value('user') ?? '',
      hostname: flags.value('hostname'),
      init: flags.bool('init'),
      tty: flags.bool('tty'),
      openStdin: flags.bool('interactive'),
      runtime: flags.value('runtime') ?? 'runc',
      pull,
      quiet: flags.bool('quiet'),
      capAdd: flags.list('cap-add'),
      devices: flags.list('device'),
      securityOpt: flags.list('security-opt'),
      pidMode: flags.value('pid') ?? '',
      warnings,
    },
  };
};
