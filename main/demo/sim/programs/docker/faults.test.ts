/**
 * Every fault that touches docker gives the real tool's own text and exit code.
 */
import { describe, expect, it } from 'vitest';
import { classifyDockerError } from '../../../../../src/remote/parsers/docker-errors.js';
import { parseDockerRuntimes } from '../../../../../src/remote/parsers/docker-info.js';
import { parsePullOutput } from '../../../../../src/remote/parsers/docker-pull.js';
import type { FaultName } from '../../faults.js';
import { dockerBox, run, stream, waitFor } from './docker-testing.js';

const withFault = (fault: FaultName, readyMs?: number) => dockerBox({ ...(readyMs ? { readyMs } : {}), mutate: (s) => void (s.faults[fault] = true) });
const socket = 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock';
const denied = (method: string, path: string) => `${socket}: ${method} "http://%2Fvar%2Frun%2Fdocker.sock/v1.51${path}": dial unix /var/run/docker.sock: connect: permission denied`;

describe('docker-permission', () => {
  it.each([
    [['ps'], 'Get', '/containers/json'],
    [['ps', '-a'], 'Get', '/containers/json?all=1'],
    [['images'], 'Get', '/images/json'],
    [['container', 'ls'], 'Get', '/containers/json'],
    [['logs', 'vllm'], 'Get', '/containers/vllm/json'],
    [['inspect', 'vllm'], 'Get', '/containers/vllm/json'],
    [['image', 'inspect', 'ubuntu'], 'Get', '/images/ubuntu/json'],
    [['stop', 'vllm'], 'Post', '/containers/vllm/stop'],
    [['rm', '-f', 'vllm'], 'Delete', '/containers/vllm'],
    [['pull', 'nvcr.io/nvidia/vllm:25.09-py3'], 'Post', '/images/create?fromImage=nvcr.io%2Fnvidia%2Fvllm&tag=25.09-py3'],
    [['exec', 'vllm', 'true'], 'Get', '/containers/vllm/json'],
    [['stats', '--no-stream'], 'Get', '/containers/json'],
    [['login', 'nvcr.io', '-u', '$oauthtoken', '--password-stdin'], 'Post', '/auth'],
  ])('docker %j: the Docker 28 socket error, exit 1', async (argv, method, path) => {
    const result = await run(withFault('docker-permission'), ...argv);
    expect(result).toEqual({ stdout: '', stderr: `${denied(method, path)}\n`, code: 1 });
  });

  it('run: the same text wrapped by `docker:` and the help line; EACCES makes it exit 126', async () => {
    const result = await run(withFault('docker-permission'), 'run', '-d', 'ubuntu', 'true');
    expect(result.code).toBe(126);
    expect(result.stderr).toBe(`docker: ${denied('Post', '/containers/create')}\n\nRun 'docker run --help' for more information\n`);
  });

  it('version prints the Client part, then the error; info says ERROR under Server', async () => {
    const box = withFault('docker-permission');
    const version = await run(box, 'version');
    expect(version.code).toBe(1);
    expect(version.stdout).toMatch(/^Client: Docker Engine - Community\n Version: {11}28\.5\.1\n/);
    expect(version.stdout).not.toContain('Server:');
    expect(version.stderr).toBe(`${denied('Get', '/version')}\n`);
    const info = await run(box, 'info');
    expect(info.code).toBe(1);
    expect(info.stdout).toContain(`Server:\nERROR: ${denied('Get', '/info')}\n`);
    expect(info.stderr).toBe('errors pretty printing info\n');
    expect(classifyDockerError(info.stdout)?.kind).toBe('permission-denied');
  });
});

describe('nvidia-runtime-missing', () => {
  it('run --gpus fails at start with the daemon text, exit 125, the container left created', async () => {
    const box = withFault('nvidia-runtime-missing');
    await run(box, 'pull', 'ubuntu');
    const result = await run(box, 'run', '--name', 'gpu', '--gpus', 'all', 'ubuntu', 'true');
    expect(result.code).toBe(125);
    expect(result.stderr).toBe(`docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]]\n\nRun 'docker run --help' for more information\n`);
    expect((await run(box, 'ps', '-a', '--format', '{{.Names}} {{.State}}')).stdout).toBe('gpu created\n');
    expect((await run(box, 'start', 'gpu')).stderr).toBe('Error response from daemon: could not select device driver "" with capabilities: [[gpu]]\nError: failed to start containers: gpu\n');
  });

  it('docker info no longer lists the nvidia runtime; --runtime nvidia is unknown', async () => {
    const healthy = parseDockerRuntimes((await run(dockerBox(), 'info', '--format', '{{json .Runtimes}}')).stdout);
    expect(healthy.ok && healthy.value.hasNvidia).toBe(true);
    const box = withFault('nvidia-runtime-missing');
    const broken = parseDockerRuntimes((await run(box, 'info', '--format', '{{.Runtimes}}')).stdout);
    expect(broken.ok && broken.value.names).toEqual(['io.containerd.runc.v2', 'runc']);
    expect((await run(box, 'run', '--runtime', 'nvidia', 'ubuntu', 'true')).stderr).toContain('Error response from daemon: unknown or invalid runtime name: nvidia');
  });
});

