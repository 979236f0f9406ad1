import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kernelSummary, parseNsysStatsCsv, splitCsvLine } from '../../../../../src/remote/parsers/nsys-stats-csv.js';
import { captureLine, captureSection, hostPath, nsys, nsysBox } from './nsys-test-kit.js';
import { tableText } from './stats-format.js';
import type { StatsTable } from './stats-tables.js';

/** A 60-second report of a server workload (via start/stop of a launched-less session is CUDA-free, so use profile). */
const profiled = async (command: string[]) => {
  const box = nsysBox();
  await nsys(box, ['profile', '-o', 'rep', '--duration=0.2', ...command]);
  return box;
};

const kernHeader = captureLine('Time (%),Total Time (ns),Instances');
const kernRow = captureLine('50.1,99385786,32,');
/** Per column: how the capture writes numbers (one decimal, integers). */
const numberShape = (cells: string[]) => cells.slice(0, 8).map((c) => (/^\d+\.\d$/.test(c) ? 'dec1' : /^\d+$/.test(c) ? 'int' : 'other'));

describe('nsys stats --format csv', () => {
  it('prints the captured kernel-summary CSV: preamble, same header, same number shapes; parse both and agree', async () => {
    const box = await profiled(['vllm', 'serve', 'Qwen/Qwen3-30B-A3B']);
    const result = await nsys(box, ['stats', '--report', 'cuda_gpu_kern_sum', '--format', 'csv', '-o', '-', 'rep.nsys-rep']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Generating SQLite file rep.sqlite from rep.nsys-rep');
    expect(lines[1]).toBe('Processing [rep.sqlite] with [/opt/nvidia/nsight-systems/2025.3.2/host-linux-armv8/reports/cuda_gpu_kern_sum.py]... ');
    const header = lines.find((l) => l.startsWith('Time (%)'))!;
    expect(header).toBe(kernHeader);
    const firstRow = splitCsvLine(lines[lines.indexOf(header) + 1]!);
    expect(numberShape(firstRow)).toEqual(numberShape(splitCsvLine(kernRow)));

    const ours = kernelSummary(parseNsysStatsCsv(result.stdout))!;
    const real = kernelSummary(parseNsysStatsCsv(`${kernHeader}\n${kernRow}`))!;
    expect(Object.keys(ours[0]!)).toEqual(Object.keys(real[0]!));
    expect(ours.reduce((sum, k) => sum + k.timePercent!, 0)).toBeCloseTo(100, 0);
    // A MoE model under vLLM on GB10: fused MoE, FlashInfer attention, nvjet/sm121 GEMMs, no all-reduce.
    const names = ours.map((k) => k.name);
    expect(names).toContain('fused_moe_kernel');
    expect(names.some((n) => n.startsWith('nvjet_'))).toBe(true);
    expect(names.some((n) => n.startsWith('sm121_xmma_gemm'))).toBe(true);
    expect(names.some((n) => /flashinfer::BatchPrefill.*, /.test(n))).toBe(true);
    expect(names.some((n) => /allreduce|nccl/i.test(n))).toBe(false);
    // Names with commas come quoted, exactly like the capture's moe_gate_up example.
    expect(result.stdout).toMatch(/,"void flashinfer::BatchPrefillWithPagedKVCacheKernel<[^"]+"\n/);
  });

  it('leaves MoE kernels out for a dense model and writes the sqlite once', async () => {
    const box = await profiled(['vllm', 'serve', 'Qwen/Qwen3-8B']);
    const first = await nsys(box, ['stats', '--report', 'cuda_gpu_kern_sum', '--format', 'csv', 'rep.nsys-rep']);
    expect(kernelSummary(parseNsysStatsCsv(first.stdout))!.map((k) => k.name)).not.toContain('fused_moe_kernel');
    expect(statSync(hostPath(box, '/home/demo/rep.sqlite')).size).toBe(Math.round(4 * 1024 * 1024 * 1.5));
    const second = await nsys(box, ['stats', '--report', 'cuda_api_sum,osrt_sum', '--format', 'csv', 'rep.nsys-rep']);
    expect(second.stdout).not.toContain('Generating SQLite file');
    const parsed = parseNsysStatsCsv(second.stdout);
    expect(parsed.ok && parsed.sections.map((s) => [s.report, s.header[2]])).toEqual([
      ['cuda_api_sum', 'Num Calls'],
      ['osrt_sum', 'Num Calls'],
    ]);
  });

  it('prints the memory-size report with the captured header and shapes', async () => {
    const box = await profiled(['llama-server', '-m', 'x.gguf']);
    const result = await nsys(box, ['stats', '--report', 'cuda_gpu_mem_size_sum', '--format', 'csv', 'rep.nsys-rep']);
    const parsed = parseNsysStatsCsv(result.stdout);
    expect(parsed.ok && parsed.sections[0]!.header.join(',')).toBe(captureLine('Total (MB),Count'));
    const row = parsed.ok ? parsed.sections[0]!.rows[0]! : [];
    const shape = (cells: string[]) => cells.map((c) => (/^\d+\.\d{3}$/.test(c) ? 'dec3' : /^\d+\.\d$/.test(c) ? 'dec1' : /^\d+$/.test(c) ? 'int' : 'text'));
    expect(shape(row)).toEqual(shape(splitCsvLine(captureLine('16.000,2,'))));
  });

  it('prints text tables like the capture: centred headers, dashes, thousands separators, names cut with …', async () => {
    const box = await profiled(['python3', 'train.py']);
    const result = await nsys(box, ['stats', '--report', 'cuda_gpu_kern_sum', 'rep.nsys-rep']);
    const lines = result.stdout.split('\n');
    expect(lines).toContain(' ** CUDA GPU Kernel Summary (cuda_gpu_kern_sum):');
    const header = lines.find((l) => l.startsWith(' Time (%)'))!;
    // Same header words and spacing rules as the capture's text table.
    expect(header).toMatch(/^ Time \(%\) {2}Total Time \(ns\) {2}Instances {2,4}Avg \(ns\) {2,}Med \(ns\) {2,}Min \(ns\) {2,}Max \(ns\) {2,}StdDev \(ns\) {2}Name$/);
    const rows = lines.slice(lines.indexOf(header) + 2).filter((l) => /^\s+\d/.test(l));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.some((r) => /\d,\d{3}/.test(r))).toBe(true);
    expect(rows.some((r) => r.endsWith('…') && r.trimStart().split('  ').pop()!.length <= 100)).toBe(true);
  });

  it('renders the captured text-table rows byte for byte', () => {
    const captured = captureSection('nsys stats (text table)').split('\n');
    const at = captured.indexOf(' ** CUDA GPU Kernel Summary (cuda_gpu_kern_sum):');
    const long = (tile: string, warps: string) => `sm90_xmma_gemm_bf16bf16_bf16f32_f32_tn_n_tilesize${tile}_warpgroupsize${warps}_execute_segment_k_off_kernel__5x_cublas`;
    const table: StatsTable = {
      title: 'CUDA GPU Kernel Summary (cuda_gpu_kern_sum)',
      columns: [['Time (%)', 'pct'], ['Total Time (ns)', 'int'], ['Instances', 'int'], ['Avg (ns)', 'dec'], ['Med (ns)', 'dec'], ['Min (ns)', 'int'], ['Max (ns)', 'int'], ['StdDev (ns)', 'dec'], ['Name', 'text']],
      rows: [
        [46.3, 10327352338, 17505, 589965.9, 144383.0, 27040, 3126460, 944263.8, long('128x128x64', '1x1x1')],
        [14.8, 3305114764, 5152, 641520.7, 293408.0, 287296, 2822716, 867124.9, long('256x128x64', '2x1x1')],
        // The capture's table has more rows; one this wide sets the Avg/Med columns' width as there.
        [0.1, 1, 1, 3381234.5, 3381234.5, 1, 1, 0, 'x'],
      ],
    };
    const ours = tableText(table, 'cuda_gpu_kern_sum').split('\n');
    expect(ours.slice(0, 6)).toEqual(captured.slice(at, at + 6));
  });

  it('answers a missing file, an unknown report and exports sqlite once', async () => {
    const box = await profiled(['app']);
    expect((await nsys(box, ['stats', 'nope.nsys-rep'])).stderr).toBe("ERROR: The file '/home/demo/nope.nsys-rep' does not exist.\n");
    expect((await nsys(box, ['stats', '--report', 'gpusum', 'rep.nsys-rep'])).code).toBe(1);
    expect((await nsys(box, ['export', '--type', 'sqlite', '-o', 'exp', 'rep.nsys-rep'])).code).toBe(0);
    expect(statSync(hostPath(box, '/home/demo/exp.sqlite')).size).toBeGreaterThan(4 * 1024 * 1024);
    const again = await nsys(box, ['export', '-t', 'sqlite', '-o', 'exp', 'rep.nsys-rep']);
    expect(again.stderr).toContain("Failed to create '/home/demo/exp.sqlite': File exists.");
    expect((await nsys(box, ['export', '--type=sqlite', '--output=exp', '--force-overwrite=true', 'rep.nsys-rep'])).code).toBe(0);
  });
});
