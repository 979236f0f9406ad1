/** /proc/loadavg: `0.35 0.33 0.31 1/1234 41000` — three load averages, running/total tasks, last pid. */

export interface LoadAvg {
  readonly load1: number;
  readonly load5: number;
  readonly load15: number;
  readonly runnable: number;
  readonly tasks: number;
  readonly lastPid: number;
}

export type LoadAvgResult = { readonly ok: true; readonly loadavg: LoadAvg } | { readonly ok: false; readonly reason: string };

export const parseLoadAvg = (text: string): LoadAvgResult => {
  const match = /^\s*(\d+\.\d+)\s+(\d+\.\d+)\s+(\d+\.\d+)\s+(\d+)\/(\d+)\s+(\d+)\s*$/.exec(text.split('\n')[0] ?? '');
  if (!match) return { ok: false, reason: `Not /proc/loadavg: ${text.slice(0, 80)}` };
  const [, load1, load5, load15, runnable, tasks, lastPid] = match.map(Number) as [number, number, number, number, number, number, number];
  return { ok: true, loadavg: { load1, load5, load15, runnable, tasks, lastPid } };
};
