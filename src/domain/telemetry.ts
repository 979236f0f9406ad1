import { z } from 'zod';

/**
 * One telemetry sample of a box: what the dashboard draws. Null means "the box did not say"
 * (nvidia-smi's [N/A] / Not Supported, a missing file) — never a made-up zero.
 */
export const GpuSample = z.object({
  utilizationPercent: z.number().nullable(),
  temperatureC: z.number().nullable(),
  powerW: z.number().nullable(),
  graphicsClockMHz: z.number().nullable(),
  pstate: z.string().nullable(),
  /** Active clock-throttle reasons as nvidia-smi names them (empty when none). */
  throttled: z.boolean().nullable(),
});
export type GpuSample = z.infer<typeof GpuSample>;

/** Unified memory from /proc/meminfo: used = MemTotal − MemAvailable; cache shown apart. */
export const MemorySample = z.object({
  totalBytes: z.number(),
  usedBytes: z.number(),
  cacheBytes: z.number(),
  freeBytes: z.number(),
  swapTotalBytes: z.number(),
  swapUsedBytes: z.number(),
});
export type MemorySample = z.infer<typeof MemorySample>;

export const CoreSample = z.object({
  core: z.number().int(),
  busyPercent: z.number().nullable(),
  /** 'big' = Cortex-X925, 'little' = Cortex-A725 (from lscpu at connect); null when unknown. */
  cluster: z.enum(['big', 'little']).nullable(),
});

export const NetSample = z.object({
  name: z.string(),
  rxBytesPerSec: z.number().nullable(),
  txBytesPerSec: z.number().nullable(),
  /** /sys/class/net/NAME/operstate: up, down, unknown … */
  state: z.string().nullable(),
  /** Mbit/s from /sys/class/net/NAME/speed, null when the link has none (Wi-Fi, down). */
  speedMbps: z.number().nullable(),
});

export const DiskSample = z.object({
  mount: z.string(),
  sizeBytes: z.number(),
  usedBytes: z.number(),
  availableBytes: z.number(),
});

export const GpuProcessSample = z.object({
  pid: z.number().int(),
  name: z.string(),
  /** GPU memory it holds, bytes (null where the driver does not say). */
  memoryBytes: z.number().nullable(),
  /** The docker container it belongs to, when it does. */
  container: z.string().nullable(),
});

export const TelemetrySample = z.object({
  /** When it was taken: the box's clock where the collector reports it, else when the laptop received it (ms since epoch). */
  at: z.number(),
  gpu: GpuSample.nullable(),
  memory: MemorySample.nullable(),
  cpuBusyPercent: z.number().nullable(),
  cores: z.array(CoreSample),
  load: z.tuple([z.number(), z.number(), z.number()]).nullable(),
  net: z.array(NetSample),
  disks: z.array(DiskSample),
  uptimeSeconds: z.number().nullable(),
  processes: z.array(GpuProcessSample),
});
export type TelemetrySample = z.infer<typeof TelemetrySample>;

/** Facts read once per connection (driver, CUDA, OS, CPU layout). */
export const BoxFacts = z.object({
  hostname: z.string().nullable(),
  gpuName: z.string().nullable(),
  driverVersion: z.string().nullable(),
  cudaVersion: z.string().nullable(),
  os: z.string().nullable(),
  kernel: z.string().nullable(),
  arch: z.string().nullable(),
});
export type BoxFacts = z.infer<typeof BoxFacts>;
