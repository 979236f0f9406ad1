import { describe, expect, it } from 'vitest';
import { parseComputeApps } from '../../../../../src/remote/parsers/nvidia-smi-compute-apps.js';
import { parseDmon, parsePmon } from '../../../../../src/remote/parsers/nvidia-smi-dmon.js';
import { parseQueryGpu } from '../../../../../src/remote/parsers/nvidia-smi-query-gpu.js';
import { parseNvidiaSmiTable, type SmiTable } from '../../../../../src/remote/parsers/nvidia-smi-table.js';
import { parseSmiVersion } from '../../../../../src/remote/parsers/system-info.js';
import { testBox } from '../../testing.js';
import { after, capture, nulls, smi, startLoad, vllm } from './smi-test-support.js';

const table = (text: string): SmiTable => {
  const parsed = parseNvidiaSmiTable(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.table;
};

describe('nvidia-smi table: simulator and capture parse alike', () => {
  it('idle: same fields, same nulls, same GB10 cells as the 580.173.02 capture', async () => {
    const box = testBox();
    const { stdout, code } = await smi(box);
    expect(code).toBe(0);
    const sim = table(stdout);
    const real = table(capture('nvidia-smi-gb10-580.173.02-idle-noprocs.txt'));
    expect(nulls(sim.gpus[0]!)).toEqual(nulls(real.gpus[0]!));
    expect(nulls(sim.gpus[0]!)).toEqual(['ecc', 'fanPercent', 'memoryTotalMiB', 'memoryUsedMiB', 'migMode', 'powerCapW']);
    for (const key of ['name', 'busId', 'persistenceMode', 'perfState', 'computeMode', 'displayActive'] as const) expect(sim.gpus[0]![key]).toEqual(real.gpus[0]![key]);
    expect(sim.processes).toEqual(real.processes);
    expect([sim.driverVersion, sim.cudaVersion]).toEqual(['580.95.05', '13.0']);
    // Every table line keeps the 91-column frame of the 580 layout.
    for (const line of stdout.split('\n').filter((l) => /^[|+]/.test(l))) expect(line).toHaveLength(91);
  });

  it('under load: the process table lists state.gpuProcesses like the capture lists its rows', async () => {
    const box = testBox();
    startLoad(box);
    const sim = table((await smi(box)).stdout);
    const real = table(capture('nvidia-smi-gb10-580.95.05-graphics-procs.txt'));
    expect(Object.keys(sim.processes![0]!).sort()).toEqual(Object.keys(real.processes![0]!).sort());
    expect(nulls(sim.processes![0]!)).toEqual(nulls(real.processes![0]!));
    expect(sim.processes).toEqual([{ gpu: 0, gi: null, ci: null, pid: 52_310, type: 'C', name: 'VLLM::EngineCore', memoryMiB: 96_073 }]);
    expect(sim.gpus[0]).toMatchObject({ perfState: 'P0', memoryUsedMiB: null });
    expect(sim.gpus[0]!.utilizationPercent).toBeGreaterThan(70);
  });
});

describe('nvidia-smi --query-gpu: simulator and captures parse alike', () => {
  const cases = [
    ['$ nvidia-smi --query-gpu=name,temperature.gpu,power.draw', 1, 'name,temperature.gpu,power.draw,utilization.gpu,clocks.gr', 'csv,noheader,nounits'],
    ['$ nvidia-smi --query-gpu=memory.total,memory.used,memory.free,utilization.gpu', 2, 'memory.total,memory.used,memory.free,utilization.gpu,power.draw,temperature.gpu', 'csv'],
    ['$ nvidia-smi --query-gpu=index,name,memory.total,memory.free', 2, 'index,name,memory.total,memory.free', 'csv'],
    ['$ nvidia-smi --query-gpu=name,memory.total,driver_version', 1, 'name,memory.total,driver_version', 'csv,noheader'],
    ['columns: index,gpu_name', 1, 'index,gpu_name,pci.bus_id,driver_version,compute_cap,memory.total', 'csv,noheader'],
  ] as const;

  for (const [marker, lines, fields, format] of cases) {
    it(`${fields} --format=${format}`, async () => {
      const real = parseQueryGpu(after(marker, lines), fields);
      const { stdout, code } = await smi(testBox(), `--query-gpu=${fields}`, `--format=${format}`);
      expect(code).toBe(0);
      const sim = parseQueryGpu(stdout, fields);
      if (!real.ok || !sim.ok) throw new Error('not parsed');
      expect([sim.csv.hadHeader, sim.csv.hadUnits]).toEqual([real.csv.hadHeader, real.csv.hadUnits]);
      expect(sim.csv.rows).toHaveLength(1);
      expect(nulls(sim.csv.rows[0]!)).toEqual(nulls(real.csv.rows[0]!));
      for (const key of ['name', 'gpu_name', 'index', 'pci.bus_id', 'compute_cap']) if (key in real.csv.rows[0]!) expect(sim.csv.rows[0]![key]).toEqual(real.csv.rows[0]![key]);
      // Header lines are the tool's own text: identical, units and all.
      if (real.csv.hadHeader) expect(stdout.split('\n')[0]).toBe(after(marker, 1));
    });
  }

  it('every field README §1.3 names: [N/A] exactly where GB10 gives it, units only with csv', async () => {
    const fields =
      'index,name,uuid,pci.bus_id,driver_version,compute_cap,pstate,persistence_mode,display_active,utilization.gpu,utilization.memory,temperature.gpu,temperature.memory,power.draw,power.draw.average,power.draw.instant,power.limit,enforced.power.limit,clocks.gr,clocks.current.graphics,clocks.sm,clocks.mem,clocks.max.gr,memory.total,memory.used,memory.free,fan.speed,clocks_throttle_reasons.active,clocks_event_reasons.active,clocks_event_reasons.hw_thermal_slowdown';
    const box = testBox();
    const withUnits = await smi(box, `--query-gpu=${fields}`, '--format=csv');
    const [header, row] = withUnits.stdout.split('\n');
    expect(header).toContain('power.draw [W], power.draw.average [W], power.draw.instant [W], power.limit [W], enforced.power.limit [W], clocks.current.graphics [MHz], clocks.current.graphics [MHz], clocks.current.sm [MHz], clocks.current.memory [MHz], clocks.max.graphics [MHz], memory.total [MiB]');
    expect(header).toContain(', temperature.gpu, temperature.memory, ');
    const cells = row!.split(', ');
    const at = (name: string) => cells[fields.split(',').indexOf(name)];
    expect(at('utilization.gpu')).toBe('0 %');
    expect(at('power.draw')).toMatch(/^\d+\.\d\d W$/);
    expect(at('clocks.gr')).toBe('208 MHz');
    for (const name of ['temperature.memory', 'power.limit', 'enforced.power.limit', 'clocks.mem', 'memory.total', 'memory.used', 'memory.free', 'fan.speed']) expect(at(name)).toBe('[N/A]');
    expect(at('clocks_throttle_reasons.active')).toBe('0x0000000000000001');
    const bare = await smi(box, `--query-gpu=${fields}`, '--format=csv,noheader,nounits');
    const parsed = parseQueryGpu(bare.stdout, fields);
    expect(parsed.ok && parsed.csv.hadUnits).toBe(false);
    // [N/A] stays bracketed even with nounits (README §0.1).
    expect(bare.stdout).toContain('[N/A]');
    expect(parsed.ok && parsed.csv.rows[0]).toMatchObject({ 'memory.total': null, 'power.limit': null, 'utilization.memory': 0, compute_cap: '12.1', persistence_mode: 'Enabled' });
  });

  it('an unknown field gets the real message on stdout and exit 2; so does a missing --format', async () => {
    const box = testBox();
    expect(await smi(box, '--query-gpu=index,device_minor', '--format=csv')).toEqual({ stdout: 'Field "device_minor" is not a valid field to query.\n\n', stderr: '', code: 2 });
    const noFormat = await smi(box, '--query-gpu=index');
    expect([noFormat.stdout, noFormat.code]).toEqual([`"--format=" switch is missing. Please run 'nvidia-smi -h' for help.\n\n`, 2]);
    const bad = await smi(box, '-lms100');
    expect([bad.stdout, bad.code]).toEqual([`ERROR: Option -lms100 is not recognized. Please run 'nvidia-smi -h' for help.\n\n`, 2]);
    expect((await smi(box, '--format=csv')).stdout).toMatch(/^Invalid combination of input arguments/);
    expect(await smi(box, '-i', '1')).toMatchObject({ stdout: 'No devices were found\n', code: 6 });
  });
});

describe('nvidia-smi --query-compute-apps', () => {
  it('nothing running: the header alone, exactly as the GB10 capture (9)', async () => {
    const { stdout, code } = await smi(testBox(), '--query-compute-apps=pid,process_name,used_memory', '--format=csv');
    expect(code).toBe(0);
    expect(stdout).toBe(`${after('$ nvidia-smi --query-compute-apps=pid,process_name,used_memory --format=csv', 1)}\n`);
  });

  it('after a run: lists compute processes like capture (8), not graphics ones; memory ramps while loading', async () => {
    const box = testBox();
    startLoad(box, vllm(box, { startedAt: box.now, loadMs: 10_000 }));
    box.store.update((state) => {
      state.gpuProcesses.push({ ...vllm(box), pid: 4174, name: '/usr/lib/xorg/Xorg', type: 'G', memoryMiB: 84 });
    }, box.now);
    const fields = 'pid,process_name,used_memory';
    const real = parseComputeApps(after('# --query-compute-apps=pid,process_name,used_memory', 2), fields);
    box.advance(5_000);
    const half = parseComputeApps((await smi(box, `--query-compute-apps=${fields}`, '--format=csv,noheader,nounits')).stdout, fields);
    box.advance(5_000);
    const full = parseComputeApps((await smi(box, `--query-compute-apps=${fields}`, '--format=csv,noheader,nounits')).stdout, fields);
    if (!real.ok || !half.ok || !full.ok) throw new Error('not parsed');
    expect(nulls(full.apps[0]!)).toEqual(nulls(real.apps[0]!));
    expect(half.apps).toEqual([{ pid: 52_310, processName: 'VLLM::EngineCore', usedMemoryMiB: 48_037, gpuUuid: null, gpuName: null, gpuBusId: null }]);
    expect(full.apps[0]!.usedMemoryMiB).toBe(96_073);
    const withUnits = await smi(box, '--query-compute-apps=pid,process_name,used_memory,gpu_name', '--format=csv');
    expect(withUnits.stdout).toBe('pid, process_name, used_gpu_memory [MiB], gpu_name\n52310, VLLM::EngineCore, 96073 MiB, NVIDIA GB10\n');
  });
});

describe('nvidia-smi -q, dmon and --version', () => {
  it('-q keeps the RTX 5090 dump structure with the GB10 patches', async () => {
    const { parseNvidiaSmiQ } = await import('../../../../../src/remote/parsers/nvidia-smi-q.js');
    const box = testBox();
    startLoad(box);
    const text = (await smi(box, '-q')).stdout;
    const sim = parseNvidiaSmiQ(text);
    // Labels padded so every colon sits at column 42, as in the real dump.
    const colonColumns = (t: string) => new Set(t.split('\n').filter((l) => / : |: $/.test(l)).map((l) => l.indexOf(':')));
    expect(colonColumns(text)).toEqual(new Set([42]));
    expect(colonColumns(capture('nvidia-smi-q-rtx5090-570.124.06.txt'))).toEqual(new Set([42]));
    const template = parseNvidiaSmiQ(capture('nvidia-smi-q-rtx5090-570.124.06.txt'));
    if (!sim.ok || !template.ok) throw new Error('not parsed');
    const paths = (entries: readonly { key: string; children: readonly unknown[] }[], prefix = ''): string[] =>
      entries.flatMap((e) => [`${prefix}${e.key}`, ...paths(e.children as typeof entries, `${prefix}${e.key}/`)]);
    const simPaths = paths(sim.q.gpus[0]!.entries).filter((p) => !p.startsWith('Processes'));
    expect(simPaths).toEqual(paths(template.q.gpus[0]!.entries).filter((p) => !p.startsWith('Processes')));
    const summary = sim.q.gpus[0]!.summary;
    expect(summary).toMatchObject({ productName: 'NVIDIA GB10', addressingMode: 'ATS', fanPercent: null, fbMemory: { totalMiB: null, usedMiB: null, freeMiB: null }, maxClocks: { graphicsMHz: 2418 } });
    expect(summary.power.limitW).toBeNull();
    expect(summary.power.averageW).toBeGreaterThan(3);
    expect(summary.temperature.gpuC! + summary.temperature.tLimitC!).toBe(95);
    expect(summary.processes).toEqual([{ pid: 52_310, type: 'C', name: 'VLLM::EngineCore', usedMemoryMiB: 96_073 }]);
    expect(sim.q.gpus[0]!.busId).toBe('0000000F:01:00.0');
  });

  it('-q -d MEMORY,TEMPERATURE keeps only those sections, like the GB10 fragments', async () => {
    const { parseNvidiaSmiQ } = await import('../../../../../src/remote/parsers/nvidia-smi-q.js');
    const box = testBox();
    const { stdout } = await smi(box, '-q', '-d', 'MEMORY,TEMPERATURE');
    const parsed = parseNvidiaSmiQ(stdout);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.q.gpus[0]!.entries.map((e) => e.key)).toEqual(['FB Memory Usage', 'BAR1 Memory Usage', 'Conf Compute Protected Memory Usage', 'Temperature']);
    expect(parsed.q.driverVersion).toBe('580.95.05');
    expect((await smi(box, '-q', '-d', 'NOPE')).code).toBe(2);
    expect((await smi(box, '-d', 'MEMORY')).code).toBe(2);
  });

  it('dmon -c 1: the GB10 capture columns, units and `-` cells', async () => {
    const real = parseDmon(after('$ nvidia-smi dmon -c 1', 3));
    const sim = parseDmon((await smi(testBox(), 'dmon', '-c', '1')).stdout);
    if (!real.ok || !sim.ok) throw new Error('not parsed');
    expect(sim.dmon.columns).toEqual(real.dmon.columns);
    expect(nulls(sim.dmon.rows[0]!.values)).toEqual(nulls(real.dmon.rows[0]!.values));
    expect(sim.dmon.rows[0]!.values['pclk']).toBe(208);
  });

  it('dmon -s pucm -o DT: date and time columns, fb group', async () => {
    const { stdout } = await smi(testBox(), 'dmon', '-s', 'pucm', '-o', 'DT', '-c', '1');
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^#Date {7}Time {8}gpu {4}pwr/);
    expect(lines[1]).toMatch(/^#YYYYMMDD {3}HH:MM:SS {4}Idx/);
    expect(lines[2]).toMatch(/^ 20261125 {3}09:00:00 {6}0 /);
    const parsed = parseDmon(stdout);
    expect(parsed.ok && parsed.dmon.rows[0]).toMatchObject({ date: '20261125', time: '09:00:00', values: { fb: null, bar1: null, mclk: null } });
  });

  it('pmon -c 1: the README §1.6 header verbatim; compute processes by comm; a placeholder row when idle', async () => {
    const readme = capture('README.md');
    const sample = readme.slice(readme.indexOf('# gpu         pid'), readme.indexOf('```', readme.indexOf('# gpu         pid')));
    const box = testBox();
    const idle = await smi(box, 'pmon', '-c', '1');
    expect(idle.stdout.split('\n').slice(0, 2)).toEqual(sample.split('\n').slice(0, 2));
    expect(parsePmon(idle.stdout)).toMatchObject({ ok: true, rows: [{ pid: null, command: null }] });
    startLoad(box);
    const busy = await smi(box, 'pmon', '-c', '1');
    const real = parsePmon(sample);
    const sim = parsePmon(busy.stdout);
    if (!real.ok || !sim.ok) throw new Error('not parsed');
    expect(Object.keys(sim.rows[0]!.values)).toEqual(Object.keys(real.rows[0]!.values));
    expect(sim.rows[0]).toMatchObject({ pid: 52_310, type: 'C', command: 'VLLM::EngineCor' });
    expect(sim.rows[0]!.values['sm']).toBeGreaterThan(70);
    expect((await smi(box, 'pmon', '-s', 'm')).code).toBe(2);
  });

  it('--version: the README §1.7 shape with the box versions (2-part NVML)', async () => {
    const { stdout } = await smi(testBox(), '--version');
    expect(stdout).toBe('NVIDIA-SMI version  : 580.95.05\nNVML version        : 580.95\nDRIVER version      : 580.95.05\nCUDA Version        : 13.0\n');
    const real = parseSmiVersion(after('############ (11)', 4));
    const sim = parseSmiVersion(stdout);
    if (!real.ok || !sim.ok) throw new Error('not parsed');
    expect(nulls(sim.value)).toEqual(nulls(real.value));
  });
});
