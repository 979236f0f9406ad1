import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDf } from '../../../../../src/remote/parsers/df.js';
import { parseFree } from '../../../../../src/remote/parsers/free.js';
import { parseLscpu } from '../../../../../src/remote/parsers/lscpu.js';
import { parseMeminfo } from '../../../../../src/remote/parsers/proc-meminfo.js';
import { parseNvccVersion, parseUname } from '../../../../../src/remote/parsers/system-info.js';
import { parseUptimeLine } from '../../../../../src/remote/parsers/uptime.js';
import { setActivity } from '../../dynamics.js';
import { renderProcFile } from '../../proc.js';
import { testBox } from '../../testing.js';
import { systemPrograms } from './index.js';

const capture = (name: string) => readFileSync(new URL(`../../../../../e2e/fixtures/captures/${name}`, import.meta.url), 'utf8');
const probe = capture('gb10-host-probe.txt');
const program = (name: string) => systemPrograms[name]!;

describe('lscpu: simulator and capture parse alike', () => {
  it('tree layout (a terminal): same clusters, cores, clocks, flags and caches as lscpu-gb10.txt', async () => {
    const box = testBox();
    const { stdout, code } = await box.run(program('lscpu'), 'lscpu', [], { env: { TERM: 'xterm-256color' } });
    expect(code).toBe(0);
    const sim = parseLscpu(stdout);
    const real = parseLscpu(capture('lscpu-gb10.txt'));
    if (!sim.ok || !real.ok) throw new Error('not parsed');
    expect(sim.lscpu.clusters).toEqual(real.lscpu.clusters);
    expect(sim.lscpu.caches).toEqual(real.lscpu.caches);
    expect([sim.lscpu.architecture, sim.lscpu.cpus, sim.lscpu.onlineCpus, sim.lscpu.numaNodes]).toEqual(['aarch64', 20, '0-19', 1]);
    // Apart from the wrapped Flags lines (terminal width), the capture's lines are ours verbatim.
    const realLines = capture('lscpu-gb10.txt').split('\n').slice(1).filter((l) => !l.includes('Flags:') && !l.startsWith('                          ebitperm'));
    expect(stdout.split('\n').filter((l) => !l.includes('Flags:'))).toEqual(realLines);
  });

  it('flat layout when piped (no TERM, as over an SSH exec channel); the clusters survive', async () => {
    const { stdout } = await testBox().run(program('lscpu'), 'lscpu', []);
    expect(stdout).toMatch(/^Architecture: {25}aarch64\n/);
    expect(stdout).toContain('\nL1d cache:'.padEnd(39) + '1.3 MiB (20 instances)\n');
    expect(stdout).toContain('\nVulnerability Spectre v1:'.padEnd(39) + 'Mitigation; __user pointer sanitization\n');
    expect(stdout).not.toContain('Caches (sum of all)');
    const sim = parseLscpu(stdout);
    expect(sim.ok && sim.lscpu.clusters.map((c) => [c.modelName, c.cores, c.maxMHz])).toEqual([
      ['Cortex-X925', 10, 4004],
      ['Cortex-A725', 10, 2860],
    ]);
  });

  it('rejects an unknown option like util-linux', async () => {
    expect(await testBox().run(program('lscpu'), 'lscpu', ['-z'])).toEqual({ stdout: '', stderr: "lscpu: invalid option -- 'z'\nTry 'lscpu --help' for more information.\n", code: 1 });
  });
});

