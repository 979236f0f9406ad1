/**
 * Docker on the box, for the Containers page: lists from docker's JSON output (never columns),
 * lifecycle actions, logs, and `docker run` from the form — the exact line shown is the line the
 * box runs, and an image that has no arm64 build is refused before anything is pulled. A pull
 * of its own (image-pull.ts) shows each layer move before the run.
 */
import type { AppError } from '../../../src/contract/errors.js';
import { AppFailure, appError } from '../../../src/contract/errors.js';
import type { ContainerView, ImageView } from '../../../src/domain/container.js';
import { labelledContainer, runCommand, type ContainerRunSpec, type PlatformCheck } from '../../../src/recipes/container-run.js';
import { dockerAppError } from '../../../src/recipes/docker-problems.js';
import { emptyPullState, type PullState } from '../../../src/recipes/pull-progress.js';
import type { EventPayload } from '../../../src/contract/events.js';
import {
  containerLogsCommand,
  listContainersCommand,
  listImagesCommand,
  removeContainersCommand,
  restartContainersCommand,
  startContainersCommand,
  stopContainersCommand,
} from '../../../src/remote/commands/docker.js';
import { readPgxLabels } from '../../../src/remote/commands/pgx-labels.js';
import { imageReference, parseDockerImages } from '../../../src/remote/parsers/docker-images.js';
import { parseDockerPs, type DockerPsEntry } from '../../../src/remote/parsers/docker-ps.js';
import type { ExecResult, SshConnection } from '../../ssh/connection.js';
import { startImagePull, type PullHandle } from './image-pull.js';
import { readImagePlatform, requireRunnable } from './image-platform.js';

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

/** What a pull reports as it goes: the `containers:pull-progressed` event. */
export type PullProgress = EventPayload<'containers:pull-progressed'>;

const pullKey = (owner: string, pullId: string) => `${owner}\n${pullId}`;

export class ContainerService {
  /** Pulls under way, by owner and pull id. */
  private readonly pulls = new Map<string, { cancel(): void }>();

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

  private platform(deviceId: string, image: string): Promise<PlatformCheck> {
    return readImagePlatform(this.connection(deviceId), image, containerLimits.listTimeoutMs);
  }

  /** The labelled spec's exact command, and what the box (or its registry) says of the image's platforms. */
  async preview(deviceId: string, spec: ContainerRunSpec): Promise<{ command: string; platform: PlatformCheck }> {
    return { command: runCommand(labelledContainer(spec)), platform: await this.platform(deviceId, spec.image) };
  }

  /**
   * Pulls an image, handing on its layers as they move (throttled, and once at the end). Refused
   * before anything is pulled when the image has no arm64 build. `owner` keeps one caller's
   * pull ids apart from another's; `cancelPull` with the same pair ends it.
   */
  async pull(deviceId: string, image: string, pullId: string, onProgress: (progress: PullProgress) => void, owner = ''): Promise<{ reference: string; upToDate: boolean }> {
    const key = pullKey(owner, pullId);
    if (this.pulls.has(key)) throw new AppFailure(appError('conflict', `A pull named ${pullId} is already under way.`, 'Wait for it to end, or cancel it.'));
    const entry: { cancelled: boolean; handle?: PullHandle } = { cancelled: false };
    this.pulls.set(key, { cancel: () => ((entry.cancelled = true), entry.handle?.cancel()) });
    try {
      requireRunnable(await this.platform(deviceId, image));
      if (entry.cancelled) throw new AppFailure(appError('cancelled', `The pull of ${image} was cancelled.`, ''));
      const report = (state: PullState) => onProgress({ deviceId, pullId, image, layers: [...state.layers], phase: state.phase });
      report(emptyPullState);
      entry.handle = startImagePull(this.connection(deviceId), image, report);
      return await entry.handle.result;
    } finally {
      this.pulls.delete(key);
    }
  }

  /** Ends a pull (nothing when it already ended). */
  cancelPull(pullId: string, owner = ''): void {
    this.pulls.get(pullKey(owner, pullId))?.cancel();
  }

  async run(deviceId: string, spec: ContainerRunSpec): Promise<{ containerId: string; command: string }> {
    const { command, platform } = await this.preview(deviceId, spec);
    requireRunnable(platform);
    const result = await this.connection(deviceId).exec(command, { timeoutMs: containerLimits.runTimeoutMs });
    if (result.code !== 0) throw dockerFailure(result, `Running ${spec.image}`);
    // `docker run -d` prints the pull progress (if it pulled) and then the new container's id.
    const containerId = result.stdout.trim().split('\n').at(-1)?.trim() ?? '';
    if (!/^[0-9a-f]{12,64}$/.test(containerId)) throw new AppFailure(appError('remote-command-failed', `docker run did not print a container id (it printed "${containerId.slice(0, 80)}").`, 'Check the Containers list: it may have started anyway.'));
    return { containerId, command };
  }
}
