import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kernelSummary, parseNsysStatsCsv, splitCsvLine, summaryRows } from './nsys-stats-csv.js';

const capture = readFileSync(new URL('../../../e2e/fixtures/captures/nsys-formats.txt', import.meta.url), 'utf8');
const lines = capture.split('\n');
const line = (prefix: string): string => {
  const found = lines.find((l) => l.startsWith(prefix));
  if (found === undefined) throw new Error(`capture has no line starting ${prefix}`);
  return found;
};

const kernHeader = line('Time (%),Total Time (ns),Instances');
const kernRows = lines.filter((l) => /^\d+\.\d,\d+,\d+,/.test(l) && !l.includes('"'));
const quotedRow = line('50.0,500,344,');
const preamble = [line('Generating SQLite file /tmp/a.sqlite'), line('Processing [/tmp/a.sqlite]...')];
const oldHeader = line('Time (%),Total Time (ns),Instances,Avg (ns),Med (ns),Min (ns),Max (ns),StdDev (ns),GridXYZ');
const memHeader = line('Total (MB),Count');
const memRow = line('16.000,2,');

describe('parseNsysStatsCsv (capture)', () => {
  it('skips the preamble and reads the kernel rows, the quoted name with commas included', () => {
    const text = [...preamble, kernHeader, ...kernRows, quotedRow].join('\n');
    const parsed = parseNsysStatsCsv(text);
    expect(parsed.ok).toBe(true);
    const kernels = kernelSummary(parsed);
    expect(kernels).toHaveLength(8);
    expect(kernels?.[0]).toEqual({
      timePercent: 50.1,
      totalNs: 99385786,
      count: 32,
      avgNs: 3105805.8,
      medNs: 3041179.0,
      minNs: 2987340,
      maxNs: 3777790,
      stdDevNs: 216832.4,
      name: 'flash_attention_prefill_f16',
      gridXYZ: null,
      blockXYZ: null,
    });
    expect(kernels?.[7]?.name).toBe('void moe_gate_up_mid_q4K_tile8_mma_kernel<(unsigned int)512, (bool)1>(float *)');
    expect(kernels?.[7]?.count).toBe(344);
  });

  it('maps the old gpukernsum GridXYZ/BlockXYZ columns by name', () => {
    const row = '60.0,1200,3,400.0,390.0,300,500,80.2,  32    1    1,  256    1    1,"my_kernel(float*, int)"';
    const parsed = parseNsysStatsCsv(`${oldHeader}\n${row}`);
    expect(parsed.ok && summaryRows(parsed.sections[0]!)[0]).toMatchObject({ timePercent: 60, count: 3, gridXYZ: '32    1    1', blockXYZ: '256    1    1', name: 'my_kernel(float*, int)' });
  });

  it('reads the memory-size report (MB columns, Operation name)', () => {
    const parsed = parseNsysStatsCsv(`${memHeader}\n${memRow}`);
    expect(parsed.ok && parsed.sections[0]).toEqual({
      report: null,
      header: ['Total (MB)', 'Count', 'Avg (MB)', 'Med (MB)', 'Min (MB)', 'Max (MB)', 'StdDev (MB)', 'Operation'],
      rows: [['16.000', '2', '8.0', '8.0', '8.0', '8.0', '0.0', '[CUDA memcpy Host-to-Device]']],
    });
  });

  it('collects SKIPPED lines per report and refuses text that has no CSV', () => {
    const text = `Processing [/tmp/nsys-report-e498.sqlite] with [/opt/nvidia/nsight-systems/2025.3.1/host-linux-x64/reports/cuda_gpu_kern_sum.py]... \n${line('SKIPPED: /tmp/nsys-report-e498.sqlite does not contain CUDA kernel data.')}\n`;
    const parsed = parseNsysStatsCsv(text);
    expect(parsed).toEqual({ ok: true, sections: [], skipped: [{ file: '/tmp/nsys-report-e498.sqlite', missing: 'CUDA kernel data', report: 'cuda_gpu_kern_sum' }] });
    // The text-table form of the same report (capture) is not CSV.
    const textTable = capture.slice(capture.indexOf(' ** CUDA GPU Kernel Summary'), capture.indexOf('# NOTE: text tables'));
    expect(parseNsysStatsCsv(textTable).ok).toBe(false);
    expect(parseNsysStatsCsv('').ok).toBe(false);
  });

  it('splits RFC 4180 fields', () => {
    expect(splitCsvLine('a,"b, c","say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
  });
});
