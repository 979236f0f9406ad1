/**
 * How the daemon resolves what a user typed: a container by exact name, full id or unique id
 * prefix; an image by reference (`nginx` = `nginx:latest`), `repo@digest` or id prefix.
 */
import type { SimContainer, SimImage, SimState } from '../../state.js';
import { familiarName, parseImageRef, tagOf } from './image-ref.js';

export const findContainer = (state: SimState, nameOrId: string): SimContainer | undefined => {
  const name = nameOrId.startsWith('/') ? nameOrId.slice(1) : nameOrId;
  const byName = state.containers.find((c) => c.name === name);
  if (byName) return byName;
  const exact = state.containers.find((c) => c.id === nameOrId);
  if (exact) return exact;
  if (!/^[0-9a-f]+$/.test(nameOrId)) return undefined;
  const matches = state.containers.filter((c) => c.id.startsWith(nameOrId));
  return matches.length === 1 ? matches[0] : undefined;
};

const bareId = (id: string) => id.replace(/^sha256:/, '');

export const findImage = (state: SimState, text: string): SimImage | undefined => {
  const hex = bareId(text);
  if (/^[0-9a-f]{4,64}$/.test(hex)) {
    const byId = state.images.filter((i) => bareId(i.id).startsWith(hex));
    if (byId.length === 1) return byId[0];
  }
  const parsed = parseImageRef(text);
  if (!parsed.ok) return undefined;
  const name = familiarName(parsed.ref);
  if (parsed.ref.digest && !parsed.ref.tag) return state.images.find((i) => i.repository === name && i.digest === parsed.ref.digest);
  return state.images.find((i) => i.repository === name && i.tag === tagOf(parsed.ref));
};

/** `nvcr.io/nvidia/vllm:25.09-py3` for an image (what RepoTags and `docker images` show). */
export const imageTagged = (image: SimImage): string => `${image.repository}:${image.tag}`;
