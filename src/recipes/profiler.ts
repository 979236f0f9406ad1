/**
 * Nsight Systems (nsys) on the box, the review's two ways and a third:
 * 1. "server": a server started under `nsys launch` in a privileged container, then collection
 *    windows opened and closed with `nsys start` / `nsys stop` inside that container (docker exec);
 * 2. "system": `sudo nsys profile --sample=system-wide --gpu-metrics-devices=all --duration=N`
 *    from outside every container — it sees GPU metrics, not a container's CUDA calls;
 * 3. "command": `nsys profile --trace=… -o OUT CMD…` of one command on the box.
 * Every line is built here with the one quoting helper; reports go to one folder on the box,
 * mounted at the same path in the server's container so its reports land there too.
 */
import { z } from 'zod';
import { commandLine, type CommandWord } from '../remote/commands/docker.js';
import { checkContainerRef, InvalidDockerArgument, isImageReference } from '../remote/commands/docker-names.js';
import { gpuMetricsDevicesFlag, type NsysVersion } from '../remote/parsers/nsys-version.js';
import { remotePath } from '../remote/quote.js';
import { ContainerRunSpec, runCommand, VolumeMount } from './container-run.js';

export const profilerDefaults = {
  /** Where every report goes on the box (the Files page's "nsys reports" cache folder). */
  reportsDir: '~/pgx-companion/profiles',
  /** The review's `nsys launch --trace=cuda,osrt,nvtx,cublas`. */
  traces: ['cuda', 'osrt', 'nvtx', 'cublas'],
  /** nsys's own default GPU-metrics rate is 10 kHz; the review sampled at 100 kHz. */
  gpuMetricsFrequency: 10_000,
  /** A system-wide capture of 10 s, as the review's `--duration=10`. */
  durationSeconds: 10,
} as const;

export const profilerLimits = {
  /** nsys takes 10 Hz … 200 kHz (its `--gpu-metrics-frequency` help). */
  minFrequency: 10,
  maxFrequency: 200_000,
  /** An hour of system-wide sampling is already a multi-GB report. */
  maxDurationSeconds: 3600,
  words: 1024,
  wordLength: 65_536,
} as const;

/** The four summaries the page shows; nsys runs them in one `nsys stats` call. */
export const statsReportNames = ['cuda_gpu_kern_sum', 'cuda_api_sum', 'osrt_sum', 'nvtx_sum'] as const;
export type StatsReportName = (typeof statsReportNames)[number];

export const traceNames = ['cuda', 'osrt', 'nvtx', 'cublas', 'cudnn', 'opengl', 'mpi', 'ucx'] as const;

/** Session, container and report base names: plain words, so they need no quoting on any shell and stay readable. */
export const CaptureName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (up to 64, not first a symbol)');

const word = z
  .string()
  .min(1)
  .max(profilerLimits.wordLength)
  .refine((w) => !w.includes('\0'), 'NUL bytes cannot be passed to a command');
const Traces = z.array(z.enum(traceNames)).min(1).max(traceNames.length).default([...profilerDefaults.traces]);
const Frequency = z.number().int().min(profilerLimits.minFrequency).max(profilerLimits.maxFrequency).default(profilerDefaults.gpuMetricsFrequency);
const Duration = z.number().int().min(1).max(profilerLimits.maxDurationSeconds);
/** The profiled program's words; the first is the program, never an option nsys would take for its own. */
const Program = z
  .array(word)
  .min(1)
  .max(profilerLimits.words)
  .refine((words) => !words[0]!.startsWith('-'), 'the command starts with a program, not an option');

export const ServerCapture = z.object({
  kind: z.literal('server'),
  /** The nsys session's name; the container is `pgx-nsys-<name>`. */
  name: CaptureName,
  image: z.string().refine(isImageReference, 'an image reference like nvcr.io/nvidia/tensorrt-llm/release:1.2.0rc1'),
  /** The server's command line in the container (`trtllm-serve /workspace/model --port 8000`). */
  serverCommand: Program,
  traces: Traces,
  volumes: z.array(VolumeMount).max(64).default([]),
  network: z.enum(['host', 'bridge']).default('host'),
});

export const SystemCapture = z.object({
  kind: z.literal('system'),
  /** The report's base name. */
  name: CaptureName,
  durationSeconds: Duration.default(profilerDefaults.durationSeconds),
  gpuMetricsFrequency: Frequency,
});

export const CommandCapture = z.object({
  kind: z.literal('command'),
  name: CaptureName,
  command: Program,
  traces: Traces,
  /** Stop after this long; none: when the command ends. */
  durationSeconds: Duration.optional(),
});

export const CaptureSpec = z.discriminatedUnion('kind', [ServerCapture, SystemCapture, CommandCapture]);
export type CaptureSpec = z.infer<typeof CaptureSpec>;
export type CaptureSpecInput = z.input<typeof CaptureSpec>;
export type ServerCapture = z.infer<typeof ServerCapture>;

