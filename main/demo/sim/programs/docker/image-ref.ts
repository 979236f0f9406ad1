/**
 * Image references as distribution/reference reads them: `nginx` is docker.io/library/nginx:latest,
 * `vllm/vllm-openai:v0.11.0` lives on docker.io, `nvcr.io/nvidia/vllm:25.09-py3` names its
 * registry. Docker prints the "familiar" form (docker.io/ and library/ dropped) almost everywhere
 * and the fully qualified one as the last line of `docker pull`.
 */

export interface ImageRef {
  readonly domain: string;
  /** Repository path inside the registry: `library/nginx`, `nvidia/vllm`. */
  readonly path: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^[\w][\w.-]{0,127}$/;
const digestPattern = /^sha256:[a-f0-9]{64}$/;

export const defaultDomain = 'docker.io';

export type RefParse = { readonly ok: true; readonly ref: ImageRef } | { readonly ok: false; readonly error: string };

export const parseImageRef = (text: string): RefParse => {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) return { ok: false, error: 'invalid reference format' };
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagPattern.test(tag)) return { ok: false, error: 'invalid reference format' };
  }
  const parts = rest.split('/');
  let domain = defaultDomain;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    domain = first;
    parts.shift();
  }
  if (parts.length === 0 || parts.some((p) => p === '')) return { ok: false, error: 'invalid reference format' };
  const path = parts.join('/');
  if (path !== path.toLowerCase()) return { ok: false, error: `invalid reference format: repository name (${domain === defaultDomain && parts.length === 1 ? 'library/' : ''}${path}) must be lowercase` };
  if (!parts.every((p) => component.test(p))) return { ok: false, error: 'invalid reference format' };
  return { ok: true, ref: { domain, path: domain === defaultDomain && parts.length === 1 ? `library/${path}` : path, tag, digest } };
};

/** `nginx`, `vllm/vllm-openai`, `nvcr.io/nvidia/vllm`. */
export const familiarName = (ref: ImageRef): string => {
  if (ref.domain !== defaultDomain) return `${ref.domain}/${ref.path}`;
  return ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
};

/** The tag docker assumes when none is given. */
export const tagOf = (ref: ImageRef): string => ref.tag ?? 'latest';

/** `nginx:latest`, `nvcr.io/nvidia/vllm:25.09-py3` (TagNameOnly + FamiliarString). */
export const familiarTagged = (ref: ImageRef): string => (ref.digest && !ref.tag ? `${familiarName(ref)}@${ref.digest}` : `${familiarName(ref)}:${tagOf(ref)}`);

/** `docker.io/library/nginx:latest`: the last line `docker pull` prints. */
export const fullyQualified = (ref: ImageRef): string => (ref.digest && !ref.tag ? `${ref.domain}/${ref.path}@${ref.digest}` : `${ref.domain}/${ref.path}:${tagOf(ref)}`);

/** What `Pulling from` names: the path inside the registry (`library/nginx`, `nvidia/vllm`). */
export const pullingFromName = (ref: ImageRef): string => ref.path;
