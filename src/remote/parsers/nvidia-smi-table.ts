/**
 * Plain `nvidia-smi` (the summary table). Column widths differ by driver (580 `+---` under the
 * banner, 550/570 `|---`, 535 narrower, wider PID column in 580), so every row is read by
 * splitting on `|` and matching each cell with a regex — never by fixed columns.
 */
import { isNullCell, outputLines, parseNumberCell, parseTextCell, smiErrorLine } from './nvidia-smi-values.js';

export interface SmiTableGpu {
  readonly index: number;
  readonly name: string;
  readonly persistenceMode: boolean | null;
  readonly busId: string | null;
  readonly displayActive: boolean | null;
  /** Volatile uncorrected ECC count, or the text shown instead ('Off'); null for N/A. */
  readonly ecc: string | null;
  readonly fanPercent: number | null;
  readonly temperatureC: number | null;
  readonly perfState: string | null;
  readonly powerDrawW: number | null;
  readonly powerCapW: number | null;
  /** Null when the cell says `Not Supported` (GB10: unified memory). */
  readonly memoryUsedMiB: number | null;
  readonly memoryTotalMiB: number | null;
  readonly utilizationPercent: number | null;
  readonly computeMode: string | null;
  readonly migMode: string | null;
}

export interface SmiTableProcess {
  readonly gpu: number | null;
  readonly gi: number | null;
  readonly ci: number | null;
  readonly pid: number;
  /** C (compute), G (graphics), M (MPS), or combinations such as C+G. */
  readonly type: string;
  /** As printed: long names are cut on the left to `...tail` by nvidia-smi. */
  readonly name: string;
  readonly memoryMiB: number | null;
}

export interface SmiTable {
  /** The ctime-style line above the table, when present. */
  readonly timestamp: string | null;
  readonly smiVersion: string | null;
  readonly driverVersion: string | null;
  readonly cudaVersion: string | null;
  readonly gpus: readonly SmiTableGpu[];
  /** Empty for "No running processes found"; null when the output had no Processes table. */
  readonly processes: readonly SmiTableProcess[] | null;
}

export type SmiTableResult = { readonly ok: true; readonly table: SmiTable } | { readonly ok: false; readonly reason: string };

const cellsOf = (line: string): string[] | undefined => {
  const trimmed = line.trimEnd();
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|')) return undefined;
  return trimmed.slice(1, -1).split('|');
};

const isRule = (line: string) => /^[+|][-=+|]+$/.test(line.trim());

const onOff = (text: string | undefined): boolean | null => (text === 'On' ? true : text === 'Off' ? false : null);

const banner = /NVIDIA-SMI\s+(\S+)\s+Driver Version:\s+(\S+)(?:\s+CUDA Version:\s+(\S+))?/;
const ctimeLine = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}\s*$/;
const firstGpuCell = /^\s*(\d+)\s+(.*?)\s+(On|Off)\s*$/;
const firstGpuCellNoPersistence = /^\s*(\d+)\s+(.*?)\s*$/;
const busCell = /^\s*([0-9A-Fa-f]+:[0-9A-Fa-f]+:[0-9A-Fa-f]+\.[0-9A-Fa-f]+)\s+(On|Off|N\/A)?\s*$/;
const statusCell = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*\/\s*(\S+)\s*$/;
const memoryCell = /^\s*(\d+)\s*MiB\s*\/\s*(\d+)\s*MiB\s*$/;
const utilCell = /^\s*(\S+)\s+(.+?)\s*$/;
const processRow = /^\s*(\d+|N\/A)\s+(\S+)\s+(\S+)\s+(\d+)\s+([CGM](?:\+[CGM])*)\s+(.*?)\s+(\S+)\s*$/;
const oldProcessRow = /^\s*(\d+)\s+(\d+)\s+([CGM](?:\+[CGM])*)\s+(.*?)\s+(\S+)\s*$/;

const intOrNull = (text: string | undefined): number | null => {
  const value = parseNumberCell(text);
  return value === null ? null : Math.trunc(value);
};

interface GpuDraft {
  index: number;
  name: string;
  persistenceMode: boolean | null;
  busId: string | null;
  displayActive: boolean | null;
  ecc: string | null;
  status?: string[];
  migMode: string | null;
}

