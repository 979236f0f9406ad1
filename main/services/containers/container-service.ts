/**
 * Docker on the box, for the Containers page: lists from docker's JSON output (never columns),
 * lifecycle actions, logs, and `docker run` from the form — the exact line shown is the line the
 * box runs, and an image that has no arm64 build is refused before anything is pulled.
 */
import type { AppError } from '../../../src/contract/errors.js';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { ContainerView, ImageView } from '../../../src/domain/container.js';
import { checkImagePlatform, labelledContainer, runCommand, type ContainerRunSpec, type PlatformCheck } from '../../../src/recipes/container-run.js';
import { dockerAppError } from '../../../src/recipes/docker-problems.js';
import {
  containerLogsCommand,
  imagePlatformsCommand,
  listContainersCommand,
  listImagesCommand,
  removeContainersCommand,
  restartContainersCommand,
  startContainersCommand,
  stopContainersCommand,
} from '../../../src/remote/commands/docker.js';
import { readPgxLabels } from '../../../src/remote/commands/pgx-labels.js';
import { imageReference, parseDockerImages } from '../../../src/remote/parsers/docker-images.js';
import { parseImagePlatforms } from '../../../src/remote/parsers/docker-manifest.js';
import { parseDockerPs, type DockerPsEntry } from '../../../src/remote/parsers/docker-ps.js';
import type { ExecResult, SshConnection } from '../../ssh/connection.js';

export const containerLimits = {
  listTimeoutMs: 20_000,
  actionTimeoutMs: 60_000,
  /** `docker run` may pull tens of GB first (an NGC image is 10–25 GB). */
  runTimeoutMs: 60 * 60_000,
} as const;

/** docker's stderr as the sentence and fix a user reads; `doing` names what failed. */
const dockerFailure = (result: ExecResult, doing: string, hint = 'Check the container and try again; the Logs button shows what it printed.'): AppFailure => {
  const known: AppError | null = dockerAppError(result.stderr);
  if (known) return new AppFailure(known);
  const line = result.stderr.trim().split('\n').filter(Boolean).at(-1) ?? (result.code === null ? 'no answer in time' : `exit status ${String(result.code)}`);
  return new AppFailure(appError('remote-command-failed', `${doing} failed: ${line}`, hint));
};

const listHint = 'Check that docker works on the box (docker ps in a terminal), then refresh.';

const portText = (p: DockerPsEntry['ports'][number]) =>
  p.hostPort === null ? `${p.containerPort}/${p.protocol}` : `${p.hostIp ?? '0.0.0.0'}:${p.hostPort}→${p.containerPort}/${p.protocol}`;

export const containerView = (entry: DockerPsEntry): ContainerView => {
  const ours = readPgxLabels(entry.labels);
  return {
    id: entry.id,
    name: entry.name,
    image: entry.image,
    state: entry.status.kind,
    status: entry.status.text,
    health: entry.status.health,
    // docker lists 0.0.0.0 and [::] for one published port: once is enough here.
    ports: [...new Set(entry.ports.map(portText).map((t) => t.replace(/^(\[::\]|::):/, '0.0.0.0:')))],
    createdAt: entry.createdAt,
    pgxKind: ours?.kind ?? null,
    app: ours?.app ?? null,
    labels: { ...entry.labels },
  };
};

/** stdout and stderr of `docker logs --timestamps`, merged by time, the stamps taken off again. */
export const mergeLogs = (stdout: string, stderr: string): string => {
  const lines = [...stdout.split('\n'), ...stderr.split('\n')].filter((l) => l !== '');
  const stamp = (line: string) => /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\s/.exec(line)?.[1] ?? '';
  return lines
    .map((line, order) => ({ line, at: stamp(line), order }))
    .sort((a, b) => (a.at === b.at ? a.order - b.order : a.at < b.at ? -1 : 1))
    .map(({ line, at }) => (at ? line.slice(at.length + 1) : line))
    .join('\n');
};

export class ContainerService {
  constructor(private readonly connection: (deviceId: string) => SshConnection) {}

  async list(deviceId: string): Promise<{ containers: ContainerView[]; images: ImageView[] }> {
    const box = this.connection(deviceId);
    const [ps, images] = await Promise.all([box.exec(listContainersCommand(), { timeoutMs: containerLimits.listTimeoutMs }), box.exec(listImagesCommand(), { timeoutMs: containerLimits.listTimeoutMs })]);
    if (ps.code !== 0) throw dockerFailure(ps, 'Listing containers', listHint);
    if (images.code !== 0) throw dockerFailure(images, 'Listing images', listHint);
    return {
      containers: parseDockerPs(ps.stdout).containers.map(containerView),
      images: parseDockerImages(images.stdout).images.map((i) => ({ id: i.id, reference: imageReference(i), sizeBytes: i.sizeBytes, createdAt: i.createdAt })),
    };
  }

  async action(deviceId: string, container: string, action: 'start' | 'stop' | 'restart' | 'remove'): Promise<void> {
    const command = { start: startContainersCommand, stop: stopContainersCommand, restart: restartContainersCommand, remove: (refs: readonly string[]) => removeContainersCommand(refs, { force: true }) }[action]([container]);
    const result = await this.connection(deviceId).exec(command, { timeoutMs: containerLimits.actionTimeoutMs });
    if (result.code !== 0) throw dockerFailure(result, `${action[0]!.toUpperCase()}${action.slice(1)} ${container}`);
  }

  async logs(deviceId: string, container: string, tail: number): Promise<string> {
    const result = await this.connection(deviceId).exec(containerLogsCommand(container, { tail, timestamps: true }), { timeoutMs: containerLimits.listTimeoutMs });
    if (result.code !== 0) throw dockerFailure(result, `Reading the logs of ${container}`);
    return mergeLogs(result.stdout, result.stderr);
  }

  /** The labelled spec's exact command, and what the box (or its registry) says of the image's platforms. */
  async preview(deviceId: string, spec: ContainerRunSpec): Promise<{ command: string; platform: PlatformCheck }> {
    const command = runCommand(labelledContainer(spec));
    const result = await this.connection(deviceId).exec(imagePlatformsCommand(spec.image), { timeoutMs: containerLimits.listTimeoutMs });
    const platforms = result.code === 0 ? parseImagePlatforms(result.stdout) : undefined;
    // Neither the box nor its registry could tell (offline, a private registry): not refused, not verified.
    const architectures = platforms?.ok ? platforms.value.architectures : [];
    return { command, platform: checkImagePlatform(architectures, spec.image) };
  }

  async run(deviceId: string, spec: ContainerRunSpec): Promise<{ containerId: string; command: string }> {
    const { command, platform } = await this.preview(deviceId, spec);
    if (!platform.ok) throw new AppFailure(appError('image-arch-mismatch', platform.message, platform.hint));
    const result = await this.connection(deviceId).exec(command, { timeoutMs: containerLimits.runTimeoutMs });
    if (result.code !== 0) throw dockerFailure(result, `Running ${spec.image}`);
    // `docker run -d` prints the pull progress (if it pulled) and then the new container's id.
    const containerId = result.stdout.trim().split('\n').at(-1)?.trim() ?? '';
    if (!/^[0-9a-f]{12,64}$/.test(containerId)) throw new AppFailure(appError('remote-command-failed', `docker run did not print a container id (it printed "${containerId.slice(0, 80)}").`, 'Check the Containers list: it may have started anyway.'));
    return { containerId, command };
  }
}
