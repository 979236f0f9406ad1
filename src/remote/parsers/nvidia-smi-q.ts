/**
 * `nvidia-smi -q`: `Label : value` lines nested by indentation (4 spaces a level; labels padded
 * to column 42, but the GB10 fragments in public reports are not padded, so padding is not
 * relied on). The result keeps every entry in order — duplicates included (one `Process ID` per
 * process) — and a typed summary of the fields the app reads.
 */
import { outputLines, parseNumberCell, parseTextCell } from './nvidia-smi-values.js';

export interface QEntry {
  readonly key: string;
  /** The text after the colon, null for N/A; undefined for a section heading. */
  readonly value: string | null | undefined;
  readonly children: readonly QEntry[];
}

export interface SmiQProcess {
  readonly pid: number;
  readonly type: string | null;
  readonly name: string | null;
  readonly usedMemoryMiB: number | null;
}

export interface SmiQSummary {
  readonly productName: string | null;
  readonly architecture: string | null;
  readonly uuid: string | null;
  readonly persistenceMode: string | null;
  readonly addressingMode: string | null;
  readonly performanceState: string | null;
  readonly fanPercent: number | null;
  /** MiB; all null on GB10 (`FB Memory Usage / Total : N/A`). */
  readonly fbMemory: { readonly totalMiB: number | null; readonly usedMiB: number | null; readonly freeMiB: number | null };
  readonly utilization: { readonly gpuPercent: number | null; readonly memoryPercent: number | null };
  readonly temperature: { readonly gpuC: number | null; readonly tLimitC: number | null; readonly memoryC: number | null };
  readonly power: { readonly averageW: number | null; readonly instantW: number | null; readonly limitW: number | null };
  readonly clocks: { readonly graphicsMHz: number | null; readonly smMHz: number | null; readonly memoryMHz: number | null; readonly videoMHz: number | null };
  readonly maxClocks: { readonly graphicsMHz: number | null; readonly smMHz: number | null; readonly memoryMHz: number | null };
  readonly processes: readonly SmiQProcess[];
}

export interface SmiQGpu {
  /** From the `GPU 00000000:02:00.0` heading. */
  readonly busId: string;
  readonly entries: readonly QEntry[];
  readonly summary: SmiQSummary;
}

export interface SmiQ {
  readonly timestamp: string | null;
  readonly driverVersion: string | null;
  readonly cudaVersion: string | null;
  readonly attachedGpus: number | null;
  /** Every top-level entry, GPU sections included. */
  readonly entries: readonly QEntry[];
  readonly gpus: readonly SmiQGpu[];
}

export type SmiQResult = { readonly ok: true; readonly q: SmiQ } | { readonly ok: false; readonly reason: string };

interface Draft {
  key: string;
  value: string | null | undefined;
  children: Draft[];
}

// Lazy key, then the first colon followed by whitespace or the end: `GPU 0000000F:01:00.0` is a heading.
const keyValue = /^(\S.*?)\s*:(?:\s(.*))?$/;

/** Builds the entry tree of any indented `Label : value` text (also used for fragments). */
export const parseQEntries = (text: string): QEntry[] => {
  const root: Draft = { key: '', value: undefined, children: [] };
  const stack: Array<{ indent: number; node: Draft }> = [{ indent: -1, node: root }];
  for (const line of outputLines(text)) {
    if (line.trim() === '' || /^=+.*=+$/.test(line.trim())) continue;
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    const match = keyValue.exec(line.trimStart());
    const node: Draft = match ? { key: match[1]!, value: parseTextCell(match[2] ?? ''), children: [] } : { key: body, value: undefined, children: [] };
    while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    stack[stack.length - 1]!.node.children.push(node);
    stack.push({ indent, node });
  }
  return root.children;
};

/** The entry at a path of keys (first match at each level). */
export const qFind = (entries: readonly QEntry[], ...path: readonly string[]): QEntry | undefined => {
  let level: readonly QEntry[] = entries;
  let found: QEntry | undefined;
  for (const key of path) {
    found = level.find((e) => e.key === key);
    if (!found) return undefined;
    level = found.children;
  }
  return found;
};

/** The value at a path; null for N/A, a missing entry, or a section heading. */
export const qValue = (entries: readonly QEntry[], ...path: readonly string[]): string | null => qFind(entries, ...path)?.value ?? null;

const qNumber = (entries: readonly QEntry[], ...path: readonly string[]): number | null => parseNumberCell(qValue(entries, ...path) ?? undefined);

const firstNumber = (entries: readonly QEntry[], paths: ReadonlyArray<readonly string[]>): number | null => {
  for (const path of paths) {
    if (qFind(entries, ...path)) return qNumber(entries, ...path);
  }
  return null;
};

