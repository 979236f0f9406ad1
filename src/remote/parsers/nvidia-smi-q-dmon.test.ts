import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDmon, parsePmon } from './nvidia-smi-dmon.js';
import { parseNvidiaSmiQ, parseQEntries, qFind, qValue, summarizeQGpu } from './nvidia-smi-q.js';
import { parseSmiVersion } from './system-info.js';

const capture = (name: string) => readFileSync(new URL(`../../../e2e/fixtures/captures/${name}`, import.meta.url), 'utf8');
const gb10 = capture('nvidia-smi-gb10-query-dmon-q.txt');
const block = (start: string, end: string) => gb10.slice(gb10.indexOf(start), gb10.indexOf(end, gb10.indexOf(start)));

describe('parseNvidiaSmiQ', () => {
  it('reads the full RTX 5090 dump into nested entries and a summary', () => {
    const result = parseNvidiaSmiQ(capture('nvidia-smi-q-rtx5090-570.124.06.txt'));
    if (!result.ok) throw new Error(result.reason);
    const { q } = result;
    expect([q.timestamp, q.driverVersion, q.cudaVersion, q.attachedGpus]).toEqual(['Wed Apr 30 17:22:38 2025', '570.124.06', '12.8', 1]);
    expect(q.gpus).toHaveLength(1);
    const gpu = q.gpus[0]!;
    expect(gpu.busId).toBe('00000000:02:00.0');
    expect(qValue(gpu.entries, 'PCI', 'GPU Link Info', 'PCIe Generation', 'Max')).toBe('5');
    expect(qValue(gpu.entries, 'Platform Info', 'Chassis Serial Number')).toBeNull();
    // The section heading with a trailing space is still found by its trimmed name.
    expect(qFind(gpu.entries, 'GPU Memory Power Readings', 'Average Power Draw')?.value).toBeNull();
    expect(gpu.summary).toEqual({
      productName: 'NVIDIA GeForce RTX 5090',
      architecture: 'Blackwell',
      uuid: 'GPU-ea2294a3-4d61-1757-8aed-f91723f16ad2',
      persistenceMode: 'Enabled',
      addressingMode: 'HMM',
      performanceState: 'P8',
      fanPercent: 0,
      fbMemory: { totalMiB: 32607, usedMiB: 2, freeMiB: 32119 },
      utilization: { gpuPercent: 0, memoryPercent: 0 },
      temperature: { gpuC: 25, tLimitC: 65, memoryC: null },
      power: { averageW: 24.05, instantW: 23.78, limitW: 575 },
      clocks: { graphicsMHz: 22, smMHz: 22, memoryMHz: 405, videoMHz: 600 },
      maxClocks: { graphicsMHz: 3090, smMHz: 3090, memoryMHz: 14001 },
      processes: [],
    });
  });

  it('reads the GB10 fragments: FB memory N/A → null, power limit N/A, temperatures', () => {
    const fb = parseQEntries(block('FB Memory Usage', '############ (11)'));
    expect(summarizeQGpu(fb).fbMemory).toEqual({ totalMiB: null, usedMiB: null, freeMiB: null });
    const power = parseQEntries(block('    GPU Power Readings', '        ...'));
    expect(summarizeQGpu(power).power).toEqual({ averageW: 4.15, instantW: 4.18, limitW: null });
    const temp = parseQEntries(block('    Temperature', '$ nvidia-smi dmon'));
    expect(summarizeQGpu(temp).temperature).toEqual({ gpuC: 38, tLimitC: 57, memoryC: null });
    expect(qValue(temp, 'Temperature', 'GPU Shutdown T.Limit Temp')).toBe('-5 C');
  });

  it('reads nested process entries (Process ID with Type/Name/memory under it)', () => {
    const text = [
      '    Processes',
      '        GPU instance ID                   : N/A',
      '        Compute instance ID               : N/A',
      '        Process ID                        : 4174',
      '            Type                          : G',
      '            Name                          : /usr/lib/xorg/Xorg',
      '            Used GPU Memory               : 84 MiB',
      '        GPU instance ID                   : N/A',
      '        Compute instance ID               : N/A',
      '        Process ID                        : 6330',
      '            Type                          : C',
      '            Name                          : sglang::scheduler',
      '            Used GPU Memory               : 96073 MiB',
    ].join('\n');
    expect(summarizeQGpu(parseQEntries(text)).processes).toEqual([
      { pid: 4174, type: 'G', name: '/usr/lib/xorg/Xorg', usedMemoryMiB: 84 },
      { pid: 6330, type: 'C', name: 'sglang::scheduler', usedMemoryMiB: 96073 },
    ]);
  });

  it('never throws on odd input', () => {
    expect(parseNvidiaSmiQ('').ok).toBe(false);
    expect(parseNvidiaSmiQ("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.").ok).toBe(false);
    const odd = parseNvidiaSmiQ('   : :\n\t weird\n        deep first line : x');
    expect(odd.ok).toBe(true);
  });
});

