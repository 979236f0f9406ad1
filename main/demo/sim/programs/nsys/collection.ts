/**
 * Collection switches shared by profile / launch / start: trace list, CPU sampling, GPU
 * metrics, duration and delay, stats. Bad values end the command with nsys-style errors.
 */
import type { SimNsysCollection } from '../../state.js';
import { checkGpuMetrics } from './console.js';
import { isTrue, traceList } from './options.js';

export interface CollectionRequest {
  readonly collection: SimNsysCollection;
  readonly cpuctxsw: string;
  /** Seconds; undefined = until the application exits or `nsys stop`. */
  readonly duration: number | undefined;
  readonly delay: number;
  readonly gpuMetrics: boolean;
}

export type CollectionParse = ({ readonly ok: true } & CollectionRequest) | { readonly ok: false; readonly code: number; readonly stdout: string; readonly stderr: string };

const samples = ['process-tree', 'system-wide', 'none', 'cpu'];
const switchModes = ['process-tree', 'system-wide', 'none'];

const seconds = (value: string | undefined): number | undefined | 'bad' => {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : 'bad';
};

export const parseCollection = (values: Map<string, string>, inherited?: SimNsysCollection): CollectionParse => {
  const metrics = checkGpuMetrics(values);
  if (metrics.kind === 'exit') return { ok: false, code: metrics.code, stdout: metrics.stdout, stderr: metrics.stderr };
  const sample = values.get('--sample') ?? inherited?.sample ?? 'process-tree';
  // SYNTH: nsys rejects unknown switch values with an "Illegal … argument" line like this one.
  if (!samples.includes(sample)) return { ok: false, code: 1, stdout: '', stderr: `Illegal --sample argument: ${sample}. Possible values are 'process-tree', 'system-wide', 'none'.\n` };
  const cpuctxsw = values.get('--cpuctxsw') ?? (sample === 'none' ? 'none' : 'process-tree');
  if (!switchModes.includes(cpuctxsw)) return { ok: false, code: 1, stdout: '', stderr: `Illegal --cpuctxsw argument: ${cpuctxsw}. Possible values are 'process-tree', 'system-wide', 'none'.\n` };
  const duration = seconds(values.get('--duration'));
  const delay = seconds(values.get('--delay'));
  if (duration === 'bad' || delay === 'bad') {
    const which = duration === 'bad' ? '--duration' : '--delay';
    return { ok: false, code: 1, stdout: '', stderr: `Illegal ${which} argument: ${values.get(which)}. It must be a non-negative number of seconds.\n` };
  }
  const traceValue = values.get('--trace');
  const devices = values.has('--gpu-metrics-devices') ? metrics.devices : (inherited?.gpuMetricsDevices ?? 'none');
  return {
    ok: true,
    collection: {
      traces: traceValue !== undefined || !inherited ? traceList(traceValue) : inherited.traces,
      sample,
      gpuMetricsDevices: devices,
      gpuMetricsFrequency: metrics.frequency ?? inherited?.gpuMetricsFrequency,
      stats: values.has('--stats') ? isTrue(values.get('--stats')) : (inherited?.stats ?? false),
    },
    cpuctxsw,
    duration,
    delay: delay ?? 0,
    gpuMetrics: devices !== 'none',
  };
};