const processesOf = (section: QEntry | undefined): SmiQProcess[] => {
  if (!section) return [];
  const out: Array<{ pid: number; type: string | null; name: string | null; usedMemoryMiB: number | null }> = [];
  const apply = (target: (typeof out)[number], entry: QEntry) => {
    if (entry.key === 'Type') target.type = entry.value ?? null;
    else if (entry.key === 'Name') target.name = entry.value ?? null;
    else if (entry.key === 'Used GPU Memory') target.usedMemoryMiB = parseNumberCell(entry.value ?? undefined);
  };
  for (const entry of section.children) {
    if (entry.key === 'Process ID') {
      if (typeof entry.value !== 'string' || !/^\d+$/.test(entry.value)) continue;
      const process = { pid: Number(entry.value), type: null, name: null, usedMemoryMiB: null };
      // Newer drivers nest Type/Name/memory under Process ID; older ones list them as siblings.
      for (const child of entry.children) apply(process, child);
      out.push(process);
    } else if (out.length > 0) apply(out[out.length - 1]!, entry);
  }
  return out;
};

const summarize = (e: readonly QEntry[]): SmiQSummary => {
  const powerSection = qFind(e, 'GPU Power Readings') ? 'GPU Power Readings' : 'Power Readings';
  return {
    productName: qValue(e, 'Product Name'),
    architecture: qValue(e, 'Product Architecture'),
    uuid: qValue(e, 'GPU UUID'),
    persistenceMode: qValue(e, 'Persistence Mode'),
    addressingMode: qValue(e, 'Addressing Mode'),
    performanceState: qValue(e, 'Performance State'),
    fanPercent: qNumber(e, 'Fan Speed'),
    fbMemory: {
      totalMiB: qNumber(e, 'FB Memory Usage', 'Total'),
      usedMiB: qNumber(e, 'FB Memory Usage', 'Used'),
      freeMiB: qNumber(e, 'FB Memory Usage', 'Free'),
    },
    utilization: { gpuPercent: qNumber(e, 'Utilization', 'GPU'), memoryPercent: qNumber(e, 'Utilization', 'Memory') },
    temperature: {
      gpuC: qNumber(e, 'Temperature', 'GPU Current Temp'),
      tLimitC: qNumber(e, 'Temperature', 'GPU T.Limit Temp'),
      memoryC: qNumber(e, 'Temperature', 'Memory Current Temp'),
    },
    power: {
      averageW: firstNumber(e, [[powerSection, 'Average Power Draw'], [powerSection, 'Power Draw']]),
      instantW: qNumber(e, powerSection, 'Instantaneous Power Draw'),
      limitW: firstNumber(e, [[powerSection, 'Current Power Limit'], [powerSection, 'Power Limit']]),
    },
    clocks: {
      graphicsMHz: qNumber(e, 'Clocks', 'Graphics'),
      smMHz: qNumber(e, 'Clocks', 'SM'),
      memoryMHz: qNumber(e, 'Clocks', 'Memory'),
      videoMHz: qNumber(e, 'Clocks', 'Video'),
    },
    maxClocks: {
      graphicsMHz: qNumber(e, 'Max Clocks', 'Graphics'),
      smMHz: qNumber(e, 'Max Clocks', 'SM'),
      memoryMHz: qNumber(e, 'Max Clocks', 'Memory'),
    },
    processes: processesOf(qFind(e, 'Processes')),
  };
};

export const summarizeQGpu = summarize;

export const parseNvidiaSmiQ = (output: string): SmiQResult => {
  if (output.includes('NVIDIA-SMI has failed')) return { ok: false, reason: outputLines(output).find((l) => l.startsWith('NVIDIA-SMI has failed')) ?? 'nvidia-smi failed' };
  const entries = parseQEntries(output);
  if (entries.length === 0) return { ok: false, reason: 'The output is empty.' };
  const gpus: SmiQGpu[] = entries
    .filter((entry) => entry.value === undefined && /^GPU [0-9A-Fa-f]+:[0-9A-Fa-f]+:[0-9A-Fa-f]+\.[0-9A-Fa-f]+$/.test(entry.key))
    .map((entry) => ({ busId: entry.key.slice(4), entries: entry.children, summary: summarize(entry.children) }));
  return {
    ok: true,
    q: {
      timestamp: qValue(entries, 'Timestamp'),
      driverVersion: qValue(entries, 'Driver Version'),
      cudaVersion: qValue(entries, 'CUDA Version'),
      attachedGpus: qNumber(entries, 'Attached GPUs'),
      entries,
      gpus,
    },
  };
};
