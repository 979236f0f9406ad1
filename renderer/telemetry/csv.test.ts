import { describe, expect, it } from 'vitest';
import { sampleRow } from './columns.js';
import { csvField, csvFileName, samplesCsv } from './csv.js';
import { SeriesRing } from './ring.js';
import { idleSample } from './sample-fixture.js';

const rows = (csv: string) => csv.trimEnd().split('\r\n').map((l) => l.split(','));

describe('CSV export', () => {
  it('writes a header and one row per buffered sample, oldest first', () => {
    const ring = new SeriesRing(10);
    ring.push(sampleRow(idleSample(Date.UTC(2025, 0, 2, 3, 4, 5))));
    ring.push(sampleRow({ ...idleSample(Date.UTC(2025, 0, 2, 3, 4, 6)), cpuBusyPercent: 55.55 }));
    const [header, first, second] = rows(samplesCsv(ring, ['enP7s7']));
    const at = (name: string) => header!.indexOf(name);
    expect(header![0]).toBe('time');
    expect(first![0]).toBe('2025-01-02T03:04:05.000Z');
    expect(first![at('gpu_util_percent')]).toBe('3');
    expect(first![at('gpu_power_w')]).toBe('11.20');
    expect(first![at('gpu_pstate')]).toBe('P8');
    expect(first![at('mem_total_gib')]).toBe('119.700');
    expect(first![at('net_enP7s7_rx_mb_s')]).toBe('1.500');
    expect(second![at('cpu_busy_percent')]).toBe('55.5');
  });

  it('leaves a value the box did not report empty instead of writing zero', () => {
    const ring = new SeriesRing(4);
    ring.push(sampleRow({ ...idleSample(0), gpu: null, memory: null }));
    const [header, row] = rows(samplesCsv(ring, []));
    expect(row![header!.indexOf('gpu_temp_c')]).toBe('');
    expect(row![header!.indexOf('mem_used_gib')]).toBe('');
    expect(row![header!.indexOf('load_1m')]).toBe('0.31');
  });

  it('has only the header when nothing was buffered, and every row as wide as it', () => {
    expect(rows(samplesCsv(new SeriesRing(2), []))).toHaveLength(1);
    const ring = new SeriesRing(3);
    for (let i = 0; i < 5; i++) ring.push(sampleRow(idleSample(i * 1000)));
    const all = rows(samplesCsv(ring, ['enP7s7', 'wlP9s9']));
    expect(all).toHaveLength(4);
    for (const row of all) expect(row).toHaveLength(all[0]!.length);
  });

  it('quotes fields that would break the format', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('names the file after the box and the local time, with nothing a file system rejects', () => {
    const at = new Date(2025, 0, 2, 3, 4, 5);
    expect(csvFileName('spark-7d19', at)).toBe('pgx-telemetry-spark-7d19-20250102-030405.csv');
    expect(csvFileName('Demo box (simulated)', at)).toBe('pgx-telemetry-Demo-box-simulated-20250102-030405.csv');
    expect(csvFileName('../../etc/passwd', at)).toBe('pgx-telemetry-..-..-etc-passwd-20250102-030405.csv');
    expect(csvFileName('盒子', at)).toBe('pgx-telemetry-box-20250102-030405.csv');
  });
});
