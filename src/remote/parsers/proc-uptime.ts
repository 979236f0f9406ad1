/** /proc/uptime: `11820.45 220000.12` — seconds since boot, and idle seconds summed over all cores. */

export interface ProcUptime {
  readonly uptimeSeconds: number;
  readonly idleSeconds: number;
}

export type ProcUptimeResult = { readonly ok: true; readonly uptime: ProcUptime } | { readonly ok: false; readonly reason: string };

export const parseProcUptime = (text: string): ProcUptimeResult => {
  const match = /^\s*(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s*$/.exec(text.split('\n')[0] ?? '');
  if (!match) return { ok: false, reason: `Not /proc/uptime: ${text.slice(0, 80)}` };
  return { ok: true, uptime: { uptimeSeconds: Number(match[1]), idleSeconds: Number(match[2]) } };
};
