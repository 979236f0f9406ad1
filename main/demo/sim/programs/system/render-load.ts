/** /proc/loadavg and /proc/uptime from the dynamics' load and boot time. */
import { cpuTicks, loadAverage, physics, uptimeSeconds } from '../../dynamics.js';
import type { SimState } from '../../state.js';

/** Threads an idle DGX OS desktop install runs (systemd, GNOME, containerd …; SYNTH). */
const idleThreads = 912;

export const runnableTasks = (state: SimState, now: number): number =>
  1 + Math.round(state.activity.filter((a) => a.since <= now && (a.until === undefined || a.until > now)).reduce((n, a) => n + a.cpuCores, 0));

export const renderLoadavg = (state: SimState, now: number): string => {
  const [one, five, fifteen] = loadAverage(state, now);
  const threads = idleThreads + state.containers.filter((c) => c.state === 'running').length * 48 + state.gpuProcesses.length * 64;
  return `${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)} ${runnableTasks(state, now)}/${threads} ${state.nextPid - 1}\n`;
};

export const renderUptime = (state: SimState, now: number): string => {
  let idleTicks = 0;
  for (let core = 0; core < physics.cores; core += 1) idleTicks += cpuTicks(state, core, now).idle;
  return `${uptimeSeconds(state, now).toFixed(2)} ${(idleTicks / physics.userHz).toFixed(2)}\n`;
};
