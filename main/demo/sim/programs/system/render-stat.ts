/**
 * /proc/stat (fs/proc/stat.c): `cpu  ` aggregate (two spaces), `cpuN ` per core, ten columns
 * each; the busy ticks come from dynamics.cpuTicks, so two reads a second apart give the load
 * the simulated activity implies. guest/guest_nice stay 0 (no VMs on the box).
 */
import { cpuTicks, physics, type CpuTicks } from '../../dynamics.js';
import type { SimState } from '../../state.js';
import { runnableTasks } from './render-load.js';

const columns = (t: CpuTicks) => [t.user, t.nice, t.system, t.idle, t.iowait, t.irq, t.softirq, t.steal, 0, 0].join(' ');

/** Event rates of an idle arm64 desktop box and per busy tick of work (SYNTH, typical magnitudes). */
const rates = {
  /** GICv3 exposes hundreds of IRQ numbers; most never fire. */
  irqLines: 512,
  interruptsPerSecond: 2_400,
  interruptsPerBusyTick: 35,
  softirqsPerSecond: 900,
  softirqsPerBusyTick: 12,
  contextSwitchesPerSecond: 4_100,
  contextSwitchesPerBusyTick: 60,
  /** `processes` counts forks since boot; pids started a little above it. */
  pidsAboveForks: 300,
} as const;
/** Where interrupts land: the arch timer, the NVMe queue, the NIC (IRQ number → share). */
const irqShares: ReadonlyMap<number, number> = new Map([
  [11, 0.7],
  [27, 0.2],
  [40, 0.1],
]);
/** softirq columns HI TIMER NET_TX NET_RX BLOCK IRQ_POLL TASKLET SCHED HRTIMER RCU. */
const softirqShares = [0, 0.45, 0.001, 0.05, 0.02, 0, 0.001, 0.33, 0, 0.148] as const;

/** Splits a total by shares so the parts add up to it exactly (the remainder goes to the last). */
const split = (total: number, shares: readonly number[]): number[] => {
  const parts = shares.map((share) => Math.floor(total * share));
  const last = shares.length - 1 - [...shares].reverse().findIndex((share) => share > 0);
  parts[last]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
};

export const renderStat = (state: SimState, now: number): string => {
  const cores = Array.from({ length: physics.cores }, (_, core) => cpuTicks(state, core, now));
  const sum = cores.reduce<CpuTicks>(
    (total, t) => ({
      user: total.user + t.user,
      nice: total.nice + t.nice,
      system: total.system + t.system,
      idle: total.idle + t.idle,
      iowait: total.iowait + t.iowait,
      irq: total.irq + t.irq,
      softirq: total.softirq + t.softirq,
      steal: total.steal + t.steal,
    }),
    { user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0 },
  );
  const busy = sum.user + sum.system + sum.irq + sum.softirq;
  const seconds = Math.max(0, (now - state.bootedAt) / 1000);
  const interrupts = Math.round(seconds * rates.interruptsPerSecond + busy * rates.interruptsPerBusyTick);
  const perIrq = split(interrupts, Array.from({ length: rates.irqLines }, (_, i) => irqShares.get(i) ?? 0));
  const softirqs = Math.round(seconds * rates.softirqsPerSecond + busy * rates.softirqsPerBusyTick);
  return [
    `cpu  ${columns(sum)}`,
    ...cores.map((t, core) => `cpu${core} ${columns(t)}`),
    `intr ${interrupts} ${perIrq.join(' ')}`,
    `ctxt ${Math.round(seconds * rates.contextSwitchesPerSecond + busy * rates.contextSwitchesPerBusyTick)}`,
    `btime ${Math.floor(state.bootedAt / 1000)}`,
    `processes ${state.nextPid - rates.pidsAboveForks}`,
    `procs_running ${runnableTasks(state, now)}`,
    'procs_blocked 0',
    `softirq ${softirqs} ${split(softirqs, softirqShares).join(' ')}`,
    '',
  ].join('\n');
};
