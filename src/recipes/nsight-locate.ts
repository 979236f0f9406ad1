/**
 * Where the Nsight Systems GUI lives on this computer, most likely first. NVIDIA installs it as
 * an app bundle on macOS, under Program Files\NVIDIA Corporation\Nsight Systems <ver>\ on
 * Windows, and under /opt/nvidia/nsight-systems/<ver>/ on Linux (or as nsys-ui on PATH, the
 * CUDA toolkit's and the .deb's layout). Pure: the caller lists the versioned folders and
 * checks which candidate exists.
 */

/** process.platform's values this module knows; others get the Linux layout. */
export type NsightPlatform = 'darwin' | 'win32' | 'linux' | (string & {});

export const nsightDownloadUrl = 'https://developer.nvidia.com/nsight-systems';

export interface NsightEnv {
  /** PATH (Path on Windows). */
  readonly path?: string;
  readonly programFiles?: string;
  readonly home?: string;
  /** The versioned install folders found (`2025.3.2`, `Nsight Systems 2025.3.2`), any order. */
  readonly versions?: readonly string[];
}

export type NsightCandidate =
  /** An app bundle opened with `open -a BUNDLE FILE`. */
  | { readonly kind: 'mac-app'; readonly path: string }
  /** An executable run as `EXE FILE`. */
  | { readonly kind: 'executable'; readonly path: string };

/** Newest version first (`2025.6.1` before `2025.3.2`), by the numbers in the folder name. */
const byVersionDesc = (a: string, b: string): number => {
  const nums = (s: string) => (s.match(/\d+/g) ?? []).map(Number);
  const x = nums(a);
  const y = nums(b);
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const d = (y[i] ?? 0) - (x[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
};

/** The folders to list for versioned installs on this platform (the caller lists them, then passes `versions`). */
export const nsightVersionRoots = (platform: NsightPlatform, env: NsightEnv): string[] => {
  if (platform === 'win32') return [`${env.programFiles ?? 'C:\\Program Files'}\\NVIDIA Corporation`];
  if (platform === 'linux') return ['/opt/nvidia/nsight-systems'];
  return [];
};

export const nsightCandidates = (platform: NsightPlatform, env: NsightEnv): NsightCandidate[] => {
  const versions = [...(env.versions ?? [])].sort(byVersionDesc);
  if (platform === 'darwin') {
    const bundles = ['/Applications/NVIDIA Nsight Systems.app', ...(env.home ? [`${env.home}/Applications/NVIDIA Nsight Systems.app`] : [])];
    return bundles.map((path) => ({ kind: 'mac-app', path }));
  }
  if (platform === 'win32') {
    const root = nsightVersionRoots(platform, env)[0]!;
    return versions
      .filter((v) => /^Nsight Systems \d/.test(v))
      .map((v) => ({ kind: 'executable', path: `${root}\\${v}\\host-windows-x64\\nsys-ui.exe` }));
  }
  const onPath = (env.path ?? '')
    .split(':')
    .filter((dir) => dir.startsWith('/'))
    .map((dir) => ({ kind: 'executable' as const, path: `${dir.replace(/\/+$/, '')}/nsys-ui` }));
  const installed = versions.filter((v) => /^\d/.test(v)).flatMap((v) => [`/opt/nvidia/nsight-systems/${v}/bin/nsys-ui`, `/opt/nvidia/nsight-systems/${v}/host-linux-x64/nsys-ui`]);
  return [...onPath, ...installed.map((path) => ({ kind: 'executable' as const, path }))];
};
