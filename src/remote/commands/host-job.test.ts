import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import { InvalidDockerArgument } from './docker-names.js';
import {
  hostJobScript,
  isJobProcess,
  jobProcessesCommand,
  listHostJobsCommand,
  parseHostJobs,
  parseJobProcesses,
  removeHostJobCommand,
  startHostJobCommand,
  stopHostJobCommand,
} from './host-job.js';

/** Jobs these tests started (their process groups are ended after each test). */
const started: number[] = [];

afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

const bash = (home: string, line: string): string => execFileSync('bash', ['-c', line], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home } }).toString();

const waitFor = async (condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const jobDir = (home: string, id: string) => join(home, '.pgx-companion', 'jobs', id);

/** Starts a job under a fresh HOME and waits for its pid file. */
const start = async (script: string, options: { id?: string; workdir?: string } = {}) => {
  const home = mkdtempSync(join(tmpdir(), 'pgx-job-'));
  const id = options.id ?? 'app-test';
  const before = Date.now();
  bash(home, startHostJobCommand({ id, script, spec: { 'pgx-companion.kind': 'app' }, ...(options.workdir ? { workdir: options.workdir } : {}) }));
  const took = Date.now() - before;
  const dir = jobDir(home, id);
  await waitFor(() => existsSync(join(dir, 'pid')) && readFileSync(join(dir, 'pid'), 'utf8').endsWith('\n'));
  const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
  started.push(pid);
  return { home, dir, pid, took };
};

describe('startHostJobCommand', () => {
  it('is the folder, the spec, then one detached login shell whose pid is $!', () => {
    expect(startHostJobCommand({ id: 'app-web', script: 'python3 -m http.server 9000', spec: { kind: 'app' } })).toBe(
      `mkdir -p "$HOME"/.pgx-companion/jobs/app-web && rm -f "$HOME"/.pgx-companion/jobs/app-web/pid "$HOME"/.pgx-companion/jobs/app-web/exit-code && printf '%s\\n' '{"kind":"app"}' > "$HOME"/.pgx-companion/jobs/app-web/spec.json; ` +
        `setsid nohup bash -lc 'cd "$HOME" || exit 1\npython3 -m http.server 9000\necho $? > "$HOME"/.pgx-companion/jobs/app-web/exit-code' > "$HOME"/.pgx-companion/jobs/app-web/log 2>&1 < /dev/null & echo $! > "$HOME"/.pgx-companion/jobs/app-web/pid`,
    );
  });

  it('returns at once while the job runs on, as the leader of its own session', async () => {
    const { dir, pid, took } = await start('sleep 3; echo finished');
    expect(took).toBeLessThan(1_500);
    const [ownPid, pgid, sid] = execFileSync('ps', ['-o', 'pid=,pgid=,sid=', '-p', String(pid)]).toString().trim().split(/\s+/).map(Number);
    expect([ownPid, pgid, sid]).toEqual([pid, pid, pid]);
    expect(existsSync(join(dir, 'exit-code'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8'))).toEqual({ 'pgx-companion.kind': 'app' });
  });

  it('writes the exit code and the output, whatever the script holds', async () => {
    const script = `printf '%s\\n' "it's" '$(touch /tmp/pwned)' "a\\"b" 中文 # a trailing comment\nfalse`;
    const { dir } = await start(script);
    await waitFor(() => existsSync(join(dir, 'exit-code')));
    expect(readFileSync(join(dir, 'exit-code'), 'utf8')).toBe('1\n');
    expect(readFileSync(join(dir, 'log'), 'utf8')).toContain(`it's\n$(touch /tmp/pwned)\na"b\n中文\n`);
  });

  it('runs in the folder asked for, home by default', async () => {
    const first = await start('pwd', { id: 'app-a' });
    await waitFor(() => existsSync(join(first.dir, 'exit-code')));
    expect(readFileSync(join(first.dir, 'log'), 'utf8').trim()).toBe(first.home);
    const second = await start('pwd', { id: 'app-b', workdir: '/tmp' });
    await waitFor(() => existsSync(join(second.dir, 'exit-code')));
    expect(readFileSync(join(second.dir, 'log'), 'utf8').trim()).toBe('/tmp');
  });

  it('refuses ids that are not folder names, and NUL bytes in a script', () => {
    for (const id of [...hostileStrings, '../x', 'A', '-x']) expect(() => startHostJobCommand({ id, script: 'true', spec: {} })).toThrow(InvalidDockerArgument);
    expect(() => startHostJobCommand({ id: 'ok', script: 'a\0b', spec: {} })).toThrow(InvalidDockerArgument);
    expect(hostJobScript({ id: 'x1', script: 'run', workdir: '~/my app', spec: {} }).split('\n')[0]).toBe(`cd "$HOME"/'my app' || exit 1`);
  });
});

describe('finding and stopping jobs', () => {
  it('lists every job from the box, and tells the live ones', async () => {
    const { home, pid } = await start('sleep 30', { id: 'app-live' });
    const done = await start('true', { id: 'app-done' });
    await waitFor(() => existsSync(join(done.dir, 'exit-code')));
    // Both jobs were started under their own HOME: list them from one.
    bash(home, `mkdir -p "$HOME"/.pgx-companion/jobs && cp -r ${done.dir} "$HOME"/.pgx-companion/jobs/`);
    const jobs = parseHostJobs(bash(home, listHostJobsCommand()));
    expect(jobs).toEqual(
      expect.arrayContaining([
        { id: 'app-live', spec: { 'pgx-companion.kind': 'app' }, pid, exitCode: null },
        { id: 'app-done', spec: { 'pgx-companion.kind': 'app' }, pid: done.pid, exitCode: 0 },
      ]),
    );
    expect(jobs).toHaveLength(2);
    // ps exits 1 when one of the pids is gone; its output is what counts.
    const out = spawnSync('bash', ['-c', jobProcessesCommand([pid, done.pid])]).stdout.toString();
    const alive = parseJobProcesses(out);
    expect(alive.get(pid)).toContain('bash -lc');
    expect(isJobProcess('app-live', alive.get(pid))).toBe(true);
    expect(isJobProcess('app-done', alive.get(pid))).toBe(false);
    // An ended job is gone, or (where nobody reaps it) a `[bash] <defunct>` zombie: not the job.
    expect(isJobProcess('app-done', alive.get(done.pid))).toBe(false);
    expect(isJobProcess('app-live', undefined)).toBe(false);
  });

  it('prints nothing and succeeds when there are no jobs', () => {
    const home = mkdtempSync(join(tmpdir(), 'pgx-job-'));
    expect(bash(home, listHostJobsCommand())).toBe('');
    bash(home, 'mkdir -p "$HOME"/.pgx-companion/jobs');
    expect(bash(home, listHostJobsCommand())).toBe('');
  });

  it('stops the whole process group, children included', async () => {
    const { home, pid } = await start('sleep 30 & sleep 30');
    await waitFor(() => execFileSync('ps', ['-e', '-o', 'pgid=']).toString().split('\n').filter((l) => Number(l) === pid).length >= 2);
    expect(stopHostJobCommand(pid)).toBe(`kill -TERM -- -${pid}`);
    bash(home, stopHostJobCommand(pid));
    await waitFor(() => !execFileSync('ps', ['-e', '-o', 'pgid=', '-o', 'stat=']).toString().split('\n').some((l) => Number(l.trim().split(/\s+/)[0]) === pid && !l.includes('Z')));
    bash(home, removeHostJobCommand('app-test'));
    expect(existsSync(jobDir(home, 'app-test'))).toBe(false);
  });

  it('reads the jobs listing and ps the way both boxes print them', () => {
    expect(parseHostJobs(`./app-web/exit-code:2\n./app-web/pid:61002\napp-x/pid:12\n./app-web/spec.json:{"a":1}\n./Bad/pid:1\n./app-y/pid:abc\n./app-y/spec.json:{broken\n`)).toEqual([
      { id: 'app-web', spec: { a: 1 }, pid: 61002, exitCode: 2 },
      { id: 'app-x', spec: null, pid: 12, exitCode: null },
      { id: 'app-y', spec: null, pid: null, exitCode: null },
    ]);
    // procps shows a newline inside an argument as `?`; the demo box's ps prints it.
    const procps = parseJobProcesses('  61003 bash -lc cd "$HOME" || exit 1?sleep 30?echo $? > "$HOME"/.pgx-companion/jobs/app-slow/exit-code\n');
    const demo = parseJobProcesses('  61003 bash -lc cd "$HOME" || exit 1\nsleep 30\necho $? > "$HOME"/.pgx-companion/jobs/app-slow/exit-code\n    12 other\n');
    expect(isJobProcess('app-slow', procps.get(61003))).toBe(true);
    expect(isJobProcess('app-slow', demo.get(61003))).toBe(true);
    expect(demo.get(12)).toBe('other');
    expect(() => jobProcessesCommand([])).toThrow(InvalidDockerArgument);
    expect(() => stopHostJobCommand(0)).toThrow(InvalidDockerArgument);
    expect(jobProcessesCommand([5, 61003])).toBe('LC_ALL=C ps -o pid=,args= -p 5,61003');
  });
});
