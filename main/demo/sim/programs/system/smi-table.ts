/**
 * Plain `nvidia-smi` in the 580.x layout of the GB10 captures: `+---` under the banner, 91
 * columns, `Not Supported` left-aligned in the memory cell, `3W /  N/A` (no power cap), and the
 * 580 Processes table with its wide PID column. Byte-for-byte equal to the captures for the same
 * values (smi-table.test.ts pins that).
 */
import { ctime } from './clock-format.js';
import { gb10, type GpuSnapshot, type SnapshotProcess } from './gpu-snapshot.js';

const width = 89;
/** Name column of the Processes table; longer names keep their tail: `.../7182/usr/lib/firefox/firefox`. */
const processNameWidth = 32;

const fullRule = `+${'-'.repeat(width)}+`;
const gpuRule = `+${'-'.repeat(41)}+${'-'.repeat(24)}+${'-'.repeat(22)}+`;
const gpuHeader = [
  '| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |',
  '| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |',
  '|                                         |                        |               MIG M. |',
  `|${'='.repeat(41)}+${'='.repeat(24)}+${'='.repeat(22)}|`,
];
const processHeader = [
  `| ${'Processes:'.padEnd(width - 1)}|`,
  '|  GPU   GI   CI              PID   Type   Process name                        GPU Memory |',
  '|        ID   ID                                                               Usage      |',
  `|${'='.repeat(width)}|`,
];

export const truncateProcessName = (name: string): string =>
  name.length > processNameWidth ? `...${name.slice(name.length - (processNameWidth - 3))}` : name;

const banner = (s: GpuSnapshot): string =>
  `| NVIDIA-SMI ${s.driverVersion.padEnd(23)}Driver Version: ${s.driverVersion.padEnd(15)}CUDA Version: ${s.cudaVersion.padEnd(9)}|`;

const gpuRows = (s: GpuSnapshot): string[] => [
  `|${String(s.index).padStart(4)}  ${gb10.name.padEnd(31)}${'On'.padEnd(4)}|   ${gb10.busId.padEnd(16)} ${(s.displayActive ? 'On' : 'Off').padStart(3)} |${'N/A'.padStart(21)} |`,
  // Fan N/A, no power cap, memory "Not Supported": GB10 has neither a fan sensor nor its own VRAM.
  `| ${'N/A'.padStart(3)}${`${s.temperatureC}C`.padStart(6)}${s.pstate.padStart(6)}${`${Math.round(s.powerDrawW)}W`.padStart(16)} /  N/A  |` +
    ` ${'Not Supported'.padEnd(23)}|${`${s.utilizationPercent}%`.padStart(8)}${'Default'.padStart(13)} |`,
  `|${' '.repeat(41)}|${' '.repeat(24)}|${'N/A'.padStart(21)} |`,
];

const processRow = (index: number, p: SnapshotProcess): string =>
  `|${String(index).padStart(5)}${'N/A'.padStart(6)}${'N/A'.padStart(5)}${String(p.pid).padStart(16)}${p.type.padStart(7)}   ` +
  `${truncateProcessName(p.name).padEnd(processNameWidth)}${`${p.memoryMiB}MiB`.padStart(14)} |`;

export const renderSmiTable = (s: GpuSnapshot): string => {
  const processes =
    s.processes.length === 0
      ? [`|  ${'No running processes found'.padEnd(width - 2)}|`]
      : s.processes.map((p) => processRow(s.index, p));
  return [
    `${ctime(s.at)}       `,
    fullRule,
    banner(s),
    gpuRule,
    ...gpuHeader,
    ...gpuRows(s),
    gpuRule,
    '',
    fullRule,
    ...processHeader,
    ...processes,
    fullRule,
    '',
  ].join('\n');
};
