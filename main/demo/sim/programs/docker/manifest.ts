/**
 * `docker manifest inspect [--verbose] REF`: what the registry offers for an image, without
 * pulling it (docker/cli cli/command/manifest/inspect.go). A multi-platform image prints its
 * index (or, with --verbose, one entry per platform); an amd64-only tag (`-x86_64`, or every
 * image under the image-amd64-only fault) a single amd64 manifest. The daemon plays no part, so
 * the docker-permission fault does not reach it (the caller lets it through).
 */
import type { DockerCtx } from './context.js';
import { familiarName, fullyQualified, parseImageRef, tagOf } from './image-ref.js';
import { lookupRemote } from './registry.js';

const indexType = 'application/vnd.oci.image.index.v1+json';
const manifestType = 'application/vnd.oci.image.manifest.v1+json';

/** docker prints its JSON tab-indented. */
const json = (value: unknown) => `${JSON.stringify(value, null, '\t')}\n`;

export const manifestCommand = (ctx: DockerCtx, argv: readonly string[]): number => {
  const { io } = ctx;
  const [sub, ...rest] = argv;
  if (sub !== 'inspect') {
    io.error(sub === undefined ? '\nUsage:  docker manifest COMMAND\n' : `docker: unknown command: docker manifest ${sub}\n`);
    return 1;
  }
  const verbose = rest.includes('-v') || rest.includes('--verbose');
  const target = rest.find((a) => !a.startsWith('-'));
  const parsed = target === undefined ? undefined : parseImageRef(target);
  if (!parsed?.ok) {
    io.error(`"docker manifest inspect" requires at least 1 argument.\n`);
    return 1;
  }
  const ref = parsed.ref;
  const remote = lookupRemote(familiarName(ref), tagOf(ref), io.now(), io.read().faults['image-amd64-only'] === true);
  if (!remote.ok) {
    io.error(`no such manifest: ${fullyQualified(ref)}\n`);
    return 1;
  }
  const image = remote.image;
  const entry = (architecture: string, i: number) => ({
    mediaType: manifestType,
    digest: `sha256:${image.digest.replace(/^sha256:/, '').slice(0, 60)}${String(i).padStart(4, '0')}`,
    size: 1_000 + i,
    platform: architecture === 'arm64' ? { architecture: 'arm64', os: 'linux', variant: 'v8' } : { architecture, os: 'linux' },
  });
  const entries = image.platforms.map(entry);
  if (entries.length === 1) {
    const only = entries[0]!;
    io.write(verbose ? json({ Ref: fullyQualified(ref), Descriptor: only, OCIManifest: { schemaVersion: 2, mediaType: manifestType } }) : json({ schemaVersion: 2, mediaType: manifestType, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: only.digest, size: 7_000 } }));
    return 0;
  }
  io.write(verbose ? json(entries.map((d) => ({ Ref: `${fullyQualified(ref)}@${d.digest}`, Descriptor: d, OCIManifest: { schemaVersion: 2, mediaType: manifestType } }))) : json({ schemaVersion: 2, mediaType: indexType, manifests: entries }));
  return 0;
};
