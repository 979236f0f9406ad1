/**
 * What went wrong, from docker's stderr (or a container's log): each problem the app knows how
 * to explain has a stable `kind`. Texts are the ones README §3 of the captures lists plus the
 * daemon's own wording in docker 28 (withHelp `docker: …` prefixes and `Run 'docker run --help'`
 * tails are tolerated, and the older trailing `.` too).
 */

export type DockerProblem =
  | { readonly kind: 'docker-missing'; readonly line: string }
  | { readonly kind: 'permission-denied'; readonly line: string; readonly wording: 'docker-28' | 'docker-29'; readonly socket: string | null }
  | { readonly kind: 'daemon-not-running'; readonly line: string; readonly socket: string | null }
  | { readonly kind: 'nvidia-runtime-missing'; readonly line: string; readonly driver: string | null }
  | { readonly kind: 'name-conflict'; readonly line: string; readonly name: string | null; readonly containerId: string | null }
  | { readonly kind: 'port-in-use'; readonly line: string; readonly hostIp: string | null; readonly port: number | null }
  | {
      readonly kind: 'image-not-found';
      readonly line: string;
      readonly reason: 'pull-access-denied' | 'manifest-unknown' | 'no-such-image' | 'repository-not-found' | 'no-matching-manifest';
      readonly image: string | null;
    }
  | { readonly kind: 'no-space'; readonly line: string }
  | { readonly kind: 'exec-format-error'; readonly line: string; readonly path: string | null }
  | { readonly kind: 'no-such-container'; readonly line: string; readonly name: string | null }
  | { readonly kind: 'platform-mismatch'; readonly line: string; readonly imagePlatform: string | null; readonly hostPlatform: string | null };

export type DockerProblemKind = DockerProblem['kind'];

type Matcher = (line: string) => DockerProblem | undefined;

/** Checked in this order: the first kind any line matches wins (a missing docker explains everything after it). */
const matchers: readonly Matcher[] = [
  (line) =>
    /(^|: )docker: command not found$/.test(line) || /command not found: docker$/.test(line) || /^(ba)?sh: .*docker: (No such file or directory|not found)$/.test(line)
      ? { kind: 'docker-missing', line }
      : undefined,
  (line) => {
    const old = /permission denied while trying to connect to the Docker daemon socket at (\S+?):? /.exec(line);
    if (old) return { kind: 'permission-denied', line, wording: 'docker-28', socket: old[1]! };
    const v29 = /permission denied while trying to connect to the docker API at (\S+)/.exec(line);
    return v29 ? { kind: 'permission-denied', line, wording: 'docker-29', socket: v29[1]! } : undefined;
  },
  (line) => {
    const match = /Cannot connect to the Docker daemon(?: at (\S+?)\.)?\s*Is the docker daemon running\?/.exec(line);
    return match ? { kind: 'daemon-not-running', line, socket: match[1] ?? null } : undefined;
  },
  (line) => {
    const match = /could not select device driver "([^"]*)" with capabilities: \[\[gpu\]\]/.exec(line);
    if (match) return { kind: 'nvidia-runtime-missing', line, driver: match[1]! };
    return /unknown or invalid runtime name: nvidia/.test(line) ? { kind: 'nvidia-runtime-missing', line, driver: 'nvidia' } : undefined;
  },
  (line) => {
    const match = /Conflict\. The container name "\/?([^"]+)" is already in use by container "([0-9a-f]+)"/.exec(line);
    return match ? { kind: 'name-conflict', line, name: match[1]!, containerId: match[2]! } : undefined;
  },
  (line) => {
    const bind = /Bind for (.+):(\d+) failed: port is already allocated/.exec(line);
    if (bind) return { kind: 'port-in-use', line, hostIp: bind[1]!.replace(/^\[(.*)\]$/, '$1'), port: Number(bind[2]) };
    const uvicorn = /error while attempting to bind on address \('([^']*)', (\d+)\): address already in use/.exec(line);
    if (uvicorn) return { kind: 'port-in-use', line, hostIp: uvicorn[1]!, port: Number(uvicorn[2]) };
    const proxy = /(?:listen tcp4?6?|bind(?: host port)?(?: for)?) ([^\s]*?):(\d+).*address already in use/.exec(line);
    return proxy ? { kind: 'port-in-use', line, hostIp: proxy[1] || null, port: Number(proxy[2]) } : undefined;
  },
  (line) => {
    const denied = /pull access denied for ([^,\s]+), repository does not exist or may require 'docker login'/.exec(line);
    if (denied) return { kind: 'image-not-found', line, reason: 'pull-access-denied', image: denied[1]! };
    const manifest = /manifest for (\S+) not found: manifest unknown/.exec(line);
    if (manifest) return { kind: 'image-not-found', line, reason: 'manifest-unknown', image: manifest[1]! };
    const noImage = /No such image: (\S+)/.exec(line);
    if (noImage) return { kind: 'image-not-found', line, reason: 'no-such-image', image: noImage[1]! };
    const repo = /repository (\S+) not found/.exec(line);
    if (repo) return { kind: 'image-not-found', line, reason: 'repository-not-found', image: repo[1]! };
    return /no matching manifest for (\S+) in the manifest list entries/.test(line) ? { kind: 'image-not-found', line, reason: 'no-matching-manifest', image: null } : undefined;
  },
  (line) => (/no space left on device/i.test(line) ? { kind: 'no-space', line } : undefined),
  (line) => {
    const match = /exec (\S+): exec format error/.exec(line);
    if (match) return { kind: 'exec-format-error', line, path: match[1]! };
    return /exec user process caused:? "?exec format error|exec format error/.test(line) ? { kind: 'exec-format-error', line, path: null } : undefined;
  },
  (line) => {
    const match = /No such container: (\S+)/.exec(line);
    return match ? { kind: 'no-such-container', line, name: match[1]! } : undefined;
  },
  (line) => {
    const match = /requested image's platform \(([^)]+)\) does not match the detected host platform \(([^)]+)\)/.exec(line);
    return match ? { kind: 'platform-mismatch', line, imagePlatform: match[1]!, hostPlatform: match[2]! } : undefined;
  },
];

/** The first known problem in `stderr` (most specific first), or undefined when there is none. */
export const classifyDockerError = (stderr: string): DockerProblem | undefined => {
  const lines = stderr
    .split('\n')
    .map((l) => l.replace(/\r$/, '').trim())
    .filter((l) => l !== '');
  for (const matcher of matchers) {
    for (const line of lines) {
      const problem = matcher(line);
      if (problem) return problem;
    }
  }
  return undefined;
};
