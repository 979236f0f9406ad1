/**
 * The objects `docker inspect` prints for a container and for an image (API 1.51): a realistic
 * subset of the daemon's keys, in the daemon's order, built from the simulated state. Maps (the
 * Go `map[…]` fields: Labels, Ports, PortBindings …) are marked so templates print them as
 * `map[k:v]` and a missing key as `<no value>`.
 */
import { mixedHex } from '../../box.js';
import type { SimContainer, SimImage, SimState } from '../../state.js';
import { processArgv } from './engine-args.js';
import { asGoMap } from './go-template.js';
import { goZeroTime, rfc3339Nano } from './go-text.js';
import { imageConfigOf } from './registry.js';
import { lastRestartAt } from './start.js';

const deviceRequests = (gpus: string | undefined) => {
  if (gpus === undefined) return null;
  const value = gpus.replace(/^"|"$/g, '');
  const request = (count: number, ids: string[] | null) => ({ Driver: '', Count: count, DeviceIDs: ids, Capabilities: [['gpu']], Options: asGoMap({}) });
  if (value === 'all') return [request(-1, null)];
  const device = /(?:^|,)device=([\d,]+)/.exec(value);
  if (device) return [request(0, device[1]!.split(',').filter(Boolean))];
  const count = /(?:^|,)count=(\d+|all)/.exec(value)?.[1] ?? value;
  return [request(count === 'all' ? -1 : Number(count) || 0, null)];
};

const portKey = (port: number, protocol: string) => `${port}/${protocol}`;

const mountJson = (mount: SimContainer['mounts'][number]) => {
  const readOnly = mount.mode.split(',').includes('ro');
  if (mount.source.startsWith('/')) return { Type: 'bind', Source: mount.source, Destination: mount.destination, Mode: mount.mode, RW: !readOnly, Propagation: 'rprivate' };
  return { Type: 'volume', Name: mount.source, Source: `/var/lib/docker/volumes/${mount.source}/_data`, Destination: mount.destination, Driver: 'local', Mode: mount.mode || 'z', RW: !readOnly, Propagation: '' };
};

