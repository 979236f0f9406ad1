/**
 * /proc/net/dev with the kernel's own printf (net/core/net-procfs.c), and the
 * /sys/class/net/<if>/{operstate,speed} files, from dynamics.netCounters.
 */
import { netCounters, type NetCounters } from '../../dynamics.js';
import type { SimState } from '../../state.js';

const header =
  'Inter-|   Receive                                                |  Transmit\n' +
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';

/** "%6s: %7llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu %8llu %7llu %4llu %4llu %4llu %5llu %7llu %10llu\n" */
const widths = [7, 7, 4, 4, 4, 5, 10, 9, 8, 7, 4, 4, 4, 5, 7, 10] as const;

/** One interface line from its 16 counters, in the kernel's column widths. */
export const netDevLine = (name: string, values: readonly number[]): string =>
  `${name.padStart(6)}: ${values.map((v, i) => String(v).padStart(widths[i] ?? 0)).join(' ')}`;

const row = (n: NetCounters): string => {
  const multicast = n.name === 'lo' ? 0 : Math.round(n.rxPackets * 0.002);
  return `${netDevLine(n.name, [n.rxBytes, n.rxPackets, 0, 0, 0, 0, 0, multicast, n.txBytes, n.txPackets, 0, 0, 0, 0, 0, 0])}\n`;
};

export const renderNetDev = (state: SimState, now: number): string => header + netCounters(state, now).map(row).join('');

export type SysNetFile = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly errno: 'ENOENT' | 'EINVAL' };

/**
 * operstate: lo is `unknown` (no carrier notion), others up/down. speed: Mbit/s for a linked
 * Ethernet port, -1 (SPEED_UNKNOWN) for a port that is admin-up without carrier (the CX-7 ports
 * and an idle docker0 — the probe's `speed_mbps=unknown`), and EINVAL where the driver has no
 * link settings at all (lo, Wi-Fi — the probe's `?`).
 */
export const sysClassNet = (state: SimState, now: number, name: string, file: string): SysNetFile => {
  const nic = netCounters(state, now).find((n) => n.name === name);
  if (!nic || (file !== 'operstate' && file !== 'speed')) return { ok: false, errno: 'ENOENT' };
  if (file === 'operstate') return { ok: true, text: `${name === 'lo' ? 'unknown' : nic.up ? 'up' : 'down'}\n` };
  if (name === 'lo' || name.startsWith('wl')) return { ok: false, errno: 'EINVAL' };
  return { ok: true, text: `${nic.up && nic.speedMbps !== undefined ? nic.speedMbps : -1}\n` };
};
