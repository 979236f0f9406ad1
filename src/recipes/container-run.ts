/**
 * A container to run on the box, as a form fills it in, and the exact `docker run -d …` line the
 * wizard shows (editable) before running it. The defaults are NVIDIA's for its NGC framework
 * images, which the review runs: all GPUs, the host's IPC namespace, unlimited locked memory and
 * a 64 MiB stack, restarted unless stopped. Published ports listen on the box's loopback by
 * default: the app reaches them through its SSH tunnel, and nothing is opened to the network
 * unless asked for.
 */
import { z } from 'zod';
import { checkImageReference, isContainerName, isImageReference } from '../remote/commands/docker-names.js';
import { commandLine, type CommandWord } from '../remote/commands/docker.js';
import { otherLabels, type PgxLabelSpec, pgxLabels } from '../remote/commands/pgx-labels.js';
import { normaliseArchitecture } from '../remote/parsers/docker-manifest.js';
import { quote, raw, remotePath } from '../remote/quote.js';

export const containerRunDefaults = {
  /** PyTorch DataLoader workers and NCCL share memory through /dev/shm; the host's IPC has room. */
  ipcHost: true,
  /** NGC container docs: `--ulimit memlock=-1` (pinned buffers) and `--ulimit stack=67108864`. */
  memlock: -1,
  stack: 67_108_864,
  /** The review's long-running servers: back after a reboot, not after `docker stop`. */
  restart: 'unless-stopped',
  /**
   * The Run form keeps the image's shell alive (`-it` with `-d`): an NGC image's command is bash,
   * which exits at once without stdin, and a container that stays up can be entered (Shell).
   */
  shell: true,
} as const;

export const containerRunLimits = {
  /** Far above any real run line; keeps a hostile payload from building a huge command. */
  listItems: 256,
  textLength: 65_536,
} as const;

const noNul = (text: string) => !text.includes('\0');
const text = z.string().max(containerRunLimits.textLength).refine(noNul, 'NUL bytes cannot be passed to a command');
const port = z.number().int().min(1).max(65535);
const containerPath = z
  .string()
  .regex(/^\/[^:\0]*$/, 'an absolute path in the container, without ":"')
  .max(4096);

/** A host path (`/data/models`, `~/notebooks`) or a named volume (`ollama`); `-v` splits on `:`. */
const hostSource = z
  .string()
  .max(4096)
  .refine((s) => noNul(s) && !s.includes(':'), 'no ":" in a mounted path (docker -v splits on it)')
  .refine((s) => s === '~' || s.startsWith('/') || s.startsWith('~/') || /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(s), 'an absolute path, ~/… or a volume name');

export const PortMapping = z.object({
  /** Where it answers on the box. */
  box: port,
  container: port,
  /** 127.0.0.1: only through the app's tunnel; 0.0.0.0: from the whole network. */
  address: z.enum(['127.0.0.1', '0.0.0.0']).default('127.0.0.1'),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
});
export type PortMapping = z.infer<typeof PortMapping>;

export const VolumeMount = z.object({
  host: hostSource,
  container: containerPath,
  readOnly: z.boolean().default(false),
});
export type VolumeMount = z.infer<typeof VolumeMount>;

export const EnvVar = z.object({
  key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'letters, digits and _ (not first a digit)').max(256),
  value: text,
});
export type EnvVar = z.infer<typeof EnvVar>;

export const restartPolicies = ['no', 'unless-stopped', 'always', 'on-failure'] as const;

