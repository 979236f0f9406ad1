/**
 * Faults the simulator can inject, by name. Tests switch them on per test; the demo box has a
 * menu for them. Each one makes the simulated tool print the real tool's own error text.
 * (Platform-neutral: the contract and the renderer name them too.)
 */
export const faultNames = [
  'connection-dropped',
  'connection-stalled',
  'docker-missing',
  'docker-permission',
  'nvidia-runtime-missing',
  'image-amd64-only',
  'disk-full',
  'out-of-memory',
  'server-never-ready',
  'nvidia-smi-missing',
  'slow-network',
] as const;

export type FaultName = (typeof faultNames)[number];

export const isFaultName = (value: string): value is FaultName => (faultNames as readonly string[]).includes(value);
