/**
 * `docker ps --format '{{json .}}'` (also `docker container ls`): one JSON object per line, every
 * value a string except `Platform` (null, or an object with the containerd image store). The
 * row types follow formatter.ContainerContext of docker/cli 28.
 */
import { splitDockerLabels } from './docker-labels.js';
import { type DockerPortBinding, parseDockerPorts } from './docker-ports.js';
import { type DockerContainerState, type DockerStatus, parseContainerState, parseDockerStatus } from './docker-status.js';
import { type ParseIssue, dockerText, field, parseCount, parseDockerBytes, parseDockerTime, parseJsonLines } from './docker-values.js';

export type { DockerPortBinding } from './docker-ports.js';
export type { DockerContainerState, DockerStatus } from './docker-status.js';
export type { ParseIssue } from './docker-values.js';

export interface DockerPsEntry {
  /** As printed: 12 characters, or 64 with --no-trunc. */
  readonly id: string;
  /** First name (the row's only one unless --no-trunc lists link names too). */
  readonly name: string;
  readonly names: readonly string[];
  readonly image: string;
  /** The command without docker's quotes; cut to 19 characters + '…' unless --no-trunc. */
  readonly command: string;
  readonly commandTruncated: boolean;
  readonly createdAt: number | null;
  readonly runningFor: string | null;
  readonly ports: readonly DockerPortBinding[];
  readonly state: DockerContainerState | null;
  readonly status: DockerStatus;
  readonly labels: Readonly<Record<string, string>>;
  readonly mounts: readonly string[];
  readonly networks: readonly string[];
  readonly localVolumes: number | null;
  /** Writable layer and (when docker computed it) the whole size, bytes. */
  readonly sizeRwBytes: number | null;
  readonly sizeVirtualBytes: number | null;
  /** `os/architecture[/variant]` when the daemon reports it (containerd image store), else null. */
  readonly platform: string | null;
}

export interface DockerPsResult {
  readonly containers: DockerPsEntry[];
  readonly issues: ParseIssue[];
}

/** strconv.Quote output back to text (`"\"nginx -g 'daemon of…\""` → `nginx -g 'daemon of…`). */
const unquote = (text: string): string => {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'string') return value;
    } catch {
      return text.slice(1, -1);
    }
  }
  return text;
};

const splitList = (text: string): string[] => (text === '' ? [] : text.split(','));

const platformText = (value: unknown): string | null => {
  if (typeof value === 'string') return dockerText(value);
  if (value && typeof value === 'object') {
    const p = value as { os?: unknown; architecture?: unknown; variant?: unknown };
    if (typeof p.os === 'string' && typeof p.architecture === 'string') return [p.os, p.architecture, typeof p.variant === 'string' && p.variant ? p.variant : undefined].filter(Boolean).join('/');
  }
  return null;
};

export const parseDockerPs = (output: string): DockerPsResult => {
  const { objects, issues } = parseJsonLines(output);
  const containers: DockerPsEntry[] = [];
  for (const { line, value } of objects) {
    const id = field(value, 'ID');
    if (!/^[0-9a-f]{4,64}$/.test(id)) {
      issues.push({ line, reason: 'no container ID' });
      continue;
    }
    const names = splitList(field(value, 'Names'));
    const command = unquote(field(value, 'Command'));
    const size = /^(\S+)(?: \(virtual (\S+)\))?$/.exec(field(value, 'Size'));
    containers.push({
      id,
      name: names[0] ?? '',
      names,
      image: field(value, 'Image'),
      command,
      commandTruncated: command.endsWith('…'),
      createdAt: parseDockerTime(value['CreatedAt']),
      runningFor: dockerText(value['RunningFor']),
      ports: parseDockerPorts(field(value, 'Ports')).bindings,
      state: parseContainerState(value['State']),
      status: parseDockerStatus(value['Status']),
      labels: splitDockerLabels(field(value, 'Labels')),
      mounts: splitList(field(value, 'Mounts')),
      networks: splitList(field(value, 'Networks')),
      localVolumes: parseCount(value['LocalVolumes']),
      sizeRwBytes: size ? parseDockerBytes(size[1]) : null,
      sizeVirtualBytes: size?.[2] ? parseDockerBytes(size[2]) : null,
      platform: platformText(value['Platform']),
    });
  }
  return { containers, issues: issues.sort((a, b) => a.line - b.line) };
};
