/**
 * The runtimes `docker info` reports, to tell whether the NVIDIA runtime is there. Three forms:
 * `--format '{{json .Runtimes}}'` (`{"nvidia":{"path":"nvidia-container-runtime"},…}`),
 * `--format '{{.Runtimes}}'` (Go's `map[io.containerd.runc.v2:{…} nvidia:{…} runc:{…}]`), and the
 * plain text line ` Runtimes: io.containerd.runc.v2 nvidia runc`.
 */

export interface DockerRuntimes {
  readonly names: readonly string[];
  readonly hasNvidia: boolean;
}

export type DockerRuntimesResult = { readonly ok: true; readonly value: DockerRuntimes } | { readonly ok: false; readonly reason: string };

const result = (names: string[]): DockerRuntimesResult => ({ ok: true, value: { names, hasNvidia: names.includes('nvidia') } });

/** Top-level keys of Go's `map[k1:{…} k2:{…}]` (values may nest braces and brackets). */
const goMapKeys = (text: string): string[] | undefined => {
  if (!text.startsWith('map[') || !text.endsWith(']')) return undefined;
  const body = text.slice(4, -1);
  const keys: string[] = [];
  let depth = 0;
  let token = '';
  let readingKey = true;
  for (const c of body) {
    if (readingKey) {
      if (c === ':') {
        keys.push(token.trim());
        token = '';
        readingKey = false;
      } else token += c;
      continue;
    }
    if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') depth -= 1;
    else if (c === ' ' && depth === 0) readingKey = true;
  }
  return keys.filter(Boolean);
};

export const parseDockerRuntimes = (output: string): DockerRuntimesResult => {
  const text = output.trim();
  if (text.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return result(Object.keys(value));
    } catch {
      return { ok: false, reason: 'not JSON' };
    }
  }
  const keys = goMapKeys(text);
  if (keys) return result(keys);
  const line = /^\s*Runtimes:\s*(.+)$/m.exec(output);
  if (line) return result(line[1]!.trim().split(/\s+/));
  return { ok: false, reason: 'no runtimes in the output' };
};
