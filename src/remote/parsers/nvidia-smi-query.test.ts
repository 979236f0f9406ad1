import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseComputeApps } from './nvidia-smi-compute-apps.js';
import { parseQueryGpu, toGpuReading } from './nvidia-smi-query-gpu.js';

const gb10 = readFileSync(new URL('../../../e2e/fixtures/captures/nvidia-smi-gb10-query-dmon-q.txt', import.meta.url), 'utf8');
const lines = gb10.split('\n');
/** The `count` lines that follow a line of the capture (the output under a `$ command`). */
const after = (marker: string, count: number): string => {
  const at = lines.findIndex((line) => line.startsWith(marker));
  if (at < 0) throw new Error(`marker not in capture: ${marker}`);
  return lines.slice(at + 1, at + 1 + count).join('\n');
};

const rows = (output: string, fields: string) => {
  const parsed = parseQueryGpu(output, fields);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.csv;
};

describe('parseQueryGpu against the GB10 captures', () => {
  it('(1) noheader,nounits: name, temperature, power, utilization, clock', () => {
    const csv = rows(after('$ nvidia-smi --query-gpu=name,temperature.gpu,power.draw', 1), 'name,temperature.gpu,power.draw,utilization.gpu,clocks.gr');
    expect(csv.hadHeader).toBe(false);
    expect(csv.hadUnits).toBe(false);
    expect(csv.rows).toEqual([{ name: 'NVIDIA GB10', 'temperature.gpu': 38, 'power.draw': 4, 'utilization.gpu': 0, 'clocks.gr': 208 }]);
  });

  it('(2) csv with header and units: memory [N/A] → null, never 0', () => {
    const fields = 'memory.total,memory.used,memory.free,utilization.gpu,power.draw,temperature.gpu';
    const csv = rows(after('$ nvidia-smi --query-gpu=memory.total,memory.used,memory.free,utilization.gpu', 2), fields);
    expect(csv.hadHeader).toBe(true);
    expect(csv.hadUnits).toBe(true);
    expect(csv.rows).toEqual([{ 'memory.total': null, 'memory.used': null, 'memory.free': null, 'utilization.gpu': 0, 'power.draw': 11.17, 'temperature.gpu': 35 }]);
    const reading = toGpuReading(csv.rows[0]!);
    expect(reading).toMatchObject({ memoryTotalMiB: null, memoryUsedMiB: null, powerDrawW: 11.17, temperatureC: 35, utilizationPercent: 0 });
  });

  it('(3) header with index and name', () => {
    const csv = rows(after('$ nvidia-smi --query-gpu=index,name,memory.total,memory.free', 2), 'index,name,memory.total,memory.free');
    expect(csv.rows).toEqual([{ index: 0, name: 'NVIDIA GB10', 'memory.total': null, 'memory.free': null }]);
  });

  it('(4) header-only memory fields; columns follow the header even if the list was given in another order', () => {
    const output = after('############ (4)', 2);
    expect(rows(output, 'memory.free,memory.total,memory.used')).toMatchObject({ hadHeader: true, rows: [{ 'memory.free': null, 'memory.total': null, 'memory.used': null }] });
    const swapped = rows('power.draw [W], temperature.gpu\n4.18 W, 38\n', 'temperature.gpu,power.draw');
    expect(swapped.rows).toEqual([{ 'temperature.gpu': 38, 'power.draw': 4.18 }]);
  });

  it('(5)(6) noheader with text fields: driver version and compute capability stay strings', () => {
    expect(rows(after('$ nvidia-smi --query-gpu=name,memory.total,driver_version', 1), 'name,memory.total,driver_version').rows).toEqual([
      { name: 'NVIDIA GB10', 'memory.total': null, driver_version: '580.126.09' },
    ]);
    const probe = rows(after('columns: index,gpu_name', 1), 'index,gpu_name,pci.bus_id,driver_version,compute_cap,memory.total');
    expect(probe.rows[0]).toEqual({ index: 0, gpu_name: 'NVIDIA GB10', 'pci.bus_id': '0000000F:01:00.0', driver_version: '580.142', compute_cap: '12.1', 'memory.total': null });
    expect(toGpuReading(probe.rows[0]!).name).toBe('NVIDIA GB10');
  });

  it('(7) utilization.memory reads 0 on GB10, not null', () => {
    expect(rows(after('$ nvidia-smi --query-gpu=memory.used,memory.total,utilization.memory', 1), 'memory.used,memory.total,utilization.memory').rows).toEqual([
      { 'memory.used': null, 'memory.total': null, 'utilization.memory': 0 },
    ]);
  });

  it('treats every null form as null and keeps a bad line out', () => {
    const csv = rows('[Not Supported], N/A, [Unknown Error], , 12\nnot, enough', 'power.limit,fan.speed,power.draw,temperature.memory,temperature.gpu');
    expect(csv.rows).toEqual([{ 'power.limit': null, 'fan.speed': null, 'power.draw': null, 'temperature.memory': null, 'temperature.gpu': 12 }]);
    expect(csv.rejected).toEqual(['not, enough']);
  });

  it('skips the header a loop prints once and reads every row', () => {
    const csv = rows('utilization.gpu [%], power.draw [W]\n0 %, 3.61 W\n57 %, 48.20 W\n', 'utilization.gpu,power.draw');
    expect(csv.rows.map((r) => r['utilization.gpu'])).toEqual([0, 57]);
  });

  it('reports the real tool errors as reasons', () => {
    expect(parseQueryGpu('Field "foo" is not a valid field to query.\n\n', 'foo')).toEqual({ ok: false, reason: 'Field "foo" is not a valid field to query.' });
    expect(parseQueryGpu("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.", 'name').ok).toBe(false);
    expect(parseQueryGpu('garbage', 'index,name').ok).toBe(false);
  });
});

