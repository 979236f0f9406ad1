/**
 * Files the box's tools read that are not on any disk: /proc, a few /sys/class/net files, and the
 * release files. Rendered from the state at `now` with the kernel's own formats (see
 * programs/system/render-*.ts), so `cat /proc/meminfo` agrees with nvidia-smi and docker.
 */
import { renderCpuinfo } from './programs/system/render-cpuinfo.js';
import { renderLoadavg, renderUptime } from './programs/system/render-load.js';
import { renderMeminfo } from './programs/system/render-meminfo.js';
import { renderNetDev, sysClassNet } from './programs/system/render-net.js';
import { renderDgxRelease, renderOsRelease } from './programs/system/render-release.js';
import { renderStat } from './programs/system/render-stat.js';
import type { SimState } from './state.js';

export type ProcFileResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly errno: 'ENOENT' | 'EINVAL' };

const renderers: Readonly<Record<string, (state: SimState, now: number) => string>> = {
  '/proc/meminfo': renderMeminfo,
  '/proc/stat': renderStat,
  '/proc/net/dev': renderNetDev,
  '/proc/loadavg': renderLoadavg,
  '/proc/uptime': renderUptime,
  '/proc/cpuinfo': () => renderCpuinfo(),
  '/etc/os-release': renderOsRelease,
  '/usr/lib/os-release': renderOsRelease,
  '/etc/dgx-release': renderDgxRelease,
};

/**
 * A virtual file, or why reading it fails: ENOENT for paths not simulated, EINVAL for
 * /sys/class/net/<if>/speed where the real driver refuses (lo, Wi-Fi) — `cat` prints
 * "Invalid argument" there.
 */
export const readProcFile = (path: string, state: SimState, now: number): ProcFileResult => {
  const render = renderers[path];
  if (render) return { ok: true, text: render(state, now) };
  const net = /^\/sys\/class\/net\/([^/]+)\/([^/]+)$/.exec(path);
  if (net) return sysClassNet(state, now, net[1]!, net[2]!);
  return { ok: false, errno: 'ENOENT' };
};

/** The file's text, or undefined for any path that is not simulated or cannot be read. */
export const renderProcFile = (path: string, state: SimState, now: number): string | undefined => {
  const result = readProcFile(path, state, now);
  return result.ok ? result.text : undefined;
};
