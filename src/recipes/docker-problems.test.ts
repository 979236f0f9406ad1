import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { captureSection } from '../../main/demo/sim/programs/docker/capture-files.js';
import { errorCodes } from '../contract/errors.js';
import { classifyDockerError, type DockerProblem, type DockerProblemKind } from '../remote/parsers/docker-errors.js';
import { adviseDockerProblem, dockerAppError, dockerFixCommands } from './docker-problems.js';

/** One docker text per kind: the captures (README §3) where there is one, the daemon's own otherwise. */
const samples: Record<DockerProblemKind, string> = {
  'docker-missing': 'bash: line 1: docker: command not found',
  'permission-denied': captureSection('user not in docker group')[2]!,
  'daemon-not-running': 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
  'nvidia-runtime-missing': captureSection('NVIDIA container runtime')[0]!,
  'name-conflict': 'docker: Error response from daemon: Conflict. The container name "/pgx-jupyterlab" is already in use by container "3f4e1a". You have to remove (or rename) that container to be able to reuse that name.',
  'port-in-use': 'docker: Error response from daemon: driver failed programming external connectivity on endpoint pgx-ollama (9f82…): Bind for 127.0.0.1:11434 failed: port is already allocated',
  'image-not-found': 'Error response from daemon: manifest for vllm/vllm-openai:v9 not found: manifest unknown: manifest unknown',
  'no-space': 'failed to register layer: write /var/lib/docker/overlay2/x/diff/lib.so: no space left on device',
  'exec-format-error': captureSection('amd64 image on arm64')[1]!,
  'no-such-container': 'Error response from daemon: No such container: pgx-ollama',
  'platform-mismatch': captureSection('amd64 image on arm64')[0]!,
};

const problem = (kind: DockerProblemKind): DockerProblem => {
  const found = classifyDockerError(samples[kind]);
  if (found?.kind !== kind) throw new Error(`sample for ${kind} reads as ${found?.kind}`);
  return found;
};

describe('adviseDockerProblem', () => {
  it('gives every kind an error code of the contract, a sentence and a hint', () => {
    for (const kind of Object.keys(samples) as DockerProblemKind[]) {
      const advice = adviseDockerProblem(problem(kind));
      expect(errorCodes).toContain(advice.code);
      expect(advice.message).toMatch(/^[A-Z].*\.$/);
      expect(advice.hint).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('tells how to join the docker group and that a new login is needed', () => {
    expect(adviseDockerProblem(problem('permission-denied'))).toEqual({
      code: 'docker-permission',
      message: 'Your user may not use docker on the box (docker needs sudo).',
      hint: 'Add yourself to the docker group, then disconnect and reconnect the box: group changes apply to new logins only.',
      fixCommand: 'sudo usermod -aG docker "$USER"',
    });
    const v28 = classifyDockerError(captureSection('user not in docker group')[0]!)!;
    expect(adviseDockerProblem(v28).code).toBe('docker-permission');
  });

  it('gives the nvidia-ctk commands for a missing NVIDIA runtime', () => {
    expect(adviseDockerProblem(problem('nvidia-runtime-missing'))).toMatchObject({
      code: 'nvidia-runtime-missing',
      fixCommand: 'sudo apt-get install -y nvidia-container-toolkit && sudo nvidia-ctk runtime configure --runtime=docker && sudo systemctl restart docker',
    });
  });

  it('names the port and the command that shows who holds it', () => {
    const advice = adviseDockerProblem(problem('port-in-use'));
    expect(advice).toMatchObject({ code: 'port-in-use', message: 'Port 11434 on the box is already taken by another program or container.', fixCommand: "sudo ss -ltnp 'sport = :11434'" });
    expect(execFileSync('bash', ['-c', `ss() { printf '%s|' "$@"; }; sudo() { "$@"; }; ${advice.fixCommand!}`]).toString()).toBe('-ltnp|sport = :11434|');
  });

  it('offers to remove a container in the way, by its name', () => {
    expect(adviseDockerProblem(problem('name-conflict'))).toMatchObject({ code: 'conflict', message: 'A container named pgx-jupyterlab already exists on the box.', fixCommand: 'docker rm --force pgx-jupyterlab' });
  });

  it('tells an amd64 image from a missing one, and NGC logins from typos', () => {
    expect(adviseDockerProblem(problem('exec-format-error'))).toMatchObject({ code: 'image-arch-mismatch', fixCommand: null, hint: expect.stringContaining('nvcr.io/nvidia/pytorch:25.09-py3') });
    expect(adviseDockerProblem(problem('platform-mismatch'))).toMatchObject({ code: 'image-arch-mismatch', message: 'The image is built for linux/amd64, and the box is linux/arm64/v8.' });
    expect(adviseDockerProblem(classifyDockerError('no matching manifest for linux/arm64/v8 in the manifest list entries')!)).toMatchObject({ code: 'image-arch-mismatch' });
    expect(adviseDockerProblem(problem('image-not-found'))).toMatchObject({ code: 'image-not-found', message: 'The image vllm/vllm-openai:v9 does not exist: the registry has no such tag.' });
    expect(adviseDockerProblem(classifyDockerError("Error response from daemon: pull access denied for nvcr.io/nvidia/private, repository does not exist or may require 'docker login'")!)).toMatchObject({ fixCommand: 'docker login nvcr.io' });
    expect(adviseDockerProblem(classifyDockerError("pull access denied for foo/bar, repository does not exist or may require 'docker login'")!)).toMatchObject({ code: 'image-not-found', fixCommand: null });
    expect(adviseDockerProblem(classifyDockerError('Error response from daemon: No such image: nginx:latest')!)).toMatchObject({ message: 'The image nginx:latest is not on the box.' });
  });

  it('frees disk with a prune that asks first', () => {
    expect(adviseDockerProblem(problem('no-space'))).toMatchObject({ code: 'disk-full', fixCommand: 'docker image prune -a' });
    expect(dockerFixCommands.freeImageSpace).not.toMatch(/-f\b|--force/);
  });
});

describe('dockerAppError', () => {
  it('is an AppError with the fix in the hint and docker’s line in the details', () => {
    expect(dockerAppError(`Unable to find image 'x' locally\n${samples['docker-missing']}\n`)).toEqual({
      code: 'docker-missing',
      message: 'Docker is not installed on the box.',
      hint: 'Install it, then reconnect. Run: sudo apt-get install -y docker.io && sudo systemctl enable --now docker',
      details: ['bash: line 1: docker: command not found'],
    });
    expect(dockerAppError(samples['no-such-container'])).toEqual({ code: 'not-found', message: 'The container pgx-ollama is no longer on the box.', hint: 'It was removed; refresh the list.', details: ['Error response from daemon: No such container: pgx-ollama'] });
  });

  it('is null for output that names no problem', () => {
    expect(dockerAppError("Unable to find image 'ubuntu:latest' locally")).toBeNull();
    expect(dockerAppError('')).toBeNull();
  });
});
