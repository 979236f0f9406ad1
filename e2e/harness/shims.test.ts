/**
 * The simulator as installed executables under the real sshd: separate SSH commands share one
 * box (docker run, then docker ps sees it), real bash runs what we send, and every fault is
 * reachable by name and answers with the real tool's own words.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from 'ssh2';
import { sh } from '../../src/remote/quote.js';
import { parseDockerPs } from '../../src/remote/parsers/docker-ps.js';
import { parseDockerInspect } from '../../src/remote/parsers/docker-inspect.js';
import { classifyDockerError } from '../../src/remote/parsers/docker-errors.js';
import { parseQueryGpu } from '../../src/remote/parsers/nvidia-smi-query-gpu.js';
import { faultNames, type FaultName } from '../../main/demo/sim/faults.js';
import { renderProcFile } from '../../main/demo/sim/proc.js';
import { connectTo, exec } from './ssh-client.js';
import { startSshd, type Sshd } from './sshd.js';
import { startTcpProxy } from './tcp-proxy.js';
import { freePort } from './net-util.js';

const vllmImage = 'nvcr.io/nvidia/vllm:25.09-py3';

/** Waits for a condition by polling the box (no fixed sleeps: every wait has a reason to end). */
const until = async <T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('simulator shims under the real sshd', () => {
  let sshd: Sshd;
  let client: Client;
  const run = (command: string) => exec(client, command);

  beforeAll(async () => {
    sshd = await startSshd({ simulator: true });
    client = await connectTo(sshd);
  });
  afterAll(async () => {
    client?.end();
    await sshd?.stop();
  });
  beforeEach(() => {
    for (const fault of faultNames) if (sshd.sim!.read().faults[fault]) sshd.sim!.setFault(fault, false);
    sshd.sim!.update((state) => {
      state.tuning.serverReadyMs = 300;
      state.tuning.downloadBytesPerSec = 2 * 1024 ** 3;
    });
  });

  it('docker run -d in one SSH command, docker ps --format json in the next, sees the container', async () => {
    const name = 'web "quoted" $(x)';
    const started = await run(sh`docker run -d --name ${'hello-box'} --label ${`pgx.note=${name}`} ${'nvcr.io/nvidia/pytorch:25.09-py3'} sleep infinity`);
    expect(started.code).toBe(0);
    const id = started.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);

    const listed = await run(`docker ps --no-trunc --format '{{json .}}'`);
    expect(listed.code).toBe(0);
    const { containers, issues } = parseDockerPs(listed.stdout);
    expect(issues).toEqual([]);
    const mine = containers.find((c) => c.id === id);
    expect(mine?.name).toBe('hello-box');
    expect(mine?.state).toBe('running');
    expect(mine?.labels['pgx.note']).toBe(name);

    expect((await run('docker rm -f hello-box')).code).toBe(0);
    expect(parseDockerPs((await run(`docker ps -a --format '{{json .}}'`)).stdout).containers.some((c) => c.id === id)).toBe(false);
  });

  it('a pipeline through real bash: nvidia-smi | head ends, and its CSV parses', async () => {
    const result = await run('nvidia-smi --query-gpu=name,memory.used,utilization.gpu --format=csv,noheader,nounits -lms 100 | head -n 2');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const parsed = parseQueryGpu(result.stdout, 'name,memory.used,utilization.gpu');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.csv.rows).toHaveLength(2);
    expect(parsed.csv.rows[0]?.['name']).toBe('NVIDIA GB10');
    // GB10 has no dedicated memory: nvidia-smi says so instead of a number.
    expect(parsed.csv.rows[0]?.['memory.used']).toBeNull();
    expect(typeof parsed.csv.rows[0]?.['utilization.gpu']).toBe('number');
  });

  it('a model server started by docker run answers /health once ready and lists its model', async () => {
    const port = await freePort();
    const started = await run(sh`docker run -d --gpus all --name ${'served'} -p ${`${port}:8000`} ${vllmImage} vllm serve Qwen/Qwen3-8B --served-model-name qwen3`);
    expect(started.code).toBe(0);
    const health = await until(async () => {
      const probe = await run(sh`curl -s -o /dev/null -w '%{http_code}' ${`http://127.0.0.1:${port}/health`}`);
      return probe.stdout === '200' ? probe.stdout : undefined;
    }, 10_000);
    expect(health).toBe('200');
    const models = JSON.parse((await run(sh`curl -s ${`http://127.0.0.1:${port}/v1/models`}`)).stdout) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toEqual(['qwen3']);
    expect((await run('docker stop served && docker rm served')).code).toBe(0);
    expect(sshd.sim!.serverPids().length).toBe(0);
  });

  const faultChecks: Record<FaultName, () => Promise<void>> = {
    'docker-missing': async () => {
      const result = await run('docker ps');
      expect(result.code).toBe(127);
      expect(result.stderr).toMatch(/docker: command not found/);
      expect(classifyDockerError(result.stderr)?.kind).toBe('docker-missing');
    },
    'docker-permission': async () => {
      const result = await run('docker ps');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock');
      expect(classifyDockerError(result.stderr)?.kind).toBe('permission-denied');
    },
    'nvidia-runtime-missing': async () => {
      const result = await run(sh`docker run -d --gpus all --name ${'gpu-less'} ${'nvcr.io/nvidia/pytorch:25.09-py3'} sleep infinity`);
      expect(result.code).toBe(125);
      expect(result.stderr).toContain('could not select device driver "" with capabilities: [[gpu]]');
      expect(classifyDockerError(result.stderr)?.kind).toBe('nvidia-runtime-missing');
      await run('docker rm -f gpu-less');
    },
    'image-amd64-only': async () => {
      expect((await run('docker pull docker.io/library/busybox:latest')).code).toBe(0);
      const started = await run('docker run -d --name amd64-only busybox:latest sh -c "echo hi"');
      expect(started.stderr).toMatch(/does not match the detected host platform \(linux\/arm64/);
      const log = await until(async () => {
        const logs = await run('docker logs amd64-only');
        return /exec format error/.test(logs.stderr) ? logs.stderr : undefined;
      }, 5_000);
      expect(classifyDockerError(log)?.kind).toBe('exec-format-error');
      await run('docker rm -f amd64-only');
    },
    'disk-full': async () => {
      const pull = await run('docker pull docker.io/library/ubuntu:24.04');
      expect(pull.code).toBe(1);
      expect(pull.stderr).toMatch(/no space left on device/);
      expect(classifyDockerError(pull.stderr)?.kind).toBe('no-space');
    },
    'out-of-memory': async () => {
      // Switched back off first: the fault is switched on below, with a model loaded.
      sshd.sim!.setFault('out-of-memory', false);
      const port = await freePort();
      expect((await run(sh`docker run -d --gpus all --name ${'big-model'} -p ${`${port}:8000`} ${vllmImage} vllm serve Qwen/Qwen3-8B`)).code).toBe(0);
      sshd.sim!.setFault('out-of-memory', true);
      const inspect = parseDockerInspect((await run('docker inspect big-model')).stdout);
      expect(inspect.ok).toBe(true);
      const raw = JSON.parse((await run(`docker inspect -f '{{json .State}}' big-model`)).stdout) as { OOMKilled: boolean; ExitCode: number; Status: string };
      expect(raw).toMatchObject({ OOMKilled: true, ExitCode: 137, Status: 'exited' });
      // /proc under the real sshd is this machine's; the simulated box's is what the demo box serves.
      const meminfo = renderProcFile('/proc/meminfo', sshd.sim!.read(), Date.now()) ?? '';
      expect(meminfo).toMatch(/^MemAvailable: +131072 kB$/m);
      await run('docker rm -f big-model');
    },
    'server-never-ready': async () => {
      const port = await freePort();
      expect((await run(sh`docker run -d --gpus all --name ${'never'} -p ${`${port}:8000`} ${vllmImage} vllm serve Qwen/Qwen3-8B`)).code).toBe(0);
      // Long past the configured readiness, /health still does not answer.
      const probe = await run(sh`sleep 1; curl -s -m 1 -o /dev/null -w '%{http_code}' ${`http://127.0.0.1:${port}/health`}; echo " $?"`);
      expect(probe.stdout.trim()).toMatch(/^000 (7|28)$/);
      const logs = await run('docker logs never');
      expect(logs.stdout + logs.stderr).not.toMatch(/Application startup complete/);
      await run('docker rm -f never');
    },
    'nvidia-smi-missing': async () => {
      const result = await run('nvidia-smi');
      expect(result.code).toBe(127);
      expect(result.stderr).toMatch(/nvidia-smi: command not found/);
    },
    'slow-network': async () => {
      sshd.sim!.update((state) => {
        state.tuning.downloadBytesPerSec = 200 * 1024 * 1024;
      });
      // At a fiftieth of 200 MB/s a 4 GB image takes minutes: after a second the pull is still going.
      const result = await run('timeout 1 docker pull nvcr.io/nvidia/cuda:13.0.1-devel-ubuntu24.04; echo "exit $?"');
      expect(result.stdout).toMatch(/Pulling fs layer/);
      expect(result.stdout).not.toMatch(/Status: Downloaded newer image/);
      expect(result.stdout.trim().split('\n').at(-1)).toBe('exit 124');
    },
    'connection-dropped': async () => {
      const proxy = await startTcpProxy(sshd.port);
      const viaProxy = await connectTo({ ...sshd, port: proxy.port });
      const closed = new Promise<Error | undefined>((resolve) => {
        let error: Error | undefined;
        viaProxy.on('error', (e) => (error = e));
        viaProxy.on('close', () => resolve(error));
      });
      proxy.dropAll();
      const error = await closed;
      expect(error?.message ?? 'closed').toMatch(/ECONNRESET|closed/);
      await proxy.close();
    },
    'connection-stalled': async () => {
      const proxy = await startTcpProxy(sshd.port);
      const viaProxy = await connectTo({ ...sshd, port: proxy.port }, { keepaliveInterval: 200, keepaliveCountMax: 2 });
      const failed = new Promise<Error>((resolve) => viaProxy.on('error', resolve));
      proxy.setMode({ kind: 'stall' });
      // Nothing moves and nothing closes: only the client's keepalive notices.
      expect((await failed).message).toMatch(/Keepalive timeout/i);
      viaProxy.end();
      await proxy.close();
    },
  };

  for (const fault of faultNames) {
    it(`fault ${fault}: the real tool's error text`, async () => {
      const transport = fault === 'connection-dropped' || fault === 'connection-stalled';
      if (!transport && fault !== 'out-of-memory') sshd.sim!.setFault(fault, true);
      await faultChecks[fault]();
      sshd.sim!.setFault(fault, false);
    });
  }
});
