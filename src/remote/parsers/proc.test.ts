import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLoadAvg } from './proc-loadavg.js';
import { parseMeminfo } from './proc-meminfo.js';
import { netRates, parseNetDev } from './proc-net-dev.js';
import { coreBusyPercents, cpuBusyPercent, parseProcStat } from './proc-stat.js';
import { parseProcUptime } from './proc-uptime.js';

/** This machine's own /proc: real kernel output the parsers must accept (skipped where absent). */
const local = (path: string): string | undefined => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);

describe('parseMeminfo', () => {
  it('reads GB10-style lines: 9-digit values, unitless HugePages, used = MemTotal − MemAvailable', () => {
    const text = 'MemTotal:       127600748 kB\nMemFree:        117000000 kB\nMemAvailable:   118566368 kB\nHugePages_Total:       0\nHugepagesize:       2048 kB\n';
    const result = parseMeminfo(text);
    if (!result.ok) throw new Error(result.reason);
    expect(result.meminfo.totalBytes).toBe(127_600_748 * 1024);
    expect(result.meminfo.usedBytes).toBe((127_600_748 - 118_566_368) * 1024);
    expect(result.meminfo.entries['HugePages_Total']).toEqual({ value: 0, unit: null });
    expect(result.meminfo.entries['Hugepagesize']).toEqual({ value: 2048, unit: 'kB' });
    expect(result.meminfo.swapTotalBytes).toBeNull();
  });

  it("reads this machine's /proc/meminfo", () => {
    const text = local('/proc/meminfo');
    if (text === undefined) return;
    const result = parseMeminfo(text);
    if (!result.ok) throw new Error(result.reason);
    const totalKb = Number(/^MemTotal:\s+(\d+)/m.exec(text)![1]);
    expect(result.meminfo.totalBytes).toBe(totalKb * 1024);
    expect(result.meminfo.availableBytes).not.toBeNull();
    expect(Object.keys(result.meminfo.entries)).toHaveLength(text.trim().split('\n').length);
  });

  it('refuses what is not meminfo', () => {
    expect(parseMeminfo('cpu  1 2 3 4').ok).toBe(false);
    expect(parseMeminfo('').ok).toBe(false);
  });
});

describe('parseProcStat and busy percent', () => {
  const sample = 'cpu  408690183 216559 52384731 5248863620 5380860 0 944647 0 9717658 0\ncpu0 1 2 3 4 5 6 7 8 9 10\nctxt 42\nbtime 1795581104\nprocs_running 3\n';

  it('reads the proc(5) sample: aggregate with two spaces, per-core, counters', () => {
    const result = parseProcStat(sample);
    if (!result.ok) throw new Error(result.reason);
    expect(result.stat.total).toEqual({ user: 408690183, nice: 216559, system: 52384731, idle: 5248863620, iowait: 5380860, irq: 0, softirq: 944647, steal: 0, guest: 9717658, guestNice: 0 });
    expect(result.stat.cores).toEqual([{ core: 0, times: { user: 1, nice: 2, system: 3, idle: 4, iowait: 5, irq: 6, softirq: 7, steal: 8, guest: 9, guestNice: 10 } }]);
    expect([result.stat.contextSwitches, result.stat.bootTime, result.stat.procsRunning, result.stat.processes]).toEqual([42, 1795581104, 3, null]);
  });

  it('computes busy % over the first eight columns (guest is already inside user)', () => {
    const before = { user: 100, nice: 0, system: 50, idle: 800, iowait: 50, irq: 0, softirq: 0, steal: 0, guest: 0, guestNice: 0 };
    const after = { user: 160, nice: 0, system: 70, idle: 900, iowait: 70, irq: 0, softirq: 0, steal: 0, guest: 40, guestNice: 0 };
    // Δtotal = 60+20+100+20 = 200; Δidle = 100+20 = 120 → 40 % busy; guest (+40) must not count twice.
    expect(cpuBusyPercent(before, after)).toBe(40);
    expect(cpuBusyPercent(after, after)).toBeNull();
    expect(cpuBusyPercent(after, before)).toBeNull();
  });

  it("reads this machine's /proc/stat, and two reads give a percentage per core", () => {
    const first = local('/proc/stat');
    if (first === undefined) return;
    const a = parseProcStat(first);
    const b = parseProcStat(readFileSync('/proc/stat', 'utf8'));
    if (!a.ok || !b.ok) throw new Error('not parsed');
    expect(a.stat.cores.length).toBe((first.match(/^cpu\d+ /gm) ?? []).length);
    expect(a.stat.bootTime).toBeGreaterThan(1_000_000_000);
    for (const value of coreBusyPercents(a.stat, b.stat).values()) if (value !== null) expect(value).toBeGreaterThanOrEqual(0);
  });

  it('refuses text without the aggregate line', () => {
    expect(parseProcStat('cpu0 1 2 3 4').ok).toBe(false);
  });
});

