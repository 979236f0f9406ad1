/**
 * `docker images --format '{{json .}}'`: one object per line, values strings. `<none>` (or its
 * escaped form) and `N/A` are null. With the containerd image store (Docker 29 default) `ID` is
 * `sha256:<64 hex>` and `Digest` is real; with overlay2 (Docker 28) ID is 12 hex, Digest `<none>`.
 */
import { type ParseIssue, dockerText, field, parseCount, parseDockerBytes, parseDockerTime, parseJsonLines } from './docker-values.js';

export type { ParseIssue } from './docker-values.js';

export interface DockerImageEntry {
  readonly id: string;
  readonly repository: string | null;
  readonly tag: string | null;
  readonly digest: string | null;
  readonly createdAt: number | null;
  readonly createdSince: string | null;
  /** Size in bytes from docker's rounded decimal text (`21.5GB`: ±0.5 % at three digits). */
  readonly sizeBytes: number | null;
  readonly containers: number | null;
  readonly sharedSizeBytes: number | null;
  readonly uniqueSizeBytes: number | null;
}

export interface DockerImagesResult {
  readonly images: DockerImageEntry[];
  readonly issues: ParseIssue[];
}

export const parseDockerImages = (output: string): DockerImagesResult => {
  const { objects, issues } = parseJsonLines(output);
  const images: DockerImageEntry[] = [];
  for (const { line, value } of objects) {
    const id = field(value, 'ID');
    if (!/^(sha256:)?[0-9a-f]{12,64}$/.test(id)) {
      issues.push({ line, reason: 'no image ID' });
      continue;
    }
    images.push({
      id,
      repository: dockerText(value['Repository']),
      tag: dockerText(value['Tag']),
      digest: dockerText(value['Digest']),
      createdAt: parseDockerTime(value['CreatedAt']),
      createdSince: dockerText(value['CreatedSince']),
      sizeBytes: parseDockerBytes(value['Size']),
      containers: parseCount(value['Containers']),
      sharedSizeBytes: parseDockerBytes(value['SharedSize']),
      uniqueSizeBytes: parseDockerBytes(value['UniqueSize']),
    });
  }
  return { images, issues: issues.sort((a, b) => a.line - b.line) };
};

/** `repository:tag` of an entry, or null for a dangling image. */
export const imageReference = (image: DockerImageEntry): string | null => (image.repository && image.tag ? `${image.repository}:${image.tag}` : null);
