/**
 * `nvidia-smi pmon` rows. Header from README §1.6 verbatim (its trailing spaces included); data
 * columns as in the captured row, which sit one or two characters left of the header — the
 * real tool's own misalignment. Commands are the process's comm: basename, cut to 15 characters.
 */
import type { GpuSnapshot, SnapshotProcess } from './gpu-snapshot.js';

export const pmonHeader =
  '# gpu         pid   type     sm    mem    enc    dec    jpg    ofa    command \n' +
  '# Idx           #    C/G      %      %      %      %      %      %    name \n';

const comm = (name: string): string => (name.split('/').pop() ?? name).slice(0, 15);

const line = (pid: string, type: string, sm: string, mem: string, command: string): string =>
  `    0${pid.padStart(11)}${type.padStart(6)}${sm.padStart(7)}${mem.padStart(7)}${'-'.padStart(7).repeat(4)}    ${command}\n`;

/** GPU utilization shared among the compute processes (NVML's per-process samples add up to it). */
const smShare = (s: GpuSnapshot, p: SnapshotProcess, computeCount: number): string =>
  p.type === 'G' || computeCount === 0 ? '0' : String(Math.round(s.utilizationPercent / computeCount));

export const pmonRows = (s: GpuSnapshot): string => {
  if (s.processes.length === 0) return line('-', '-', '-', '-', '-');
  const computeCount = s.processes.filter((p) => p.type !== 'G').length;
  // GB10 reports memory utilization as 0 (llama-swap issue #782).
  return s.processes.map((p) => line(String(p.pid), p.type, smShare(s, p, computeCount), '0', comm(p.name))).join('');
};
