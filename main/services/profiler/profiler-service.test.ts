/**
 * The Profiler service on the demo box, below the UI: mode 1 starts a TensorRT-LLM server under
 * `nsys launch` in its container (the exact command it showed), its session is listed from inside
 * that container, a window opened and stopped writes a report that `nsys stats` summarises with
 * kernels; mode 2 runs `sudo -n nsys profile --sample=system-wide …` as a host job whose report
 * holds GPU metrics only (its kernel summary is nsys's SKIPPED line); reports list, and delete.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureView } from '../../../src/contract/methods/profiler.js';
import { CommandCapture, ServerCapture, SystemCapture, serverRunCommand } from '../../../src/recipes/profiler.js';
import { cleanups, laptopOn, runCleanups, testDemoBox, until } from '../service-test-kit.js';
import { ProfilerService } from './profiler-service.js';

afterEach(runCleanups);

const laptop = async (name: string) => {
  const box = await testDemoBox(name, { serverReadyMs: 300 });
  const side = await laptopOn(box);
  const latest: CaptureView[][] = [];
  const profiler = new ProfilerService({ connection: () => side.connection, changed: (_d, captures) => latest.push(captures) });
  cleanups.push(() => profiler.dispose());
  return { ...side, box, profiler, latest };
};

describe('the profiler on the demo box', () => {
  it('mode 1: a server under nsys launch, a window started and stopped, a report with kernels', async () => {
    const { profiler, executed } = await laptop('profiler-server');
    const probe = await profiler.probe('demo');
    expect(probe.nsysVersion).toMatch(/^\d{4}\.\d+\.\d+/);
    expect(probe.reportsDir).toBe('/home/demo/pgx-companion/profiles');

    const spec = ServerCapture.parse({ kind: 'server', name: 'trt', image: 'nvcr.io/nvidia/tensorrt-llm/release:1.3.0rc13', serverCommand: ['trtllm-serve', 'openai/gpt-oss-120b', '--port', '8355'] });
    const preview = await profiler.preview('demo', spec);
    expect(preview.command).toContain('nsys launch --trace=cuda,osrt,nvtx,cublas --session-new=trt');
    const started = await profiler.capture('demo', spec);
    expect(started.command).toBe(serverRunCommand(spec, probe.reportsDir));
    expect(executed).toContain(started.command);

    const sessions = await until(async () => (await profiler.sessions('demo')).find((s) => s.name === 'trt'), 20_000, 'the launch session');
    expect(sessions).toMatchObject({ container: 'pgx-nsys-trt', collecting: false });

    const window = await profiler.startWindow('demo', { container: 'pgx-nsys-trt', session: 'trt', name: 'trt-w1', gpuMetricsFrequency: 10_000 });
    expect(window.command).toMatch(/^docker exec pgx-nsys-trt nsys start --sample=system-wide --gpu-metrics-devices?=all --gpu-metrics-frequency=10000 --session=trt -o /);
    // Listed once: from inside its container, not also as a session of the box.
    expect((await profiler.sessions('demo')).filter((s) => s.name === 'trt')).toEqual([expect.objectContaining({ container: 'pgx-nsys-trt', collecting: true })]);
    const stopped = await profiler.stop('demo', 'pgx-nsys-trt', 'trt');
    expect(stopped.report).toBe('/home/demo/pgx-companion/profiles/trt-w1.nsys-rep');

    const { reports } = await profiler.reports('demo');
    const report = reports.find((r) => r.name === 'trt-w1.nsys-rep');
    expect(report).toMatchObject({ path: stopped.report, meta: { mode: 'server', command: 'pgx-nsys-trt', gpuMetrics: true } });
    expect(report!.sizeBytes).toBeGreaterThan(0);

    const tables = await profiler.stats('demo', stopped.report!);
    expect(tables.map((t) => t.report)).toEqual(['cuda_gpu_kern_sum', 'cuda_api_sum', 'osrt_sum', 'nvtx_sum']);
    const kernels = tables.find((t) => t.report === 'cuda_gpu_kern_sum')!;
    expect(kernels.skipped).toBeNull();
    expect(kernels.rows.length).toBeGreaterThan(0);
    expect(kernels.rows.every((r) => r.name.length > 0 && (r.totalNs ?? 0) > 0)).toBe(true);

    // A second window with the same report name is refused before it overwrites anything.
    await expect(profiler.startWindow('demo', { container: 'pgx-nsys-trt', session: 'trt', name: 'trt-w1', gpuMetricsFrequency: 10_000 })).rejects.toThrow(/already exists/);
  }, 60_000);

  it('mode 2: system-wide with sudo as a host job; GPU metrics only, the kernel summary says SKIPPED; delete removes it', async () => {
    const { profiler, latest } = await laptop('profiler-system');
    const spec = SystemCapture.parse({ kind: 'system', name: 'sys1', durationSeconds: 2 });
    const preview = await profiler.preview('demo', spec);
    expect(preview.caveat).toMatch(/not the CUDA calls/);
    const { command, capture } = await profiler.capture('demo', spec);
    expect(command).toMatch(/^sudo -n nsys profile --sample=system-wide --gpu-metrics-devices?=all --gpu-metrics-frequency=10000 --duration=2 -o \/home\/demo\/pgx-companion\/profiles\/sys1$/);
    expect(capture).toMatchObject({ kind: 'system', name: 'sys1', state: 'running' });

    const done = await until(() => latest.at(-1)?.find((c) => c.name === 'sys1' && c.state !== 'running'), 30_000, 'the capture to end');
    expect(done).toMatchObject({ state: 'done', percent: 100, report: '/home/demo/pgx-companion/profiles/sys1.nsys-rep', error: null });
    expect(profiler.list('demo')).toEqual([done]);

    const tables = await profiler.stats('demo', done.report!);
    const kernels = tables.find((t) => t.report === 'cuda_gpu_kern_sum')!;
    expect(kernels.rows).toEqual([]);
    expect(kernels.skipped).toBe('/home/demo/pgx-companion/profiles/sys1.sqlite does not contain CUDA kernel data.');
    expect(tables.find((t) => t.report === 'cuda_api_sum')?.skipped).toBe('/home/demo/pgx-companion/profiles/sys1.sqlite does not contain CUDA trace data.');

    const listed = (await profiler.reports('demo')).reports.find((r) => r.name === 'sys1.nsys-rep');
    expect(listed?.meta).toMatchObject({ mode: 'system', gpuMetrics: true, durationSeconds: 2 });
    await profiler.remove('demo', 'sys1.nsys-rep');
    expect((await profiler.reports('demo')).reports.some((r) => r.name === 'sys1.nsys-rep')).toBe(false);
  }, 60_000);

  it('mode 3: a command under nsys profile; one that exits with an error still leaves its report', async () => {
    const { profiler, latest } = await laptop('profiler-command');
    const ok = await profiler.capture('demo', CommandCapture.parse({ kind: 'command', name: 'job-ok', command: ['./run-bench.sh', '--steps', "it's 10"] }));
    expect(ok.command).toBe("nsys profile --trace=cuda,osrt,nvtx,cublas -o /home/demo/pgx-companion/profiles/job-ok ./run-bench.sh --steps 'it'\\''s 10'");
    await profiler.capture('demo', CommandCapture.parse({ kind: 'command', name: 'job-missing', command: ['python3', 'no-such-script.py'] }));
    const ended = await until(() => {
      const now = latest.at(-1) ?? [];
      return now.length === 2 && now.every((c) => c.state !== 'running') && now;
    }, 30_000, 'both captures to end');
    expect(ended.find((c) => c.name === 'job-ok')).toMatchObject({ state: 'done', error: null, report: '/home/demo/pgx-companion/profiles/job-ok.nsys-rep' });
    expect(ended.find((c) => c.name === 'job-missing')).toMatchObject({
      state: 'done',
      report: '/home/demo/pgx-companion/profiles/job-missing.nsys-rep',
      error: { message: 'The profiled command exited with status 2; nsys wrote its report anyway.' },
    });
    const names = (await profiler.reports('demo')).reports.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['job-ok.nsys-rep', 'job-missing.nsys-rep']));
  }, 60_000);

  it('a second capture with a report name already used fails with a sentence, not a stack', async () => {
    const { profiler, latest } = await laptop('profiler-exists');
    const spec = SystemCapture.parse({ kind: 'system', name: 'twice', durationSeconds: 1 });
    await profiler.capture('demo', spec);
    await until(() => latest.at(-1)?.find((c) => c.state === 'done'), 30_000, 'the first capture');
    await profiler.capture('demo', spec);
    const failed = await until(() => latest.at(-1)?.find((c) => c.state === 'failed'), 30_000, 'the second capture to fail');
    expect(failed.error?.message).toMatch(/already exists/);
    expect(failed.error?.hint).toMatch(/another name/);
  }, 60_000);
});
