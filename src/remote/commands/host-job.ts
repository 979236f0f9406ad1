/**
 * Long-running processes on the box itself (not in a container): each is a job in
 * `~/.pgx-companion/jobs/<id>/` holding `spec.json` (what it is, one JSON line), `log`, `pid` and,
 * once it ended, `exit-code` — so the app finds it again after a reconnect or from another laptop.
 *
 * The job runs under `setsid nohup` as its own session (the whole group stops with one kill) and
 * is backgrounded as ONE simple command with its own redirections: were the `&` to cover an
 * `a && b` list, bash would fork a subshell that keeps the SSH channel's stdout open, and the
 * exec would not end until the job did (bash 5.2 does not exec the list's last command). So `$!`
 * is the job itself: the forked child execs setsid, which (not a group leader in a shell without
 * job control) calls setsid() in place and execs nohup, which execs bash.
 */
import { remotePath, sh } from '../quote.js';
import { InvalidDockerArgument } from './docker-names.js';

/** Where jobs live on the box (DESIGN: the box is the source of truth). */
export const hostJobsRoot = '~/.pgx-companion/jobs';

const jobIdPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const isJobId = (id: string): boolean => jobIdPattern.test(id);

const checkJobId = (id: string): string => {
  if (!isJobId(id)) throw new InvalidDockerArgument(`"${id}" is not a job id (lower-case letters, digits and -).`);
  return id;
};

const jobFile = (id: string, file: 'spec.json' | 'log' | 'pid' | 'exit-code') => remotePath(`${hostJobsRoot}/${checkJobId(id)}/${file}`);

export interface HostJobStart {
  readonly id: string;
  /** Shell code the user wrote (their start script); it runs in a login bash, as they typed it. */
  readonly script: string;
  /** Where it runs; `~` by default. */
  readonly workdir?: string;
  /** What the job is, kept in spec.json (one line of JSON). */
  readonly spec: Readonly<Record<string, unknown>>;
}

/**
 * The script the job's shell runs: into its folder, the user's code (on lines of its own, so a
 * trailing comment in it cannot swallow what follows), then the code it ended with.
 */
export const hostJobScript = (job: HostJobStart): string =>
  [sh`cd ${remotePath(job.workdir ?? '~')} || exit 1`, job.script, sh`echo $? > ${jobFile(job.id, 'exit-code')}`].join('\n');

/**
 * Starts a job: the folder, a fresh spec.json (an old pid / exit-code removed), the detached
 * login shell, its pid. The line returns at once.
 */
export const startHostJobCommand = (job: HostJobStart): string => {
  if (job.script.includes('\0')) throw new InvalidDockerArgument('A start script cannot contain a NUL byte.');
  const dir = remotePath(`${hostJobsRoot}/${checkJobId(job.id)}`);
  return [
    sh`mkdir -p ${dir} && rm -f ${jobFile(job.id, 'pid')} ${jobFile(job.id, 'exit-code')} && printf '%s\\n' ${JSON.stringify(job.spec)} > ${jobFile(job.id, 'spec.json')}`,
    sh`setsid nohup bash -lc ${hostJobScript(job)} > ${jobFile(job.id, 'log')} 2>&1 < /dev/null & echo $! > ${jobFile(job.id, 'pid')}`,
  ].join('; ');
};

/**
 * Every job's small files (spec, pid, exit code: all but the log) as `./ID/FILE:CONTENT` lines
 * (grep -H). Prints nothing, and succeeds, when there are no jobs. find, not a glob over the job folders: the demo box's
 * shell expands wildcards in the last path component only.
 */
export const listHostJobsCommand = (): string =>
  `cd ${remotePath(hostJobsRoot).text} 2>/dev/null && find . -mindepth 2 -maxdepth 2 -type f ! -name log -print0 | xargs -0 -r grep -sH ''; true`;

export interface HostJob {
  readonly id: string;
  /** spec.json read as an object; null when missing or not JSON. */
  readonly spec: Readonly<Record<string, unknown>> | null;
  readonly pid: number | null;
  /** Set once the job's script ended normally. */
  readonly exitCode: number | null;
}

const readJson = (text: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** The jobs in listHostJobsCommand's output, by id in the order first seen. */
export const parseHostJobs = (output: string): HostJob[] => {
  const jobs = new Map<string, { spec: Record<string, unknown> | null; pid: number | null; exitCode: number | null }>();
  for (const line of output.split('\n')) {
    const match = /^(?:\.\/)?([a-z0-9][a-z0-9-]*)\/(spec\.json|pid|exit-code):(.*)$/.exec(line.replace(/\r$/, ''));
    if (!match || !isJobId(match[1]!)) continue;
    const job = jobs.get(match[1]!) ?? { spec: null, pid: null, exitCode: null };
    const value = match[3]!.trim();
    if (match[2] === 'spec.json') job.spec = readJson(value);
    else if (match[2] === 'pid') job.pid = /^[1-9]\d*$/.test(value) ? Number(value) : null;
    else job.exitCode = /^\d+$/.test(value) ? Number(value) : null;
    jobs.set(match[1]!, job);
  }
  return [...jobs].map(([id, job]) => ({ id, ...job }));
};

const checkPids = (pids: readonly number[]): number[] => {
  if (pids.length === 0 || pids.some((p) => !Number.isInteger(p) || p < 1)) throw new InvalidDockerArgument('Process ids are whole numbers above 0.');
  return [...pids];
};

/** Which of these processes still run, with their command lines (`ps` exits 1 when none does). */
export const jobProcessesCommand = (pids: readonly number[]): string => sh`LC_ALL=C ps -o pid=,args= -p ${checkPids(pids).join(',')}`;

/**
 * pid → command line, from jobProcessesCommand's output. procps prints a newline inside an
 * argument as `?`; a line without a leading pid continues the one before (the demo box's ps).
 */
export const parseJobProcesses = (output: string): Map<number, string> => {
  const alive = new Map<number, string>();
  let last: number | undefined;
  for (const line of output.replace(/\n$/, '').split('\n')) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (match) {
      last = Number(match[1]);
      alive.set(last, match[2]!);
    } else if (last !== undefined) alive.set(last, `${alive.get(last)!}\n${line}`);
  }
  return alive;
};

/**
 * Whether a live pid is still the job (after a reboot a pid file can name someone else's
 * process): the job's shell carries its own folder in its script (where it writes its exit code).
 */
export const isJobProcess = (id: string, commandLine: string | undefined): boolean => commandLine !== undefined && commandLine.includes(`/.pgx-companion/jobs/${id}/`);

/** SIGTERM to the job's whole process group (setsid made its shell the group leader). */
export const stopHostJobCommand = (pid: number): string => sh`kill -TERM -- ${`-${checkPids([pid])[0]!}`}`;

/** Forgets a job that ended: its folder, log included. */
export const removeHostJobCommand = (id: string): string => sh`rm -rf ${remotePath(`${hostJobsRoot}/${checkJobId(id)}`)}`;

/** The last `lines` lines a job printed (stdout and stderr, as they came). */
export const hostJobLogCommand = (id: string, lines: number): string => {
  if (!Number.isInteger(lines) || lines < 1) throw new InvalidDockerArgument(`${lines} is not a number of lines.`);
  return sh`tail -n ${String(lines)} ${jobFile(id, 'log')}`;
};
