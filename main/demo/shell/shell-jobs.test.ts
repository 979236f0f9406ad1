import { describe, expect, it } from 'vitest';
import { quote } from '../../../src/remote/quote.js';
import { runCommandLine } from './index.js';
import { eventually, makeHost, run } from './shell-testing.js';

const launcher = (job: string, command: string) =>
  `mkdir -p "$HOME"/.pgx-companion/jobs/${job} && cd "$HOME"/.pgx-companion/jobs/${job} && setsid nohup sh -c ${quote(`${command}; echo $? > exit-code`)} > log 2>&1 < /dev/null & echo $!`;

describe('demo box shell: background jobs', () => {
  it('runs the job launcher detached: pid on stdout, then log and exit-code appear', async () => {
    const host = makeHost();
    const started = await run(host, launcher('J1', 'slow-job 40 && fail-with 3'));
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
    expect(started.stdout).toMatch(/^\d+\n$/);
    const pid = Number(started.stdout);
    // While it runs, ps knows it by pid and by its command.
    const ps = await run(host, `ps -p ${pid} -o pid=,etime=,args=`);
    expect(ps.stdout).toMatch(new RegExp(`^ +${pid} +00:0\\d sh -c slow-job 40 && fail-with 3; echo \\$\\? > exit-code\\n$`));
    const dir = '/home/demo/.pgx-companion/jobs/J1';
    await eventually(() => host.fs.exists(`${dir}/exit-code`));
    expect(host.fs.readText(`${dir}/exit-code`)).toBe('3\n');
    expect(host.fs.readText(`${dir}/log`)).toBe('started 40\nfinished\nfail-with: failing with 3\n');
    await eventually(() => host.processes.list().length === 0);
    expect(await run(host, `ps -p ${pid} -o pid=`)).toEqual({ stdout: '', stderr: '', status: 1 });
    expect((await run(host, `kill -0 ${pid}`)).status).toBe(1);
  });

  it('keeps a job running after the channel that started it closed', async () => {
    const host = makeHost();
    const channel = new AbortController();
    const started = await run(host, launcher('J2', 'slow-job 30'), { signal: channel.signal });
    channel.abort();
    expect(host.processes.list().map((p) => p.pid)).toEqual([Number(started.stdout)]);
    await eventually(() => host.fs.exists('/home/demo/.pgx-companion/jobs/J2/exit-code'));
    expect(host.fs.readText('/home/demo/.pgx-companion/jobs/J2/exit-code')).toBe('0\n');
  });

  it('stops a job with kill, and kill -- -PID reaches a setsid job', async () => {
    const host = makeHost();
    const first = Number((await run(host, 'slow-job 60000 > one.log & echo $!')).stdout);
    const second = Number((await run(host, 'setsid slow-job 60000 > two.log 2>&1 < /dev/null & echo $!')).stdout);
    expect(first).not.toBe(second);
    expect((await run(host, `kill -0 ${first} && echo alive`)).stdout).toBe('alive\n');
    const listed = await run(host, 'ps -eo pid,args');
    expect(listed.stdout).toContain(`${String(first).padStart(7)} slow-job 60000`);
    expect(await run(host, `kill ${first}; kill -TERM -- -${second}`)).toEqual({ stdout: '', stderr: '', status: 0 });
    await eventually(() => host.processes.list().length === 0);
    expect(host.fs.readText('/home/demo/one.log')).toBe('started 60000\ninterrupted\n');
    expect((await run(host, `kill ${first}`)).stderr).toBe(`bash: line 1: kill: (${first}) - No such process\n`);
  });

  it('runs the whole and-or list before & in the background, leaving the shell where it was', async () => {
    const host = makeHost();
    const result = await run(host, 'mkdir -p /tmp/bg && cd /tmp/bg && echo inside > here.txt & pwd; echo "[$!]" | grep -cE "^\\[[0-9]+\\]$"');
    expect(result.stdout).toBe('/home/demo\n1\n');
    await eventually(() => host.fs.exists('/tmp/bg/here.txt'));
  });
});

describe('demo box shell: streams', () => {
  it('ends a pipeline when its reader is done, like SIGPIPE', async () => {
    const host = makeHost();
    expect(await run(host, 'ticker | head -n 3')).toEqual({ stdout: 'tick 0\ntick 1\ntick 2\n', stderr: '', status: 0 });
    expect((await run(host, 'ticker | grep -m 2 tick')).stdout).toBe('tick 0\ntick 1\n');
    expect((await run(host, 'ticker | head -n 2 | cat')).stdout).toBe('tick 0\ntick 1\n');
    expect((await run(host, 'yes | head -n 1; echo $?')).stdout).toBe('y\n0\n');
  });

  it('streams a stage’s output into the next as it is produced', async () => {
    const host = makeHost();
    const seen: string[] = [];
    const controller = new AbortController();
    const done = runCommandLine(host, 'ticker | grep tick', { write: (t) => void seen.push(t), error: () => {}, signal: controller.signal });
    await eventually(() => seen.length >= 3);
    controller.abort();
    expect(await done).toBe(130);
    expect(seen.slice(0, 3)).toEqual(['tick 0\n', 'tick 1\n', 'tick 2\n']);
  });

  it('interrupts a foreground command when the channel closes', async () => {
    const host = makeHost();
    const controller = new AbortController();
    const pending = run(host, 'sleep 600; echo never', { signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual({ stdout: '', stderr: '', status: 130 });
  });

  it('follows a growing file with tail -f until interrupted', async () => {
    const host = makeHost();
    host.fs.writeText('/home/demo/train.log', 'line 1\nline 2\n');
    let out = '';
    const controller = new AbortController();
    const done = runCommandLine(host, 'tail -n 1 -f train.log', { write: (t) => (out += t), error: () => {}, signal: controller.signal });
    await eventually(() => out === 'line 2\n');
    host.fs.writeText('/home/demo/train.log', 'line 3\n', { append: true });
    await eventually(() => out === 'line 2\nline 3\n');
    controller.abort();
    expect(await done).toBe(130);
  });

  it('waits for a missing file with tail -F and follows it once it appears', async () => {
    const host = makeHost();
    let out = '';
    let err = '';
    const controller = new AbortController();
    const done = runCommandLine(host, 'tail -F later.log', { write: (t) => (out += t), error: (t) => (err += t), signal: controller.signal });
    await eventually(() => err.includes('cannot open'));
    host.fs.writeText('/home/demo/later.log', 'hello\n');
    await eventually(() => out === 'hello\n');
    expect(err).toBe("tail: cannot open 'later.log' for reading: No such file or directory\ntail: 'later.log' has appeared;  following new file\n");
    controller.abort();
    await done;
  });
});
