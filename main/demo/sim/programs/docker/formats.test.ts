/**
 * "Parse both and agree": every format the simulator imitates is parsed with the app's own
 * parser twice — the real capture and the simulator's output — and the two must have the same
 * structure: the same keys, the same null forms, the same units and layout quirks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyDockerError } from '../../../../../src/remote/parsers/docker-errors.js';
import { parseDockerImages } from '../../../../../src/remote/parsers/docker-images.js';
import { parseInspectArchitecture } from '../../../../../src/remote/parsers/docker-inspect.js';
import { parseDockerPs } from '../../../../../src/remote/parsers/docker-ps.js';
import { parsePullOutput } from '../../../../../src/remote/parsers/docker-pull.js';
import { parseDockerStats } from '../../../../../src/remote/parsers/docker-stats.js';
import { parseDockerVersionJson, parseDockerVersionLine, parseDockerVersionText } from '../../../../../src/remote/parsers/docker-version.js';
import type { TestBox } from '../../testing.js';
import { captureSection } from './capture-files.js';
import { dockerBox, run } from './docker-testing.js';

const keysOf = (line: string) => Object.keys(JSON.parse(line) as object).sort();
const binaryPair = /^\d+(\.\d+)?(B|KiB|MiB|GiB) \/ \d+(\.\d+)?(B|KiB|MiB|GiB)$/;
const decimalPair = /^\d+(\.\d+)?(B|kB|MB|GB|TB) \/ \d+(\.\d+)?(B|kB|MB|GB|TB)$/;

let box: TestBox;
beforeAll(async () => {
  box = dockerBox();
  await run(box, 'run', '-d', '--name', 'vllm', '--gpus', 'all', '--ipc=host', '-p', '8000:8000', '-l', 'pgx-companion.kind=serve', 'nvcr.io/nvidia/vllm:25.09-py3', 'vllm', 'serve', 'Qwen/Qwen3-8B');
  await run(box, 'run', '-d', '--name', 'web', '-p', '127.0.0.1:8080:80', 'nginx:alpine');
  box.advance(65_000);
});

describe('docker version', () => {
  it('plain: the same sections and values as the GB10 capture', async () => {
    const real = parseDockerVersionText(captureSection('docker version (plain)').join('\n'));
    const sim = parseDockerVersionText((await run(box, 'version')).stdout);
    expect(real.ok && sim.ok).toBe(true);
    if (!real.ok || !sim.ok) return;
    expect(sim.value.client).toEqual(real.value.client);
    expect({ ...sim.value.server, components: sim.value.server?.components.slice(0, 3) }).toEqual(real.value.server);
  });

  it('{{json .}}: a Client with the capture’s keys, and a Server (null without the daemon, like the client-only capture)', async () => {
    const [, clientOnly = ''] = captureSection("docker version --format '{{json .}}'");
    const sim = (await run(box, 'version', '--format', '{{json .}}')).stdout;
    const simClient = Object.keys((JSON.parse(sim) as { Client: object }).Client);
    for (const key of Object.keys((JSON.parse(clientOnly) as { Client: object }).Client)) expect(simClient).toContain(key);
    const parsed = parseDockerVersionJson(sim);
    expect(parsed.ok && parsed.value.server?.arch).toBe('arm64');
    box.store.update((s) => void (s.faults['docker-permission'] = true), box.now);
    const denied = await run(box, 'version', '--format', '{{json .}}');
    box.store.update((s) => void (s.faults['docker-permission'] = false), box.now);
    expect(denied.code).toBe(1);
    const real = parseDockerVersionJson(clientOnly);
    const fake = parseDockerVersionJson(denied.stdout);
    expect(real.ok && real.value.server).toBeNull();
    expect(fake.ok && fake.value.server).toBeNull();
    expect(classifyDockerError(denied.stderr)?.kind).toBe('permission-denied');
  });

  it('--version and {{.Server.Arch}}', async () => {
    expect(parseDockerVersionLine((await run(box, '--version')).stdout)).toEqual({ version: '28.5.1', build: 'e180ab8' });
    expect(parseDockerVersionLine(captureSection('docker --version').join(''))?.build).toMatch(/^[0-9a-f]{7}$/);
    expect((await run(box, 'version', '--format', '{{.Server.Arch}}')).stdout).toBe('arm64\n');
  });
});

describe('docker ps --format {{json .}}', () => {
  it('has every key of the captured row, all strings but Platform', async () => {
    const [docsRow = ''] = captureSection("docker ps --format '{{json .}}'");
    const lines = (await run(box, 'ps', '--format', '{{json .}}')).stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const keys = keysOf(line);
      for (const key of keysOf(docsRow)) expect(keys).toContain(key);
      const row = JSON.parse(line) as Record<string, unknown>;
      for (const [key, value] of Object.entries(row)) expect(key === 'Platform' ? value : typeof value).toBe(key === 'Platform' ? null : 'string');
    }
  });

  it('parses to the same shapes: quoted 20-column command, ports with addresses, Up status, labels', async () => {
    const real = parseDockerPs(captureSection("docker ps --format '{{json .}}'").join('\n'));
    const sim = parseDockerPs((await run(box, 'ps', '--format', '{{json .}}')).stdout);
    expect(sim.issues).toEqual([]);
    const vllm = sim.containers.find((c) => c.name === 'vllm')!;
    const nginx = real.containers[0]!;
    expect([...vllm.command].length).toBe([...nginx.command].length);
    expect(vllm.commandTruncated).toBe(nginx.commandTruncated);
    expect(vllm.status.kind).toBe(nginx.status.kind);
    expect(vllm.status.duration).toBe('About a minute');
    expect(vllm.ports).toEqual([
      { hostIp: '0.0.0.0', hostPort: 8000, containerPort: 8000, protocol: 'tcp' },
      { hostIp: '::', hostPort: 8000, containerPort: 8000, protocol: 'tcp' },
    ]);
    expect(vllm.labels['pgx-companion.kind']).toBe('serve');
    const web = sim.containers.find((c) => c.name === 'web')!;
    expect(web.ports).toEqual([{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }]);
    // Same HTML-escaped label as the docs row (json.Marshal escapes < and >).
    expect((await run(box, 'ps', '--filter', 'name=web', '--format', '{{json .}}')).stdout).toContain('\\u003cdocker-maint@nginx.com\\u003e');
    expect(web.labels['maintainer']).toBe(nginx.labels['maintainer']);
  });
});

describe('docker images --format {{json .}}', () => {
  it('has the captured keys, <none> digests and decimal sizes', async () => {
    const captured = captureSection("docker images --format '{{json .}}'");
    const out = (await run(box, 'images', '--format', '{{json .}}')).stdout;
    const lines = out.trim().split('\n');
    for (const line of lines) for (const key of keysOf(captured[0]!)) expect(keysOf(line)).toContain(key);
    const real = parseDockerImages(captured.slice(0, 1).join('\n')).images[0]!;
    const sim = parseDockerImages(out).images;
    expect(sim.length).toBe(4);
    for (const image of sim) {
      expect(image.digest).toBe(real.digest);
      expect(image.containers).toBe(real.containers);
      expect(image.sharedSizeBytes).toBe(real.sharedSizeBytes);
      expect(image.createdAt).not.toBeNull();
      expect(image.id).toMatch(/^[0-9a-f]{12}$/);
    }
    expect((JSON.parse(lines[0]!) as { Size: string }).Size).toMatch(/^\d+(\.\d+)?(kB|MB|GB)$/);
    expect(new Set(sim.map((i) => i.id)).size).toBe(sim.length);
  });
});

describe('docker image inspect --format {{.Architecture}}', () => {
  it('answers arm64 in one bare line, like the capture', async () => {
    const real = parseInspectArchitecture(captureSection('{{.Architecture}}').join('\n'));
    const sim = await run(box, 'image', 'inspect', '--format', '{{.Architecture}}', 'nvcr.io/nvidia/vllm:25.09-py3');
    expect(sim.stdout).toBe('arm64\n');
    expect(parseInspectArchitecture(sim.stdout)).toBe(real);
  });
});

describe('docker stats --no-stream --format {{json .}}', () => {
  it('has exactly the captured keys, binary memory units and decimal I/O units', async () => {
    const captured = captureSection("docker stats --no-stream --format '{{json .}}'");
    const out = (await run(box, 'stats', '--no-stream', '--format', '{{json .}}')).stdout;
    for (const line of out.trim().split('\n')) {
      expect(keysOf(line)).toEqual(keysOf(captured[0]!));
      const row = JSON.parse(line) as Record<string, string>;
      expect(row['MemUsage']).toMatch(binaryPair);
      expect(row['NetIO']).toMatch(decimalPair);
      expect(row['BlockIO']).toMatch(decimalPair);
    }
    expect((JSON.parse(captured[0]!) as Record<string, string>)['MemUsage']).toMatch(binaryPair);
    const vllm = parseDockerStats(out).entries.find((e) => e.name === 'vllm')!;
    // A GPU server shows its unified memory; the limit is host RAM (~119.7GiB on a 128 GB unit).
    expect(out).toContain('/ 119.7GiB');
    expect(vllm.memoryUsedBytes! / 1024 ** 3).toBeGreaterThan(100);
  });

  it('gives a restarting container the captured `--` row: the same nulls', async () => {
    const real = parseDockerStats(captureSection("docker stats --no-stream --format '{{json .}}'").at(-1)!).entries[0]!;
    const loopBox = dockerBox({ mutate: (s) => void (s.faults['image-amd64-only'] = true) });
    await run(loopBox, 'run', '-d', '--name', 'loop', '--restart', 'unless-stopped', 'ubuntu', 'sleep', 'infinity');
    const sim = parseDockerStats((await run(loopBox, 'stats', '--no-stream', '--format', '{{json .}}', 'loop')).stdout).entries[0]!;
    const nulls = (e: object) => Object.entries(e).filter(([, v]) => v === null).map(([k]) => k).sort();
    expect(nulls(sim)).toEqual(nulls(real));
  });
});

describe('docker pull (non-TTY)', () => {
  it('reads as a finished pull with every layer complete', async () => {
    const out = await run(box, 'pull', 'vllm/vllm-openai:v0.11.0');
    const progress = parsePullOutput(out.stdout);
    expect(progress).toMatchObject({ finished: true, upToDate: false, reference: 'docker.io/vllm/vllm-openai:v0.11.0', layersDone: 6 });
    expect(progress.layers.map((l) => l.status)).toEqual(Array(6).fill('pull-complete'));
    // Without a terminal docker prints no byte counts.
    expect(progress.layers.every((l) => l.currentBytes === null)).toBe(true);
  });
});

describe('error texts', () => {
  it('classify as the captured texts do', async () => {
    const gpuBox = dockerBox({ mutate: (s) => void (s.faults['nvidia-runtime-missing'] = true) });
    const gpu = await run(gpuBox, 'run', '--rm', '--gpus', 'all', 'ubuntu', 'true');
    const [capturedGpu = ''] = captureSection('NVIDIA container runtime');
    expect(classifyDockerError(gpu.stderr)).toMatchObject({ kind: 'nvidia-runtime-missing', driver: '' });
    expect(classifyDockerError(capturedGpu)).toMatchObject({ kind: 'nvidia-runtime-missing', driver: '' });

    const armBox = dockerBox({ mutate: (s) => void (s.faults['image-amd64-only'] = true) });
    const amd = await run(armBox, 'run', 'ubuntu', 'true');
    const [capturedWarning = '', capturedExec = ''] = captureSection('amd64 image on arm64');
    expect(amd.stderr).toContain(`WARNING: ${capturedWarning.replace(/^WARNING: /, '')}`);
    expect(classifyDockerError(amd.stderr)?.kind).toBe(classifyDockerError(capturedExec)?.kind);
  });
});
