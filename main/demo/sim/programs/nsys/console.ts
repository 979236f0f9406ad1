/**
 * nsys console text: the report-generation tail (`Generating '/tmp/nsys-report-XXXX.qdstrm'`,
 * `[1/1] [====67%    ] name.nsys-rep` frames, `Generated:` + TAB + path), the CPU-sampling
 * warnings a non-root user gets on DGX OS (perf_event_paranoid=4, README gotcha 13), and the
 * GPU-metrics help/errors for the GB10's `gb20b` metric set.
 *
 * Lines marked SYNTH below were not captured verbatim; they follow the user guide's wording.
 */
import { digestHex } from '../../catalogue.js';
import type { SimIO } from '../../io.js';

/** The bar is 28 cells; the percentage label sits at the end of the filled part. */
const barCells = 28;

export const progressBar = (percent: number): string => {
  const label = `${percent}%`;
  const filled = Math.max(label.length, Math.floor((percent / 100) * barCells));
  return `[${'='.repeat(filled - label.length)}${label}${' '.repeat(barCells - filled)}]`;
};

/** The frames the capture shows for one report: 0, 0, 33, 67, 83, 100, 100. */
export const generationPercents = [0, 0, 33, 67, 83, 100, 100] as const;

export const qdstrmName = (seed: string): string => `/tmp/nsys-report-${digestHex(`qdstrm:${seed}`, 4)}.qdstrm`;

export const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export const generatedBlock = (paths: readonly string[]): string => `Generated:\n${paths.map((p) => `\t${p}\n`).join('')}`;

export const isRoot = (io: SimIO): boolean => (io.env['USER'] ?? io.read().box.user) === 'root';

/** Warnings for CPU sampling / context-switch tracing when perf is closed to this user. */
export const cpuWarnings = (io: SimIO, sample: string, cpuctxsw: string): string => {
  if (isRoot(io)) return '';
  let out = '';
  if (sample !== 'none') out += "WARNING: CPU IP/backtrace sampling not supported, disabling.\nTry the 'nsys status --environment' command to learn more.\n\n";
  if (cpuctxsw !== 'none') out += "WARNING: CPU context switch tracing not supported, disabling.\nTry the 'nsys status --environment' command to learn more.\n\n";
  return out;
};

/** GB10's GPU as nsys names it for GPU metrics (the chip is GB20B). */
export const gpuMetricsLine = 'GPU 0: General Metrics for NVIDIA GB20B (any frequency)\n';

// SYNTH: layout from the user guide's `--gpu-metrics-devices=help` example, GB10 values.
export const gpuDevicesHelp =
  'Possible --gpu-metrics-devices values are:\n\t0: Blackwell GB20B | NVIDIA GB10 PCI[0000:000f:01:00.0]\n\tall: Select all supported GPUs\n\tcuda-visible: Select GPUs that match CUDA_VISIBLE_DEVICES\n\tnone: Disable GPU Metrics [Default]\n';

export const gpuSetsHelp =
  'Possible --gpu-metrics-set values are:\n\tgb20b        : General Metrics for NVIDIA GB20B (any frequency)\n\tfile:<file name> : use metric set from a given file\n';

export const gpuMetricLimits = {
  /** nsys accepts 10 Hz … 200 kHz; default 10 kHz. */
  minHz: 10,
  maxHz: 200_000,
} as const;

export type MetricsCheck = { readonly kind: 'ok'; readonly devices: string; readonly frequency: number | undefined } | { readonly kind: 'exit'; readonly code: number; readonly stdout: string; readonly stderr: string };

/** Validates the GPU-metrics switches: help lists, the gb20b-only set, the frequency range. */
export const checkGpuMetrics = (values: Map<string, string>): MetricsCheck => {
  const devices = values.get('--gpu-metrics-devices') ?? 'none';
  const set = values.get('--gpu-metrics-set');
  const frequency = values.get('--gpu-metrics-frequency');
  if (devices === 'help') return { kind: 'exit', code: 0, stdout: gpuDevicesHelp, stderr: '' };
  if (set === 'help') return { kind: 'exit', code: 0, stdout: gpuSetsHelp, stderr: '' };
  if (!/^(all|none|cuda-visible|\d+(,\d+)*)$/.test(devices) || /(^|,)([1-9]\d*)/.test(devices)) {
    return { kind: 'exit', code: 1, stdout: '', stderr: `Illegal --gpu-metrics-devices argument: ${devices}.\n${gpuDevicesHelp}` };
  }
  // A metric set of another chip (ga100, gh100, tu10x …) is a hard error on GB10.
  if (set !== undefined && set.toLowerCase() !== 'gb20b' && !set.startsWith('file:')) {
    return { kind: 'exit', code: 1, stdout: '', stderr: `Illegal --gpu-metrics-set argument: ${set}.\n${gpuSetsHelp}` };
  }
  if (frequency !== undefined) {
    const hz = Number(frequency);
    if (!Number.isInteger(hz) || hz < gpuMetricLimits.minHz || hz > gpuMetricLimits.maxHz) {
      return { kind: 'exit', code: 1, stdout: '', stderr: `Illegal --gpu-metrics-frequency argument: ${frequency}. Possible values are integers in the range [${gpuMetricLimits.minHz}, ${gpuMetricLimits.maxHz}].\n` };
    }
  }
  return { kind: 'ok', devices, frequency: frequency === undefined ? undefined : Number(frequency) };
};

/** `Failed to create '…': File exists.` + the hint (capture). */
export const fileExistsError = (path: string): string => `Failed to create '${path}': File exists.\nUse \`--force-overwrite true\` to overwrite existing files.\n`;

/** Prints the generation frames of one step with short pauses (report post-processing). */
export const printFrames = async (io: SimIO, step: string, name: string, totalMs: number): Promise<boolean> => {
  for (const percent of generationPercents) {
    io.write(`${step} ${progressBar(percent)} ${name}\n`);
    if (!(await io.sleep(totalMs / generationPercents.length))) return false;
  }
  return true;
};
