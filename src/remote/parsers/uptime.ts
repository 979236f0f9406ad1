/**
 * The `uptime` command (procps-ng): ` 09:00:00 up  3:17,  1 user,  load average: 0.35, 0.33, 0.31`.
 * The up part reads `N min`, `H:MM`, or `D day(s), …`; a comma-decimal locale prints `0,35, 0,33`.
 * For numbers prefer /proc/uptime and /proc/loadavg; this reads what a person would paste.
 */

export interface UptimeLine {
  /** HH:MM:SS, the box's local time. */
  readonly time: string;
  /** Whole minutes, as precise as uptime prints. */
  readonly upSeconds: number;
  readonly users: number | null;
  readonly load: readonly [number, number, number];
}

export type UptimeResult = { readonly ok: true; readonly uptime: UptimeLine } | { readonly ok: false; readonly reason: string };

const decimal = (text: string) => Number(text.replace(',', '.'));

export const parseUptimeLine = (output: string): UptimeResult => {
  const line = output.split('\n').find((l) => l.includes(' up ')) ?? '';
  const head = /^\s*(\d{2}:\d{2}:\d{2}) up (.*?),\s+(?:(\d+) users?,\s+)?load averages?: (\d+[.,]\d+),? (\d+[.,]\d+),? (\d+[.,]\d+)\s*$/.exec(line);
  if (!head) return { ok: false, reason: `Not uptime output: ${line || output.slice(0, 80)}` };
  let seconds = 0;
  const up = head[2]!;
  const days = /(\d+) days?/.exec(up);
  if (days) seconds += Number(days[1]) * 86_400;
  const clock = /(\d+):(\d{2})/.exec(up);
  if (clock) seconds += Number(clock[1]) * 3600 + Number(clock[2]) * 60;
  const minutes = /(\d+) min/.exec(up);
  if (minutes) seconds += Number(minutes[1]) * 60;
  return {
    ok: true,
    uptime: {
      time: head[1]!,
      upSeconds: seconds,
      users: head[3] === undefined ? null : Number(head[3]),
      load: [decimal(head[4]!), decimal(head[5]!), decimal(head[6]!)],
    },
  };
};
