/**
 * The simulated `lscpu` (util-linux 2.39 on Ubuntu 24.04) for GB10: two CPU types, each with its
 * own block (lscpu-gb10.txt). Like the real tool it prints the tree layout when stdout is a
 * terminal and the flat one (`L1d cache:`, `Vulnerability …:`) when piped — here "a terminal" is
 * a session with TERM set (sshd sets it only with a PTY), or `--hierarchic=always`.
 */
import { gpuUtilization } from '../../dynamics.js';
import type { Program } from '../../io.js';
import type { SimState } from '../../state.js';
import { gb10CpuFlags } from './render-cpuinfo.js';

type Entry = { readonly depth: number; readonly label: string; readonly value?: string; readonly flatLabel?: string };

const vulnerabilities: ReadonlyArray<readonly [string, string]> = [
  ['Gather data sampling', 'Not affected'],
  ['Itlb multihit', 'Not affected'],
  ['L1tf', 'Not affected'],
  ['Mds', 'Not affected'],
  ['Meltdown', 'Not affected'],
  ['Mmio stale data', 'Not affected'],
  ['Reg file data sampling', 'Not affected'],
  ['Retbleed', 'Not affected'],
  ['Spec rstack overflow', 'Not affected'],
  ['Spec store bypass', 'Mitigation; Speculative Store Bypass disabled via prctl'],
  ['Spectre v1', 'Mitigation; __user pointer sanitization'],
  ['Spectre v2', 'Not affected'],
  ['Srbds', 'Not affected'],
  ['Tsx async abort', 'Not affected'],
];

const cluster = (model: string, scaling: string, maxMHz: string, minMHz: string): Entry[] => [
  { depth: 1, label: 'Model name', value: model },
  { depth: 2, label: 'Model', value: '1' },
  { depth: 2, label: 'Thread(s) per core', value: '1' },
  { depth: 2, label: 'Core(s) per socket', value: '10' },
  { depth: 2, label: 'Socket(s)', value: '1' },
  { depth: 2, label: 'Stepping', value: 'r0p1' },
  { depth: 2, label: 'CPU(s) scaling MHz', value: scaling },
  { depth: 2, label: 'CPU max MHz', value: maxMHz },
  { depth: 2, label: 'CPU min MHz', value: minMHz },
  { depth: 2, label: 'BogoMIPS', value: '2000.00' },
  { depth: 2, label: 'Flags', value: gb10CpuFlags },
];

/** The X925 cores run at 93 % of max when idle (capture) and at max under load. */
const entries = (state: SimState, now: number): Entry[] => {
  const busy = gpuUtilization(state, now) > 0 || state.activity.some((a) => a.cpuCores > 0 && a.since <= now && (a.until === undefined || a.until > now));
  return [
    { depth: 0, label: 'Architecture', value: 'aarch64' },
    { depth: 1, label: 'CPU op-mode(s)', value: '64-bit' },
    { depth: 1, label: 'Byte Order', value: 'Little Endian' },
    { depth: 0, label: 'CPU(s)', value: '20' },
    { depth: 1, label: 'On-line CPU(s) list', value: '0-19' },
    { depth: 0, label: 'Vendor ID', value: 'ARM' },
    ...cluster('Cortex-X925', busy ? '100%' : '93%', '4004.0000', '1378.0000'),
    ...cluster('Cortex-A725', '112%', '2860.0000', '338.0000'),
    { depth: 0, label: 'Caches (sum of all)' },
    { depth: 1, label: 'L1d', value: '1.3 MiB (20 instances)', flatLabel: 'L1d cache' },
    { depth: 1, label: 'L1i', value: '1.3 MiB (20 instances)', flatLabel: 'L1i cache' },
    { depth: 1, label: 'L2', value: '25 MiB (20 instances)', flatLabel: 'L2 cache' },
    { depth: 1, label: 'L3', value: '24 MiB (2 instances)', flatLabel: 'L3 cache' },
    { depth: 0, label: 'NUMA' },
    { depth: 1, label: 'NUMA node(s)', value: '1' },
    { depth: 1, label: 'NUMA node0 CPU(s)', value: '0-19' },
    { depth: 0, label: 'Vulnerabilities' },
    ...vulnerabilities.map(([label, value]) => ({ depth: 1, label, value, flatLabel: `Vulnerability ${label}` })),
  ];
};

/** Real options the simulator does not render (-e, -p, -J, …): they get the summary instead. */
const unrendered = /^(-[abcBCeJpsx]+|--(all|online|offline|bytes|caches|extended|json|parse|physical|hex|output-all)(=.*)?)$/;

/** Labels padded to one column (the longest label plus one space), as libsmartcols does. */
export const renderLscpu = (state: SimState, now: number, tree: boolean): string => {
  const lines = entries(state, now)
    .filter((e) => tree || e.value !== undefined)
    .map((e) => ({ label: tree ? `${'  '.repeat(e.depth)}${e.label}:` : `${e.flatLabel ?? e.label}:`, value: e.value ?? '' }));
  const width = Math.max(...lines.map((l) => l.label.length)) + 1;
  return lines.map((l) => `${l.label.padEnd(width)}${l.value}\n`).join('');
};

export const lscpu: Program = async (io) => {
  let tree = io.env['TERM'] !== undefined && io.env['TERM'] !== '' && io.env['TERM'] !== 'dumb';
  for (const word of io.argv) {
    if (word === '--hierarchic=always' || word === '-y' || word === '--hierarchic') tree = true;
    else if (word === '--hierarchic=never') tree = false;
    else if (word === '--hierarchic=auto') continue;
    else if (word === '-V' || word === '--version') {
      io.write('lscpu from util-linux 2.39.3\n');
      return 0;
    } else if (unrendered.test(word)) {
      continue;
    } else if (word.startsWith('-')) {
      io.error(`lscpu: ${word.startsWith('--') ? `unrecognized option '${word}'` : `invalid option -- '${word.slice(1, 2)}'`}\nTry 'lscpu --help' for more information.\n`);
      return 1;
    }
  }
  io.write(renderLscpu(io.read(), io.now(), tree));
  return 0;
};