export const containerInspect = (container: SimContainer, state: SimState, now: number) => {
  const image = state.images.find((i) => i.id === container.imageId);
  const config = imageConfigOf(image?.repository ?? '', image?.tag);
  const argv = processArgv(container);
  const extras = container.extras;
  const running = container.state === 'running';
  const bridge = container.networkMode !== 'host' && container.networkMode !== 'none';
  const ip = bridge && running ? `172.17.0.${2 + (Number.parseInt(container.id.slice(0, 2), 16) % 200)}` : '';
  const portBindings = asGoMap<Record<string, Array<{ HostIp: string; HostPort: string }>>>({});
  const livePorts = asGoMap<Record<string, Array<{ HostIp: string; HostPort: string }> | null>>({});
  for (const p of container.ports) {
    const key = portKey(p.containerPort, p.protocol);
    (portBindings[key] ??= []).push({ HostIp: p.hostIp === '0.0.0.0' ? '' : p.hostIp, HostPort: String(p.hostPort) });
    if (running && bridge) {
      const list = livePorts[key] ?? [];
      list.push({ HostIp: p.hostIp, HostPort: String(p.hostPort) });
      if (p.hostIp === '0.0.0.0') list.push({ HostIp: '::', HostPort: String(p.hostPort) });
      livePorts[key] = list;
    }
  }
  const exposed = [...new Set([...config.exposedPorts, ...container.ports.map((p) => portKey(p.containerPort, p.protocol))])];
  if (running && bridge) for (const key of exposed) if (!(key in livePorts)) livePorts[key] = null;
  const endpointId = running && bridge ? mixedHex(`endpoint:${container.id}`, 64) : '';
  const startedAt = container.state === 'restarting' ? lastRestartAt(container.finishedAt ?? now, now) : container.startedAt;
  return {
    Id: container.id,
    Created: rfc3339Nano(container.createdAt),
    Path: argv[0] ?? '',
    Args: argv.slice(1),
    State: {
      Status: container.state,
      Running: running || container.state === 'restarting',
      Paused: container.state === 'paused',
      Restarting: container.state === 'restarting',
      OOMKilled: container.oomKilled === true,
      Dead: container.state === 'dead',
      Pid: running ? (container.pid ?? 0) : 0,
      ExitCode: container.exitCode,
      Error: '',
      StartedAt: startedAt === undefined ? goZeroTime : rfc3339Nano(startedAt),
      FinishedAt: container.finishedAt === undefined ? goZeroTime : rfc3339Nano(container.finishedAt),
    },
    Image: container.imageId,
    ResolvConfPath: `/var/lib/docker/containers/${container.id}/resolv.conf`,
    HostnamePath: `/var/lib/docker/containers/${container.id}/hostname`,
    HostsPath: `/var/lib/docker/containers/${container.id}/hosts`,
    LogPath: `/var/lib/docker/containers/${container.id}/${container.id}-json.log`,
    Name: `/${container.name}`,
    RestartCount: 0,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: container.privileged ? 'unconfined' : 'docker-default',
    ExecIDs: null,
    HostConfig: {
      Binds: container.mounts.length > 0 ? container.mounts.map((m) => `${m.source}:${m.destination}${m.mode ? `:${m.mode}` : ''}`) : null,
      ContainerIDFile: '',
      LogConfig: { Type: 'json-file', Config: asGoMap({}) },
      NetworkMode: container.networkMode,
      PortBindings: portBindings,
      RestartPolicy: { Name: container.restartPolicy.split(':')[0] ?? 'no', MaximumRetryCount: Number(container.restartPolicy.split(':')[1] ?? 0) },
      AutoRemove: extras?.autoRemove ?? false,
      VolumeDriver: '',
      VolumesFrom: null,
      ConsoleSize: [0, 0],
      CapAdd: extras?.capAdd.length ? extras.capAdd : null,
      CapDrop: null,
      CgroupnsMode: 'private',
      Dns: [],
      DnsOptions: [],
      DnsSearch: [],
      ExtraHosts: null,
      GroupAdd: null,
      IpcMode: container.ipcHost ? 'host' : 'private',
      Cgroup: '',
      Links: null,
      OomScoreAdj: 0,
      PidMode: extras?.pidMode ?? '',
      Privileged: container.privileged,
      PublishAllPorts: false,
      ReadonlyRootfs: false,
      SecurityOpt: extras?.securityOpt.length ? extras.securityOpt : null,
      UTSMode: '',
      UsernsMode: '',
      ShmSize: extras?.shmSizeBytes ?? 67_108_864,
      Runtime: extras?.runtime ?? 'runc',
      Isolation: '',
      CpuShares: 0,
      Memory: 0,
      NanoCpus: 0,
      Devices: [],
      DeviceRequests: deviceRequests(container.gpus),
      MemorySwap: 0,
      PidsLimit: null,
      Ulimits: extras?.ulimits.length ? extras.ulimits.map((u) => ({ Name: u.name, Hard: u.hard, Soft: u.soft })) : null,
      Init: extras?.init ? true : null,
    },
    GraphDriver: {
      Data: asGoMap({ MergedDir: `/var/lib/docker/overlay2/${mixedHex(`layer:${container.id}`, 64)}/merged`, UpperDir: `/var/lib/docker/overlay2/${mixedHex(`layer:${container.id}`, 64)}/diff` }),
      Name: 'overlay2',
    },
    Mounts: container.mounts.map(mountJson),
    Config: {
      Hostname: extras?.hostname ?? container.id.slice(0, 12),
      Domainname: '',
      User: extras?.user ?? '',
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ExposedPorts: exposed.length > 0 ? asGoMap(Object.fromEntries(exposed.map((k) => [k, asGoMap({})]))) : undefined,
      Tty: extras?.tty ?? false,
      OpenStdin: extras?.openStdin ?? false,
      StdinOnce: false,
      Env: [...container.env],
      Cmd: container.command.length > 0 ? [...container.command] : null,
      Image: container.image,
      Volumes: null,
      WorkingDir: extras?.workingDir ?? config.workingDir,
      Entrypoint: (extras?.entrypoint ?? []).length > 0 ? [...extras!.entrypoint] : null,
      OnBuild: null,
      Labels: asGoMap({ ...container.labels }),
    },
    NetworkSettings: {
      Bridge: '',
      SandboxID: running ? mixedHex(`sandbox:${container.id}`, 64) : '',
      SandboxKey: running ? `/var/run/docker/netns/${mixedHex(`netns:${container.id}`, 12)}` : '',
      Ports: livePorts,
      HairpinMode: false,
      LinkLocalIPv6Address: '',
      LinkLocalIPv6PrefixLen: 0,
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: endpointId,
      Gateway: ip ? '172.17.0.1' : '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      IPAddress: ip,
      IPPrefixLen: ip ? 16 : 0,
      IPv6Gateway: '',
      MacAddress: ip ? `02:42:ac:11:00:${ip.split('.').pop()!.padStart(2, '0').slice(-2)}` : '',
      Networks: asGoMap({
        [container.networkMode]: {
          IPAMConfig: null,
          Links: null,
          Aliases: null,
          MacAddress: ip ? `02:42:ac:11:00:${ip.split('.').pop()!.padStart(2, '0').slice(-2)}` : '',
          DriverOpts: null,
          GwPriority: 0,
          NetworkID: mixedHex(`network:${container.networkMode}`, 64),
          EndpointID: endpointId,
          Gateway: ip ? '172.17.0.1' : '',
          IPAddress: ip,
          IPPrefixLen: ip ? 16 : 0,
          IPv6Gateway: '',
          GlobalIPv6Address: '',
          GlobalIPv6PrefixLen: 0,
          DNSNames: null,
        },
      }),
    },
  };
};

export const imageInspect = (image: SimImage) => {
  const config = imageConfigOf(image.repository, image.tag);
  return {
    Id: image.id,
    RepoTags: [`${image.repository}:${image.tag}`],
    RepoDigests: [`${image.repository}@${image.digest}`],
    Parent: '',
    Comment: 'buildkit.dockerfile.v0',
    Created: rfc3339Nano(image.createdAt),
    DockerVersion: '',
    Author: '',
    Config: {
      ExposedPorts: config.exposedPorts.length > 0 ? asGoMap(Object.fromEntries(config.exposedPorts.map((k) => [k, asGoMap({})]))) : undefined,
      Env: [...config.env],
      Entrypoint: config.entrypoint ? [...config.entrypoint] : null,
      Cmd: config.cmd ? [...config.cmd] : null,
      WorkingDir: config.workingDir,
      Labels: Object.keys(config.labels).length > 0 ? asGoMap({ ...config.labels }) : null,
    },
    Architecture: image.architecture,
    Os: 'linux',
    Size: image.sizeBytes,
    GraphDriver: { Data: asGoMap({ MergedDir: `/var/lib/docker/overlay2/${mixedHex(`image:${image.id}`, 64)}/merged` }), Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: image.layers.map((l) => `sha256:${mixedHex(`diff:${l.id}`, 64)}`) },
    Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
  };
};