/** A collection window in a server's session (mode 1). */
export const CaptureWindow = z.object({
  container: z.string().min(1).max(128),
  session: CaptureName,
  /** The report's base name. */
  name: CaptureName,
  gpuMetricsFrequency: Frequency,
});
export type CaptureWindow = z.infer<typeof CaptureWindow>;

/** The container a server capture runs in. */
export const serverContainerName = (name: string): string => `pgx-nsys-${CaptureName.parse(name)}`;

/** The label that marks a container as a profiled server (its value: the nsys session). */
export const profilerLabel = 'pgx-companion.nsys-session';

/** `DIR/NAME` (nsys adds `.nsys-rep`); DIR is absolute or `~/…`. */
export const reportBase = (dir: string, name: string): string => `${dir.replace(/\/+$/, '')}/${CaptureName.parse(name)}`;

export const reportFile = (dir: string, name: string): string => `${reportBase(dir, name)}.nsys-rep`;

const tracesWord = (traces: readonly string[]) => `--trace=${traces.join(',')}`;

/**
 * Mode 1's container: privileged (nsys needs perf events and the GPU-metrics counters inside
 * it), all GPUs, the host's IPC, the reports folder mounted at the same absolute path so a
 * report written in the container is a file of the box; the server runs under `nsys launch`.
 */
export const serverRunSpec = (capture: ServerCapture, reportsDir: string): ContainerRunSpec => {
  if (!reportsDir.startsWith('/')) throw new InvalidDockerArgument('The reports folder must be an absolute path to mount it in the container.');
  return ContainerRunSpec.parse({
    image: capture.image,
    name: serverContainerName(capture.name),
    gpus: 'all',
    ipcHost: true,
    network: capture.network,
    privileged: true,
    restart: 'no',
    volumes: [...capture.volumes.filter((v) => v.container !== reportsDir), { host: reportsDir, container: reportsDir }],
    labels: { [profilerLabel]: capture.name },
    command: ['nsys', 'launch', tracesWord(capture.traces), `--session-new=${capture.name}`, '--show-output=true', ...capture.serverCommand],
  });
};

export const serverRunCommand = (capture: ServerCapture, reportsDir: string, options: { readonly multiline?: boolean } = {}): string =>
  runCommand(serverRunSpec(capture, reportsDir), options);

/** `nsys start` in the server's container: system-wide sampling and GPU metrics, as the review. */
export const startWindowCommand = (window: CaptureWindow, reportsDir: string, version: NsysVersion | null): string =>
  commandLine(
    'docker',
    'exec',
    checkContainerRef(window.container),
    'nsys',
    'start',
    '--sample=system-wide',
    `${gpuMetricsDevicesFlag(version)}=all`,
    `--gpu-metrics-frequency=${window.gpuMetricsFrequency}`,
    `--session=${CaptureName.parse(window.session)}`,
    '-o',
    remotePath(reportBase(reportsDir, window.name)),
  );

/** `nsys stop`: ends the window and writes its report (the server keeps running); null: a session on the box itself. */
export const stopWindowCommand = (container: string | null, session: string): string =>
  commandLine(...(container === null ? [] : ['docker', 'exec', checkContainerRef(container)]), 'nsys', 'stop', `--session=${CaptureName.parse(session)}`);

/** Mode 2 and 3's `nsys profile …` line (it runs as a host job). */
export const profileCommand = (capture: Exclude<CaptureSpec, ServerCapture>, reportsDir: string, version: NsysVersion | null): string => {
  const out = remotePath(reportBase(reportsDir, capture.name));
  if (capture.kind === 'system') {
    // `-n`: never wait for a password nobody can type into a detached job; the failure says so.
    return commandLine('sudo', '-n', 'nsys', 'profile', '--sample=system-wide', `${gpuMetricsDevicesFlag(version)}=all`, `--gpu-metrics-frequency=${capture.gpuMetricsFrequency}`, `--duration=${capture.durationSeconds}`, '-o', out);
  }
  const words: CommandWord[] = ['nsys', 'profile', tracesWord(capture.traces), capture.durationSeconds === undefined ? undefined : `--duration=${capture.durationSeconds}`, '-o', out, ...capture.command];
  return commandLine(...words);
};

/** What mode 2 cannot see, shown with its command. */
export const systemWideCaveat =
  'System-wide sampling from outside the containers records GPU metrics (SM activity, memory bandwidth) for the whole box, but not the CUDA calls or kernels of a process inside a container: use "Server from launch" for those.';

export const nsysVersionCommand = (): string => 'nsys --version';

/** `nsys sessions list`, on the box or inside a profiled server's container. */
export const sessionsListCommand = (container?: string): string =>
  container === undefined ? 'nsys sessions list' : commandLine('docker', 'exec', checkContainerRef(container), 'nsys', 'sessions', 'list');

/** The four summaries of one report as CSV sections (nsys writes the .sqlite beside it first). */
export const statsCommand = (report: string, reports: readonly StatsReportName[] = statsReportNames): string => {
  if (!report.endsWith('.nsys-rep')) throw new InvalidDockerArgument(`${report} is not an .nsys-rep report.`);
  return commandLine('nsys', 'stats', '--report', reports.join(','), '--format', 'csv', remotePath(report));
};
