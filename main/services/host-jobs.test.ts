import { describe, expect, it } from 'vitest';
import { listHostJobsCommand } from '../../src/remote/commands/host-job.js';
import { readHostJobs } from './host-jobs.js';

/** An exec that answers the listing from a queue (each call takes the next) and ps with `alive`. */
const box = (listings: string[], alive: string) => {
  const calls: string[] = [];
  const exec = async (command: string) => {
    calls.push(command);
    return { stdout: command === listHostJobsCommand() ? (listings.shift() ?? '') : alive };
  };
  return { exec, calls };
};

describe('readHostJobs', () => {
  it('a job that ended between the listing and ps is read again: its exit code, not “killed”', async () => {
    const { exec, calls } = box(['./j1/spec.json:{"kind":"x"}\n./j1/pid:4242\n', './j1/spec.json:{"kind":"x"}\n./j1/pid:4242\n./j1/exit-code:0\n'], '');
    const { jobs } = await readHostJobs(exec, () => true);
    expect(jobs).toEqual([{ id: 'j1', spec: { kind: 'x' }, pid: 4242, exitCode: 0, running: false }]);
    expect(calls.filter((c) => c === listHostJobsCommand())).toHaveLength(2);
  });

  it('a running job stays running; one that really died without a code stays without one after the second listing', async () => {
    const { exec, calls } = box(['./j1/pid:10\n./j2/pid:11\n./j3/pid:12\n./j3/exit-code:1\n', './j1/pid:10\n./j2/pid:11\n./j3/pid:12\n./j3/exit-code:1\n'], '   10 bash -lc cd ~ || exit 1\nx\necho $? > ~/.pgx-companion/jobs/j1/exit-code\n');
    const { jobs } = await readHostJobs(exec, () => true);
    expect(jobs.map((j) => [j.id, j.running, j.exitCode])).toEqual([['j1', true, null], ['j2', false, null], ['j3', false, 1]]);
    // j2 looked dead without a code, so the listing was read a second time; it still has none.
    expect(calls.filter((c) => c === listHostJobsCommand())).toHaveLength(2);
  });
});
