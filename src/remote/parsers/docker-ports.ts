/**
 * The `Ports` text of `docker ps`: `0.0.0.0:8080->80/tcp, [::]:8080->80/tcp` (docker ≥ 26
 * brackets IPv6), `:::8080->80/tcp` (older), `127.0.0.1:5432->5432/tcp`, exposed but unpublished
 * `80/tcp`, and grouped ranges `0.0.0.0:8000-8001->8000-8001/tcp` (formatter.DisplayablePorts).
 */

export interface DockerPortBinding {
  /** Host address; null for a port the image exposes but nothing publishes. */
  readonly hostIp: string | null;
  readonly hostPort: number | null;
  readonly containerPort: number;
  readonly protocol: string;
}

/** A range is expanded port by port; more than this many ports in one entry is not believed. */
const maxRange = 1024;

const range = (text: string): [number, number] | undefined => {
  const [a = '', b = a] = text.split('-');
  const from = Number(a);
  const to = Number(b);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from <= 0 || to < from || to > 65535 || to - from >= maxRange) return undefined;
  return [from, to];
};

export interface PortsParse {
  readonly bindings: DockerPortBinding[];
  /** Entries that did not read as a port (kept so callers can show them). */
  readonly unparsed: string[];
}

export const parseDockerPorts = (text: string | null | undefined): PortsParse => {
  const bindings: DockerPortBinding[] = [];
  const unparsed: string[] = [];
  for (const raw of (text ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const published = /^(.*):(\d+(?:-\d+)?)->(\d+(?:-\d+)?)\/(\w+)$/.exec(entry);
    if (published) {
      const hostIp = published[1]!.replace(/^\[(.*)\]$/, '$1');
      const hosts = range(published[2]!);
      const containers = range(published[3]!);
      if (!hosts || !containers || hosts[1] - hosts[0] !== containers[1] - containers[0]) {
        unparsed.push(entry);
        continue;
      }
      for (let i = 0; i <= containers[1] - containers[0]; i += 1) {
        bindings.push({ hostIp, hostPort: hosts[0] + i, containerPort: containers[0] + i, protocol: published[4]! });
      }
      continue;
    }
    const exposed = /^(\d+(?:-\d+)?)\/(\w+)$/.exec(entry);
    const ports = exposed ? range(exposed[1]!) : undefined;
    if (!exposed || !ports) {
      unparsed.push(entry);
      continue;
    }
    for (let port = ports[0]; port <= ports[1]; port += 1) bindings.push({ hostIp: null, hostPort: null, containerPort: port, protocol: exposed[2]! });
  }
  return { bindings, unparsed };
};
