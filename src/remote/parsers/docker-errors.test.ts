import { describe, expect, it } from 'vitest';
import { captureSection } from '../../../main/demo/sim/programs/docker/capture-files.js';
import { classifyDockerError } from './docker-errors.js';

describe('classifyDockerError on every captured error text (README §3)', () => {
  it('permission denied: both Docker ≤ 28 wordings and the Docker 29 one', () => {
    const [v28, got, v29] = captureSection('user not in docker group');
    expect(classifyDockerError(v28!)).toMatchObject({ kind: 'permission-denied', wording: 'docker-28', socket: 'unix:///var/run/docker.sock' });
    expect(classifyDockerError(got!)).toMatchObject({ kind: 'permission-denied', wording: 'docker-28' });
    expect(classifyDockerError(v29!)).toMatchObject({ kind: 'permission-denied', wording: 'docker-29', socket: 'unix:///var/run/docker.sock' });
  });

  it('NVIDIA runtime missing: the "" and the "nvidia" driver variants', () => {
    const [cli, compose] = captureSection('NVIDIA container runtime');
    expect(classifyDockerError(cli!)).toMatchObject({ kind: 'nvidia-runtime-missing', driver: '' });
    expect(classifyDockerError(compose!)).toMatchObject({ kind: 'nvidia-runtime-missing', driver: 'nvidia' });
  });

  it('exec format error: every variant, with the path when there is one', () => {
    const lines = captureSection('amd64 image on arm64');
    const problems = lines.map((l) => classifyDockerError(l));
    expect(problems.map((p) => p?.kind)).toEqual(['platform-mismatch', 'exec-format-error', 'exec-format-error', 'platform-mismatch', 'exec-format-error', 'exec-format-error']);
    expect(problems.map((p) => (p?.kind === 'exec-format-error' ? p.path : undefined))).toEqual([undefined, '/usr/local/bin/docker-entrypoint.sh', null, undefined, '/comfyui-nvidia_init.bash', '/bin/sh']);
    expect(problems[0]).toMatchObject({ imagePlatform: 'linux/amd64', hostPlatform: 'linux/arm64/v8' });
  });

  it('prefers the failure over the platform warning printed before it', () => {
    const [warning, failure] = captureSection('amd64 image on arm64');
    expect(classifyDockerError(`${warning}\n${failure}\n`)?.kind).toBe('exec-format-error');
  });
});

describe('classifyDockerError on the daemon texts of docker 28', () => {
  it.each([
    ['bash: line 1: docker: command not found', 'docker-missing'],
    ['docker: command not found', 'docker-missing'],
    ['Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', 'daemon-not-running'],
    [
      "docker: Error response from daemon: driver failed programming external connectivity on endpoint vllm (9f82…): Bind for 0.0.0.0:8000 failed: port is already allocated\n\nRun 'docker run --help' for more information",
      'port-in-use',
    ],
    ['docker: Error response from daemon: Conflict. The container name "/x" is already in use by container "3f4e1a". You have to remove (or rename) that container to be able to reuse that name.', 'name-conflict'],
    ["Error response from daemon: pull access denied for foo, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", 'image-not-found'],
    ['Error response from daemon: manifest for vllm/vllm-openai:v9 not found: manifest unknown: manifest unknown', 'image-not-found'],
    ['Error response from daemon: No such image: nginx:latest', 'image-not-found'],
    ['failed to register layer: write /var/lib/docker/overlay2/x/diff/lib.so: no space left on device', 'no-space'],
    ['Error response from daemon: No such container: vllm', 'no-such-container'],
    ["docker: Error response from daemon: unknown or invalid runtime name: nvidia", 'nvidia-runtime-missing'],
  ])('%s', (stderr, kind) => {
    expect(classifyDockerError(stderr)?.kind).toBe(kind);
  });

  it('pulls the details out', () => {
    expect(classifyDockerError('Bind for 0.0.0.0:8000 failed: port is already allocated')).toMatchObject({ hostIp: '0.0.0.0', port: 8000 });
    expect(classifyDockerError('Conflict. The container name "/x" is already in use by container "3f4e1a".')).toMatchObject({ name: 'x', containerId: '3f4e1a' });
    expect(classifyDockerError("pull access denied for foo/bar, repository does not exist or may require 'docker login'")).toMatchObject({ reason: 'pull-access-denied', image: 'foo/bar' });
  });

  it('finds nothing in ordinary output', () => {
    expect(classifyDockerError('')).toBeUndefined();
    expect(classifyDockerError('Unable to find image \'ubuntu:latest\' locally\nlatest: Pulling from library/ubuntu')).toBeUndefined();
  });
});
