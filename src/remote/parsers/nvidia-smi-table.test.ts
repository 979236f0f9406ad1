import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiTable, type SmiTable } from './nvidia-smi-table.js';

const capture = (name: string) => readFileSync(new URL(`../../../e2e/fixtures/captures/${name}`, import.meta.url), 'utf8');

const table = (text: string): SmiTable => {
  const result = parseNvidiaSmiTable(text);
  if (!result.ok) throw new Error(result.reason);
  return result.table;
};

/**
 * Driver 535, two GPUs, narrower Bus-Id/Memory columns, `N/A /  75W`, a 38-wide name column and
 * a separator line of spaces between the tables (public repository transcript, Dec 2024).
 */
const driver535TwoGpus = `Fri Dec 13 18:25:30 2024       
+---------------------------------------------------------------------------------------+
| NVIDIA-SMI 535.183.01             Driver Version: 535.183.01   CUDA Version: 12.2     |
|-----------------------------------------+----------------------+----------------------+
| GPU  Name                 Persistence-M | Bus-Id        Disp.A | Volatile Uncorr. ECC |
| Fan  Temp   Perf          Pwr:Usage/Cap |         Memory-Usage | GPU-Util  Compute M. |
|                                         |                      |               MIG M. |
|=========================================+======================+======================|
|   0  NVIDIA GeForce GTX 1050 Ti     On  | 00000000:03:00.0 Off |                  N/A |
| 57%   85C    P0              N/A /  75W |   2528MiB /  4096MiB |     93%      Default |
|                                         |                      |                  N/A |
+-----------------------------------------+----------------------+----------------------+
|   1  NVIDIA GeForce GTX 1060 6GB    On  | 00000000:04:00.0 Off |                  N/A |
| 33%   52C    P2              49W / 120W |   5226MiB /  6144MiB |    100%      Default |
|                                         |                      |                  N/A |
+-----------------------------------------+----------------------+----------------------+
                                                                                         
+---------------------------------------------------------------------------------------+
| Processes:                                                                            |
|  GPU   GI   CI        PID   Type   Process name                            GPU Memory |
|        ID   ID                                                             Usage      |
|=======================================================================================|
|    0   N/A  N/A      2421      G   /usr/lib/xorg/Xorg                           30MiB |
|    0   N/A  N/A      2767      G   xfwm4                                         1MiB |
|    0   N/A  N/A    190709      C   ...unners/cuda_v12/ollama_llama_server     2492MiB |
|    1   N/A  N/A      2421      G   /usr/lib/xorg/Xorg                            4MiB |
|    1   N/A  N/A      7699      C   python                                     5218MiB |
+---------------------------------------------------------------------------------------+
`;

