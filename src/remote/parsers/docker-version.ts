/**
 * Which docker the box has: `docker version --format '{{json .}}'` (Client always; Server null
 * or missing when the daemon is unreachable — the error is on stderr), podman's compatible
 * output (no Server, `OsArch`), the plain `docker version` text (GB10 capture, possibly cut
 * short), and `docker --version` (`Docker version 29.1.3, build f52814d`).
 */

export interface DockerComponent {
  readonly name: string;
  readonly version: string;
}

export interface DockerServerVersion {
  readonly version: string | null;
  readonly apiVersion: string | null;
  readonly minApiVersion: string | null;
  readonly os: string | null;
  readonly arch: string | null;
  readonly kernelVersion: string | null;
  readonly components: readonly DockerComponent[];
}

export interface DockerVersionInfo {
  readonly engine: 'docker' | 'podman';
  readonly client: { readonly version: string | null; readonly apiVersion: string | null; readonly os: string | null; readonly arch: string | null; readonly context: string | null };
  /** Null when the daemon did not answer (permission, not running). */
  readonly server: DockerServerVersion | null;
}

export type DockerVersionResult = { readonly ok: true; readonly value: DockerVersionInfo } | { readonly ok: false; readonly reason: string };

type Json = Record<string, unknown>;
const obj = (value: unknown): Json | null => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export const parseDockerVersionJson = (output: string): DockerVersionResult => {
  const line = output.split('\n').map((l) => l.trim()).find((l) => l.startsWith('{'));
  if (line === undefined) return { ok: false, reason: 'no JSON object in the output' };
  let root: Json | null;
  try {
    root = obj(JSON.parse(line));
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const client = obj(root?.['Client']);
  if (!root || !client) return { ok: false, reason: 'no Client section' };
  const podman = 'OsArch' in client && !('Context' in client);
  const [osArchOs, osArchArch] = (str(client['OsArch']) ?? '/').split('/');
  const server = obj(root['Server']);
  return {
    ok: true,
    value: {
      engine: podman ? 'podman' : 'docker',
      client: {
        version: str(client['Version']),
        apiVersion: str(client['ApiVersion']) ?? str(client['APIVersion']),
        os: str(client['Os']) ?? (osArchOs || null),
        arch: str(client['Arch']) ?? (osArchArch || null),
        context: str(client['Context']),
      },
      server: server
        ? {
            version: str(server['Version']),
            apiVersion: str(server['ApiVersion']),
            minApiVersion: str(server['MinAPIVersion']),
            os: str(server['Os']),
            arch: str(server['Arch']),
            kernelVersion: str(server['KernelVersion']),
            components: (Array.isArray(server['Components']) ? server['Components'] : [])
              .map((c) => obj(c))
              .filter((c): c is Json => c !== null && typeof c['Name'] === 'string')
              .map((c) => ({ name: String(c['Name']), version: str(c['Version']) ?? '' })),
          }
        : null,
    },
  };
};

/** `Docker version 29.1.3, build f52814d`. */
export const parseDockerVersionLine = (output: string): { readonly version: string; readonly build: string | null } | null => {
  const match = /Docker version ([0-9][\w.+~-]*)(?:, build (\w+))?/.exec(output);
  return match ? { version: match[1]!, build: match[2] ?? null } : null;
};

/** Plain `docker version`: sections by indentation ("Client:", "Server:", " Engine:", " containerd:"). */
export const parseDockerVersionText = (output: string): DockerVersionResult => {
  const client: Record<string, string> = {};
  const engine: Record<string, string> = {};
  const components: DockerComponent[] = [];
  let section: 'none' | 'client' | 'server' = 'none';
  let component: string | undefined;
  let sawServer = false;
  for (const raw of output.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (/^Client\b/.test(line)) {
      section = 'client';
      continue;
    }
    if (/^Server\b/.test(line)) {
      section = 'server';
      sawServer = true;
      continue;
    }
    const componentHeader = /^ (\S[^:]*):\s*$/.exec(line);
    if (section === 'server' && componentHeader) {
      component = componentHeader[1]!;
      continue;
    }
    const kv = /^\s+([^:]+):\s+(.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1]!.trim();
    const value = kv[2]!.trim();
    if (section === 'client') client[key] = value;
    else if (section === 'server' && component) {
      if (component === 'Engine') engine[key] = value;
      if (key === 'Version') components.push({ name: component, version: value });
    }
  }
  if (Object.keys(client).length === 0) return { ok: false, reason: 'no Client section' };
  const split = (osArch: string | undefined) => (osArch ?? '/').split('/');
  const [clientOs, clientArch] = split(client['OS/Arch']);
  const [serverOs, serverArch] = split(engine['OS/Arch']);
  const apiMatch = /^(\S+)(?: \(minimum version (\S+)\))?/.exec(engine['API version'] ?? '');
  return {
    ok: true,
    value: {
      engine: 'docker',
      client: { version: client['Version'] ?? null, apiVersion: (client['API version'] ?? '').split(' ')[0] || null, os: clientOs || null, arch: clientArch || null, context: client['Context'] ?? null },
      server: sawServer
        ? {
            version: engine['Version'] ?? null,
            apiVersion: apiMatch?.[1] ?? null,
            minApiVersion: apiMatch?.[2] ?? null,
            os: serverOs || null,
            arch: serverArch || null,
            kernelVersion: null,
            components,
          }
        : null,
    },
  };
};
