/**
 * Container `State` and the human `Status` of `docker ps`: "Up 2 hours (healthy)",
 * "Up 3 seconds (Paused)", "Exited (137) 5 minutes ago", "Restarting (1) 5 seconds ago",
 * "Created", "Removal In Progress", "Dead".
 */

export const dockerContainerStates = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const;
export type DockerContainerState = (typeof dockerContainerStates)[number];

export const parseContainerState = (value: unknown): DockerContainerState | null =>
  typeof value === 'string' && (dockerContainerStates as readonly string[]).includes(value) ? (value as DockerContainerState) : null;

export type DockerHealth = 'healthy' | 'unhealthy' | 'starting';

export interface DockerStatus {
  readonly kind: 'up' | 'paused' | 'exited' | 'restarting' | 'created' | 'removing' | 'dead' | 'unknown';
  readonly exitCode: number | null;
  readonly health: DockerHealth | null;
  /** The duration as docker wrote it ("2 hours", "Less than a second"), when there is one. */
  readonly duration: string | null;
  readonly text: string;
}

export const parseDockerStatus = (value: unknown): DockerStatus => {
  const text = typeof value === 'string' ? value.trim() : '';
  const base = { exitCode: null, health: null, duration: null, text };
  const up = /^Up (.+?)(?: \((healthy|unhealthy|health: starting|Paused)\))?$/.exec(text);
  if (up) {
    const note = up[2];
    if (note === 'Paused') return { ...base, kind: 'paused', duration: up[1]! };
    const health: DockerHealth | null = note === 'healthy' ? 'healthy' : note === 'unhealthy' ? 'unhealthy' : note ? 'starting' : null;
    return { ...base, kind: 'up', duration: up[1]!, health };
  }
  const ended = /^(Exited|Restarting) \((-?\d+)\) (.+) ago$/.exec(text);
  if (ended) return { ...base, kind: ended[1] === 'Exited' ? 'exited' : 'restarting', exitCode: Number(ended[2]), duration: ended[3]! };
  if (text === 'Created') return { ...base, kind: 'created' };
  if (text === 'Removal In Progress') return { ...base, kind: 'removing' };
  if (text === 'Dead') return { ...base, kind: 'dead' };
  return { ...base, kind: 'unknown' };
};
