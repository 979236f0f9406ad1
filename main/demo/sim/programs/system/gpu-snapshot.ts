/**
 * One reading of the simulated GB10 GPU at `now`, shared by every nvidia-smi format so the
 * table, CSV, -q and dmon agree. Live values come only from dynamics.ts; the rest are the GB10
 * facts of the captures (README §1).
 */
import { stableHex } from '../../box.js';
import { gpuClockMHz, gpuPowerW, gpuPState, gpuTemperatureC, gpuUtilization, processMemoryMiB } from '../../dynamics.js';
import type { SimState } from '../../state.js';

/** Fixed GB10 facts, each from a capture unless marked. */
export const gb10 = {
  name: 'NVIDIA GB10',
  /** Table and CSV spelling (NVML/gpud print it lowercase: 000f:01:00.0). */
  busId: '0000000F:01:00.0',
  /** sm_121 (captures (6) and (8)). */
  computeCap: '12.1',
  /** "Graphics Clock: 208 MHz (max 2418 MHz)" — ASUS GX10 sensor report. */
  maxGraphicsClockMHz: 2418,
  /** "Video Clock: 598 MHz" at P8 (same report); the P0 value is not captured (SYNTH). */
  idleVideoClockMHz: 598,
  loadVideoClockMHz: 1530,
  /** `-q` T.Limit is headroom below the slowdown point: 57 C at 38 C in the sensor report. */
  tLimitBaseC: 95,
  shutdownTLimitC: -5,
  slowdownTLimitC: -2,
  /** PCI device id of the GB10 iGPU (0x2E12, vendor 0x10DE). */
  pciDeviceId: '0x2E1210DE',
} as const;

export interface SnapshotProcess {
  readonly pid: number;
  readonly name: string;
  readonly type: 'C' | 'G' | 'C+G';
  readonly memoryMiB: number;
}

export interface GpuSnapshot {
  readonly at: number;
  readonly index: 0;
  readonly uuid: string;
  readonly driverVersion: string;
  readonly nvmlVersion: string;
  readonly cudaVersion: string;
  readonly pstate: 'P0' | 'P8';
  readonly idle: boolean;
  readonly displayActive: boolean;
  readonly utilizationPercent: number;
  readonly temperatureC: number;
  readonly powerDrawW: number;
  readonly powerAverageW: number;
  readonly graphicsClockMHz: number;
  readonly videoClockMHz: number;
  readonly processes: readonly SnapshotProcess[];
}

/** GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, stable per box. */
export const gpuUuid = (state: SimState): string => {
  const h = stableHex(`gpu-uuid:${state.box.hostname}`, 32);
  return `GPU-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

export const gpuSnapshot = (state: SimState, now: number): GpuSnapshot => {
  const utilization = gpuUtilization(state, now);
  const pstate = gpuPState(state, now);
  // NVML's "average" is over about a second: five readings across it.
  const average = [0, 250, 500, 750, 1000].reduce((sum, back) => sum + gpuPowerW(state, now - back), 0) / 5;
  return {
    at: now,
    index: 0,
    uuid: gpuUuid(state),
    driverVersion: state.box.driverVersion,
    nvmlVersion: state.box.nvmlVersion,
    cudaVersion: state.box.cudaVersion,
    pstate,
    idle: pstate === 'P8',
    displayActive: state.gpuProcesses.some((p) => p.type !== 'C'),
    utilizationPercent: utilization,
    temperatureC: gpuTemperatureC(state, now),
    powerDrawW: gpuPowerW(state, now),
    powerAverageW: Math.round(average * 100) / 100,
    graphicsClockMHz: gpuClockMHz(state, now),
    videoClockMHz: pstate === 'P8' ? gb10.idleVideoClockMHz : gb10.loadVideoClockMHz,
    processes: state.gpuProcesses
      .filter((p) => p.startedAt <= now)
      .map((p) => ({ pid: p.pid, name: p.name, type: p.type, memoryMiB: processMemoryMiB(p, now) })),
  };
};