describe('df: simulator and capture parse alike', () => {
  const probeDf = probe.slice(probe.indexOf('Filesystem      Size'), probe.indexOf('== lsblk'));

  it('df -h: the probe mounts in the same order, the same header, and the probe figures for the fixed mounts', async () => {
    const { stdout, code } = await testBox().run(program('df'), 'df', ['-h']);
    expect(code).toBe(0);
    const sim = parseDf(stdout);
    const real = parseDf(probeDf);
    if (!sim.ok || !real.ok) throw new Error('not parsed');
    expect(stdout.split('\n')[0]).toBe(probeDf.split('\n')[0]);
    expect(sim.df.rows.map((r) => [r.source, r.target])).toEqual(real.df.rows.map((r) => [r.source, r.target]));
    expect(sim.df.exact).toBe(real.df.exact);
    // Mounts that do not depend on the simulation print the probe's lines exactly.
    const probeLines = probeDf.trim().split('\n');
    for (const target of ['/run', '/sys/firmware/efi/efivars', '/dev/shm', '/run/lock', '/boot/efi', '/run/user/1000']) {
      const mine = stdout.split('\n').find((l) => l.endsWith(` ${target}`));
      expect(mine).toBe(probeLines.find((l) => l.endsWith(` ${target}`)));
    }
  });

  it('df -B1 --output=source,size,used,avail,target /: exact bytes, Avail header, root usage grows with images', async () => {
    const box = testBox();
    const argv = ['-B1', '--output=source,size,used,avail,target', '/'];
    const { stdout } = await box.run(program('df'), 'df', argv);
    expect(stdout.split('\n')[0]).toMatch(/^Filesystem +1B-blocks +Used +Avail Mounted on$/);
    const before = parseDf(stdout);
    if (!before.ok) throw new Error(before.reason);
    const root = before.df.rows[0]!;
    expect(root).toMatchObject({ source: '/dev/nvme0n1p2', target: '/', sizeBytes: box.state().box.diskTotalBytes });
    expect(root.usedBytes! + root.availBytes!).toBeLessThan(root.sizeBytes!); // ext4's root reserve
    box.store.update((state) => {
      state.images.push({ ...state.images[0]!, id: 'sha256:extra', tag: 'extra', sizeBytes: 10 * 1024 ** 3 });
    }, box.now);
    const after = parseDf((await box.run(program('df'), 'df', argv)).stdout);
    expect(after.ok && after.df.rows[0]!.usedBytes! - root.usedBytes!).toBe(10 * 1024 ** 3);
  });

  it('df -P, -T and the disk-full fault', async () => {
    const box = testBox({ mutate: (state) => (state.faults['disk-full'] = true) });
    const posix = await box.run(program('df'), 'df', ['-P', '/']);
    expect(posix.stdout.split('\n')[0]).toBe('Filesystem     1024-blocks       Used Available Capacity Mounted on');
    const parsed = parseDf(posix.stdout);
    expect(parsed.ok && [parsed.df.rows[0]!.availBytes, parsed.df.rows[0]!.usePercent]).toEqual([0, 100]);
    const typed = await box.run(program('df'), 'df', ['-hT', '/boot/efi']);
    expect(typed.stdout).toBe('Filesystem     Type  Size  Used Avail Use% Mounted on\n/dev/nvme0n1p1 vfat  511M  6.4M  505M   2% /boot/efi\n');
  });

  it("coreutils' errors: a missing path, an unknown --output field, an unknown option", async () => {
    const box = testBox();
    expect(await box.run(program('df'), 'df', ['/no/such/place'])).toEqual({ stdout: '', stderr: 'df: /no/such/place: No such file or directory\n', code: 1 });
    expect((await box.run(program('df'), 'df', ['--output=source,nope'])).stderr).toBe("df: option --output: field 'nope' unknown\nTry 'df --help' for more information.\n");
    expect((await box.run(program('df'), 'df', ['-q'])).code).toBe(1);
  });
});

