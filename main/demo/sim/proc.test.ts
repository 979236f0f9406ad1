import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLoadAvg } from '../../../src/remote/parsers/proc-loadavg.js';
import { parseMeminfo } from '../../../src/remote/parsers/proc-meminfo.js';
import { parseNetDev } from '../../../src/remote/parsers/proc-net-dev.js';
import { coreBusyPercents, parseProcStat } from '../../../src/remote/parsers/proc-stat.js';
import { parseProcUptime } from '../../../src/remote/parsers/proc-uptime.js';
import { parseDgxRelease, parseOsRelease } from '../../../src/remote/parsers/system-info.js';
import { setActivity } from './dynamics.js';
import { readProcFile, renderProcFile } from './proc.js';
import { meminfoLine } from './programs/system/render-meminfo.js';
import { netDevLine } from './programs/system/render-net.js';
import { testBox, type TestBox } from './testing.js';

const local = (path: string): string | undefined => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
const read = (box: TestBox, path: string): string => {
  const text = renderProcFile(path, box.state(), box.now);
  if (text === undefined) throw new Error(`not rendered: ${path}`);
  return text;
};

describe('/proc/meminfo', () => {
  it("uses the kernel's line format: re-rendering this machine's real lines gives them back", () => {
    const text = local('/proc/meminfo');
    if (text === undefined) return;
    const parsed = parseMeminfo(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    for (const line of text.trim().split('\n')) {
      const key = line.slice(0, line.indexOf(':'));
      const entry = parsed.meminfo.entries[key]!;
      if (key !== 'HardwareCorrupted') expect(meminfoLine(key, entry.value, entry.unit)).toBe(line);
    }
  });

  it('has the real keys in the real order (x86-only DirectMap lines aside) and parses to the dynamics', () => {
    const box = testBox();
    const text = read(box, '/proc/meminfo');
    const sim = parseMeminfo(text);
    if (!sim.ok) throw new Error(sim.reason);
    expect(sim.meminfo.totalBytes).toBe(125_513_720 * 1024);
    expect(sim.meminfo.entries['HugePages_Total']).toEqual({ value: 0, unit: null });
    expect(text).toContain('\nHardwareCorrupted:     0 kB\n');
    const real = local('/proc/meminfo');
    if (real === undefined) return;
    const realKeys = Object.keys((parseMeminfo(real) as { ok: true; meminfo: { entries: object } }).meminfo.entries);
    const simKeys = Object.keys(sim.meminfo.entries);
    expect(realKeys.filter((k) => simKeys.includes(k))).toEqual(simKeys.filter((k) => realKeys.includes(k)));
    expect(realKeys.filter((k) => !simKeys.includes(k)).every((k) => /^(DirectMap|Unaccepted|ShadowCallStack|Cma)/.test(k))).toBe(true);
  });

  it('a model loading into unified memory takes MemAvailable down by its size', () => {
    const box = testBox();
    const before = parseMeminfo(read(box, '/proc/meminfo'));
    box.store.update((state) => {
      state.gpuProcesses.push({ pid: 50_001, name: 'VLLM::EngineCore', type: 'C', memoryMiB: 40_960, startedAt: box.now, loadMs: 0, containerId: undefined, fileCacheMiB: 0 });
    }, box.now);
    const after = parseMeminfo(read(box, '/proc/meminfo'));
    if (!before.ok || !after.ok) throw new Error('not parsed');
    const dropKb = (before.meminfo.availableBytes! - after.meminfo.availableBytes!) / 1024;
    expect(dropKb).toBeGreaterThan(40_960 * 1024 - 50_000);
    expect(dropKb).toBeLessThan(40_960 * 1024 + 50_000);
  });
});

describe('/proc/stat', () => {
  it('has the aggregate line with two spaces, 20 cores, and as many columns as a real kernel', () => {
    const box = testBox();
    const text = read(box, '/proc/stat');
    expect(text.startsWith('cpu  ')).toBe(true);
    const sim = parseProcStat(text);
    if (!sim.ok) throw new Error(sim.reason);
    expect(sim.stat.cores.map((c) => c.core)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(sim.stat.bootTime).toBe(Math.floor(box.state().bootedAt / 1000));
    const real = local('/proc/stat');
    if (real === undefined) return;
    const columns = (t: string) => t.split('\n')[0]!.split(/\s+/).length;
    expect(columns(text)).toBe(columns(real));
    expect(text.split('\n').map((l) => l.split(' ')[0]).filter((w) => w && !w.startsWith('cpu'))).toEqual(
      real.split('\n').map((l) => l.split(' ')[0]).filter((w) => w && !w.startsWith('cpu')),
    );
  });

  it('a load on two big cores shows as busy cores 5 and 6 between two reads; the rest stay light', () => {
    const box = testBox();
    box.store.update((state, now) => setActivity(state, 'serve', { util: 80, cpuCores: 2 }, now), box.now);
    const first = parseProcStat(read(box, '/proc/stat'));
    box.advance(2_000);
    const second = parseProcStat(read(box, '/proc/stat'));
    if (!first.ok || !second.ok) throw new Error('not parsed');
    const busy = coreBusyPercents(first.stat, second.stat);
    expect(busy.get(5)).toBeGreaterThan(90);
    expect(busy.get(6)).toBeGreaterThan(90);
    // Little cores carry a share of housekeeping for every source (dynamics: 10 %); other big cores idle.
    expect(busy.get(0)).toBeLessThan(20);
    expect(busy.get(7)).toBeLessThan(5);
  });
});

describe('/proc/net/dev and /sys/class/net', () => {
  it("uses the kernel's printf: re-rendering this machine's real rows gives them back", () => {
    const text = local('/proc/net/dev');
    if (text === undefined) return;
    const parsed = parseNetDev(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    const rows = text.split('\n').slice(2).filter(Boolean);
    parsed.interfaces.forEach((n, i) => {
      const values = [n.rxBytes, n.rxPackets, n.rxErrors, n.rxDropped, n.rxFifo, n.rxFrame, n.rxCompressed, n.rxMulticast, n.txBytes, n.txPackets, n.txErrors, n.txDropped, n.txFifo, n.txCollisions, n.txCarrier, n.txCompressed];
      expect(netDevLine(n.name, values)).toBe(rows[i]);
    });
  });

  it('lists the GB10 interfaces under the real header; a download moves enP7s7 rx', () => {
    const box = testBox();
    const text = read(box, '/proc/net/dev');
    const real = local('/proc/net/dev');
    if (real !== undefined) expect(text.split('\n').slice(0, 2)).toEqual(real.split('\n').slice(0, 2));
    const before = parseNetDev(text);
    box.store.update((state, now) => setActivity(state, 'pull', { netRxBytesPerSec: 100_000_000 }, now), box.now);
    box.advance(1_000);
    const after = parseNetDev(read(box, '/proc/net/dev'));
    if (!before.ok || !after.ok) throw new Error('not parsed');
    expect(before.interfaces.map((i) => i.name)).toEqual(['lo', 'enP7s7', 'enp1s0f0np0', 'enp1s0f1np1', 'enP2p1s0f0np0', 'enP2p1s0f1np1', 'wlP9s9', 'docker0']);
    const rx = (r: typeof after, name: string) => (r.ok ? r.interfaces.find((i) => i.name === name)!.rxBytes : 0);
    expect(rx(after, 'enP7s7') - rx(before, 'enP7s7')).toBeGreaterThan(100_000_000);
    expect(text).toContain('\nenP2p1s0f0np0:       0       0');
  });

  it('speed and operstate as the probe saw them: 10000, -1 without carrier, EINVAL for Wi-Fi and lo', () => {
    const box = testBox();
    const at = (path: string) => readProcFile(path, box.state(), box.now);
    expect(at('/sys/class/net/enP7s7/speed')).toEqual({ ok: true, text: '10000\n' });
    expect(at('/sys/class/net/enp1s0f0np0/speed')).toEqual({ ok: true, text: '-1\n' });
    expect(at('/sys/class/net/wlP9s9/speed')).toEqual({ ok: false, errno: 'EINVAL' });
    expect(at('/sys/class/net/lo/speed')).toEqual({ ok: false, errno: 'EINVAL' });
    expect(at('/sys/class/net/lo/operstate')).toEqual({ ok: true, text: 'unknown\n' });
    expect(at('/sys/class/net/enP2p1s0f1np1/operstate')).toEqual({ ok: true, text: 'down\n' });
    expect(at('/sys/class/net/eth9/operstate')).toEqual({ ok: false, errno: 'ENOENT' });
    expect(renderProcFile('/sys/class/net/wlP9s9/speed', box.state(), box.now)).toBeUndefined();
  });
});

describe('the other files', () => {
  it('/proc/loadavg and /proc/uptime parse and follow the state', () => {
    const box = testBox();
    const load = parseLoadAvg(read(box, '/proc/loadavg'));
    const uptime = parseProcUptime(read(box, '/proc/uptime'));
    if (!load.ok || !uptime.ok) throw new Error('not parsed');
    expect(uptime.uptime.uptimeSeconds).toBe(3 * 3600 + 17 * 60);
    expect(uptime.uptime.idleSeconds).toBeLessThan(uptime.uptime.uptimeSeconds * 20);
    expect(uptime.uptime.idleSeconds).toBeGreaterThan(uptime.uptime.uptimeSeconds * 19);
    expect(load.loadavg.lastPid).toBe(box.state().nextPid - 1);
    const real = local('/proc/loadavg');
    if (real !== undefined) expect(parseLoadAvg(real).ok).toBe(true);
  });

  it('/proc/cpuinfo: arm64 MIDR fields, X925 parts on the big cores', () => {
    const text = read(testBox(), '/proc/cpuinfo');
    const parts = [...text.matchAll(/^CPU part\t: (0x[0-9a-f]+)$/gm)].map((m) => m[1]);
    expect(parts).toHaveLength(20);
    expect(parts.filter((p) => p === '0xd85')).toHaveLength(10);
    expect(parts[5]).toBe('0xd85');
    expect(parts[0]).toBe('0xd87');
    expect(text).not.toMatch(/model name/i);
  });

  it('/etc/os-release and /etc/dgx-release parse to the box versions; other paths are undefined', () => {
    const box = testBox();
    const os = parseOsRelease(read(box, '/etc/os-release'));
    const dgx = parseDgxRelease(read(box, '/etc/dgx-release'));
    expect(os.ok && [os.value.id, os.value.versionId, os.value.prettyName]).toEqual(['ubuntu', '24.04', 'Ubuntu 24.04.3 LTS']);
    expect(dgx.ok && [dgx.value.name, dgx.value.swBuildVersion, dgx.value.version]).toEqual(['DGX Spark', '7.2.3', '7.4.0']);
    expect(renderProcFile('/proc/self/status', box.state(), box.now)).toBeUndefined();
    expect(renderProcFile('/etc/passwd', box.state(), box.now)).toBeUndefined();
  });
});
