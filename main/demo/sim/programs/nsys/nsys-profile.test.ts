import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNsysConsole } from '../../../../../src/remote/parsers/nsys-console.js';
import { parseNsysVersion } from '../../../../../src/remote/parsers/nsys-version.js';
import { readGgufFile } from '../llamacpp/gguf-file.js';
import { downloadPrograms } from '../downloads/index.js';
import { nsysPrograms } from './index.js';
import { readReportHeader } from './report-file.js';
import { captureSection, hostPath, nsys, nsysBox, runWatching, until } from './nsys-test-kit.js';
import { rootedFs } from '../../sim-fs.js';

const fs = (root: string) => rootedFs({ root, home: '/home/demo' });

describe('nsys --version', () => {
  it('prints the box nsys version in the captured format: parse both and agree', async () => {
    const box = nsysBox();
    const ours = parseNsysVersion((await nsys(box, ['--version'])).stdout);
    const real = parseNsysVersion(captureSection('nsys --version').split('\n')[2]!);
    expect(ours).toEqual(real);
    expect(ours?.version).toBe('2025.3.2.474');
  });
});

describe('nsys profile', () => {
  it('ends with the captured console tail (TAB before the path): parse both and agree', async () => {
    const box = nsysBox();
    const result = await nsys(box, ['profile', '-o', 'tiny', '--sample=none', '--cpuctxsw=none', '--duration=0.2', 'my-app']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const ours = parseNsysConsole(result.stdout);
    const real = parseNsysConsole(captureSection('nsys profile — tail of console output').split("Generating '/tmp/nsys-report-4a2b")[0]!);
    expect(ours.progress).toEqual(real.progress);
    expect(ours.qdstrm[0]).toMatch(/^\/tmp\/nsys-report-[0-9a-f]{4}\.qdstrm$/);
    expect(ours.generated).toEqual(['/home/demo/tiny.nsys-rep']);
    expect(result.stdout).toMatch(/^Collecting data\.\.\.\nGenerating '\/tmp\/nsys-report-[0-9a-f]{4}\.qdstrm'\n\n\[1\/1\] \[0% {26}\] tiny\.nsys-rep\n/);
    expect(result.stdout.endsWith('[1/1] [========================100%] tiny.nsys-rep\nGenerated:\n\t/home/demo/tiny.nsys-rep\n')).toBe(true);
    // A few MB even for a short capture, with a recognisable header.
    expect(statSync(hostPath(box, '/home/demo/tiny.nsys-rep')).size).toBe(4 * 1024 * 1024);
    expect(readReportHeader({ fs: fs(box.root) } as never, '/home/demo/tiny.nsys-rep')).toMatchObject({ command: 'my-app', workload: 'generic', sample: 'none' });
  });

  it('runs a simulated program and reports --stats=true like the capture: parse both and agree', async () => {
    const box = nsysBox();
    await box.run(downloadPrograms['hf']!, 'hf', ['download', 'Qwen/Qwen3-1.7B', '--local-dir', 'm']);
    const result = await nsys(box, ['profile', '--stats=true', '-o', 'conv', 'python3', 'llama.cpp/convert_hf_to_gguf.py', 'm', '--outfile', 'm.gguf']);
    expect(result.code).toBe(0);
    // The converter really ran under nsys.
    expect(readGgufFile(hostPath(box, '/home/demo/m.gguf'))?.tensorCount).toBe(311);
    const ours = parseNsysConsole(`${result.stderr}${result.stdout}`);
    const real = parseNsysConsole(captureSection('nsys profile --stats=true'));
    expect(ours.generated).toEqual(['/home/demo/conv.nsys-rep', '/home/demo/conv.sqlite']);
    expect(result.stdout).toContain('[1/8] [0%                          ] conv.nsys-repProcessing events...\n');
    expect(result.stdout).toContain("[3/8] Executing 'nvtx_sum' stats report\n");
    // A converter runs no CUDA: the same SKIPPED lines as the capture's system-wide run.
    const missing = (p: typeof ours) => p.skipped.map((s) => s.missing).sort();
    expect(missing(ours)).toEqual(expect.arrayContaining(['CUDA kernel data', 'CUDA trace data', 'NV Tools Extension (NVTX) data']));
    expect(missing(real)).toEqual(expect.arrayContaining(['CUDA kernel data', 'CUDA trace data', 'NV Tools Extension (NVTX) data']));
    expect(ours.skipped.every((s) => s.file === '/home/demo/conv.sqlite')).toBe(true);
    expect(ours.warnings).toEqual(real.warnings);
  });

  it('refuses to overwrite without --force-overwrite true, with the captured text', async () => {
    const box = nsysBox();
    await nsys(box, ['profile', '-o', 'rep', '--duration=0.1', 'app']);
    const again = await nsys(box, ['profile', '-o', 'rep', '--duration=0.1', 'app']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("Failed to create '/home/demo/rep.nsys-rep': File exists.\nUse `--force-overwrite true` to overwrite existing files.\n");
    expect(parseNsysConsole(again.stderr).problem).toMatchObject({ kind: 'file-exists', path: '/home/demo/rep.nsys-rep' });
    expect((await nsys(box, ['profile', '-o', 'rep', '--force-overwrite', 'true', '--duration=0.1', 'app'])).code).toBe(0);
  });

  it('names reports report1, report2 … and expands %p and %h', async () => {
    const box = nsysBox();
    await nsys(box, ['profile', '--duration=0.1', 'app']);
    const second = await nsys(box, ['profile', '--duration=0.1', 'app']);
    expect(parseNsysConsole(second.stdout).generated).toEqual(['/home/demo/report2.nsys-rep']);
    const placeholders = await nsys(box, ['profile', '-o', '/tmp/out/%h-%p', '--duration=0.1', 'app']);
    expect(parseNsysConsole(placeholders.stdout).generated[0]).toMatch(/^\/tmp\/out\/pgx-demo-\d+\.nsys-rep$/);
  });

  it('warns about CPU sampling for a normal user (perf_event_paranoid=4) but not for root', async () => {
    const box = nsysBox();
    const user = await nsys(box, ['profile', '--duration=0.1', '-o', 'a', 'app']);
    expect(parseNsysConsole(user.stderr).warnings).toEqual(['WARNING: CPU IP/backtrace sampling not supported, disabling.', 'WARNING: CPU context switch tracing not supported, disabling.']);
    const root = await nsys(box, ['profile', '--duration=0.1', '-o', 'b', '--sample=system-wide', 'app'], { USER: 'root' });
    expect(root.stderr).toBe('');
  });

  it('takes gpu metrics on GB10 only with the gb20b set; the old singular flag is an alias', async () => {
    const box = nsysBox();
    const wrong = await nsys(box, ['profile', '--gpu-metrics-devices=all', '--gpu-metrics-set=gh100', 'app']);
    expect(wrong.code).toBe(1);
    expect(parseNsysConsole(wrong.stderr).problem?.kind).toBe('bad-metric-set');
    const help = await nsys(box, ['profile', '--gpu-metrics-devices=help']);
    expect(help.stdout).toContain('0: Blackwell GB20B | NVIDIA GB10');
    expect((await nsys(box, ['profile', '--gpu-metrics-devices=all', '--gpu-metrics-set=help'])).stdout).toContain('gb20b        : General Metrics for NVIDIA GB20B (any frequency)');
    const ok = await nsys(box, ['profile', '--gpu-metrics-device=all', '--gpu-metrics-set=gb20b', '--gpu-metrics-frequency=20000', '--duration=0.1', '-o', 'm', 'app']);
    expect(ok.code).toBe(0);
    expect(parseNsysConsole(ok.stdout).gpuMetrics).toEqual(['GPU 0: General Metrics for NVIDIA GB20B (any frequency)']);
    expect((await nsys(box, ['profile', '--gpu-metrics-devices=all', '--gpu-metrics-frequency=5', 'app'])).code).toBe(1);
    expect((await nsys(box, ['profile', '--bogus-option', 'app'])).stderr).toMatch(/^unrecognised option '--bogus-option'/);
  });

  it('is a session while it runs: nsys stop ends it early and writes the report', async () => {
    const box = nsysBox();
    const profiled = runWatching(box, nsysPrograms['nsys']!, 'nsys', ['profile', '-o', 'srv', 'trtllm-serve', 'Qwen/Qwen3-30B-A3B'], () => undefined);
    await until(() => box.state().nsysSessions.length === 1 && box.state().gpuProcesses.length === 1);
    const [session] = box.state().nsysSessions;
    expect(session).toMatchObject({ name: `profile-${session!.pid}`, kind: 'profile', collecting: true });
    box.advance(20_000);
    const stop = await nsys(box, ['stop', `--session=${session!.name}`]);
    expect(parseNsysConsole(stop.stdout).generated).toEqual(['/home/demo/srv.nsys-rep']);
    const done = await profiled;
    expect(done.code).toBe(0);
    expect(box.state().nsysSessions).toEqual([]);
    expect(box.state().gpuProcesses).toEqual([]);
    const header = readReportHeader({ fs: fs(box.root) } as never, '/home/demo/srv.nsys-rep');
    expect(header).toMatchObject({ workload: 'trtllm', moe: true, seconds: 20 });
    expect(statSync(hostPath(box, '/home/demo/srv.nsys-rep')).size).toBe(20_000_000);
  });

  it('still writes the report when interrupted, and fails cleanly on a full disk', async () => {
    const box = nsysBox();
    const interrupted = await runWatching(box, nsysPrograms['nsys']!, 'nsys', ['profile', '-o', 'cut', 'app'], (all, interrupt) => {
      if (all.includes('Collecting data...')) interrupt();
    });
    expect(interrupted.code).toBe(130);
    expect(statSync(hostPath(box, '/home/demo/cut.nsys-rep')).size).toBeGreaterThan(0);
    box.store.update((s) => {
      s.faults['disk-full'] = true;
    }, box.now);
    const full = await nsys(box, ['profile', '-o', 'full', '--duration=0.1', 'app']);
    expect(full.code).toBe(1);
    expect(parseNsysConsole(full.stderr).problem?.kind).toBe('no-space');
  });
});
