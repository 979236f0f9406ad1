/**
 * `docker info`: the daemon's view of the box (counts from the state, overlay2, cgroup v2,
 * 20 CPUs, MemTotal) and its runtimes — `nvidia` among them unless the nvidia-runtime-missing
 * fault is on. `--format` works on the same data as `{{json .}}`; `{{.Runtimes}}` prints Go's
 * `map[…:{{path [] type map[]} map[]}]` form of RuntimeWithStatus.
 */
import { type FlagSpec, parseFlags } from './cli-flags.js';
import type { DockerCtx } from './context.js';
import { GoTemplateError, asGoMap, renderTemplate } from './go-template.js';
import { bytesSize } from './go-text.js';
import { mixedHex } from '../../box.js';
import type { SimState } from '../../state.js';
import { engineBuild } from './version.js';
import { flagError, permissionDenied, usages } from './texts.js';

const specs: readonly FlagSpec[] = [{ long: 'format', short: 'f', kind: 'value' }];

/** A RuntimeWithStatus: JSON `{"path":…}` (omitempty), Go %v `{{path []  map[]} map[]}`. */
const runtime = (path: string) => {
  const value = { Runtime: { Path: path, Args: [] as string[], Type: '', Options: asGoMap({}) }, Status: asGoMap({}) };
  Object.defineProperty(value, 'toJSON', { value: () => ({ path }), enumerable: false });
  return value;
};

