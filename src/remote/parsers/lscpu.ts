/**
 * `lscpu`, in both of its layouts: the tree (stdout is a terminal: `Caches (sum of all):`,
 * indented `L1d:`) and the flat one (piped, as over an SSH exec channel: `L1d cache:`,
 * `Vulnerability Spectre v1:`). GB10 has two CPU types, so there are two `Model name` blocks
 * (Cortex-X925 and Cortex-A725); each becomes a cluster with its own core count and clocks —
 * keeping only the first would call all 20 cores X925. Wrapped `Flags` lines are joined.
 */
import { outputLines } from './nvidia-smi-values.js';

export interface CpuCluster {
  readonly modelName: string;
  readonly threadsPerCore: number | null;
  readonly coresPerSocket: number | null;
  readonly sockets: number | null;
  /** coresPerSocket × sockets (null when either is missing). */
  readonly cores: number | null;
  readonly maxMHz: number | null;
  readonly minMHz: number | null;
  /** `CPU(s) scaling MHz: 93%` → 93. */
  readonly scalingPercent: number | null;
  readonly stepping: string | null;
  readonly flags: readonly string[];
}

export interface Lscpu {
  readonly architecture: string | null;
  readonly cpus: number | null;
  readonly onlineCpus: string | null;
  readonly vendor: string | null;
  readonly clusters: readonly CpuCluster[];
  /** `L1d` → `1.3 MiB (20 instances)`, keyed the same way in both layouts. */
  readonly caches: Readonly<Record<string, string>>;
  readonly numaNodes: number | null;
  /** Every `Label: value` as printed (the last one wins for repeated labels). */
  readonly fields: Readonly<Record<string, string>>;
}

export type LscpuResult = { readonly ok: true; readonly lscpu: Lscpu } | { readonly ok: false; readonly reason: string };

/** Labels that belong to the current `Model name` block. */
const clusterKeys = new Set([
  'Model',
  'CPU family',
  'Thread(s) per core',
  'Core(s) per socket',
  'Core(s) per cluster',
  'Socket(s)',
  'Cluster(s)',
  'Stepping',
  'CPU(s) scaling MHz',
  'CPU max MHz',
  'CPU min MHz',
  'BogoMIPS',
  'Flags',
  'Frequency boost',
]);

interface ClusterDraft {
  modelName: string;
  values: Record<string, string>;
}

const num = (text: string | undefined): number | null => {
  if (text === undefined) return null;
  const match = /^-?\d+(?:\.\d+)?/.exec(text.trim());
  return match ? Number(match[0]) : null;
};

const cacheLabel = /^(L\d[di]?)(?: cache)?$/;

export const parseLscpu = (output: string): LscpuResult => {
  const fields: Record<string, string> = {};
  const caches: Record<string, string> = {};
  const clusters: ClusterDraft[] = [];
  let section = '';
  let lastKey: { target: Record<string, string>; key: string } | undefined;
  for (const line of outputLines(output)) {
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    const match = /^([^:]+):\s*(.*?)\s*$/.exec(line.trim());
    // A wrapped Flags value continues on a deeply indented line without a label.
    if (!match || (lastKey?.key === 'Flags' && indent > 12 && !/^[A-Z][\w() .-]*:/.test(line.trim()))) {
      if (lastKey) lastKey.target[lastKey.key] = `${lastKey.target[lastKey.key] ?? ''}${line.trim()}`;
      continue;
    }
    const key = match[1]!.trim();
    const value = match[2]!;
    if (indent === 0 && value === '') {
      section = key; // Caches (sum of all), NUMA, Vulnerabilities
      continue;
    }
    if (indent === 0) section = '';
    fields[key] = value;
    lastKey = { target: fields, key };
    const cache = cacheLabel.exec(key);
    if (cache && (section.startsWith('Caches') || key.endsWith(' cache'))) {
      caches[cache[1]!] = value;
      continue;
    }
    if (key === 'Model name') {
      clusters.push({ modelName: value, values: {} });
      continue;
    }
    const current = clusters[clusters.length - 1];
    if (current && clusterKeys.has(key)) {
      current.values[key] = value;
      lastKey = { target: current.values, key };
    }
  }
  if (fields['Architecture'] === undefined && fields['CPU(s)'] === undefined) {
    return { ok: false, reason: 'No Architecture or CPU(s) line: not lscpu output.' };
  }
  return {
    ok: true,
    lscpu: {
      architecture: fields['Architecture'] ?? null,
      cpus: num(fields['CPU(s)']),
      onlineCpus: fields['On-line CPU(s) list'] ?? null,
      vendor: fields['Vendor ID'] ?? null,
      numaNodes: num(fields['NUMA node(s)']),
      caches,
      fields,
      clusters: clusters.map(({ modelName, values }) => {
        const coresPerSocket = num(values['Core(s) per socket'] ?? values['Core(s) per cluster']);
        const sockets = num(values['Socket(s)'] ?? values['Cluster(s)']);
        return {
          modelName,
          threadsPerCore: num(values['Thread(s) per core']),
          coresPerSocket,
          sockets,
          cores: coresPerSocket !== null && sockets !== null ? coresPerSocket * sockets : null,
          maxMHz: num(values['CPU max MHz']),
          minMHz: num(values['CPU min MHz']),
          scalingPercent: num(values['CPU(s) scaling MHz']),
          stepping: values['Stepping'] ?? null,
          flags: (values['Flags'] ?? '').split(/\s+/).filter(Boolean),
        };
      }),
    },
  };
};
