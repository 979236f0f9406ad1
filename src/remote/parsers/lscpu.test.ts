import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLscpu } from './lscpu.js';

const gb10 = readFileSync(new URL('../../../e2e/fixtures/captures/lscpu-gb10.txt', import.meta.url), 'utf8');

/** Flat layout (stdout not a terminal), x86, one CPU type: util-linux 2.38 on Debian 12. */
const flatX86 = `Architecture:                            x86_64
CPU op-mode(s):                          32-bit, 64-bit
Address sizes:                           48 bits physical, 48 bits virtual
Byte Order:                              Little Endian
CPU(s):                                  2
On-line CPU(s) list:                     0,1
Vendor ID:                               AuthenticAMD
Model name:                              AMD EPYC
CPU family:                              26
Model:                                   2
Thread(s) per core:                      1
Core(s) per socket:                      2
Socket(s):                               1
Stepping:                                1
BogoMIPS:                                5192.19
Flags:                                   fpu vme de pse tsc msr pae mce cx8
Hypervisor vendor:                       KVM
Virtualization type:                     full
L1d cache:                               96 KiB (2 instances)
L1i cache:                               64 KiB (2 instances)
L2 cache:                                2 MiB (2 instances)
L3 cache:                                32 MiB (1 instance)
NUMA node(s):                            1
NUMA node0 CPU(s):                       0,1
Vulnerability Gather data sampling:      Not affected
Vulnerability Indirect target selection: Not affected
`;

describe('parseLscpu', () => {
  it('keeps both GB10 clusters (tree layout, shell prompt line, wrapped Flags)', () => {
    const result = parseLscpu(gb10);
    if (!result.ok) throw new Error(result.reason);
    const { lscpu } = result;
    expect([lscpu.architecture, lscpu.cpus, lscpu.onlineCpus, lscpu.vendor, lscpu.numaNodes]).toEqual(['aarch64', 20, '0-19', 'ARM', 1]);
    expect(lscpu.clusters.map((c) => [c.modelName, c.cores, c.threadsPerCore, c.maxMHz, c.minMHz, c.scalingPercent, c.stepping])).toEqual([
      ['Cortex-X925', 10, 1, 4004, 1378, 93, 'r0p1'],
      ['Cortex-A725', 10, 1, 2860, 338, 112, 'r0p1'],
    ]);
    // "svepmull sv" + "ebitperm" wrapped mid-word: joined back into one flag.
    expect(lscpu.clusters[0]!.flags).toContain('svebitperm');
    expect(lscpu.clusters[1]!.flags).toHaveLength(lscpu.clusters[0]!.flags.length);
    expect(lscpu.clusters[0]!.flags.at(-1)).toBe('wfxt');
    expect(lscpu.caches).toEqual({ L1d: '1.3 MiB (20 instances)', L1i: '1.3 MiB (20 instances)', L2: '25 MiB (20 instances)', L3: '24 MiB (2 instances)' });
    expect(lscpu.fields['Spectre v1']).toBe('Mitigation; __user pointer sanitization');
  });

  it('reads the flat layout with one cluster and `L1d cache:` labels', () => {
    const result = parseLscpu(flatX86);
    if (!result.ok) throw new Error(result.reason);
    expect(result.lscpu.clusters).toEqual([
      { modelName: 'AMD EPYC', threadsPerCore: 1, coresPerSocket: 2, sockets: 1, cores: 2, maxMHz: null, minMHz: null, scalingPercent: null, stepping: '1', flags: ['fpu', 'vme', 'de', 'pse', 'tsc', 'msr', 'pae', 'mce', 'cx8'] },
    ]);
    expect(result.lscpu.caches['L3']).toBe('32 MiB (1 instance)');
    expect(result.lscpu.fields['Hypervisor vendor']).toBe('KVM');
  });

  it('refuses empty or label-less output', () => {
    expect(parseLscpu('').ok).toBe(false);
    expect(parseLscpu('bash: lscpu: command not found')).toEqual({ ok: false, reason: expect.stringContaining('not lscpu output') });
  });
});