describe('parseNetDev', () => {
  const kernel = [
    'Inter-|   Receive                                                |  Transmit',
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
    '    lo:    9000      10    0    0    0     0          0         0     9000      10    0    0    0     0       0          0',
    'enP2p1s0f0np0: 847248569841  600000    0    0    0     0          0         0 962038960753  700000    0    0    0     0       0          0',
    '',
  ].join('\n');

  it('splits on the first colon: short names padded, long names abutting it', () => {
    const result = parseNetDev(kernel);
    if (!result.ok) throw new Error(result.reason);
    expect(result.interfaces.map((i) => [i.name, i.rxBytes, i.rxPackets, i.txBytes, i.txPackets])).toEqual([
      ['lo', 9000, 10, 9000, 10],
      ['enP2p1s0f0np0', 847248569841, 600000, 962038960753, 700000],
    ]);
  });

  it('computes rates and refuses a counter reset', () => {
    const result = parseNetDev(kernel);
    if (!result.ok) throw new Error(result.reason);
    const lo = result.interfaces[0]!;
    expect(netRates(lo, { ...lo, rxBytes: lo.rxBytes + 2000, txBytes: lo.txBytes + 500 }, 2)).toEqual({ rxBytesPerSec: 1000, txBytesPerSec: 250 });
    expect(netRates(lo, { ...lo, rxBytes: 0 }, 1)).toBeNull();
  });

  it("reads this machine's /proc/net/dev", () => {
    const text = local('/proc/net/dev');
    if (text === undefined) return;
    const result = parseNetDev(text);
    if (!result.ok) throw new Error(result.reason);
    expect(result.interfaces.map((i) => i.name)).toContain('lo');
    expect(result.interfaces).toHaveLength(text.trim().split('\n').length - 2);
  });

  it('refuses text without the header', () => {
    expect(parseNetDev('lo: 1 2 3').ok).toBe(false);
  });
});

describe('parseLoadAvg and parseProcUptime', () => {
  it('reads the fixed formats', () => {
    expect(parseLoadAvg('0.35 0.33 0.31 1/1234 41000\n')).toEqual({ ok: true, loadavg: { load1: 0.35, load5: 0.33, load15: 0.31, runnable: 1, tasks: 1234, lastPid: 41000 } });
    expect(parseProcUptime('11820.45 220000.12\n')).toEqual({ ok: true, uptime: { uptimeSeconds: 11820.45, idleSeconds: 220000.12 } });
    expect(parseLoadAvg('0,35 0,33').ok).toBe(false);
    expect(parseProcUptime('').ok).toBe(false);
  });

  it("reads this machine's files", () => {
    const loadavg = local('/proc/loadavg');
    const uptime = local('/proc/uptime');
    if (loadavg !== undefined) expect(parseLoadAvg(loadavg).ok).toBe(true);
    if (uptime !== undefined) {
      const parsed = parseProcUptime(uptime);
      expect(parsed.ok && parsed.uptime.uptimeSeconds).toBeGreaterThan(0);
    }
  });
});
