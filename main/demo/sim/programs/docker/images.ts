/**
 * `docker images` / `docker image ls` (the classic table of docker 28; -q, -a, --no-trunc,
 * --digests, --filter reference=/dangling=, --format) and `docker rmi` / `docker image rm`.
 * Rows follow formatter.imageContext: Size with `%.3g` decimal units, CreatedSince via
 * HumanDuration, Digest "<none>" unless asked for, Containers/SharedSize/UniqueSize "N/A".
 */
import { mixedHex } from '../../box.js';
import type { SimImage } from '../../state.js';
import { type FlagSpec, parseFlags } from './cli-flags.js';
import type { DockerCtx } from './context.js';
import { goTimeString, humanDuration, humanSize, truncateId } from './go-text.js';
import { formatList } from './list-format.js';
import { findImage, imageTagged } from './lookup.js';
import { flagError, fromDaemon, noSuchImage, requiresAtLeast, usages } from './texts.js';

const specs: readonly FlagSpec[] = [
  { long: 'all', short: 'a', kind: 'bool' },
  { long: 'quiet', short: 'q', kind: 'bool' },
  { long: 'no-trunc', kind: 'bool' },
  { long: 'digests', kind: 'bool' },
  { long: 'tree', kind: 'bool' },
  { long: 'filter', short: 'f', kind: 'list' },
  { long: 'format', kind: 'value' },
];

export const imageHeaders = {
  Containers: 'CONTAINERS',
  CreatedAt: 'CREATED AT',
  CreatedSince: 'CREATED',
  Digest: 'DIGEST',
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  SharedSize: 'SHARED SIZE',
  Size: 'SIZE',
  Tag: 'TAG',
  UniqueSize: 'UNIQUE SIZE',
  VirtualSize: 'VIRTUAL SIZE',
} as const;

const imageRow = (image: SimImage, now: number, trunc: boolean, digest: boolean) => ({
  Containers: 'N/A',
  CreatedAt: goTimeString(image.createdAt),
  CreatedSince: `${humanDuration(now - image.createdAt)} ago`,
  Digest: digest ? image.digest : '<none>',
  ID: trunc ? truncateId(image.id) : image.id,
  Repository: image.repository,
  SharedSize: 'N/A',
  Size: humanSize(image.sizeBytes, 3),
  Tag: image.tag,
  UniqueSize: 'N/A',
  VirtualSize: humanSize(image.sizeBytes),
});

/** reference= filters are shell-style globs on `repo` or `repo:tag`. */
const globMatch = (pattern: string, text: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '.')}$`).test(text);

export const imagesCommand = (ctx: DockerCtx, argv: readonly string[], commandPath = 'docker images'): number => {
  const { io } = ctx;
  const parsed = parseFlags(argv, specs, { interspersed: true });
  if (!parsed.ok) {
    io.error(`${flagError(parsed.error, usages.images, commandPath)}\n`);
    return 125;
  }
  const { flags, args } = parsed;
  const state = io.read();
  const now = io.now();
  const references = [...flags.list('filter').filter((f) => f.startsWith('reference=')).map((f) => f.slice('reference='.length)), ...args.slice(0, 1)];
  const images = [...state.images]
    .sort((a, b) => b.createdAt - a.createdAt)
    .filter((image) => references.every((ref) => globMatch(ref, image.repository) || globMatch(ref, imageTagged(image))));
  const trunc = !flags.bool('no-trunc');
  const format = flags.value('format');
  const wantsDigest = flags.bool('digests') || (format ?? '').includes('{{.Digest}}');
  if (flags.bool('quiet')) {
    // -q prints each image id once, even when several tags point at it.
    const ids = [...new Set(images.map((i) => (trunc ? truncateId(i.id) : i.id)))];
    io.write(ids.map((id) => `${id}\n`).join(''));
    return 0;
  }
  const rows = images.map((i) => imageRow(i, now, trunc, wantsDigest));
  const defaultTable = wantsDigest
    ? 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}'
    : 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
  const out = formatList(rows, format, { defaultTable, headers: imageHeaders, rowType: '*formatter.imageContext' });
  if (!out.ok) {
    io.error(`${out.error}\n`);
    return 1;
  }
  io.write(out.text);
  return 0;
};

export const rmiCommand = (ctx: DockerCtx, argv: readonly string[], commandPath = 'docker rmi'): number => {
  const { io } = ctx;
  const parsed = parseFlags(argv, [{ long: 'force', short: 'f', kind: 'bool' }, { long: 'no-prune', kind: 'bool' }], { interspersed: true });
  if (!parsed.ok) {
    io.error(`${flagError(parsed.error, usages.rmi, commandPath)}\n`);
    return 125;
  }
  if (parsed.args.length === 0) {
    io.error(`${requiresAtLeast(commandPath, 1, usages.rmi)}\n`);
    return 1;
  }
  const errors: string[] = [];
  for (const ref of parsed.args) {
    const state = io.read();
    const image = findImage(state, ref);
    if (!image) {
      errors.push(noSuchImage(ref.includes(':') || /^[0-9a-f]{12,64}$/.test(ref) ? ref : `${ref}:latest`));
      continue;
    }
    const user = state.containers.find((c) => c.imageId === image.id);
    if (user && !parsed.flags.bool('force')) {
      errors.push(fromDaemon(`conflict: unable to remove repository reference "${ref}" (must force) - container ${truncateId(user.id)} is using its referenced image ${truncateId(image.id)}`));
      continue;
    }
    io.update((s) => {
      s.images = s.images.filter((i) => i.id !== image.id);
    });
    io.write(`Untagged: ${imageTagged(image)}\nUntagged: ${image.repository}@${image.digest}\nDeleted: ${image.id}\n`);
    for (const layer of image.layers) io.write(`Deleted: sha256:${mixedHex(`layer:${layer.id}`, 64)}\n`);
  }
  if (errors.length > 0) {
    io.error(`${errors.join('\n')}\n`);
    return 1;
  }
  return 0;
};