describe('parseComputeApps against the GB10 captures', () => {
  it('(8) two processes, noheader,nounits', () => {
    const parsed = parseComputeApps(after('# --query-compute-apps=pid,process_name,used_memory', 2), 'pid,process_name,used_memory');
    expect(parsed).toEqual({
      ok: true,
      hadHeader: false,
      apps: [
        { pid: 3150, processName: 'python3', usedMemoryMiB: 218, gpuUuid: null, gpuName: null, gpuBusId: null },
        { pid: 6330, processName: 'sglang::scheduler', usedMemoryMiB: 96073, gpuUuid: null, gpuName: null, gpuBusId: null },
      ],
    });
  });

  it('(7) gpu_uuid first', () => {
    const parsed = parseComputeApps(after('$ nvidia-smi --query-compute-apps=gpu_uuid,pid', 1), 'gpu_uuid,pid,process_name,used_memory');
    expect(parsed.ok && parsed.apps).toEqual([{ pid: 114687, processName: '/usr/local/bin/python', usedMemoryMiB: 19135, gpuUuid: 'GPU-...', gpuName: null, gpuBusId: null }]);
  });

  it('(9) header only (used_gpu_memory [MiB]) means nothing runs', () => {
    expect(parseComputeApps(after('$ nvidia-smi --query-compute-apps=pid,process_name,used_memory --format=csv', 1), 'pid,process_name,used_memory')).toEqual({
      ok: true,
      hadHeader: true,
      apps: [],
    });
  });

  it('with units and gpu_name (the OTHER-HW A100 sample), and a name that contains ", "', () => {
    const output = 'pid, process_name, used_gpu_memory [MiB], gpu_name\n2159821, sglang::scheduler_TP1, 9752 MiB, NVIDIA A100-SXM4-80GB\n77, python, a, b, 12 MiB, NVIDIA A100-SXM4-80GB\n';
    const parsed = parseComputeApps(output, 'pid,process_name,used_memory,gpu_name');
    expect(parsed.ok && parsed.apps.map((a) => [a.pid, a.processName, a.usedMemoryMiB, a.gpuName])).toEqual([
      [2159821, 'sglang::scheduler_TP1', 9752, 'NVIDIA A100-SXM4-80GB'],
      [77, 'python, a, b', 12, 'NVIDIA A100-SXM4-80GB'],
    ]);
  });

  it('[Insufficient Permissions] memory is null', () => {
    const parsed = parseComputeApps('42, python3, [Insufficient Permissions]', 'pid,process_name,used_memory');
    expect(parsed.ok && parsed.apps[0]?.usedMemoryMiB).toBeNull();
  });
});
