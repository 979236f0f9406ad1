import type { ProcessTable } from './types.js';

/** Where pids start: high enough to look like a box that has been up for a while. */
const firstPid = 61_000;

/** Background jobs as pids that `kill`, `ps` and `$!` agree on. */
export const createProcessTable = (now: () => number = Date.now): ProcessTable => {
  const jobs = new Map<number, { command: string; startedAt: number; controller: AbortController }>();
  let last = firstPid;
  return {
    spawn: (command, run) => {
      // Odd steps, as a real box's pids jump between jobs: nobody should count on pid + 1.
      last += 1 + (last % 3);
      const pid = last;
      const controller = new AbortController();
      jobs.set(pid, { command, startedAt: now(), controller });
      void Promise.resolve()
        .then(() => run(controller.signal))
        .catch(() => 1)
        .finally(() => jobs.delete(pid));
      return pid;
    },
    kill: (pid, signal) => {
      const job = jobs.get(pid);
      if (!job) return false;
      if (signal !== 0) job.controller.abort(signal);
      return true;
    },
    list: () => [...jobs].map(([pid, job]) => ({ pid, command: job.command, startedAt: job.startedAt })),
    killAll: () => {
      for (const job of jobs.values()) job.controller.abort('KILL');
      jobs.clear();
    },
  };
};
