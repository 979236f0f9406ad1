/** How coreutils shows sizes, modes and times (ls -l, stat, du). The box's clock is UTC. */

/** GNU human_readable with ceiling rounding: 512, 4.0K, 12K, 1.5M (ls -h, du -h). */
export const humanSize = (bytes: number): string => {
  if (bytes < 1024) return String(bytes);
  const units = ['K', 'M', 'G', 'T', 'P', 'E'];
  let value = bytes;
  for (const unit of units) {
    value /= 1024;
    if (value < 1024 || unit === 'E') {
      if (value < 10) {
        const tenth = Math.ceil(value * 10) / 10;
        return tenth >= 10 ? `10${unit}` : `${tenth.toFixed(1)}${unit}`;
      }
      const whole = Math.ceil(value);
      return whole >= 1024 && unit !== 'E' ? `1.0${units[units.indexOf(unit) + 1]}` : `${whole}${unit}`;
    }
  }
  return String(bytes);
};

/** `-rw-r--r--` / `drwxr-xr-x`. */
export const modeString = (mode: number, isDirectory: boolean): string => {
  const bits = 'rwxrwxrwx';
  let out = isDirectory ? 'd' : '-';
  for (let i = 0; i < 9; i += 1) out += mode & (0o400 >> i) ? bits[i] : '-';
  return out;
};

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `2026-11-25 09:00:00.123456789 +0000` (stat %y, ls --full-time). */
export const fullTime = (ms: number): string => {
  const d = new Date(ms);
  const nanos = String(Math.round((ms % 1000) * 1e6)).padStart(9, '0');
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${nanos} +0000`;
};

/** ls -l's time: `Nov 25 09:00`, or `Nov 25  2025` when over six months from now. */
export const lsTime = (ms: number, now: number): string => {
  const d = new Date(ms);
  const head = `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  const sixMonths = 182.5 * 24 * 3600 * 1000;
  return Math.abs(now - ms) > sixMonths ? `${head}  ${d.getUTCFullYear()}` : `${head} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
};

/** 1 KiB blocks a file occupies on an ext4 box (4 KiB allocation units). */
export const diskKiB = (size: number, isDirectory: boolean): number => (isDirectory ? 4 : Math.ceil(size / 4096) * 4);
