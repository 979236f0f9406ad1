/**
 * The GB10 simulator's model of one box. Everything the simulated tools print is derived from
 * this state plus the clock (see dynamics.ts), so separate commands agree with each other:
 * `docker run` then `docker ps`, a model loading then `/proc/meminfo` showing it.
 *
 * The state is plain JSON: the shims (real executables under a real sshd) keep it in a file
 * shared between processes; the demo box keeps it in memory.
 */
import type { FaultName } from './faults.js';
import type { ServerFaults } from './servers/server-faults.js';

export type Sku = '128' | '64';

export interface BoxSpec {
  readonly sku: Sku;
  readonly hostname: string;
  /** Marketing name, for the UI's "what box is this" line. */
  readonly product: string;
  /** /proc/meminfo MemTotal in kB. Varies per unit; never exactly 128 GiB (see captures). */
  readonly memTotalKb: number;
  readonly swapTotalKb: number;
  readonly driverVersion: string;
  readonly nvmlVersion: string;
  readonly cudaVersion: string;
  readonly kernel: string;
  readonly dgxOsVersion: string;
  readonly ubuntuVersion: string;
  readonly nsysVersion: string;
  readonly dockerVersion: string;
  readonly diskTotalBytes: number;
  /** Bytes used on / before anything the simulation adds (OS, CUDA, images counted separately). */
  readonly diskBaseUsedBytes: number;
  readonly user: string;
}

export type ContainerState = 'created' | 'running' | 'exited' | 'restarting' | 'paused' | 'dead';

/** What a container runs, recognised from its image and command; decides logs, ports, GPU use. */
export type WorkloadKind =
  | 'vllm'
  | 'trtllm'
  | 'sglang'
  | 'ollama'
  | 'llama-server'
  | 'jupyter'
  | 'open-webui'
  | 'llamafactory'
  | 'pytorch'
  | 'generic'
  /** DGX OS's own dashboard service: the kind of a server the box runs, never of a container. */
  | 'dgx-dashboard';

export interface PortMapping {
  readonly hostIp: string; // '0.0.0.0' or '127.0.0.1'
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol: 'tcp' | 'udp';
}

export interface SimContainer {
  readonly id: string; // 64 hex
  name: string;
  readonly image: string; // as given, e.g. 'nvcr.io/nvidia/vllm:25.09-py3'
  readonly imageId: string;
  readonly command: readonly string[]; // the argv after the image
  readonly entrypoint: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly env: readonly string[];
  readonly ports: readonly PortMapping[];
  readonly mounts: ReadonlyArray<{ readonly source: string; readonly destination: string; readonly mode: string }>;
  readonly gpus: string | undefined; // '--gpus' value
  readonly ipcHost: boolean;
  readonly privileged: boolean;
  readonly restartPolicy: string;
  readonly networkMode: string;
  readonly createdAt: number;
  state: ContainerState;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  exitCode: number;
  readonly workload: WorkloadKind;
  /** Pid of the main process inside (host pid namespace view). */
  pid: number | undefined;
  /**
   * When the main process ends by itself (a one-shot command, an engine that fails during
   * startup): docker commands apply it once the clock has passed `at`. Optional: docker only.
   */
  exitAt?: { readonly at: number; readonly code: number } | undefined;
  /** The kernel's OOM killer ended its main process (inspect's State.OOMKilled). */
  oomKilled?: boolean | undefined;
  /** Settings only docker shows back (inspect's Config and HostConfig). Optional: docker only. */
  extras?: SimContainerExtras | undefined;
}

/** `docker run` options that change nothing else in the simulation but must round-trip to inspect. */
export interface SimContainerExtras {
  /** Config.Entrypoint as words (`entrypoint` above is their joined form). */
  readonly entrypoint: readonly string[];
  readonly autoRemove: boolean;
  readonly shmSizeBytes: number;
  readonly ulimits: ReadonlyArray<{ readonly name: string; readonly soft: number; readonly hard: number }>;
  readonly init: boolean;
  readonly workingDir: string;
  readonly user: string;
  readonly tty: boolean;
  readonly openStdin: boolean;
  readonly hostname: string;
  readonly runtime: string;
  readonly platform: string | undefined;
  readonly capAdd: readonly string[];
  readonly devices: readonly string[];
  readonly securityOpt: readonly string[];
  readonly pidMode: string;
}

export interface SimImage {
  readonly id: string; // 'sha256:' + 64 hex
  readonly repository: string;
  readonly tag: string;
  readonly digest: string;
  readonly sizeBytes: number;
  readonly architecture: 'arm64' | 'amd64';
  /** Multi-arch images offer arm64 even when pulled by tag on an x86 registry page. */
  readonly platforms: ReadonlyArray<'arm64' | 'amd64'>;
  readonly createdAt: number;
  readonly layers: ReadonlyArray<{ readonly id: string; readonly sizeBytes: number }>;
}

/** A process using the GPU, as nvidia-smi --query-compute-apps and the process table show it. */
export interface SimGpuProcess {
  readonly pid: number;
  readonly name: string; // 'VLLM::EngineCore', 'python3', '/usr/local/bin/ollama', ...
  readonly type: 'C' | 'G' | 'C+G';
  /** Memory it holds once loaded, MiB. While loading it ramps from 0 over loadMs. */
  readonly memoryMiB: number;
  readonly startedAt: number;
  readonly loadMs: number;
  readonly containerId: string | undefined;
  /** Weights read from disk land in the page cache (GiB of model files). */
  readonly fileCacheMiB: number;
}

