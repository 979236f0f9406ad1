import { readdirSync, readFileSync } from 'node:fs';

/** Linux process table helpers for the harness (tests run on Linux; see TOOLCHAIN.md). */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly cmdline: string;
}

export const listProcesses = (): ProcessInfo[] => {
  const out: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces: split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      out.push({ pid: Number(entry), ppid: Number(fields[1]), cmdline });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
};

export const descendantsOf = (pid: number, table = listProcesses()): ProcessInfo[] => {
  const result: ProcessInfo[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const p of table) {
      if (p.ppid === parent) {
        result.push(p);
        queue.push(p.pid);
      }
    }
  }
  return result;
};

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export const killQuietly = (pid: number, signal: NodeJS.Signals = 'SIGKILL'): void => {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
};

/** Processes whose command line mentions a path (how the harness finds what it started). */
export const processesMentioning = (needle: string): ProcessInfo[] => listProcesses().filter((p) => p.cmdline.includes(needle) && p.pid !== process.pid);
