/**
 * `nvidia-smi --query-gpu=… --format=csv…`: the rows as read against the asked-for fields, plus
 * the typed reading telemetry needs. On GB10 the memory fields are always null (`[N/A]`): the
 * memory of record is /proc/meminfo.
 */
import { gpuFields } from './nvidia-smi-fields.js';
import { type QueryRow, type SmiCsvResult, parseSmiCsv, rowNumber, rowText } from './nvidia-smi-csv.js';

export type { QueryRow, QueryValue, SmiCsv, SmiCsvResult } from './nvidia-smi-csv.js';

export const parseQueryGpu = (output: string, fields: string | readonly string[]): SmiCsvResult => parseSmiCsv(output, fields, gpuFields);

/** One GPU's reading; a field that was not asked for, or that the GPU does not report, is null. */
export interface GpuReading {
  readonly index: number | null;
  readonly name: string | null;
  readonly uuid: string | null;
  readonly busId: string | null;
  readonly pstate: string | null;
  readonly utilizationPercent: number | null;
  readonly memoryUtilizationPercent: number | null;
  readonly temperatureC: number | null;
  readonly powerDrawW: number | null;
  readonly powerLimitW: number | null;
  readonly graphicsClockMHz: number | null;
  readonly smClockMHz: number | null;
  readonly memoryClockMHz: number | null;
  readonly memoryTotalMiB: number | null;
  readonly memoryUsedMiB: number | null;
  readonly memoryFreeMiB: number | null;
  readonly fanPercent: number | null;
}

/** The first of several spellings that the row has. */
const pick = (row: QueryRow, names: readonly string[]): number | null => {
  for (const name of names) if (name in row) return rowNumber(row, name);
  return null;
};

const pickText = (row: QueryRow, names: readonly string[]): string | null => {
  for (const name of names) if (name in row) return rowText(row, name);
  return null;
};

export const toGpuReading = (row: QueryRow): GpuReading => ({
  index: pick(row, ['index']),
  name: pickText(row, ['name', 'gpu_name']),
  uuid: pickText(row, ['uuid', 'gpu_uuid']),
  busId: pickText(row, ['pci.bus_id', 'gpu_bus_id']),
  pstate: pickText(row, ['pstate']),
  utilizationPercent: pick(row, ['utilization.gpu']),
  memoryUtilizationPercent: pick(row, ['utilization.memory']),
  temperatureC: pick(row, ['temperature.gpu']),
  powerDrawW: pick(row, ['power.draw', 'power.draw.instant', 'power.draw.average']),
  powerLimitW: pick(row, ['power.limit', 'enforced.power.limit']),
  graphicsClockMHz: pick(row, ['clocks.gr', 'clocks.current.graphics']),
  smClockMHz: pick(row, ['clocks.sm', 'clocks.current.sm']),
  memoryClockMHz: pick(row, ['clocks.mem', 'clocks.current.memory']),
  memoryTotalMiB: pick(row, ['memory.total']),
  memoryUsedMiB: pick(row, ['memory.used']),
  memoryFreeMiB: pick(row, ['memory.free']),
  fanPercent: pick(row, ['fan.speed']),
});