describe('image-amd64-only', () => {
  it('pulled images are amd64; running one warns, then exits 255 with exec format error in its log', async () => {
    const box = withFault('image-amd64-only');
    await run(box, 'pull', 'vllm/vllm-openai:latest');
    expect((await run(box, 'image', 'inspect', '--format', '{{.Architecture}}', 'vllm/vllm-openai')).stdout).toBe('amd64\n');
    const result = await run(box, 'run', '-d', '--name', 'eng', '--gpus', 'all', 'vllm/vllm-openai:latest', 'Qwen/Qwen3-8B');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("WARNING: The requested image's platform (linux/amd64) does not match the detected host platform (linux/arm64/v8) and no specific platform was requested\n");
    expect((await run(box, 'inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'eng')).stdout).toBe('exited 255\n');
    expect((await run(box, 'logs', 'eng')).stderr).toBe('exec /usr/bin/vllm: exec format error\n');
    expect(box.state().gpuProcesses).toEqual([]);
    expect(box.servers.started).toEqual([]);
  });

  it('under a restart policy the container loops: Restarting, the error repeated in the log', async () => {
    const box = withFault('image-amd64-only');
    await run(box, 'pull', 'nvcr.io/nvidia/cuda:13.0.1-base-ubuntu24.04');
    await run(box, 'rmi', 'nvcr.io/nvidia/vllm:25.09-py3');
    const pulled = await run(box, 'run', '-d', '--name', 'loop', '--restart', 'unless-stopped', 'nvcr.io/nvidia/vllm:25.09-py3', 'bash');
    expect(pulled.stderr).toContain("Unable to find image 'nvcr.io/nvidia/vllm:25.09-py3' locally");
    box.advance(5_000);
    expect((await run(box, 'ps', '--format', '{{.Status}}')).stdout).toMatch(/^Restarting \(255\) (Less than a second|\d seconds?) ago\n$/);
    const log = (await run(box, 'logs', 'loop')).stderr.trim().split('\n');
    expect(log.length).toBeGreaterThan(3);
    expect(new Set(log)).toEqual(new Set(['exec /opt/nvidia/nvidia_entrypoint.sh: exec format error']));
  });
});

describe('disk-full', () => {
  it('a pull fails with the layer store’s no-space text after the downloads, and adds no image', async () => {
    const box = withFault('disk-full');
    const result = await run(box, 'pull', 'ubuntu:24.04');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Download complete');
    expect(result.stdout).not.toContain('Pull complete');
    expect(result.stderr).toMatch(/^failed to register layer: write \/var\/lib\/docker\/overlay2\/[0-9a-f]{12}\/diff\/\S+: no space left on device\n$/);
    expect(classifyDockerError(result.stderr)?.kind).toBe('no-space');
    expect(box.state().images.some((i) => i.repository === 'ubuntu')).toBe(false);
  });
});

describe('server-never-ready', () => {
  it('the log stops before readiness, but the server spec is still started', async () => {
    const box = withFault('server-never-ready', 5_000);
    await run(box, 'run', '-d', '--name', 'vllm', '--gpus', 'all', '-p', '8000:8000', 'nvcr.io/nvidia/vllm:25.09-py3', 'vllm', 'serve', 'Qwen/Qwen3-8B');
    box.advance(60_000);
    const logs = await run(box, 'logs', 'vllm');
    expect(logs.stdout).toContain('Model loading took');
    expect(`${logs.stdout}${logs.stderr}`).not.toMatch(/Application startup complete|HTTP server started|KV cache size/);
    expect(box.servers.started.map((s) => [s.kind, s.port])).toEqual([['vllm', 8000]]);
  });
});

describe('unknown images', () => {
  it('run: Unable to find image + pull access denied, exit 125; pull: exit 1', async () => {
    const box = dockerBox();
    const result = await run(box, 'run', 'acme/nothing');
    expect(result.code).toBe(125);
    expect(result.stderr).toBe(
      "Unable to find image 'acme/nothing:latest' locally\ndocker: Error response from daemon: pull access denied for acme/nothing, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n\nRun 'docker run --help' for more information\n",
    );
    const pull = await run(box, 'pull', 'vllm/vllm-openai:nope');
    expect(pull).toEqual({ stdout: '', stderr: 'Error response from daemon: manifest for vllm/vllm-openai:nope not found: manifest unknown: manifest unknown\n', code: 1 });
  });
});

describe('slow-network', () => {
  it('a pull downloads at a fiftieth of the speed, recorded as network activity, and stops when interrupted', async () => {
    const box = dockerBox({ mutate: (s) => {
      s.tuning.downloadBytesPerSec = 50 * 1024 * 1024;
      s.faults['slow-network'] = true;
    } });
    const pull = stream(box, ['pull', 'ubuntu']);
    await waitFor(() => box.state().activity.some((a) => a.id === 'pull:ubuntu:latest'));
    expect(box.state().activity.find((a) => a.id === 'pull:ubuntu:latest')?.netRxBytesPerSec).toBe(1024 * 1024);
    await waitFor(() => pull.output().includes('Pulling fs layer'));
    pull.interrupt();
    expect(await pull.done).toBe(130);
    expect(box.state().activity.filter((a) => a.id === 'pull:ubuntu:latest' && a.until === undefined)).toEqual([]);
    expect(box.state().images.some((i) => i.repository === 'ubuntu')).toBe(false);
  });
});

describe('pull on a terminal', () => {
  it('shows Downloading bars with cursor movement, which the parser reads', async () => {
    const box = dockerBox({ mutate: (s) => void (s.tuning.downloadBytesPerSec = 20 * 1024 * 1024) });
    const tty = stream(box, ['pull', 'alpine'], { TERM: 'xterm-256color' });
    expect(await tty.done).toBe(0);
    expect(tty.output()).toContain('\x1b[2K\r');
    const progress = parsePullOutput(tty.output());
    expect(progress.finished).toBe(true);
    expect(progress.events.some((e) => e.kind === 'layer' && e.status === 'downloading' && e.totalBytes !== null)).toBe(true);
  });
});
