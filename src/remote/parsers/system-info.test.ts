import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFree } from './free.js';
import { parseDgxRelease, parseNvccVersion, parseOsRelease, parseUname } from './system-info.js';
import { parseUptimeLine } from './uptime.js';

const probe = readFileSync(new URL('../../../e2e/fixtures/captures/gb10-host-probe.txt', import.meta.url), 'utf8');
const probeLine = (prefix: string) => probe.split('\n').find((line) => line.startsWith(prefix))!;

describe('parseUname', () => {
  it('reads the GB10 probe line (three aarch64 words)', () => {
    expect(parseUname(probeLine('Linux aitopatom'))).toEqual({
      ok: true,
      value: {
        kernelName: 'Linux',
        nodename: 'aitopatom-9ab9',
        kernelRelease: '6.17.0-1014-nvidia',
        kernelVersion: '#14-Ubuntu SMP PREEMPT_DYNAMIC Tue Mar 17 19:01:40 UTC 2026',
        machine: 'aarch64',
        processor: 'aarch64',
        hardwarePlatform: 'aarch64',
        operatingSystem: 'GNU/Linux',
      },
    });
  });

  it('reads a Debian line where processor and platform are omitted', () => {
    const result = parseUname('Linux vm 6.18.44-fc-v657 #1 SMP PREEMPT_DYNAMIC @0 x86_64 GNU/Linux\n');
    expect(result.ok && [result.value.kernelVersion, result.value.machine, result.value.processor]).toEqual(['#1 SMP PREEMPT_DYNAMIC @0', 'x86_64', null]);
  });

  it('refuses what is not uname -a', () => {
    expect(parseUname('Linux').ok).toBe(false);
    expect(parseUname('').ok).toBe(false);
  });
});

describe('os-release and dgx-release', () => {
  it('reads Ubuntu 24.04 os-release', () => {
    const result = parseOsRelease('PRETTY_NAME="Ubuntu 24.04.3 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION_CODENAME=noble\nID=ubuntu\n# comment\n');
    expect(result.ok && [result.value.id, result.value.versionId, result.value.prettyName, result.value.versionCodename]).toEqual(['ubuntu', '24.04', 'Ubuntu 24.04.3 LTS', 'noble']);
  });

  it('reads a DGX OS dgx-release: the OTA version wins over the factory build', () => {
    // Key layout of a public DGX OS release file (DGX A100, 5.x), blank line before the OTA keys.
    const text = 'DGX_NAME="DGX Server"\nDGX_PRETTY_NAME="NVIDIA DGX Server"\nDGX_SWBUILD_DATE="2021-08-18-20-11-12"\nDGX_SWBUILD_VERSION="5.1.0"\n\nDGX_OTA_VERSION="5.2.0"\nDGX_OTA_DATE="Thu 24 Mar 2022 01:43:22 PM PDT"\n';
    const result = parseDgxRelease(text);
    expect(result.ok && [result.value.name, result.value.swBuildVersion, result.value.otaVersion, result.value.version]).toEqual(['DGX Server', '5.1.0', '5.2.0', '5.2.0']);
    const spark = parseDgxRelease('DGX_NAME="DGX Spark"\nDGX_PRETTY_NAME="NVIDIA DGX Spark"\nDGX_SWBUILD_VERSION="7.2.3"\n');
    expect(spark.ok && spark.value.version).toBe('7.2.3');
    expect(parseDgxRelease('cat: /etc/dgx-release: No such file or directory').ok).toBe(false);
  });
});

describe('parseNvccVersion', () => {
  it('reads the GB10 CUDA 13.0 banner from the probe', () => {
    const text = probe.slice(probe.indexOf('nvcc: NVIDIA'));
    expect(parseNvccVersion(text)).toEqual({
      ok: true,
      value: { release: '13.0', version: '13.0.88', build: 'cuda_13.0.r13.0/compiler.36424714_0', builtOn: 'Wed_Aug_20_01:57:39_PM_PDT_2025' },
    });
  });

  it('says where nvcc is when it is not on PATH', () => {
    expect(parseNvccVersion('bash: line 1: nvcc: command not found')).toEqual({ ok: false, reason: 'nvcc is not on PATH (try /usr/local/cuda/bin/nvcc).' });
  });
});

describe('parseFree', () => {
  it('reads the GB10 `free` capture (KiB)', () => {
    const text = [
      '               total        used        free      shared  buff/cache   available',
      'Mem:       125513720     5088412   118621120       20596     2728844   120425308',
      'Swap:       16777212           0    16777212',
    ].join('\n');
    expect(parseFree(text)).toEqual({
      ok: true,
      free: {
        exact: true,
        mem: { total: 125513720 * 1024, used: 5088412 * 1024, free: 118621120 * 1024, shared: 20596 * 1024, buffCache: 2728844 * 1024, available: 120425308 * 1024 },
        swap: { total: 16777212 * 1024, used: 0, free: 16777212 * 1024, shared: null, buffCache: null, available: null },
      },
    });
  });

  it('reads -h output, the comma-decimal locale, and -b -w', () => {
    const human = parseFree('               total        used        free      shared  buff/cache   available\nMem:           119Gi       4,6Gi       113Gi        20Mi       2.6Gi       114Gi\nSwap:           15Gi          0B        15Gi\n');
    expect(human.ok && [human.free.exact, human.free.mem.used, human.free.swap?.used]).toEqual([false, 4.6 * 1024 ** 3, 0]);
    const wide = parseFree('               total        used        free      shared     buffers       cache   available\nMem:     25276510208   436203520 24632909824     9068544     1089536   520519680 24840306688\n', 'B');
    expect(wide.ok && wide.free.mem.buffCache).toBe(1089536 + 520519680);
  });

  it('refuses output without a Mem line', () => {
    expect(parseFree('free: invalid option').ok).toBe(false);
  });
});

describe('parseUptimeLine', () => {
  it('reads hours, days, minutes, users and both decimal styles', () => {
    expect(parseUptimeLine(' 09:00:00 up  3:17,  1 user,  load average: 0.35, 0.33, 0.31\n')).toEqual({
      ok: true,
      uptime: { time: '09:00:00', upSeconds: 3 * 3600 + 17 * 60, users: 1, load: [0.35, 0.33, 0.31] },
    });
    const days = parseUptimeLine(' 08:42:31 up 47 days,  3:21,  2 users,  load average: 0,42, 0,38, 0,31');
    expect(days.ok && [days.uptime.upSeconds, days.uptime.users, days.uptime.load]).toEqual([47 * 86400 + 3 * 3600 + 21 * 60, 2, [0.42, 0.38, 0.31]]);
    const minutes = parseUptimeLine(' 06:47:38 up 12 min,  0 user,  load average: 0.00, 0.04, 0.14');
    expect(minutes.ok && minutes.uptime.upSeconds).toBe(720);
    expect(parseUptimeLine('nonsense').ok).toBe(false);
  });
});
