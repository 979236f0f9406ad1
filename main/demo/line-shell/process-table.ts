import type { ProcessTable } from './types.js';

/** Background jobs as pids the user can `kill` and `ps` can list. */
export const createProcessTable = (firstPid = 61_000): ProcessTable => {
  const jobs = new Map<number, { command: string; startedAt: number; controller: AbortController }>();
  let next = firstPid;
  return {
    spawn: (command, run) => {
      next += 1;
      const pid = next;
      const controller = new AbortController();
      jobs.set(pid, { command, startedAt: Date.now(), controller });
      void run(controller.signal)
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
