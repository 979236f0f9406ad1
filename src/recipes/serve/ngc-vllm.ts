/**
 * Which vLLM an NGC vLLM image ships. NGC tags name the container release (`26.03-py3`), not
 * vLLM, so the version comes from NVIDIA's release notes
 * (docs.nvidia.com/deeplearning/frameworks/vllm-release-notes/rel-YY-MM.html, "Contents of the
 * vLLM container"). Only releases whose notes were read are listed; a tag between two of them is
 * bounded by its neighbours, since a later release never ships an older vLLM.
 */

type Version = readonly [number, number, number];

/** Release → vLLM, as the release notes state. */
export const ngcVllmReleases: ReadonlyArray<{ readonly release: string; readonly vllm: Version }> = [
  { release: '25.10', vllm: [0, 10, 2] },
  { release: '26.01', vllm: [0, 11, 1] },
  { release: '26.03', vllm: [0, 17, 1] },
  { release: '26.05', vllm: [0, 20, 1] },
  { release: '26.10', vllm: [0, 31, 0] },
];

/** What is known about an NGC tag's vLLM: exactly, at least, at most, or nothing. */
export type NgcVllm =
  | { readonly kind: 'exact'; readonly vllm: Version }
  | { readonly kind: 'at-least'; readonly vllm: Version }
  | { readonly kind: 'at-most'; readonly vllm: Version };

const releaseOf = (image: string): string | null => {
  if (!/^nvcr\.io\/nvidia\/vllm:/.test(image)) return null;
  return /:(\d{2}\.\d{2})(?:-py3)?$/.exec(image)?.[1] ?? null;
};

/** `nvcr.io/nvidia/vllm:26.03-py3` → exact 0.17.1; a tag after the last listed release → at least that one's vLLM; null when it is not an NGC vLLM tag. */
export const ngcVllm = (image: string): NgcVllm | null => {
  const release = releaseOf(image);
  if (release === null) return null;
  const exact = ngcVllmReleases.find((r) => r.release === release);
  if (exact) return { kind: 'exact', vllm: exact.vllm };
  // YY.MM strings of equal length compare in time order.
  const earlier = ngcVllmReleases.filter((r) => r.release < release).at(-1);
  const later = ngcVllmReleases.find((r) => r.release > release);
  if (earlier) return { kind: 'at-least', vllm: earlier.vllm };
  return later ? { kind: 'at-most', vllm: later.vllm } : null;
};

/** The first listed NGC release whose vLLM is at least `min` (the tag a hint names). */
export const firstNgcVllmAtLeast = (min: readonly [number, number]): string | null => {
  const hit = ngcVllmReleases.find((r) => r.vllm[0] > min[0] || (r.vllm[0] === min[0] && r.vllm[1] >= min[1]));
  return hit ? `nvcr.io/nvidia/vllm:${hit.release}-py3` : null;
};
