/**
 * Creating a container from parsed run options and a local image, as the daemon does: the name
 * (given, or generated) must be free, the runtime must exist, image defaults (Entrypoint, Cmd,
 * Env, WorkingDir, Labels) merge with the options, bind mount folders are created, and the
 * daemon's warnings come back (an amd64 image on this arm64 box, ports with host networking).
 */
import { mixedHex } from '../../box.js';
import type { SimContainer, SimImage } from '../../state.js';
import type { DockerCtx } from './context.js';
import { generateName } from './names.js';
import { imageConfigOf } from './registry.js';
import type { RunOptions } from './run-options.js';
import { nameConflict, platformMismatch, unknownRuntime } from './texts.js';
import { workloadOf } from './workload.js';

export type CreateResult = { readonly ok: true; readonly id: string; readonly warnings: readonly string[] } | { readonly ok: false; readonly error: string };

const namePattern = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const runtimes = new Set(['runc', 'io.containerd.runc.v2', 'nvidia']);

/** Env of the image with the options' entries added; a key given again replaces the image's. */
const mergeEnv = (imageEnv: readonly string[], given: readonly string[]): string[] => {
  const key = (e: string) => e.split('=')[0];
  const givenKeys = new Set(given.map(key));
  return [...imageEnv.filter((e) => !givenKeys.has(key(e))), ...given];
};

export const createContainer = (ctx: DockerCtx, options: RunOptions, image: SimImage): CreateResult => {
  const { io } = ctx;
  const now = io.now();
  const runtime = options.runtime;
  if (!runtimes.has(runtime) || (runtime === 'nvidia' && io.read().faults['nvidia-runtime-missing'] === true)) return { ok: false, error: unknownRuntime(runtime) };
  if (options.name !== undefined && !namePattern.test(options.name)) {
    return { ok: false, error: `Invalid container name (${options.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed` };
  }
  for (const mount of options.mounts) if (mount.type === 'bind' && !io.fs.exists(mount.source)) io.fs.mkdirp(mount.source);

  const config = imageConfigOf(image.repository, image.tag);
  const entrypoint = options.entrypoint ?? config.entrypoint ?? [];
  // --entrypoint resets the image's Cmd (docker does not append an old Cmd to a new entrypoint).
  const command = options.args.length > 0 ? [...options.args] : options.entrypoint !== undefined ? [] : [...(config.cmd ?? [])];
  const warnings = [...options.warnings];
  if (image.architecture === 'amd64' && options.platform === undefined) warnings.push(platformMismatch);

  return io.update((state): CreateResult => {
    const name = options.name?.replace(/^\//, '');
    if (name !== undefined) {
      const holder = state.containers.find((c) => c.name === name);
      if (holder) return { ok: false, error: nameConflict(name, holder.id) };
    }
    const id = mixedHex(`container:${name ?? ''}:${now}:${state.nextPid}:${state.containers.length}`, 64);
    const finalName = name ?? generateName(id, new Set(state.containers.map((c) => c.name)));
    const container: SimContainer = {
      id,
      name: finalName,
      image: options.image,
      imageId: image.id,
      command,
      entrypoint: entrypoint.join(' '),
      labels: { ...config.labels, ...options.labels },
      env: mergeEnv(config.env, options.env),
      ports: options.ports,
      mounts: options.mounts.map((m) => ({ source: m.type === 'bind' ? m.source : m.source || mixedHex(`volume:${id}:${m.destination}`, 64), destination: m.destination, mode: m.mode })),
      gpus: options.gpus,
      ipcHost: options.ipcHost,
      privileged: options.privileged,
      restartPolicy: options.restartPolicy,
      networkMode: options.networkMode,
      createdAt: now,
      state: 'created',
      startedAt: undefined,
      finishedAt: undefined,
      exitCode: 0,
      workload: workloadOf(options.image, [...entrypoint, ...command]),
      pid: undefined,
      extras: {
        entrypoint,
        autoRemove: options.autoRemove,
        shmSizeBytes: options.shmSizeBytes,
        ulimits: options.ulimits,
        init: options.init,
        workingDir: options.workingDir ?? config.workingDir,
        user: options.user,
        tty: options.tty,
        openStdin: options.openStdin,
        hostname: options.hostname ?? id.slice(0, 12),
        runtime,
        platform: options.platform,
        capAdd: options.capAdd,
        devices: options.devices,
        securityOpt: options.securityOpt,
        pidMode: options.pidMode,
      },
    };
    state.containers.push(container);
    return { ok: true, id, warnings };
  });
};
