import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiTable } from '../../../../../src/remote/parsers/nvidia-smi-table.js';
import type { GpuSnapshot } from './gpu-snapshot.js';
import { renderSmiTable, truncateProcessName } from './smi-table.js';

const capture = (name: string) => readFileSync(new URL(`../../../../../e2e/fixtures/captures/${name}`, import.meta.url), 'utf8');

const snapshot = (overrides: Partial<GpuSnapshot>): GpuSnapshot => ({
  at: 0,
  index: 0,
  uuid: 'GPU-00000000-0000-0000-0000-000000000000',
  driverVersion: '580.95.05',
  nvmlVersion: '580.95',
  cudaVersion: '13.0',
  pstate: 'P8',
  idle: true,
  displayActive: false,
  utilizationPercent: 0,
  temperatureC: 36,
  powerDrawW: 3.4,
  powerAverageW: 3.4,
  graphicsClockMHz: 208,
  videoClockMHz: 598,
  processes: [],
  ...overrides,
});

describe('nvidia-smi table renderer', () => {
  it('reproduces the GB10 idle capture byte for byte', () => {
    const out = renderSmiTable(snapshot({ at: Date.UTC(2026, 7, 23, 7, 46, 32), driverVersion: '580.173.02', temperatureC: 36, powerDrawW: 3.2 }));
    expect(out).toBe(capture('nvidia-smi-gb10-580.173.02-idle-noprocs.txt'));
  });

  it('reproduces the GB10 desktop capture (Disp.A On, G processes, truncated name) byte for byte', () => {
    const out = renderSmiTable(
      snapshot({
        at: Date.UTC(2025, 10, 9, 9, 26, 12),
        pstate: 'P0',
        idle: false,
        displayActive: true,
        temperatureC: 45,
        powerDrawW: 11.2,
        utilizationPercent: 10,
        processes: [
          { pid: 4174, name: '/usr/lib/xorg/Xorg', type: 'G', memoryMiB: 84 },
          { pid: 4399, name: '/usr/bin/gnome-shell', type: 'G', memoryMiB: 125 },
          { pid: 4761, name: '/snap/firefox/7182/usr/lib/firefox/firefox', type: 'G', memoryMiB: 273 },
        ],
      }),
    );
    // The capture begins with the shell prompt line.
    expect(out).toBe(capture('nvidia-smi-gb10-580.95.05-graphics-procs.txt').split('\n').slice(1).join('\n'));
  });

  it('cuts long process names on the left like the real tool', () => {
    expect(truncateProcessName('/snap/firefox/7182/usr/lib/firefox/firefox')).toBe('.../7182/usr/lib/firefox/firefox');
    expect(truncateProcessName('VLLM::EngineCore')).toBe('VLLM::EngineCore');
  });

  it('keeps the 91-column frame with a five-digit MiB value and parses back', () => {
    const out = renderSmiTable(snapshot({ processes: [{ pid: 123456, name: 'VLLM::EngineCore', type: 'C', memoryMiB: 96073 }] }));
    for (const line of out.split('\n').filter((l) => l.startsWith('|') || l.startsWith('+'))) expect(line).toHaveLength(91);
    const parsed = parseNvidiaSmiTable(out);
    expect(parsed.ok && parsed.table.processes).toEqual([{ gpu: 0, gi: null, ci: null, pid: 123456, type: 'C', name: 'VLLM::EngineCore', memoryMiB: 96073 }]);
  });
});
