/**
 * `nvidia-smi --query-compute-apps=pid,process_name,used_memory[,gpu_uuid,gpu_name] --format=csv…`.
 * Per-process GPU memory works on GB10 even though the device memory fields do not. With the
 * header and nothing running, the output is the header alone (capture (9)): zero apps, not an error.
 */
import { computeAppFields } from './nvidia-smi-fields.js';
import { parseSmiCsv, rowNumber, rowText } from './nvidia-smi-csv.js';

export interface ComputeApp {
  readonly pid: number | null;
  readonly processName: string | null;
  /** MiB; null when not asked for or not readable (`[N/A]`, `[Insufficient Permissions]`). */
  readonly usedMemoryMiB: number | null;
  readonly gpuUuid: string | null;
  readonly gpuName: string | null;
  readonly gpuBusId: string | null;
}

export type ComputeAppsResult =
  | { readonly ok: true; readonly apps: readonly ComputeApp[]; readonly hadHeader: boolean }
  | { readonly ok: false; readonly reason: string };

const first = (fields: readonly string[], names: readonly string[]): string | undefined => names.find((n) => fields.includes(n));

export const parseComputeApps = (output: string, fields: string | readonly string[]): ComputeAppsResult => {
  const parsed = parseSmiCsv(output, fields, computeAppFields);
  if (!parsed.ok) return parsed;
  const { csv } = parsed;
  const num = (row: (typeof csv.rows)[number], names: readonly string[]) => {
    const name = first(csv.fields, names);
    return name === undefined ? null : rowNumber(row, name);
  };
  const str = (row: (typeof csv.rows)[number], names: readonly string[]) => {
    const name = first(csv.fields, names);
    return name === undefined ? null : rowText(row, name);
  };
  return {
    ok: true,
    hadHeader: csv.hadHeader,
    apps: csv.rows.map((row) => ({
      pid: num(row, ['pid']),
      processName: str(row, ['process_name', 'name']),
      usedMemoryMiB: num(row, ['used_memory', 'used_gpu_memory']),
      gpuUuid: str(row, ['gpu_uuid']),
      gpuName: str(row, ['gpu_name']),
      gpuBusId: str(row, ['gpu_bus_id']),
    })),
  };
};
