/**
 * `--query-gpu` and `--query-compute-apps` values for the simulated GB10. `[N/A]` exactly where
 * GB10 gives it: every memory field (even with nounits), fan, power limits, memory clocks and
 * temperature (README §0.1, §1.3).
 */
import { computeAppFields, gpuFields, headerCell, type QueryField } from '../../../../../src/remote/parsers/nvidia-smi-fields.js';
import { smiTimestamp } from './clock-format.js';
import { gb10, type GpuSnapshot, type SnapshotProcess } from './gpu-snapshot.js';

export interface CsvFormat {
  readonly header: boolean;
  readonly units: boolean;
}

const na = '[N/A]';

type Value = string | number | null;

const throttleReason = (reason: string, s: GpuSnapshot): Value => {
  if (reason === 'active') return s.idle ? '0x0000000000000001' : '0x0000000000000000';
  if (reason === 'supported') return '0x00000000000001FF';
  if (reason === 'gpu_idle') return s.idle ? 'Active' : 'Not Active';
  return 'Not Active';
};

/** The raw value of one GPU field; numbers get their unit added by the caller. */
const gpuValue = (canonical: string, s: GpuSnapshot): Value => {
  const reason = /^clocks_(?:throttle|event)_reasons\.(.+)$/.exec(canonical);
  if (reason) return throttleReason(reason[1]!, s);
  switch (canonical) {
    case 'timestamp':
      return smiTimestamp(s.at);
    case 'driver_version':
      return s.driverVersion;
    case 'count':
      return 1;
    case 'name':
      return gb10.name;
    case 'uuid':
      return s.uuid;
    case 'pci.bus_id':
      return gb10.busId;
    case 'pci.domain':
      return '0x000F';
    case 'pci.bus':
      return '0x01';
    case 'pci.device':
      return '0x00';
    case 'pci.device_id':
      return gb10.pciDeviceId;
    case 'index':
      return s.index;
    case 'display_mode':
    case 'display_active':
      return s.displayActive ? 'Enabled' : 'Disabled';
    case 'persistence_mode':
      return 'Enabled';
    case 'compute_mode':
      return 'Default';
    case 'compute_cap':
      return gb10.computeCap;
    case 'pstate':
      return s.pstate;
    case 'utilization.gpu':
      return s.utilizationPercent;
    // GB10 reads 0 here (captures (7), (8)): there is no separate memory controller load.
    case 'utilization.memory':
    case 'utilization.encoder':
    case 'utilization.decoder':
      return 0;
    case 'temperature.gpu':
      return s.temperatureC;
    case 'power.draw':
    case 'power.draw.instant':
      return s.powerDrawW.toFixed(2);
    case 'power.draw.average':
      return s.powerAverageW.toFixed(2);
    case 'clocks.current.graphics':
    case 'clocks.current.sm':
      return s.graphicsClockMHz;
    case 'clocks.current.video':
      return s.videoClockMHz;
    case 'clocks.max.graphics':
    case 'clocks.max.sm':
      return gb10.maxGraphicsClockMHz;
    // Everything else is not reported on GB10: memory.*, fan.speed, power limits, memory clocks,
    // temperature.memory, serial, vbios, PCIe link (the GPU sits on C2C, not PCIe; unverified).
    default:
      return null;
  }
};

const cell = (value: Value, field: QueryField, format: CsvFormat): string => {
  if (value === null) return na;
  return format.units && field.unit && field.kind === 'number' ? `${value} ${field.unit}` : String(value);
};

/** Whether every name is a valid --query-gpu field; the first invalid one otherwise. */
export const invalidField = (names: readonly string[], table: ReadonlyMap<string, QueryField>): string | undefined =>
  names.find((name) => !table.has(name));

const render = (header: string | undefined, rows: readonly string[]): string => [...(header === undefined ? [] : [header]), ...rows].map((l) => `${l}\n`).join('');

export const gpuCsvHeader = (names: readonly string[]): string => names.map((n) => headerCell(gpuFields.get(n)!)).join(', ');

export const gpuCsvRows = (names: readonly string[], s: GpuSnapshot, format: CsvFormat): string[] => [
  names.map((name) => cell(gpuValue(gpuFields.get(name)!.canonical, s), gpuFields.get(name)!, format)).join(', '),
];

export const renderQueryGpu = (names: readonly string[], s: GpuSnapshot, format: CsvFormat, withHeader = format.header): string =>
  render(withHeader ? gpuCsvHeader(names) : undefined, gpuCsvRows(names, s, format));

const appValue = (canonical: string, p: SnapshotProcess, s: GpuSnapshot): Value => {
  switch (canonical) {
    case 'timestamp':
      return smiTimestamp(s.at);
    case 'gpu_name':
      return gb10.name;
    case 'gpu_bus_id':
      return gb10.busId;
    case 'gpu_uuid':
      return s.uuid;
    case 'pid':
      return p.pid;
    case 'process_name':
      return p.name;
    case 'used_gpu_memory':
      return p.memoryMiB;
    default:
      return null;
  }
};

/** Compute apps only: graphics-only (G) processes are not listed by --query-compute-apps. */
export const computeProcesses = (s: GpuSnapshot): SnapshotProcess[] => s.processes.filter((p) => p.type !== 'G');

export const renderComputeApps = (names: readonly string[], s: GpuSnapshot, format: CsvFormat, withHeader = format.header): string =>
  render(
    withHeader ? names.map((n) => headerCell(computeAppFields.get(n)!)).join(', ') : undefined,
    computeProcesses(s).map((p) => names.map((n) => cell(appValue(computeAppFields.get(n)!.canonical, p, s), computeAppFields.get(n)!, format)).join(', ')),
  );
