/**
 * What switching a fault does to the box beyond the flag itself. Pure over the state, so the
 * test harness (shim mode) and the demo box apply the same thing; the caller stops the servers
 * of the containers it returns.
 */
import { processMemoryMiB } from './dynamics.js';
import type { FaultName } from './faults.js';
import type { SimState } from './state.js';

export interface FaultEffect {
  /** Containers whose main process was killed: their model servers must stop answering. */
  readonly killedContainers: readonly string[];
}

/**
 * Out of memory: the kernel's OOM killer picks the process holding the most memory. On a GB10
 * that is the model server in a container; docker then reports it exited 137 with OOMKilled.
 * The freeze before it (the box not answering) is the transport's part of the fault.
 */
const outOfMemory = (state: SimState, now: number): FaultEffect => {
  const victim = [...state.gpuProcesses]
    .filter((p) => p.containerId !== undefined)
    .sort((a, b) => processMemoryMiB(b, now) - processMemoryMiB(a, now))[0];
  const container = state.containers.find((c) => c.id === victim?.containerId && c.state === 'running');
  if (!container) return { killedContainers: [] };
  container.exitAt = { at: now, code: 137 };
  container.oomKilled = true;
  return { killedContainers: [container.id] };
};

export const applyFault = (state: SimState, fault: FaultName, on: boolean, now: number): FaultEffect => {
  // A dropped connection is an event, not a lasting state.
  state.faults[fault] = fault === 'connection-dropped' ? false : on;
  if (fault === 'out-of-memory' && on) return outOfMemory(state, now);
  return { killedContainers: [] };
};