const parseStatusRow = (cells: readonly string[]): Omit<SmiTableGpu, 'index' | 'name' | 'persistenceMode' | 'busId' | 'displayActive' | 'ecc' | 'migMode'> => {
  const status = statusCell.exec(cells[0] ?? '');
  const memory = memoryCell.exec(cells[1] ?? '');
  const util = utilCell.exec(cells[2] ?? '');
  return {
    fanPercent: parseNumberCell(status?.[1]),
    temperatureC: parseNumberCell(status?.[2]),
    perfState: parseTextCell(status?.[3]),
    powerDrawW: parseNumberCell(status?.[4]),
    powerCapW: parseNumberCell(status?.[5]),
    memoryUsedMiB: memory ? Number(memory[1]) : null,
    memoryTotalMiB: memory ? Number(memory[2]) : null,
    utilizationPercent: parseNumberCell(util?.[1]),
    computeMode: parseTextCell(util?.[2]),
  };
};

const parseProcess = (cell: string): SmiTableProcess | undefined => {
  const m = processRow.exec(cell);
  if (m) {
    return {
      gpu: intOrNull(m[1]),
      gi: intOrNull(m[2]),
      ci: intOrNull(m[3]),
      pid: Number(m[4]),
      type: m[5]!,
      name: m[6]!,
      memoryMiB: isNullCell(m[7]) ? null : parseNumberCell(m[7]),
    };
  }
  const old = oldProcessRow.exec(cell);
  if (!old) return undefined;
  return { gpu: Number(old[1]), gi: null, ci: null, pid: Number(old[2]), type: old[3]!, name: old[4]!, memoryMiB: parseNumberCell(old[5]) };
};

export const parseNvidiaSmiTable = (output: string): SmiTableResult => {
  const error = smiErrorLine(output);
  if (error !== undefined) return { ok: false, reason: error };
  const lines = outputLines(output);
  const bannerMatch = lines.map((line) => banner.exec(line)).find((m) => m !== null);
  if (!bannerMatch) return { ok: false, reason: 'No NVIDIA-SMI banner in the output.' };
  const timestamp = lines.find((line) => ctimeLine.test(line))?.trim() ?? null;

  const gpus: GpuDraft[] = [];
  const statuses = new Map<GpuDraft, Omit<SmiTableGpu, 'index' | 'name' | 'persistenceMode' | 'busId' | 'displayActive' | 'ecc' | 'migMode'>>();
  let processes: SmiTableProcess[] | null = null;
  let section: 'none' | 'gpus' | 'processes' = 'none';
  let rowInGpu = 0;
  // A MIG devices table follows with the same `|===+===|` rule; only the first one is the GPUs'.
  let gpuTableDone = false;
  for (const line of lines) {
    if (/\|\s*Processes:/.test(line)) {
      section = 'none';
      processes = [];
      continue;
    }
    if (/^\|=+(\+=+)+\|$/.test(line.trim())) {
      section = gpuTableDone ? 'none' : 'gpus';
      continue;
    }
    if (/^\|=+\|$/.test(line.trim())) {
      if (processes !== null) section = 'processes';
      continue;
    }
    if (line.trim() === '') {
      if (section === 'gpus') {
        section = 'none';
        gpuTableDone = true;
      }
      continue;
    }
    if (isRule(line)) continue;
    const cells = cellsOf(line);
    if (!cells) continue;
    if (section === 'gpus' && cells.length >= 3) {
      const head = firstGpuCell.exec(cells[0]!) ?? firstGpuCellNoPersistence.exec(cells[0]!);
      const bus = busCell.exec(cells[1]!);
      if (head && bus) {
        const hasPersistence = head.length === 4 && head[3] !== undefined;
        gpus.push({
          index: Number(head[1]),
          name: head[2]!,
          persistenceMode: hasPersistence ? onOff(head[3]) : null,
          busId: bus[1]!,
          displayActive: onOff(bus[2]),
          ecc: parseTextCell(cells[2]),
          migMode: null,
        });
        rowInGpu = 1;
        continue;
      }
      const current = gpus[gpus.length - 1];
      if (!current) continue;
      if (rowInGpu === 1) statuses.set(current, parseStatusRow(cells));
      else if (rowInGpu === 2) current.migMode = parseTextCell(cells[2]);
      rowInGpu += 1;
    } else if (section === 'processes' && processes !== null && cells.length === 1) {
      const process = parseProcess(cells[0]!);
      if (process) processes.push(process);
    }
  }
  const empty = parseStatusRow([]);
  return {
    ok: true,
    table: {
      timestamp,
      smiVersion: bannerMatch[1] ?? null,
      driverVersion: bannerMatch[2] ?? null,
      cudaVersion: bannerMatch[3] ?? null,
      processes,
      gpus: gpus.map((g) => ({
        index: g.index,
        name: g.name,
        persistenceMode: g.persistenceMode,
        busId: g.busId,
        displayActive: g.displayActive,
        ecc: g.ecc,
        migMode: g.migMode,
        ...(statuses.get(g) ?? empty),
      })),
    },
  };
};
