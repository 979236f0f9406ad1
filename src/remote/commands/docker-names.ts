/**
 * What may stand where docker expects a container or an image. Quoting keeps a value one word,
 * but a word that starts with `-` is still read by docker as an option (`docker stop --help`),
 * so names and references are checked against docker's own grammar before any command is built.
 */

export class InvalidDockerArgument extends Error {}

/** The daemon's rule for a name given with --name (daemon/names: validContainerNamePattern). */
const containerName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** A container as the CLI accepts one: a name, a full ID or an ID prefix. */
const containerRef = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Longest repository name the registry grammar allows (distribution/reference NameTotalLengthMax). */
const maxImageNameLength = 255;

// distribution/reference grammar, piece by piece.
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const imageReference = new RegExp(`^((?:${domain}/)?${pathComponent}(?:/${pathComponent})*)(?::${tag})?(?:@${digest})?$`);

export const isContainerName = (text: string): boolean => containerName.test(text);

export const isContainerRef = (text: string): boolean => containerRef.test(text);

/** `ubuntu`, `nvcr.io/nvidia/pytorch:25.09-py3`, `localhost:5000/x@sha256:…`, an image ID. */
export const isImageReference = (text: string): boolean => {
  const match = imageReference.exec(text);
  return match !== null && match[1]!.length <= maxImageNameLength;
};

/** The value itself when it is a container name or ID; throws InvalidDockerArgument otherwise. */
export const checkContainerRef = (text: string): string => {
  if (!isContainerRef(text)) throw new InvalidDockerArgument(`"${text}" is not a container name or ID.`);
  return text;
};

/** The value itself when it is an image reference; throws InvalidDockerArgument otherwise. */
export const checkImageReference = (text: string): string => {
  if (!isImageReference(text)) throw new InvalidDockerArgument(`"${text}" is not an image reference (like nvcr.io/nvidia/pytorch:25.09-py3).`);
  return text;
};

/** Repository without tag or digest: `nvcr.io/nvidia/pytorch:25.09-py3` → `nvcr.io/nvidia/pytorch`. */
export const imageRepository = (reference: string): string => {
  const noDigest = reference.split('@')[0] ?? reference;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
};