describe('parseNvidiaSmiTable', () => {
  it('reads the GB10 idle capture (580 layout): Not Supported memory, N/A cap and fan → null', () => {
    const t = table(capture('nvidia-smi-gb10-580.173.02-idle-noprocs.txt'));
    expect(t.timestamp).toBe('Sun Aug 23 07:46:32 2026');
    expect([t.smiVersion, t.driverVersion, t.cudaVersion]).toEqual(['580.173.02', '580.173.02', '13.0']);
    expect(t.gpus).toEqual([
      {
        index: 0,
        name: 'NVIDIA GB10',
        persistenceMode: true,
        busId: '0000000F:01:00.0',
        displayActive: false,
        ecc: null,
        fanPercent: null,
        temperatureC: 36,
        perfState: 'P8',
        powerDrawW: 3,
        powerCapW: null,
        memoryUsedMiB: null,
        memoryTotalMiB: null,
        utilizationPercent: 0,
        computeMode: 'Default',
        migMode: null,
      },
    ]);
    expect(t.processes).toEqual([]);
  });

  it('reads the GB10 desktop capture: Disp.A On, three G processes, a left-truncated name', () => {
    const t = table(capture('nvidia-smi-gb10-580.95.05-graphics-procs.txt'));
    expect(t.gpus[0]).toMatchObject({ displayActive: true, temperatureC: 45, perfState: 'P0', powerDrawW: 11, utilizationPercent: 10, memoryUsedMiB: null });
    expect(t.processes).toEqual([
      { gpu: 0, gi: null, ci: null, pid: 4174, type: 'G', name: '/usr/lib/xorg/Xorg', memoryMiB: 84 },
      { gpu: 0, gi: null, ci: null, pid: 4399, type: 'G', name: '/usr/bin/gnome-shell', memoryMiB: 125 },
      { gpu: 0, gi: null, ci: null, pid: 4761, type: 'G', name: '.../7182/usr/lib/firefox/firefox', memoryMiB: 273 },
    ]);
  });

  it('reads the H100 capture (570 `|---` banner rule, ECC 0, MIG Disabled, no Processes table)', () => {
    const t = table(capture('nvidia-smi-h100-570.124.06.txt'));
    expect(t.timestamp).toBeNull();
    expect(t.gpus).toHaveLength(1);
    expect(t.gpus[0]).toMatchObject({
      name: 'NVIDIA H100 80GB HBM3',
      busId: '00000000:06:00.0',
      ecc: '0',
      powerDrawW: 75,
      powerCapW: 700,
      memoryUsedMiB: 1,
      memoryTotalMiB: 81559,
      migMode: 'Disabled',
    });
    expect(t.processes).toBeNull();
  });

  it('reads the RTX 4090 capture: fan 0 %, type C and M (MPS), over-wide process rows', () => {
    const t = table(capture('nvidia-smi-rtx4090-580.95.05-procs.txt'));
    expect(t.gpus[0]).toMatchObject({ persistenceMode: false, fanPercent: 0, ecc: 'Off', powerCapW: 450, memoryUsedMiB: 1052, memoryTotalMiB: 24564 });
    expect(t.processes?.map((p) => [p.pid, p.type, p.name, p.memoryMiB])).toEqual([
      [1001, 'C', 'nvidia-cuda-mps-server', 28],
      [3005, 'M', '/app/limited_workload', 1024],
    ]);
  });

  it('reads a 535 table with two GPUs and the narrower columns', () => {
    const t = table(driver535TwoGpus);
    expect(t.gpus.map((g) => [g.index, g.name, g.busId, g.fanPercent, g.temperatureC, g.powerDrawW, g.powerCapW, g.memoryUsedMiB, g.utilizationPercent])).toEqual([
      [0, 'NVIDIA GeForce GTX 1050 Ti', '00000000:03:00.0', 57, 85, null, 75, 2528, 93],
      [1, 'NVIDIA GeForce GTX 1060 6GB', '00000000:04:00.0', 33, 52, 49, 120, 5226, 100],
    ]);
    expect(t.processes?.map((p) => [p.gpu, p.pid, p.type, p.memoryMiB])).toEqual([
      [0, 2421, 'G', 30],
      [0, 2767, 'G', 1],
      [0, 190709, 'C', 2492],
      [1, 2421, 'G', 4],
      [1, 7699, 'C', 5218],
    ]);
  });

  it('reads a pre-MIG table without GI/CI columns and a 550-style `|---` rule', () => {
    const old = [
      '+-----------------------------------------------------------------------------+',
      '| NVIDIA-SMI 440.33.01    Driver Version: 440.33.01    CUDA Version: 10.2     |',
      '|-------------------------------+----------------------+----------------------+',
      '| GPU  Name        Persistence-M| Bus-Id        Disp.A | Volatile Uncorr. ECC |',
      '| Fan  Temp  Perf  Pwr:Usage/Cap|         Memory-Usage | GPU-Util  Compute M. |',
      '|===============================+======================+======================|',
      '|   0  Tesla V100-SXM2...  On   | 00000000:00:1E.0 Off |                    0 |',
      '| N/A   41C    P0    55W / 300W |   1234MiB / 16160MiB |     12%   E. Process |',
      '+-------------------------------+----------------------+----------------------+',
      '',
      '+-----------------------------------------------------------------------------+',
      '| Processes:                                                       GPU Memory |',
      '|  GPU       PID   Type   Process name                             Usage      |',
      '|=============================================================================|',
      '|    0     12345      C   python3 train.py                            1223MiB |',
      '+-----------------------------------------------------------------------------+',
    ].join('\n');
    const t = table(old);
    expect(t.gpus[0]).toMatchObject({ name: 'Tesla V100-SXM2...', computeMode: 'E. Process', memoryUsedMiB: 1234, migMode: null });
    expect(t.processes).toEqual([{ gpu: 0, gi: null, ci: null, pid: 12345, type: 'C', name: 'python3 train.py', memoryMiB: 1223 }]);
  });

  it('turns the driver failure and junk into a reason, never a throw', () => {
    const failure = parseNvidiaSmiTable(
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n\n",
    );
    expect(failure).toEqual({ ok: false, reason: expect.stringMatching(/^NVIDIA-SMI has failed/) });
    expect(parseNvidiaSmiTable('').ok).toBe(false);
    expect(parseNvidiaSmiTable('| | |\n+---+\n|===+===|\n| x | y | z |').ok).toBe(false);
  });
});
