/**
 * `nsys --version`: one line, `NVIDIA Nsight Systems version 2025.3.2.474-253236389321v0`; the
 * build suffix is optional (`2025.3.1.90`, `2025.1.3`).
 */
export interface NsysVersion {
  /** The dotted version as printed (`2025.3.2.474`). */
  readonly version: string;
  readonly year: number;
  readonly minor: number;
  readonly patch: number | null;
  /** The `-253236389321v0` build suffix without the dash, when present. */
  readonly build: string | null;
}

const versionRe = /NVIDIA Nsight Systems version (\d{4})\.(\d+)(?:\.(\d+))?((?:\.\d+)*)(?:-(\S+))?/;

export const parseNsysVersion = (text: string): NsysVersion | null => {
  const m = versionRe.exec(text);
  if (!m) return null;
  return {
    version: `${m[1]}.${m[2]}${m[3] === undefined ? '' : `.${m[3]}`}${m[4] ?? ''}`,
    year: Number(m[1]),
    minor: Number(m[2]),
    patch: m[3] === undefined ? null : Number(m[3]),
    build: m[5] ?? null,
  };
};

/** `--gpu-metrics-devices` (plural) is the spelling of nsys 2024 and later; older ones take the singular. */
export const gpuMetricsDevicesFlag = (version: NsysVersion | null): '--gpu-metrics-devices' | '--gpu-metrics-device' =>
  version !== null && version.year < 2024 ? '--gpu-metrics-device' : '--gpu-metrics-devices';