describe('parseDmon', () => {
  it('reads the GB10 dmon sample by header names; "-" → null', () => {
    const result = parseDmon(block('# gpu    pwr', '# same report'));
    if (!result.ok) throw new Error(result.reason);
    expect(result.dmon.columns.map((c) => `${c.name}:${c.unit}`)).toEqual([
      'gpu:Idx', 'pwr:W', 'gtemp:C', 'mtemp:C', 'sm:%', 'mem:%', 'enc:%', 'dec:%', 'jpg:%', 'ofa:%', 'mclk:MHz', 'pclk:MHz',
    ]);
    expect(result.dmon.rows).toEqual([
      { date: null, time: null, gpu: 0, values: { pwr: 3, gtemp: 38, mtemp: null, sm: 0, mem: 0, enc: 0, dec: 0, jpg: 0, ofa: 0, mclk: null, pclk: 208 } },
    ]);
  });

  it('reads -o DT output with the older column set (no jpg/ofa, ECC and PCIe groups)', () => {
    const text = [
      '#Date       Time        gpu   pwr gtemp mtemp    sm   mem   enc   dec  mclk  pclk sbecc dbecc   pci rxpci txpci',
      '#YYYYMMDD   HH:MM:SS    Idx     W     C     C     %     %     %     %   MHz   MHz  errs  errs  errs  MB/s  MB/s',
      ' 20210102   19:12:31      0    37    19     -     0     0     0     0  4006   582     -     -     0     0     1',
    ].join('\n');
    const result = parseDmon(text);
    expect(result.ok && result.dmon.rows[0]).toEqual({
      date: '20210102',
      time: '19:12:31',
      gpu: 0,
      values: { pwr: 37, gtemp: 19, mtemp: null, sm: 0, mem: 0, enc: 0, dec: 0, mclk: 4006, pclk: 582, sbecc: null, dbecc: null, pci: 0, rxpci: 0, txpci: 1 },
    });
  });

  it('rejects output without a header', () => {
    expect(parseDmon('    0      3     38').ok).toBe(false);
  });
});

describe('parsePmon', () => {
  const readme = readFileSync(new URL('../../../e2e/fixtures/captures/README.md', import.meta.url), 'utf8');
  const sample = readme.slice(readme.indexOf('# gpu         pid'), readme.indexOf('```', readme.indexOf('# gpu         pid')));

  it('reads the README §1.6 sample: pid, type, 15-character command, `-` → null', () => {
    expect(parsePmon(sample)).toEqual({
      ok: true,
      rows: [{ gpu: 0, pid: 13532, type: 'C', command: 'sglang::schedul', values: { sm: 99, mem: 0, enc: null, dec: null, jpg: null, ofa: null } }],
    });
  });

  it('reads the fb/ccpm variant and the idle placeholder row', () => {
    const text = '# gpu         pid   type     sm    mem    enc    dec    jpg    ofa     fb   ccpm    command\n# Idx           #    C/G      %      %      %      %      %      %     MB     MB    name\n    0          -     -      -      -      -      -      -      -      -      -    -\n';
    expect(parsePmon(text)).toEqual({ ok: true, rows: [{ gpu: 0, pid: null, type: null, command: null, values: { sm: null, mem: null, enc: null, dec: null, jpg: null, ofa: null, fb: null, ccpm: null } }] });
    expect(parsePmon('# gpu pwr').ok).toBe(false);
  });
});

describe('parseSmiVersion', () => {
  it('reads the GB10 --version block (all three versions the same 3-part string)', () => {
    expect(parseSmiVersion(block('NVIDIA-SMI version', '\n\n') + '\n')).toEqual({
      ok: true,
      value: { smiVersion: '580.142', nvmlVersion: '580.142', driverVersion: '580.142', cudaVersion: '13.0', gspFirmwareVersion: null },
    });
  });

  it('keeps the 2-part NVML version of other hosts and the optional GSP line', () => {
    const text = 'NVIDIA-SMI version  : 580.95.05\nNVML version        : 580.95\nDRIVER version      : 580.95.05\nCUDA Version        : 13.0\nGSP Firmware Version: 580.95.05\n';
    expect(parseSmiVersion(text)).toMatchObject({ ok: true, value: { nvmlVersion: '580.95', gspFirmwareVersion: '580.95.05' } });
    expect(parseSmiVersion('bash: nvidia-smi: command not found')).toEqual({ ok: false, reason: 'bash: nvidia-smi: command not found' });
  });
});
