/**
 * A container as `docker ps` shows it: the fields of formatter.ContainerContext (docker/cli
 * 28.5.1) computed from the simulated state — quoted, ellipsised Command; "Up 3 seconds" /
 * "Exited (0) 5 minutes ago" Status; Ports grouped and sorted like DisplayablePorts (IPv6 as
 * `[::]:8000`); Labels sorted and comma-joined; Platform null (no containerd image store).
 */
import type { SimContainer, SimState } from '../../state.js';
import { processArgv } from './engine-args.js';
import { ellipsis, goQuote, goTimeString, humanDuration, humanSize, truncateId } from './go-text.js';
import { imageConfigOf } from './registry.js';
import { lastRestartAt } from './start.js';

export const statusText = (container: SimContainer, now: number): string => {
  switch (container.state) {
    case 'created':
      return 'Created';
    case 'running':
      return `Up ${humanDuration(now - (container.startedAt ?? now))}`;
    case 'paused':
      return `Up ${humanDuration(now - (container.startedAt ?? now))} (Paused)`;
    case 'restarting':
      return `Restarting (${container.exitCode}) ${humanDuration(now - lastRestartAt(container.finishedAt ?? now, now))} ago`;
    case 'exited':
      return `Exited (${container.exitCode}) ${humanDuration(now - (container.finishedAt ?? now))} ago`;
    case 'dead':
      return 'Dead';
  }
};

/** The daemon's summary Command: Path and Args joined by spaces. */
export const commandLine = (container: SimContainer): string => processArgv(container).join(' ');

interface PortSummary {
  readonly ip: string;
  readonly privatePort: number;
  readonly publicPort: number;
  readonly type: string;
}

/** NetworkSettings.Ports as a list: published ones (both address families for 0.0.0.0) and exposed ones. */
export const portSummaries = (container: SimContainer, state: SimState): PortSummary[] => {
  if (container.state !== 'running' || container.networkMode === 'host' || container.networkMode === 'none') return [];
  const out: PortSummary[] = [];
  for (const p of container.ports) {
    out.push({ ip: p.hostIp, privatePort: p.containerPort, publicPort: p.hostPort, type: p.protocol });
    if (p.hostIp === '0.0.0.0') out.push({ ip: '::', privatePort: p.containerPort, publicPort: p.hostPort, type: p.protocol });
  }
  const image = state.images.find((i) => i.id === container.imageId);
  for (const exposed of image ? imageConfigOf(image.repository).exposedPorts : []) {
    const [port = '0', type = 'tcp'] = exposed.split('/');
    if (!container.ports.some((p) => p.containerPort === Number(port) && p.protocol === type)) out.push({ ip: '', privatePort: Number(port), publicPort: 0, type });
  }
  return out;
};

const joinHostPort = (ip: string, port: string) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** formatter.DisplayablePorts. */
export const displayPorts = (ports: readonly PortSummary[]): string => {
  const sorted = [...ports].sort((a, b) => a.privatePort - b.privatePort || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0) || a.publicPort - b.publicPort || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  const groups = new Map<string, { first: number; last: number }>();
  const order: string[] = [];
  const result: string[] = [];
  const hostMappings: string[] = [];
  const formGroup = (key: string, first: number, last: number) => {
    const [a = '', b] = key.split('/');
    const ip = b === undefined ? '' : a;
    const type = b === undefined ? a : b;
    const range = first === last ? `${first}` : `${first}-${last}`;
    return `${ip ? `${joinHostPort(ip, range)}->${range}` : range}/${type}`;
  };
  for (const port of sorted) {
    let key = port.type;
    if (port.ip !== '') {
      if (port.publicPort !== port.privatePort) {
        hostMappings.push(`${joinHostPort(port.ip, String(port.publicPort))}->${port.privatePort}/${port.type}`);
        continue;
      }
      key = `${port.ip}/${port.type}`;
    }
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { first: port.privatePort, last: port.privatePort });
      order.push(key);
      continue;
    }
    if (port.privatePort === group.last + 1) {
      group.last = port.privatePort;
      continue;
    }
    result.push(formGroup(key, group.first, group.last));
    groups.set(key, { first: port.privatePort, last: port.privatePort });
  }
  for (const key of order) {
    const g = groups.get(key)!;
    result.push(formGroup(key, g.first, g.last));
  }
  return [...result, ...hostMappings].join(', ');
};

/** `docker ps` Labels: every `k=v`, sorted (Go sort.Strings: byte order), joined with commas. */
export const labelsText = (labels: Readonly<Record<string, string>>): string => {
  const utf8Order = (a: string, b: string) => {
    const x = [...a].map((c) => c.codePointAt(0)!);
    const y = [...b].map((c) => c.codePointAt(0)!);
    for (let i = 0; i < Math.min(x.length, y.length); i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .sort(utf8Order)
    .join(',');
};

/** Writable-layer size of a container: a few kB of pycache and logs for engines, nothing for plain runs. */
const sizeRw = (container: SimContainer): number => (container.workload === 'generic' ? 0 : 12_288 + (container.id.charCodeAt(0) % 7) * 4_096);

export interface PsRow {
  readonly Command: string;
  readonly CreatedAt: string;
  readonly ID: string;
  readonly Image: string;
  readonly Labels: string;
  readonly LocalVolumes: string;
  readonly Mounts: string;
  readonly Names: string;
  readonly Networks: string;
  readonly Platform: null;
  readonly Ports: string;
  readonly RunningFor: string;
  readonly Size: string;
  readonly State: string;
  readonly Status: string;
}

export const psHeaders: Readonly<Record<keyof PsRow, string>> = {
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Labels: 'LABELS',
  LocalVolumes: 'LOCAL VOLUMES',
  Mounts: 'MOUNTS',
  Names: 'NAMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
  Ports: 'PORTS',
  RunningFor: 'CREATED',
  Size: 'SIZE',
  State: 'STATE',
  Status: 'STATUS',
};

export const psRow = (container: SimContainer, state: SimState, now: number, trunc: boolean): PsRow => {
  const image = state.images.find((i) => i.id === container.imageId);
  const rw = sizeRw(container);
  const command = commandLine(container);
  const mounts = container.mounts.map((m) => (trunc ? ellipsis(m.source, 15) : m.source));
  return {
    Command: goQuote(trunc ? ellipsis(command, 20) : command),
    CreatedAt: goTimeString(container.createdAt),
    ID: trunc ? truncateId(container.id) : container.id,
    Image: container.image,
    Labels: labelsText(container.labels),
    LocalVolumes: String(container.mounts.filter((m) => !m.source.startsWith('/')).length),
    Mounts: mounts.join(','),
    Names: container.name,
    Networks: container.networkMode,
    Platform: null,
    Ports: displayPorts(portSummaries(container, state)),
    RunningFor: `${humanDuration(now - container.createdAt)} ago`,
    Size: image ? `${humanSize(rw, 3)} (virtual ${humanSize(image.sizeBytes + rw, 3)})` : humanSize(rw, 3),
    State: container.state,
    Status: statusText(container, now),
  };
};
