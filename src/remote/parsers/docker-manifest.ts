/**
 * Which platforms an image is built for, known before pulling it. `docker manifest inspect
 * --verbose REF` (docker/cli cli/command/manifest/inspect.go) prints, tab-indented:
 *   - for a multi-platform image, a JSON array with one entry per platform:
 *     `[{"Ref": "...", "Descriptor": {"mediaType": ..., "platform": {"architecture": "arm64",
 *     "os": "linux", "variant": "v8"}}, "SchemaV2Manifest"|"OCIManifest": {...}}, ...]`
 *   - for a single-platform image, one such object (the platform read from the image config).
 * Without --verbose it prints the registry's own document: an index/manifest list
 * (`{"manifests": [{"platform": {...}}, ...]}`, read too) or a bare image manifest, which names
 * no platform. OCI indexes also list attestation manifests as platform `unknown/unknown`: those
 * are not images and are dropped. The local answer (`docker image inspect --format
 * '{{.Architecture}}'`) is one bare word.
 */
import { parseInspectArchitecture } from './docker-inspect.js';

export interface ImagePlatforms {
  /** Where the answer came from: the image already on the box, or the registry. */
  readonly source: 'local' | 'registry';
  /** Docker's architecture names, each once, in the order listed: ['arm64', 'amd64']. */
  readonly architectures: readonly string[];
  /** `os/architecture[/variant]` of each image the registry lists (local: the architecture). */
  readonly platforms: readonly string[];
}

export type ImagePlatformsResult = { readonly ok: true; readonly value: ImagePlatforms } | { readonly ok: false; readonly reason: string };

/** Kernel spellings to docker's (uname -m says aarch64; registries say arm64). */
const architectureAliases: Readonly<Record<string, string>> = { aarch64: 'arm64', x86_64: 'amd64', 'x86-64': 'amd64' };

export const normaliseArchitecture = (name: string): string => architectureAliases[name.toLowerCase()] ?? name.toLowerCase();

type Json = Record<string, unknown>;

const obj = (value: unknown): Json | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);

interface Platform {
  readonly os: string | null;
  readonly architecture: string;
  readonly variant: string | null;
}

const platformOf = (value: unknown): Platform | undefined => {
  const p = obj(value);
  const architecture = p?.['architecture'];
  if (typeof architecture !== 'string' || architecture === '' || architecture === 'unknown') return undefined;
  const os = typeof p?.['os'] === 'string' ? (p['os'] as string) : null;
  const variant = typeof p?.['variant'] === 'string' && p['variant'] !== '' ? (p['variant'] as string) : null;
  return { os, architecture: normaliseArchitecture(architecture), variant };
};

/** Platforms of an image a Linux box could run (a Windows image is no use, whatever its CPU). */
const collect = (platforms: ReadonlyArray<Platform | undefined>): ImagePlatformsResult => {
  const linux = platforms.filter((p): p is Platform => p !== undefined && (p.os === null || p.os === 'linux'));
  if (linux.length === 0) return { ok: false, reason: 'the manifest names no Linux platform' };
  return {
    ok: true,
    value: {
      source: 'registry',
      architectures: [...new Set(linux.map((p) => p.architecture))],
      platforms: [...new Set(linux.map((p) => [p.os ?? 'linux', p.architecture, p.variant].filter(Boolean).join('/')))],
    },
  };
};

/** `docker manifest inspect [--verbose]` output → the platforms listed. */
export const parseManifestPlatforms = (output: string): ImagePlatformsResult => {
  let value: unknown;
  try {
    value = JSON.parse(output.trim());
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (Array.isArray(value)) return collect(value.map((entry) => platformOf(obj(obj(entry)?.['Descriptor'])?.['platform'])));
  const document = obj(value);
  if (!document) return { ok: false, reason: 'not a JSON object or array' };
  const descriptor = obj(document['Descriptor']);
  if (descriptor) return collect([platformOf(descriptor['platform'])]);
  const manifests = document['manifests'];
  if (Array.isArray(manifests)) return collect(manifests.map((m) => platformOf(obj(m)?.['platform'])));
  return { ok: false, reason: 'a single image manifest names no platform (ask with --verbose)' };
};

/**
 * The output of imagePlatformsCommand: the local image's architecture (one word) when the box
 * has the image, else the registry's manifest.
 */
export const parseImagePlatforms = (output: string): ImagePlatformsResult => {
  const text = output.trim();
  if (text.startsWith('{') || text.startsWith('[')) return parseManifestPlatforms(text);
  const architecture = parseInspectArchitecture(text);
  if (architecture === null || text.includes('\n')) return { ok: false, reason: text === '' ? 'no output' : 'neither an architecture nor a manifest' };
  const name = normaliseArchitecture(architecture);
  return { ok: true, value: { source: 'local', architectures: [name], platforms: [`linux/${name}`] } };
};