export const ContainerRunSpec = z
  .object({
    image: z.string().refine(isImageReference, 'an image reference like nvcr.io/nvidia/pytorch:25.09-py3'),
    name: z.string().refine(isContainerName, 'letters, digits, _ . - (at least two, not first a symbol)').optional(),
    gpus: z.enum(['all', 'none']).default('all'),
    ipcHost: z.boolean().default(containerRunDefaults.ipcHost),
    /** null: docker's default for that limit. */
    ulimits: z
      .object({
        memlock: z.number().int().min(-1).nullable().default(containerRunDefaults.memlock),
        stack: z.number().int().min(-1).nullable().default(containerRunDefaults.stack),
      })
      .default({ memlock: containerRunDefaults.memlock, stack: containerRunDefaults.stack }),
    /** host: the container shares the box's network; ports are then the program's own. */
    network: z.enum(['bridge', 'host']).default('bridge'),
    privileged: z.boolean().default(false),
    ports: z.array(PortMapping).max(containerRunLimits.listItems).default([]),
    volumes: z.array(VolumeMount).max(containerRunLimits.listItems).default([]),
    env: z.array(EnvVar).max(containerRunLimits.listItems).default([]),
    workdir: containerPath.optional(),
    entrypoint: text.optional(),
    restart: z.enum(restartPolicies).default(containerRunDefaults.restart),
    /** The words after the image: the command and its arguments (empty: the image's own). */
    command: z.array(text).max(containerRunLimits.listItems * 4).default([]),
    labels: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'a label key like com.example.note').max(256), text).default({}),
    /** Stdin kept open with a terminal (`-it`): a shell as the command stays up, detached. */
    shell: z.boolean().default(false),
    /** Always detached: the box runs it, whatever happens to the laptop. */
    detach: z.literal(true).default(true),
  })
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    spec.ports.forEach((p, i) => {
      const key = `${p.box}/${p.protocol}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['ports', i, 'box'], message: `box port ${p.box} is listed twice` });
      seen.add(key);
      if (spec.network === 'host' && p.box !== p.container) {
        ctx.addIssue({ code: 'custom', path: ['ports', i, 'box'], message: 'with the host network the program listens on the box port itself: box and container port must match' });
      }
    });
    const targets = new Set<string>();
    spec.volumes.forEach((v, i) => {
      if (targets.has(v.container)) ctx.addIssue({ code: 'custom', path: ['volumes', i, 'container'], message: `${v.container} is mounted twice` });
      targets.add(v.container);
    });
    const keys = new Set<string>();
    spec.env.forEach((e, i) => {
      if (keys.has(e.key)) ctx.addIssue({ code: 'custom', path: ['env', i, 'key'], message: `${e.key} is set twice` });
      keys.add(e.key);
    });
  });
export type ContainerRunSpec = z.infer<typeof ContainerRunSpec>;
export type ContainerRunSpecInput = z.input<typeof ContainerRunSpec>;

const mountSource = (host: string) => (host === '~' || host.startsWith('~/') ? remotePath(host) : raw(quote(host)));

/** `-v SRC:DST[:ro]` as one shell word: `"$HOME"/notebooks:/workspace` expands only $HOME. */
const volumeWord = (v: VolumeMount) => raw(`${mountSource(v.host).text}${quote(`:${v.container}${v.readOnly ? ':ro' : ''}`)}`);

const publishWord = (p: PortMapping) => `${p.address}:${p.box}:${p.container}${p.protocol === 'udp' ? '/udp' : ''}`;

/** The option groups of the run line, in the order people write them (the review's). */
const optionGroups = (spec: ContainerRunSpec): CommandWord[][] => [
  ['docker', 'run', '-d'],
  spec.shell ? ['-it'] : [],
  spec.name !== undefined ? ['--name', spec.name] : [],
  spec.gpus === 'all' ? ['--gpus', 'all'] : [],
  spec.ipcHost ? ['--ipc', 'host'] : [],
  [spec.ulimits.memlock !== null && '--ulimit', spec.ulimits.memlock !== null && `memlock=${spec.ulimits.memlock}`, spec.ulimits.stack !== null && '--ulimit', spec.ulimits.stack !== null && `stack=${spec.ulimits.stack}`],
  spec.network === 'host' ? ['--network', 'host'] : [],
  spec.privileged ? ['--privileged'] : [],
  spec.restart !== 'no' ? ['--restart', spec.restart] : [],
  // Published ports are discarded on the host network (docker warns): the program's own port is the box's.
  ...(spec.network === 'host' ? [] : spec.ports.map((p) => ['-p', publishWord(p)])),
  ...spec.volumes.map((v) => ['-v', volumeWord(v)]),
  ...spec.env.map((e) => ['-e', `${e.key}=${e.value}`]),
  spec.workdir !== undefined ? ['-w', spec.workdir] : [],
  spec.entrypoint !== undefined ? ['--entrypoint', spec.entrypoint] : [],
  ...Object.entries(spec.labels).map(([key, value]) => ['--label', `${key}=${value}`]),
  [checkImageReference(spec.image), ...spec.command],
];

/**
 * The exact `docker run -d …` line for a parsed spec; every value is one quoted word.
 * `multiline` breaks it with ` \` after each option group, as the review prints its commands.
 */
export const runCommand = (spec: ContainerRunSpec, options: { readonly multiline?: boolean } = {}): string =>
  optionGroups(spec)
    .map((group) => commandLine(...group))
    .filter((group) => group !== '')
    .join(options.multiline === true ? ' \\\n  ' : ' ');

/**
 * The recipe a container carries in its `pgx-companion.recipe` label: the spec without its
 * labels and without env values — those stay in the container's own env (docker inspect), out
 * of the label text every `docker ps` prints.
 */
export const containerRecipe = (spec: ContainerRunSpec): Record<string, unknown> => {
  const { labels: _labels, env, ...rest } = spec;
  return { ...rest, env: env.map((e) => ({ key: e.key })) };
};

/** The spec with our labels on it (replacing any `pgx-companion.*` it had). */
export const withPgxLabels = (spec: ContainerRunSpec, labels: PgxLabelSpec): ContainerRunSpec => ({
  ...spec,
  labels: { ...otherLabels(spec.labels), ...pgxLabels(labels) },
});

/** A plain container from the wizard: kind `container`, its own spec as the recipe. */
export const labelledContainer = (spec: ContainerRunSpec): ContainerRunSpec => withPgxLabels(spec, { kind: 'container', recipe: containerRecipe(spec) });

/** The box's CPU: every GB10 box is Arm64. */
export const boxArchitecture = 'arm64';

/** An image that runs on the box, suggested when another will not (NGC images are multi-arch). */
export const arm64ExampleImage = 'nvcr.io/nvidia/pytorch:25.09-py3';

export type PlatformCheck = { readonly ok: true; readonly verified: boolean } | { readonly ok: false; readonly message: string; readonly hint: string };

/**
 * Whether an image can run on the box, from the architectures it is built for (imagePlatforms
 * on the box). An empty list means nobody could tell (registry unreachable): it may go on,
 * unverified, and docker's own error is explained if it fails.
 */
export const checkImagePlatform = (architectures: readonly string[], image?: string): PlatformCheck => {
  const names = [...new Set(architectures.map(normaliseArchitecture))];
  if (names.length === 0) return { ok: true, verified: false };
  if (names.includes(boxArchitecture)) return { ok: true, verified: true };
  const what = image ?? 'This image';
  return {
    ok: false,
    message: `${what} is built only for ${names.join(' and ')}, and the box's CPU is Arm64 (arm64): it would stop at once with "exec format error".`,
    hint: `Pick an image with an arm64 build: NVIDIA's NGC images (nvcr.io/nvidia/…, such as ${arm64ExampleImage}) are built for Arm64, or choose a multi-arch tag whose platforms include linux/arm64.`,
  };
};
