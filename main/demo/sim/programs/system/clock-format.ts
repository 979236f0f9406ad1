/**
 * Dates as the box's tools print them. The simulated box keeps UTC as its time zone (DGX OS asks
 * for one at first boot; UTC keeps demo output and tests the same everywhere).
 */

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const two = (n: number) => String(n).padStart(2, '0');

/** HH:MM:SS */
export const clockTime = (ms: number): string => {
  const d = new Date(ms);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
};

/** ctime(3): `Sun Aug 23 07:46:32 2026`, day of month space-padded (`Nov  9`). */
export const ctime = (ms: number): string => {
  const d = new Date(ms);
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${clockTime(ms)} ${d.getUTCFullYear()}`;
};

/** nvidia-smi's CSV `timestamp`: `2026/11/25 09:00:00.123`. */
export const smiTimestamp = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${clockTime(ms)}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
};

/** dmon's `-o D` column: `20261125`. */
export const compactDate = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
};

/** `2026-11-25 05:43:00` (uptime -s). */
export const isoSeconds = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${clockTime(ms)}`;
};
