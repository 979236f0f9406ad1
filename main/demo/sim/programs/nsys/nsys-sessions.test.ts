import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNsysConsole } from '../../../../../src/remote/parsers/nsys-console.js';
import { parseNsysSessions } from '../../../../../src/remote/parsers/nsys-sessions.js';
import { nsysPrograms } from './index.js';
import { captureSection, hostPath, nsys, nsysBox, runWatching, until } from './nsys-test-kit.js';

const launchServer = (box: ReturnType<typeof nsysBox>, extra: string[] = []) =>
  runWatching(box, nsysPrograms['nsys']!, 'nsys', ['launch', '--session-new=srv', '--trace=cuda,nvtx,osrt', ...extra, 'trtllm-serve', 'openai/gpt-oss-120b', '--port', '8355'], () => undefined);

describe('nsys launch / start / stop / sessions list', () => {
  it('keeps a launched trtllm-serve running as a server workload until shutdown', async () => {
    const box = nsysBox();
    const launched = launchServer(box);
    await until(() => box.servers.started.length === 1);
    expect(box.servers.started[0]).toMatchObject({ kind: 'trtllm', port: 8355, model: 'openai/gpt-oss-120b' });
    expect(box.state().gpuProcesses).toEqual([expect.objectContaining({ name: 'python3', type: 'C' })]);
    const list = await nsys(box, ['sessions', 'list']);
    expect(parseNsysSessions(list.stdout)).toEqual([{ name: 'srv', id: box.state().nsysSessions[0]!.pid, state: 'Launched', seconds: 0, collecting: false }]);
    expect((await nsys(box, ['shutdown', '--session=srv'])).code).toBe(0);
    const done = await launched;
    expect(done.code).toBe(0);
    expect(done.output).toContain('INFO:     Uvicorn running on http://0.0.0.0:8355 (Press CTRL+C to quit)');
    expect(box.servers.stopped).toEqual([box.servers.started[0]!.id]);
    expect(box.state().gpuProcesses).toEqual([]);
    expect(box.state().nsysSessions).toEqual([]);
  });

  it('writes a report per start/stop whose size follows the seconds collected', async () => {
    const box = nsysBox();
    const launched = launchServer(box);
    await until(() => box.state().nsysSessions.length === 1);
    const start = await nsys(box, ['start', '--session=srv', '-o', 'short', '--gpu-metrics-devices=all']);
    expect(start.code).toBe(0);
    expect(parseNsysConsole(start.stdout).gpuMetrics).toHaveLength(1);
    const listing = parseNsysSessions((await nsys(box, ['sessions', 'list'])).stdout);
    expect(listing[0]).toMatchObject({ name: 'srv', collecting: true });
    // What the vLLM/SGLang docs' scripts do: grep the id, then stop it.
    expect((await nsys(box, ['sessions', 'list'])).stdout).toMatch(/\bsrv\b/);
    box.advance(10_000);
    const stop = await nsys(box, ['stop', '--session=srv']);
    expect(parseNsysConsole(stop.stdout)).toMatchObject({ generated: ['/home/demo/short.nsys-rep'], progress: { step: 1, steps: 1, percent: 100 } });
    await nsys(box, ['start', '--session=srv', '-o', 'long']);
    box.advance(40_000);
    await nsys(box, ['stop', '--session=srv']);
    const short = statSync(hostPath(box, '/home/demo/short.nsys-rep')).size;
    const long = statSync(hostPath(box, '/home/demo/long.nsys-rep')).size;
    expect(short).toBe(10_000_000);
    expect(long).toBe(4 * short);
    await nsys(box, ['shutdown', '--session=srv']);
    await launched;
  });

  it('answers misuse: stop without a collection, unknown session, a second start, cancel discards', async () => {
    const box = nsysBox();
    const launched = launchServer(box);
    await until(() => box.state().nsysSessions.length === 1);
    expect((await nsys(box, ['stop', '--session=srv'])).code).toBe(1);
    expect(parseNsysConsole((await nsys(box, ['start', '--session=nope'])).stderr).problem?.kind).toBe('session-not-found');
    expect((await nsys(box, ['start', '--session=srv', '-o', 'c'])).code).toBe(0);
    expect((await nsys(box, ['start', '--session=srv', '-o', 'd'])).code).toBe(1);
    expect((await nsys(box, ['cancel', '--session=srv'])).code).toBe(0);
    expect(existsSync(hostPath(box, '/home/demo/c.nsys-rep'))).toBe(false);
    expect(box.state().nsysSessions[0]).toMatchObject({ collecting: false });
    await nsys(box, ['shutdown']);
    expect((await launched).code).toBe(0);
  });

  it('collects system-wide without an app: the report has no CUDA data, like the capture', async () => {
    const box = nsysBox();
    expect((await nsys(box, ['start', '--sample=system-wide', '-o', 'sys'], { USER: 'root' })).code).toBe(0);
    box.advance(5_000);
    expect((await nsys(box, ['stop'])).code).toBe(0);
    const stats = await nsys(box, ['stats', 'sys.nsys-rep']);
    const ours = parseNsysConsole(stats.stdout).skipped.map((s) => s.missing);
    const real = parseNsysConsole(captureSection('nsys profile --stats=true')).skipped.map((s) => s.missing);
    expect(ours).toEqual(expect.arrayContaining(real));
    expect(stats.stdout).toContain('SKIPPED: sys.sqlite does not contain CUDA kernel data.\n');
    await nsys(box, ['shutdown']);
  });

  it('status --environment: Fail for a normal user under paranoid level 4, OK for root', async () => {
    const box = nsysBox();
    const user = await nsys(box, ['status', '--environment']);
    expect(user.stdout).toContain('Root privilege: disabled\nLinux Kernel Paranoid Level = 4\n');
    expect(user.stdout).toContain('CPU Profiling Environment (process-tree): Fail\nCPU Profiling Environment (system-wide): Fail\n');
    const root = await nsys(box, ['status', '-e'], { USER: 'root' });
    expect(root.stdout).toContain('CPU Profiling Environment (system-wide): OK\n');
  });
});
