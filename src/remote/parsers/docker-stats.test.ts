import { describe, expect, it } from 'vitest';
import { captureSection } from '../../../main/demo/sim/programs/docker/capture-files.js';
import { parseDockerStats } from './docker-stats.js';

describe('parseDockerStats against the captures', () => {
  const { entries, issues } = parseDockerStats(captureSection("docker stats --no-stream --format '{{json .}}'").join('\n'));

  it('reads all three rows', () => {
    expect(issues).toEqual([]);
    expect(entries.map((e) => e.name)).toEqual(['nginx', 'timescale-duckdb-full-20260810-api-1', 'stopped']);
  });

  it('reads binary memory units and decimal I/O units', () => {
    const nginx = entries[0]!;
    expect(nginx.cpuPercent).toBe(0.03);
    expect(nginx.memoryUsedBytes).toBe(Math.round(2.352 * 1024 ** 2));
    expect(nginx.memoryLimitBytes).toBe(Math.round(982.5 * 1024 ** 2));
    expect(nginx.memoryPercent).toBe(0.24);
    expect(nginx.netRxBytes).toBe(539_000);
    expect(nginx.netTxBytes).toBe(606_000);
    expect(nginx.blockReadBytes).toBe(0);
    expect(nginx.blockWriteBytes).toBe(13_300);
    expect(nginx.pids).toBe(2);
    expect(entries[1]!.memoryLimitBytes).toBe(125 * 1024 ** 3);
    expect(entries[1]!.container).toHaveLength(64);
  });

  it('reads the `--` row of a stopped container as nulls, and strips the leading slash of its name', () => {
    expect(entries[2]).toEqual({
      container: '9a8b',
      id: '9a8b',
      name: 'stopped',
      cpuPercent: null,
      memoryUsedBytes: null,
      memoryLimitBytes: null,
      memoryPercent: null,
      netRxBytes: null,
      netTxBytes: null,
      blockReadBytes: null,
      blockWriteBytes: null,
      pids: null,
    });
  });

  it('keeps only the last frame of streaming output', () => {
    const frame = (cpu: string) => `\x1b[2J\x1b[H{"BlockIO":"0B / 0B","CPUPerc":"${cpu}","Container":"a","ID":"a","MemPerc":"0.00%","MemUsage":"0B / 0B","Name":"a","NetIO":"0B / 0B","PIDs":"1"}\n`;
    expect(parseDockerStats(frame('1.00%') + frame('2.50%')).entries.map((e) => e.cpuPercent)).toEqual([2.5]);
  });
});