describe('uname, nvcc, free, nproc, hostname, uptime', () => {
  it('uname -a parses like the probe line (same fields, box hostname and kernel)', async () => {
    const box = testBox();
    const sim = parseUname((await box.run(program('uname'), 'uname', ['-a'])).stdout);
    const real = parseUname(probe.split('\n').find((l) => l.startsWith('Linux '))!);
    if (!sim.ok || !real.ok) throw new Error('not parsed');
    expect({ ...sim.value, nodename: 'x' }).toEqual({ ...real.value, nodename: 'x' });
    expect(sim.value.nodename).toBe('pgx-demo');
    expect((await box.run(program('uname'), 'uname', ['-sr'])).stdout).toBe('Linux 6.17.0-1014-nvidia\n');
    expect((await box.run(program('uname'), 'uname', ['-m'])).stdout).toBe('aarch64\n');
    expect((await box.run(program('uname'), 'uname', [])).stdout).toBe('Linux\n');
    expect((await box.run(program('uname'), 'uname', ['-z'])).stderr).toBe("uname: invalid option -- 'z'\nTry 'uname --help' for more information.\n");
  });

  it('nvcc --version prints the probe banner byte for byte; without inputs it fails like nvcc', async () => {
    const box = testBox();
    const { stdout } = await box.run(program('nvcc'), 'nvcc', ['--version']);
    expect(stdout).toBe(probe.slice(probe.indexOf('nvcc: NVIDIA')));
    const parsed = parseNvccVersion(stdout);
    expect(parsed.ok && parsed.value.version).toBe('13.0.88');
    expect(await box.run(program('nvcc'), 'nvcc', [])).toEqual({ stdout: '', stderr: 'nvcc fatal   : No input files specified; use option --help for more information\n', code: 1 });
  });

  it('free agrees with /proc/meminfo and parses like the README capture; -h uses Gi/Mi and 0B', async () => {
    const box = testBox();
    const free = parseFree((await box.run(program('free'), 'free', [])).stdout);
    const meminfo = parseMeminfo(renderProcFile('/proc/meminfo', box.state(), box.now)!);
    const real = parseFree('               total        used        free      shared  buff/cache   available\nMem:       125513720     5088412   118621120       20596     2728844   120425308\nSwap:       16777212           0    16777212\n');
    if (!free.ok || !meminfo.ok || !real.ok) throw new Error('not parsed');
    expect(free.free.mem.total).toBe(real.free.mem.total);
    expect(free.free.mem.used).toBe(meminfo.meminfo.usedBytes);
    expect(free.free.mem.available).toBe(meminfo.meminfo.availableBytes);
    expect(free.free.swap).toEqual(real.free.swap);
    const human = await box.run(program('free'), 'free', ['-h']);
    expect(human.stdout.split('\n')[1]).toMatch(/^Mem: {11}119Gi {7}\d\.\dGi {7}\d{3}Gi {8}20Mi {7}\d\.\dGi {7}\d{3}Gi$/);
    expect(human.stdout.split('\n')[2]).toBe('Swap:           15Gi          0B        15Gi');
  });

  it('uptime prints procps layout from the boot time and load; nproc 20; hostname', async () => {
    const box = testBox();
    const line = (await box.run(program('uptime'), 'uptime', [])).stdout;
    expect(line).toMatch(/^ 09:00:00 up {2}3:17, {2}1 user, {2}load average: \d\.\d\d, \d\.\d\d, \d\.\d\d\n$/);
    const idle = parseUptimeLine(line);
    box.store.update((state, now) => setActivity(state, 'train', { cpuCores: 6 }, now), box.now);
    const busy = parseUptimeLine((await box.run(program('uptime'), 'uptime', [])).stdout);
    if (!idle.ok || !busy.ok) throw new Error('not parsed');
    expect(idle.uptime.upSeconds).toBe(3 * 3600 + 17 * 60);
    expect(busy.uptime.load[0] - idle.uptime.load[0]).toBeCloseTo(6, 1);
    expect((await box.run(program('uptime'), 'uptime', ['-p'])).stdout).toBe('up 3 hours, 17 minutes\n');
    expect((await box.run(program('nproc'), 'nproc', [])).stdout).toBe('20\n');
    expect((await box.run(program('nproc'), 'nproc', [], { env: { OMP_NUM_THREADS: '4' } })).stdout).toBe('4\n');
    expect((await box.run(program('hostname'), 'hostname', [])).stdout).toBe('pgx-demo\n');
  });
});
