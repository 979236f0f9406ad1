import type { Program, SimIO } from '../../io.js';
import type { SimContainer, SimState } from '../../state.js';

/** What every docker subcommand gets: the program's io and the programs a container can run. */
export interface DockerCtx {
  readonly io: SimIO;
  /** Simulated programs by name (nvidia-smi, ollama, …) that `docker exec`/`run` can start inside a container. */
  readonly programs: Readonly<Record<string, Program>>;
}

/** A container of the state by id (the caller knows it exists). */
export const containerById = (state: SimState, id: string): SimContainer | undefined => state.containers.find((c) => c.id === id);

/** Activity id under which a container's own load (model loading, a job) is recorded. */
export const containerActivityId = (id: string): string => `container:${id}`;

/** Whether a container was given the GPU (`--gpus`, or the nvidia runtime). */
export const hasGpu = (container: SimContainer): boolean => container.gpus !== undefined || container.extras?.runtime === 'nvidia';
