/**
 * The simulated `nvidia-smi`: the summary table, --query-gpu / --query-compute-apps CSV, -q, -L,
 * dmon, pmon, --version, and -l / -lms loops that print every interval until interrupted.
 */
import type { Program, SimIO } from '../../io.js';
import { gb10, gpuSnapshot, type GpuSnapshot } from './gpu-snapshot.js';
import { parseSmiArgs, type SmiCommand } from './smi-args.js';
import { dmonHeader, dmonLayout, dmonRow } from './smi-dmon.js';
import { pmonHeader, pmonRows } from './smi-pmon.js';
import { renderSmiQ } from './smi-q.js';
import { renderComputeApps, renderQueryGpu } from './smi-query.js';
import { renderSmiTable } from './smi-table.js';

/** What the real tool prints, on stdout, when the driver is not loaded; exit status 9. */
export const driverFailure =
  "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n\n";
const driverFailureCode = 9;
const interrupted = 130;

const snapshot = (io: SimIO): GpuSnapshot | undefined => {
  const state = io.read();
  return state.faults['nvidia-smi-missing'] === true ? undefined : gpuSnapshot(state, io.now());
};

const versionText = (s: GpuSnapshot): string =>
  `NVIDIA-SMI version  : ${s.driverVersion}\nNVML version        : ${s.nvmlVersion}\nDRIVER version      : ${s.driverVersion}\nCUDA Version        : ${s.cudaVersion}\n`;

const helpText = (s: GpuSnapshot): string =>
  `NVIDIA System Management Interface -- v${s.driverVersion}\n\n` +
  'NVSMI provides monitoring information for Tesla and select Quadro devices.\n' +
  'The data is presented in either a plain text or an XML format, via stdout or a file.\n' +
  'NVSMI also provides several management operations for changing the device state.\n\n' +
  "Run 'nvidia-smi --help' on the real tool for the full option list.\n";

/** One frame of output for a command that may loop; `first` says whether headers are due. */
const frame = (command: SmiCommand, s: GpuSnapshot, first: boolean): string => {
  switch (command.kind) {
    case 'table':
      return renderSmiTable(s);
    case 'q':
      return renderSmiQ(s, command.display);
    case 'version':
      return versionText(s);
    case 'help':
      return helpText(s);
    case 'list':
      return `GPU 0: ${gb10.name} (UUID: ${s.uuid})\n`;
    // A loop prints the CSV header once, so the log stays one CSV table.
    case 'query-gpu':
      return renderQueryGpu(command.fields, s, command, command.header && first);
    case 'query-compute-apps':
      return renderComputeApps(command.fields, s, command, command.header && first);
    case 'dmon':
    case 'pmon':
      return '';
  }
};

/** dmon and pmon: the header once, then a sample every -d seconds, -c times or until interrupted. */
const runMonitor = async (io: SimIO, command: Extract<SmiCommand, { kind: 'dmon' | 'pmon' }>): Promise<number> => {
  const layout = command.kind === 'dmon' ? dmonLayout(command.groups, command.stamp) : undefined;
  for (let sample = 0; command.count === undefined || sample < command.count; sample += 1) {
    if (sample > 0 && !(await io.sleep(command.delaySeconds * 1000))) return interrupted;
    const s = snapshot(io);
    if (!s) {
      io.write(driverFailure);
      return driverFailureCode;
    }
    const header = sample > 0 ? '' : layout ? dmonHeader(layout) : pmonHeader;
    io.write(`${header}${layout ? dmonRow(layout, s) : pmonRows(s)}`);
  }
  return 0;
};

export const nvidiaSmi: Program = async (io) => {
  const parsed = parseSmiArgs(io.argv);
  const first = snapshot(io);
  if (!first) {
    io.write(driverFailure);
    return driverFailureCode;
  }
  if (!parsed.ok) {
    io.write(parsed.message);
    return parsed.code;
  }
  const { command } = parsed;
  if (command.kind === 'dmon' || command.kind === 'pmon') return runMonitor(io, command);
  io.write(frame(command, first, true));
  const loopMs = 'loopMs' in command ? command.loopMs : undefined;
  if (loopMs === undefined) return 0;
  for (;;) {
    if (!(await io.sleep(loopMs))) return interrupted;
    const s = snapshot(io);
    if (!s) {
      io.write(driverFailure);
      return driverFailureCode;
    }
    io.write(frame(command, s, false));
  }
};
