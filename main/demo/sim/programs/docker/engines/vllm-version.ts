/**
 * Which vLLM an image ships, as the simulated box reports it (the API server's "vLLM API server
 * version" line, the engine's "Initializing a V1 LLM engine (v…)" line, NGC images' VLLM_VERSION).
 * NGC `nvcr.io/nvidia/vllm:YY.MM-py3`: the release notes' table (src/recipes/serve/ngc-vllm.ts,
 * imported so the box and the app's advice read the same notes), with 25.09 as DGX OS ships it; a
 * tag between listed releases ships the nearest earlier one's vLLM. Upstream
 * `vllm/vllm-openai:vX.Y.Z` ships X.Y.Z; `latest` the newest listed vLLM, `nightly` a dev build after it.
 */
import { ngcVllmReleases } from '../../../../../../src/recipes/serve/ngc-vllm.js';
import { digestHex } from '../../../catalogue.js';

export const vllmBuilds = {
  /** The vLLM of DGX OS's NGC 25.09 image (captured on a GB10), also the fallback for an image that names no vLLM. */
  dgxOs: { release: '25.09', version: '0.10.1.1+381074ae.nv25.09' },
  /** Upstream nightly: a dev build one patch after the newest listed release (SYNTH: setuptools-scm's `X.Y.Z.devN+gHASH` shape). */
  nightlyDevCount: 112,
} as const;

type Version = readonly [number, number, number];

const dotted = (v: Version): string => v.join('.');

/** NGC builds print `X.Y.Z+<commit>.nvYY.MM` (the 25.09 capture); SYNTH: the commit of releases not captured is made up per release. */
const ngcBuild = (vllm: Version, release: string): string => `${dotted(vllm)}+${digestHex(`vllm-ngc:${release}`, 8)}.nv${release}`;

const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

const newestListed = (): Version => ngcVllmReleases.reduce<Version>((best, r) => (compare(r.vllm, best) > 0 ? r.vllm : best), [0, 0, 0]);

/** The vLLM in an NGC release tag (`26.03-py3`), or undefined when the tag is not one. */
const ngcVersion = (tag: string): string | undefined => {
  const release = /^(\d{2}\.\d{2})(?:-py3)?$/.exec(tag)?.[1];
  if (release === undefined) return undefined;
  if (release === vllmBuilds.dgxOs.release) return vllmBuilds.dgxOs.version;
  // YY.MM strings of equal length compare in time order.
  const earlier = ngcVllmReleases.filter((r) => r.release <= release).at(-1);
  // Before the first listed release (25.10): DGX OS's 25.09 build is the oldest vLLM a GB10 owner meets.
  return earlier ? ngcBuild(earlier.vllm, release) : vllmBuilds.dgxOs.version;
};

const upstreamVersion = (tag: string): string | undefined => {
  if (tag === 'latest') return dotted(newestListed());
  if (tag === 'nightly') {
    const [major, minor, patch] = newestListed();
    return `${major}.${minor}.${patch + 1}.dev${vllmBuilds.nightlyDevCount}+g${digestHex('vllm-nightly', 9)}`;
  }
  return /^v(\d+\.\d+\.\d+(?:\.\d+)?)$/.exec(tag)?.[1];
};

/** The vLLM version string an image's vLLM prints; DGX OS's 25.09 build for an image that names none (a custom image). */
export const vllmVersionOf = (repository: string, tag: string): string => {
  if (repository === 'nvcr.io/nvidia/vllm') return ngcVersion(tag) ?? vllmBuilds.dgxOs.version;
  if (repository === 'vllm/vllm-openai') return upstreamVersion(tag) ?? vllmBuilds.dgxOs.version;
  return vllmBuilds.dgxOs.version;
};

/** `0.10.1.1+381074ae.nv25.09` → [0, 10]; the major and minor decide what a vLLM can run. */
export const majorMinor = (version: string): readonly [number, number] => {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
};
