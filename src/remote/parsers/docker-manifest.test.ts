import { describe, expect, it } from 'vitest';
import { normaliseArchitecture, parseImagePlatforms, parseManifestPlatforms } from './docker-manifest.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

/**
 * `docker manifest inspect --verbose` of a single-platform image (docker/cli prints it with tab
 * indents; the shape as in public transcripts: Ref, Descriptor with the platform from the
 * image config, the manifest itself).
 */
const verboseSingleAmd64 = `{
\t"Ref": "docker.io/aneasystone/hello-actuator:v1",
\t"Descriptor": {
\t\t"mediaType": "application/vnd.docker.distribution.manifest.v2+json",
\t\t"digest": "${digest('f')}",
\t\t"size": 1163,
\t\t"platform": {
\t\t\t"architecture": "amd64",
\t\t\t"os": "linux"
\t\t}
\t},
\t"SchemaV2Manifest": {
\t\t"schemaVersion": 2,
\t\t"mediaType": "application/vnd.docker.distribution.manifest.v2+json",
\t\t"config": {
\t\t\t"mediaType": "application/vnd.docker.container.image.v1+json",
\t\t\t"size": 7666,
\t\t\t"digest": "${digest('4')}"
\t\t},
\t\t"layers": [
\t\t\t{
\t\t\t\t"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
\t\t\t\t"size": 48308008,
\t\t\t\t"digest": "${digest('5')}"
\t\t\t}
\t\t]
\t}
}
`;

const entry = (ref: string, platform: string, manifestKey = 'OCIManifest') => `\t{
\t\t"Ref": "${ref}",
\t\t"Descriptor": {
\t\t\t"mediaType": "application/vnd.oci.image.manifest.v1+json",
\t\t\t"digest": "${digest('a')}",
\t\t\t"size": 2406,
\t\t\t"platform": ${platform}
\t\t},
\t\t"Raw": "eyJzY2hlbWFWZXJzaW9uIjoyfQ==",
\t\t"${manifestKey}": {
\t\t\t"schemaVersion": 2,
\t\t\t"mediaType": "application/vnd.oci.image.manifest.v1+json",
\t\t\t"config": { "mediaType": "application/vnd.oci.image.config.v1+json", "digest": "${digest('b')}", "size": 5000 },
\t\t\t"layers": []
\t\t}
\t}`;

/** A multi-arch tag as BuildKit pushes it: two images, their attestations, and (rarely) Windows. */
const verboseList = `[
${[
  entry('docker.io/ollama/ollama:0.12.3@sha256:1', '{ "architecture": "amd64", "os": "linux" }'),
  entry('docker.io/ollama/ollama:0.12.3@sha256:2', '{ "architecture": "arm64", "os": "linux", "variant": "v8" }'),
  entry('docker.io/ollama/ollama:0.12.3@sha256:3', '{ "architecture": "unknown", "os": "unknown" }'),
  entry('docker.io/ollama/ollama:0.12.3@sha256:4', '{ "architecture": "unknown", "os": "unknown" }'),
  entry('docker.io/library/x:1@sha256:5', '{ "architecture": "amd64", "os": "windows", "os.version": "10.0.17763.6532" }', 'SchemaV2Manifest'),
].join(',\n')}
]
`;

/** Without --verbose, a multi-arch tag prints the registry's index. */
const plainIndex = JSON.stringify(
  {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
    manifests: [
      { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', size: 950, digest: digest('1'), platform: { architecture: 'amd64', os: 'linux' } },
      { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', size: 950, digest: digest('2'), platform: { architecture: 'arm', os: 'linux', variant: 'v7' } },
      { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', size: 950, digest: digest('3'), platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } },
      { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', size: 950, digest: digest('4'), platform: { architecture: 's390x', os: 'linux' } },
    ],
  },
  null,
  '\t',
);

describe('parseManifestPlatforms', () => {
  it('reads a multi-arch --verbose list, dropping attestations and Windows images', () => {
    expect(parseManifestPlatforms(verboseList)).toEqual({ ok: true, value: { source: 'registry', architectures: ['amd64', 'arm64'], platforms: ['linux/amd64', 'linux/arm64/v8'] } });
  });

  it('reads a single-platform --verbose object (the platform docker took from the image config)', () => {
    expect(parseManifestPlatforms(verboseSingleAmd64)).toEqual({ ok: true, value: { source: 'registry', architectures: ['amd64'], platforms: ['linux/amd64'] } });
  });

  it('reads the plain index of a multi-arch tag', () => {
    expect(parseManifestPlatforms(plainIndex)).toEqual({ ok: true, value: { source: 'registry', architectures: ['amd64', 'arm', 'arm64', 's390x'], platforms: ['linux/amd64', 'linux/arm/v7', 'linux/arm64/v8', 'linux/s390x'] } });
  });

  it('says it cannot tell for a plain single manifest, an index of attestations only, or garbage', () => {
    const plainManifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { digest: digest('c') }, layers: [] });
    expect(parseManifestPlatforms(plainManifest)).toEqual({ ok: false, reason: 'a single image manifest names no platform (ask with --verbose)' });
    expect(parseManifestPlatforms(JSON.stringify({ manifests: [{ platform: { architecture: 'unknown', os: 'unknown' } }] }))).toEqual({ ok: false, reason: 'the manifest names no Linux platform' });
    expect(parseManifestPlatforms('no such manifest: docker.io/library/nope:latest')).toEqual({ ok: false, reason: 'not JSON' });
    expect(parseManifestPlatforms('"text"')).toEqual({ ok: false, reason: 'not a JSON object or array' });
    expect(parseManifestPlatforms('[]').ok).toBe(false);
  });
});

describe('parseImagePlatforms', () => {
  it('reads the local answer (docker image inspect --format {{.Architecture}}) as in the capture', () => {
    expect(parseImagePlatforms('arm64\n')).toEqual({ ok: true, value: { source: 'local', architectures: ['arm64'], platforms: ['linux/arm64'] } });
    expect(parseImagePlatforms('amd64\n').ok && parseImagePlatforms('amd64\n')).toMatchObject({ value: { architectures: ['amd64'] } });
  });

  it('falls through to the registry JSON, and refuses what is neither', () => {
    expect(parseImagePlatforms(verboseList)).toMatchObject({ ok: true, value: { source: 'registry', architectures: ['amd64', 'arm64'] } });
    expect(parseImagePlatforms('')).toEqual({ ok: false, reason: 'no output' });
    expect(parseImagePlatforms("docker: unknown command: docker manifest\n\nRun 'docker --help' for more information")).toEqual({ ok: false, reason: 'neither an architecture nor a manifest' });
  });

  it('speaks docker architecture names, whatever uname says', () => {
    expect(normaliseArchitecture('aarch64')).toBe('arm64');
    expect(normaliseArchitecture('x86_64')).toBe('amd64');
    expect(normaliseArchitecture('ARM64')).toBe('arm64');
    expect(parseImagePlatforms('aarch64')).toMatchObject({ ok: true, value: { architectures: ['arm64'] } });
  });
});