/**
 * One segment of load from one source (a server with requests in flight, a training run, a
 * download). Segments are never edited: a change of load ends the open segment and starts a new
 * one (see activity.ts), so counters integrated over them only ever grow.
 */
export interface ActivitySource {
  readonly id: string;
  /** 0–100, the GPU utilization this source alone causes. */
  readonly util: number;
  /** CPU cores it keeps busy (0–20). */
  readonly cpuCores: number;
  /** Network bytes/s it moves on enP7s7 (e.g. a download). */
  readonly netRxBytesPerSec: number;
  readonly since: number;
  until: number | undefined;
}

/** Segments older than an hour, folded into totals so the state stays small. */
export interface RetiredCounters {
  readonly cpuBusyTicks: number[];
  netRxBytes: number;
}

/** A change of total GPU utilization, kept so temperature and power can lag behind it. */
export interface UtilChange {
  readonly at: number;
  readonly util: number;
}

export interface SimOllamaModel {
  readonly name: string; // 'qwen3:30b-a3b'
  readonly digest: string; // 64 hex
  readonly sizeBytes: number;
  readonly modifiedAt: number;
  readonly family: string;
  readonly parameterSize: string; // '30.5B'
  readonly quantization: string; // 'Q4_K_M'
  readonly modelfile: string;
  /**
   * The manifest's blobs (model weights first). Optional so older state files still load; set by
   * ollama-model.ts so pulls reuse blobs they share and `ollama show` can name the weights blob.
   */
  readonly layers?: readonly SimOllamaLayer[];
  /** Context length the weights were trained for (`ollama show`'s "context length"). */
  readonly contextLength?: number;
  readonly capabilities?: readonly string[];
}

export interface SimOllamaLayer {
  readonly digest: string; // 'sha256:' + 64 hex
  readonly sizeBytes: number;
  readonly kind: 'model' | 'template' | 'params' | 'system' | 'license' | 'adapter';
}

export interface SimOllamaLoaded {
  readonly name: string;
  readonly sizeVramBytes: number;
  readonly expiresAt: number;
  readonly contextLength: number;
  /** The runner's SimGpuProcess (optional: older state files). */
  readonly pid?: number;
}

export interface SimNsysSession {
  readonly name: string; // 'profile-30763' or --session-new NAME
  readonly launchedCommand: string;
  readonly createdAt: number;
  collecting: boolean;
  collectionStartedAt: number | undefined;
  /** Output file chosen by `nsys start -o`. */
  output: string | undefined;
  readonly pid: number;
  /** `profile` sessions end with their `nsys profile` process; `launch` sessions (the default) outlive collections. */
  readonly kind?: 'profile' | 'launch';
  /** What the current (or next) collection records, as profile/launch/start set it. */
  collection?: SimNsysCollection;
  /** Set for a session launched as a container's command: it lives while that container runs. */
  readonly containerId?: string;
}

/** Collection settings of an nsys session (written into the report so `nsys stats` can tell what it holds). */
export interface SimNsysCollection {
  readonly traces: readonly string[];
  readonly sample: string;
  readonly gpuMetricsDevices: string;
  readonly gpuMetricsFrequency: number | undefined;
  /** `--stats=true`: the report is followed by a .sqlite and the summary tables. */
  readonly stats: boolean;
}

/**
 * How fast simulated work happens. The demo box uses values a person can watch (a model loads in
 * seconds, not minutes); tests turn them down further. Real boxes are slower; the UI never assumes
 * these numbers.
 */
export interface SimTuning {
  /** Download speed of pulls and model downloads, bytes/s (slow-network divides it by 50). */
  downloadBytesPerSec: number;
  /** From `docker run` of an engine to /health answering. */
  serverReadyMs: number;
  /** Default time to first token and inter-token delay of simulated model servers. */
  ttftMs: number;
  tokenDelayMs: number;
  /** Requests a simulated server runs at once. */
  serverConcurrency: number;
  /** One LLaMA Factory optimizer step. */
  trainStepMs: number;
  /** llama.cpp convert / quantize, per GiB of model. */
  convertMsPerGiB: number;
  /** Size of a simulated nsys report per second of capture, bytes. */
  nsysBytesPerSec: number;
  /** Share of model-server requests that fail on purpose (HTTP 500, cut stream, stall); see servers/server-faults.ts. */
  serverFaults?: ServerFaults;
}

export interface SimState {
  readonly version: 1;
  readonly box: BoxSpec;
  tuning: SimTuning;
  readonly bootedAt: number;
  faults: Partial<Record<FaultName, boolean>>;
  containers: SimContainer[];
  images: SimImage[];
  gpuProcesses: SimGpuProcess[];
  activity: ActivitySource[];
  retired: RetiredCounters;
  utilHistory: UtilChange[];
  ollama: {
    models: SimOllamaModel[];
    loaded: SimOllamaLoaded[];
    serving: boolean;
    /** Bytes already downloaded per blob digest of interrupted pulls (pulls resume from here). */
    partial?: Record<string, number>;
  };
  nsysSessions: SimNsysSession[];
  nextPid: number;
  /** Bumped on every write; lets a reader tell that the state moved. */
  revision: number;
}
