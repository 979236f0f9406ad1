import { describe, expect, it } from 'vitest';
import { parseDmon } from '../../../../../src/remote/parsers/nvidia-smi-dmon.js';
import { parseQueryGpu } from '../../../../../src/remote/parsers/nvidia-smi-query-gpu.js';
import type { Program } from '../../io.js';
import { testBox, type TestBox } from '../../testing.js';
import { driverFailure, nvidiaSmi } from './nvidia-smi.js';
import { smi, startLoad } from './smi-test-support.js';

describe('nvidia-smi faults and loops', () => {
  it('nvidia-smi-missing: the driver failure text and exit 9 for every mode', async () => {
    const box = testBox({ mutate: (state) => (state.faults['nvidia-smi-missing'] = true) });
    for (const argv of [[], ['--query-gpu=name', '--format=csv'], ['-q'], ['dmon', '-c', '1'], ['--version']]) {
      expect(await smi(box, ...argv)).toEqual({ stdout: driverFailure, stderr: '', code: 9 });
    }
    expect(driverFailure).toBe(
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n\n",
    );
  });

  /** Runs nvidia-smi and interrupts it after `rows` writes; `between` runs after each write. */
  const runFor = async (box: TestBox, argv: string[], rows: number, between: (index: number) => void = () => {}) => {
    const controller = new AbortController();
    const writes: string[] = [];
    const counting: Program = (io) =>
      nvidiaSmi({
        ...io,
        write: (text) => {
          io.write(text);
          writes.push(text);
          between(writes.length);
          if (writes.length >= rows) controller.abort();
        },
      });
    const result = await box.run(counting, 'nvidia-smi', argv, { signal: controller.signal });
    return { ...result, writes };
  };

  it('-lms streams one row per interval, the header once, follows state changes and stops with 130', async () => {
    const box = testBox();
    const { stdout, code, writes } = await runFor(box, ['--query-gpu=utilization.gpu,pstate', '--format=csv', '-lms', '5'], 3, (index) => {
      if (index === 1) startLoad(box);
      box.advance(1_000);
    });
    expect(code).toBe(130);
    expect(writes).toHaveLength(3);
    expect(stdout.split('\n').filter((l) => l.startsWith('utilization.gpu'))).toHaveLength(1);
    const parsed = parseQueryGpu(stdout, 'utilization.gpu,pstate');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.csv.rows.map((r) => r['pstate'])).toEqual(['P8', 'P0', 'P0']);
    expect(parsed.csv.rows[2]!['utilization.gpu']).toBeGreaterThan(70);
  });

  it('-l with the table repeats the whole table; an interrupt during the wait ends it', async () => {
    const { code, writes } = await runFor(testBox(), ['-l', '1'], 1);
    expect(code).toBe(130);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^\w{3} \w{3} .*\n\+-{89}\+\n\| NVIDIA-SMI/);
  });

  it('dmon without -c streams until interrupted; -c 2 -d 1 prints two rows and ends 0', async () => {
    const stopped = await runFor(testBox(), ['dmon'], 1);
    expect(stopped.code).toBe(130);
    expect(stopped.stdout.split('\n').filter((l) => l.startsWith('    0'))).toHaveLength(1);
    const counted = await smi(testBox(), 'dmon', '-c', '2', '-d', '1');
    expect(counted.code).toBe(0);
    const parsed = parseDmon(counted.stdout);
    expect(parsed.ok && parsed.dmon.rows).toHaveLength(2);
  });

  it('a fault switched on during a loop ends it with the driver failure', async () => {
    const box = testBox();
    const { stdout, code } = await runFor(box, ['--query-gpu=index', '--format=csv,noheader', '-lms', '5'], 5, (index) => {
      if (index === 1) box.store.update((state) => void (state.faults['nvidia-smi-missing'] = true), box.now);
    });
    expect(code).toBe(9);
    expect(stdout).toBe(`0\n${driverFailure}`);
  });
});
