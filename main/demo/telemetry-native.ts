/**
 * The demo box's twin of the telemetry collector script (src/telemetry/collector-script.ts): the
 * same protocol, produced from the simulator's state in-process, because the demo box has no
 * POSIX shell to run the loop. The simulated tools print the GPU and df lines, so the twin and a
 * real box go through the same parsers on the laptop.
 */
import type { Program, SimIO } from './sim/io.js';
import { isBigCore, netCounters } from './sim/dynamics.js';
import { renderProcFile, readProcFile } from './sim/proc.js';
import { appFields, gpuFields } from '../../src/telemetry/collector-script.js';
import { programs } from './sim/programs/index.js';

/** Cortex-X925 and Cortex-A725 maximum clocks, kHz (lscpu on a GB10). */
const maxKhz = { big: 3_900_000, little: 2_808_000 } as const;

/** Runs a simulated tool in-process and returns what it printed. */
const capture = async (io: SimIO, name: string, argv: readonly string[]): Promise<string> => {
  const program = programs[name];
  if (!program) return '';
  let out = '';
  await program({ ...io, program: name, argv, write: (t) => (out += t), error: () => {}, stdin: async () => '' });
  return out;
};

export const telemetryNative: Program = async (io) => {
  const intervalMs = Math.max(10, Number(io.argv[0]) || 1000);
  const state = io.read();
  const missingSmi = state.faults['nvidia-smi-missing'] === true;
  io.write('@@facts\n');
  io.write(`hostname ${state.box.hostname}\nkernel ${state.box.kernel}\narch aarch64\n`);
  const release = renderProcFile('/etc/os-release', state, io.now());
  const pretty = release?.split('\n').find((l) => l.startsWith('PRETTY_NAME='));
  if (pretty) io.write(`${pretty}\n`);
  if (!missingSmi) io.write(`${(await capture(io, 'nvidia-smi', [])).split('\n').slice(0, 12).join('\n')}\n`);
  io.write('@@end-facts\n');
  for (let core = 0; core < 20; core += 1) io.write(`@@cpumax ${core} ${isBigCore(core) ? maxKhz.big : maxKhz.little}\n`);
  if (missingSmi) io.write('@@err nvidia-smi was not found on the box\n');

  for (let n = 0; ; n += 1) {
    const now = io.now();
    const s = io.read();
    if (!missingSmi && s.faults['nvidia-smi-missing'] !== true) {
      const gpu = await capture(io, 'nvidia-smi', [`--query-gpu=${gpuFields.join(',')}`, '--format=csv,noheader,nounits']);
      for (const line of gpu.split('\n').filter(Boolean)) io.write(`@@gpu ${line}\n`);
      const apps = await capture(io, 'nvidia-smi', [`--query-compute-apps=${appFields.join(',')}`, '--format=csv,noheader,nounits']);
      for (const line of apps.split('\n').filter(Boolean)) {
        const pid = Number(line.split(',')[0]);
        const owner = s.gpuProcesses.find((p) => p.pid === pid)?.containerId;
        const container = owner ? s.containers.find((c) => c.id === owner)?.name : undefined;
        io.write(`@@app ${line} @@cg ${container ? `container:${container}` : ''}\n`);
      }
    }
    io.write(`@@tick\n@@at ${now}\n`);
    for (const path of ['/proc/uptime', '/proc/meminfo', '/proc/loadavg', '/proc/net/dev']) io.write(`@@file ${path}\n${renderProcFile(path, s, now) ?? ''}`);
    io.write(`@@file /proc/stat\n${(renderProcFile('/proc/stat', s, now) ?? '').split('\n').filter((l) => l.startsWith('cpu')).join('\n')}\n`);
    for (const nic of netCounters(s, now)) {
      const state = readProcFile(`/sys/class/net/${nic.name}/operstate`, s, now);
      const speed = readProcFile(`/sys/class/net/${nic.name}/speed`, s, now);
      io.write(`@@link ${nic.name} ${state.ok ? state.text.trim() : 'unknown'} ${speed.ok ? speed.text.trim() : '-1'}\n`);
    }
    if (n % 10 === 0) io.write(`@@df\n${await capture(io, 'df', ['-B1', '-P'])}`);
    io.write('@@end\n');
    if (!(await io.sleep(intervalMs))) return 130;
  }
};
