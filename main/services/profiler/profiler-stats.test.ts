import { describe, expect, it } from 'vitest';
import { statsTables } from './profiler-stats.js';

// The capture's CSV (nsys-formats.txt, 2026) behind the preamble nsys prints, then a report without CUDA data.
const out = [
  'Generating SQLite file /tmp/a.sqlite from /tmp/a.nsys-rep',
  'Processing [/tmp/a.sqlite] with [/opt/nvidia/nsight-systems/2025.3.2/host-linux-armv8/reports/cuda_gpu_kern_sum.py]... ',
  '',
  'Time (%),Total Time (ns),Instances,Avg (ns),Med (ns),Min (ns),Max (ns),StdDev (ns),Name',
  '50.1,99385786,32,3105805.8,3041179.0,2987340,3777790,216832.4,flash_attention_prefill_f16',
  '50.0,500,344,1.0,1.0,1,2,0.1,"void moe_gate_up_mid_q4K_tile8_mma_kernel<(unsigned int)512, (bool)1>(float *)"',
  '',
  'Processing [/tmp/a.sqlite] with [/opt/nvidia/nsight-systems/2025.3.2/host-linux-armv8/reports/cuda_api_sum.py]... ',
  'SKIPPED: /tmp/a.sqlite does not contain CUDA trace data.',
  '',
].join('\n');

describe('statsTables', () => {
  it('types the kernel rows, keeps quoted names whole, and shows SKIPPED as such', () => {
    const tables = statsTables(out)!;
    expect(tables.map((t) => t.report)).toEqual(['cuda_gpu_kern_sum', 'cuda_api_sum', 'osrt_sum', 'nvtx_sum']);
    expect(tables[0]!.rows[0]).toEqual({ timePercent: 50.1, totalNs: 99385786, count: 32, avgNs: 3105805.8, medNs: 3041179, minNs: 2987340, maxNs: 3777790, name: 'flash_attention_prefill_f16' });
    expect(tables[0]!.rows[1]!.name).toBe('void moe_gate_up_mid_q4K_tile8_mma_kernel<(unsigned int)512, (bool)1>(float *)');
    expect(tables[1]).toEqual({ report: 'cuda_api_sum', rows: [], skipped: '/tmp/a.sqlite does not contain CUDA trace data.' });
    expect(tables[2]).toEqual({ report: 'osrt_sum', rows: [], skipped: null });
  });
  it('answers null for output with no CSV at all', () => {
    expect(statsTables('nsys: command not found\n')).toBeNull();
  });
});