/** The daemon's ID is a UUID, stable per box. */
const daemonId = (hostname: string): string => {
  const h = mixedHex(`daemon:${hostname}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

export const infoData = (state: SimState, now: number) => {
  const running = state.containers.filter((c) => c.state === 'running' || c.state === 'restarting').length;
  const paused = state.containers.filter((c) => c.state === 'paused').length;
  const runtimes = asGoMap<Record<string, ReturnType<typeof runtime>>>({ 'io.containerd.runc.v2': runtime('runc') });
  if (state.faults['nvidia-runtime-missing'] !== true) runtimes['nvidia'] = runtime('nvidia-container-runtime');
  runtimes['runc'] = runtime('runc');
  return {
    ID: daemonId(state.box.hostname),
    Containers: state.containers.length,
    ContainersRunning: running,
    ContainersPaused: paused,
    ContainersStopped: state.containers.length - running - paused,
    Images: state.images.length,
    Driver: 'overlay2',
    DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']],
    Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'], Authorization: null, Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog'] },
    MemoryLimit: true,
    SwapLimit: true,
    CpuCfsPeriod: true,
    CpuCfsQuota: true,
    IPv4Forwarding: true,
    Debug: false,
    OomKillDisable: false,
    SystemTime: new Date(now).toISOString().replace('Z', '000000Z'),
    LoggingDriver: 'json-file',
    CgroupDriver: 'systemd',
    CgroupVersion: '2',
    KernelVersion: state.box.kernel,
    OperatingSystem: `Ubuntu ${state.box.ubuntuVersion}`,
    OSVersion: state.box.ubuntuVersion.split(' ')[0] ?? '24.04',
    OSType: 'linux',
    Architecture: 'aarch64',
    IndexServerAddress: 'https://index.docker.io/v1/',
    NCPU: 20,
    MemTotal: state.box.memTotalKb * 1024,
    DockerRootDir: '/var/lib/docker',
    Name: state.box.hostname,
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: state.box.dockerVersion,
    Runtimes: runtimes,
    DefaultRuntime: 'runc',
    LiveRestoreEnabled: false,
    InitBinary: 'docker-init',
    ContainerdCommit: { ID: engineBuild.containerd.commit },
    RuncCommit: { ID: engineBuild.runc.commit },
    InitCommit: { ID: engineBuild.dockerInit.commit },
    SecurityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'],
    CDISpecDirs: ['/etc/cdi', '/var/run/cdi'],
    Warnings: null,
  };
};

const clientSection = (version: string): string =>
  [
    `Client: ${engineBuild.platform}`,
    ` Version:    ${version}`,
    ' Context:    default',
    ' Debug Mode: false',
    ' Plugins:',
    '  buildx: Docker Buildx (Docker Inc.)',
    '    Version:  v0.29.1',
    '    Path:     /usr/libexec/docker/cli-plugins/docker-buildx',
    '  compose: Docker Compose (Docker Inc.)',
    '    Version:  v2.40.0',
    '    Path:     /usr/libexec/docker/cli-plugins/docker-compose',
    '',
  ].join('\n');

const serverSection = (info: ReturnType<typeof infoData>): string =>
  [
    'Server:',
    ` Containers: ${info.Containers}`,
    `  Running: ${info.ContainersRunning}`,
    `  Paused: ${info.ContainersPaused}`,
    `  Stopped: ${info.ContainersStopped}`,
    ` Images: ${info.Images}`,
    ` Server Version: ${info.ServerVersion}`,
    ' Storage Driver: overlay2',
    ...info.DriverStatus.map(([k, v]) => `  ${k}: ${v}`),
    ' Logging Driver: json-file',
    ' Cgroup Driver: systemd',
    ' Cgroup Version: 2',
    ' Plugins:',
    `  Volume: ${info.Plugins.Volume.join(' ')}`,
    `  Network: ${info.Plugins.Network.join(' ')}`,
    `  Log: ${info.Plugins.Log.join(' ')}`,
    ' CDI spec directories:',
    ...info.CDISpecDirs.map((d) => `  ${d}`),
    ' Swarm: inactive',
    ` Runtimes: ${Object.keys(info.Runtimes).sort().join(' ')}`,
    ` Default Runtime: ${info.DefaultRuntime}`,
    ' Init Binary: docker-init',
    ` containerd version: ${info.ContainerdCommit.ID}`,
    ` runc version: ${info.RuncCommit.ID}`,
    ` init version: ${info.InitCommit.ID}`,
    ' Security Options:',
    '  apparmor',
    '  seccomp',
    '   Profile: builtin',
    '  cgroupns',
    ` Kernel Version: ${info.KernelVersion}`,
    ` Operating System: ${info.OperatingSystem}`,
    ` OSType: ${info.OSType}`,
    ` Architecture: ${info.Architecture}`,
    ` CPUs: ${info.NCPU}`,
    ` Total Memory: ${bytesSize(info.MemTotal)}`,
    ` Name: ${info.Name}`,
    ` ID: ${info.ID}`,
    ` Docker Root Dir: ${info.DockerRootDir}`,
    ' Debug Mode: false',
    ' Experimental: false',
    ' Insecure Registries:',
    '  ::1/128',
    '  127.0.0.0/8',
    ' Live Restore Enabled: false',
    '',
  ].join('\n');

export const infoCommand = (ctx: DockerCtx, argv: readonly string[]): number => {
  const { io } = ctx;
  const parsed = parseFlags(argv, specs, { interspersed: true });
  if (!parsed.ok) {
    io.error(`${flagError(parsed.error, usages.info, 'docker info')}\n`);
    return 125;
  }
  const state = io.read();
  const denied = state.faults['docker-permission'] === true;
  const format = parsed.flags.value('format');
  if (format === undefined || format === '') {
    io.write(clientSection(state.box.dockerVersion));
    if (denied) {
      io.write(`Server:\nERROR: ${permissionDenied('Get', '/info')}\n`);
      io.error('errors pretty printing info\n');
      return 1;
    }
    io.write(serverSection(infoData(state, io.now())));
    return 0;
  }
  if (denied) {
    io.error(`${permissionDenied('Get', '/info')}\n`);
    return 1;
  }
  try {
    io.write(`${renderTemplate(format === 'json' ? '{{json .}}' : format, infoData(state, io.now()))}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof GoTemplateError)) throw error;
    io.error(`template parsing error: ${error.message}\n`);
    return 1;
  }
};
