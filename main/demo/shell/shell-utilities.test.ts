import { describe, expect, it } from 'vitest';
import { makeHost, run } from './shell-testing.js';
import { utilityCases } from './utility-cases.js';

describe('demo box shell: utilities behave like GNU coreutils', () => {
  for (const [line, expected] of utilityCases) {
    it(line, async () => {
      const host = makeHost();
      // Each case starts in an empty directory, as the table was recorded.
      const dir = `/tmp/case-${Math.random().toString(36).slice(2)}`;
      host.fs.mkdirp(dir);
      const result = await run(host, `cd ${dir} && ${line}`);
      if (expected.stdout !== undefined) expect(result.stdout).toBe(expected.stdout);
      if (expected.stderr !== undefined) expect(result.stderr).toBe(expected.stderr);
      expect(result.status).toBe(expected.status ?? 0);
    });
  }
});

describe('demo box shell: answers that come from the box', () => {
  it('knows its user, host, ids and cores', async () => {
    const host = makeHost();
    expect((await run(host, 'whoami; id -un; id -u; id -g; hostname; nproc')).stdout).toBe('demo\ndemo\n1000\n1000\npgx-demo\n20\n');
    host.store.update((state) => {
      state.faults['docker-permission'] = true;
    }, Date.now());
    expect((await run(host, 'id')).stdout).toBe('uid=1000(demo) gid=1000(demo) groups=1000(demo),4(adm),27(sudo)\n');
  });

  it('reads virtual files: cat, grep, head and redirection see /proc as the state renders it', async () => {
    const host = makeHost();
    expect((await run(host, 'cat /proc/loadavg')).stdout).toBe('0.10 0.20 0.30 1/500 4242\n');
    expect((await run(host, 'grep MemTotal /proc/meminfo')).stdout).toBe('MemTotal:       128526044 kB\n');
    expect((await run(host, 'head -n 1 < /proc/meminfo; [ -f /proc/meminfo ] && echo present')).stdout).toBe('MemTotal:       128526044 kB\npresent\n');
    expect(await run(host, 'cat /proc/nothing')).toEqual({ stdout: '', stderr: 'cat: /proc/nothing: No such file or directory\n', status: 1 });
  });

  it('prints the date from the box clock in the formats scripts use', async () => {
    const host = makeHost();
    const before = Date.now();
    const { stdout } = await run(host, 'date +%s; date +%s%N; date -u +%Y-%m-%dT%H:%M:%SZ; date');
    const [seconds, nanos, iso, plain] = stdout.split('\n');
    expect(Number(seconds)).toBeGreaterThanOrEqual(Math.floor(before / 1000));
    expect(nanos).toMatch(/^\d{19}$/);
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(plain).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}$/);
  });

  it('lists with ls -l / --full-time and sizes with du -h, like coreutils on ext4', async () => {
    const host = makeHost();
    await run(host, 'mkdir -p m && printf 1234567890 > m/ten && touch m/empty');
    const long = await run(host, 'ls -l m');
    expect(long.stdout).toMatch(/^total 4\n-rw-r--r-- 1 demo demo {2}0 [A-Z][a-z]{2} [ \d]\d \d\d:\d\d empty\n-rw-r--r-- 1 demo demo 10 [A-Z][a-z]{2} [ \d]\d \d\d:\d\d ten\n$/);
    expect((await run(host, 'ls --full-time m/ten')).stdout).toMatch(/^-rw-r--r-- 1 demo demo 10 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000 m\/ten\n$/);
    expect((await run(host, 'du -sh m; du -sb m; du -s --apparent-size -b m/ten')).stdout).toBe('8.0K\tm\n4106\tm\n10\tm/ten\n');
    expect((await run(host, 'stat -c "%s %Y" m/ten')).stdout).toMatch(/^10 \d{10}\n$/);
  });

  it('makes temp files and dirs and resolves paths', async () => {
    const host = makeHost();
    const made = await run(host, 'mktemp -d; mktemp -p /home/demo job.XXXXXX; mktemp -d /tmp/pgx.XXXX');
    const [dir, file, named] = made.stdout.trim().split('\n');
    expect(dir).toMatch(/^\/tmp\/tmp\.[A-Za-z0-9]{10}$/);
    expect(file).toMatch(/^\/home\/demo\/job\.[A-Za-z0-9]{6}$/);
    expect(named).toMatch(/^\/tmp\/pgx\.[A-Za-z0-9]{4}$/);
    expect(host.fs.stat(dir!).isDirectory).toBe(true);
    expect(host.fs.stat(file!).mode & 0o777).toBe(0o600);
    expect((await run(host, 'cd /tmp && realpath ../home/./demo && readlink -f nothing/x; echo $?')).stdout).toBe('/home/demo\n1\n');
  });

  it('prints the environment it was given and what export added', async () => {
    const host = makeHost();
    const result = await run(host, 'export FOO=bar; printenv FOO; env | grep -E "^(FOO|HOME)="; printenv NOPE; echo $?');
    expect(result.stdout).toBe('bar\nHOME=/home/demo\nFOO=bar\n1\n');
  });
});
