/**
 * The simulated docker CLI + daemon. `dockerPrograms` runs containers with docker's own small
 * builtins only; `makeDockerProgram({ programs })` lets the program registry hand docker the
 * other simulated programs (nvidia-smi, ollama, …) so `docker exec NAME nvidia-smi` and
 * `docker run … nvidia-smi` run them inside the container.
 */
import type { Program } from '../../io.js';
import { makeDockerProgram } from './docker.js';

export { makeDockerProgram } from './docker.js';
export { workloadOf } from './workload.js';
export { serverSpecFor } from './server-spec.js';
export { engineArgs } from './engine-args.js';

export const dockerPrograms: Record<string, Program> = { docker: makeDockerProgram() };
