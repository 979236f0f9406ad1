/**
 * The box's host jobs as the services that start them read them back (downloads, fine-tune runs):
 * one listing, then one `ps` for the pids of the jobs that have not ended, so each job says whether
 * its own process still runs (a pid the system gave to another program since does not count).
 */
import { isJobProcess, jobProcessesCommand, listHostJobsCommand, parseHostJobs, parseJobProcesses, type HostJob } from '../../src/remote/commands/host-job.js';

export interface LiveHostJob extends HostJob {
  readonly running: boolean;
}

export const readHostJobs = async (exec: (command: string) => Promise<{ stdout: string }>, accept: (job: HostJob) => boolean): Promise<{ jobs: LiveHostJob[]; listing: string }> => {
  const listing = (await exec(listHostJobsCommand())).stdout;
  const jobs = parseHostJobs(listing).filter(accept);
  const pids = jobs.filter((j) => j.pid !== null && j.exitCode === null).map((j) => j.pid!);
  const alive = pids.length > 0 ? parseJobProcesses((await exec(jobProcessesCommand(pids))).stdout) : new Map<number, string>();
  const live = jobs.map((j) => ({ ...j, running: j.pid !== null && j.exitCode === null && isJobProcess(j.id, alive.get(j.pid)) }));
  // A job that ended between the listing and ps wrote its exit code after the listing: read it again, or it looks killed.
  if (!live.some((j) => !j.running && j.exitCode === null && j.pid !== null)) return { listing, jobs: live };
  const again = (await exec(listHostJobsCommand())).stdout;
  const codes = new Map(parseHostJobs(again).map((j) => [j.id, j.exitCode]));
  return { listing: again, jobs: live.map((j) => (!j.running && j.exitCode === null ? { ...j, exitCode: codes.get(j.id) ?? null } : j)) };
};
