import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import { InvalidDockerArgument } from './docker-names.js';
import {
  commandLine,
  containerLogsCommand,
  containerShellScript,
  containerStatsCommand,
  execShellCommand,
  imagePlatformsCommand,
  inspectContainersCommand,
  inspectImagesCommand,
  listContainersCommand,
  listImagesCommand,
  localImageArchitectureCommand,
  pullImageCommand,
  registryPlatformsCommand,
  removeContainersCommand,
  restartContainersCommand,
  startContainersCommand,
  stopContainersCommand,
} from './docker.js';

/** The argv docker would get from a real bash: `docker` is a function printing its words. */
const dockerArgv = (line: string): string[][] => {
  const script = `docker() { printf '%s\\0' "$@"; printf '\\1'; }; ${line}`;
  const out = execFileSync('bash', ['-c', script], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/home/demo' } }).toString();
  return out
    .split('\x01')
    .slice(0, -1)
    .map((call) => call.split('\0').slice(0, -1));
};

describe('listing', () => {
  it('lists every container as JSON lines, ours by label when asked', () => {
    expect(listContainersCommand()).toBe("LC_ALL=C docker ps -a --no-trunc --format '{{json .}}'");
    expect(listContainersCommand({ only: 'ours' })).toBe("LC_ALL=C docker ps -a --no-trunc --filter label=pgx-companion.kind --format '{{json .}}'");
    expect(listContainersCommand({ only: 'app' })).toBe("LC_ALL=C docker ps -a --no-trunc --filter label=pgx-companion.kind=app --format '{{json .}}'");
    expect(dockerArgv(listContainersCommand({ only: 'app' }))).toEqual([['ps', '-a', '--no-trunc', '--filter', 'label=pgx-companion.kind=app', '--format', '{{json .}}']]);
  });

  it('lists images and stats the same way', () => {
    expect(listImagesCommand()).toBe("LC_ALL=C docker images --format '{{json .}}'");
    expect(containerStatsCommand()).toBe("LC_ALL=C docker stats --no-stream --no-trunc --format '{{json .}}'");
    expect(dockerArgv(listImagesCommand())).toEqual([['images', '--format', '{{json .}}']]);
  });

  it('inspects containers and images by name, several at once', () => {
    expect(inspectContainersCommand(['pgx-jupyterlab', '7e38041415ed'])).toBe('LC_ALL=C docker container inspect pgx-jupyterlab 7e38041415ed');
    expect(inspectImagesCommand(['nvcr.io/nvidia/pytorch:25.09-py3'])).toBe('LC_ALL=C docker image inspect nvcr.io/nvidia/pytorch:25.09-py3');
    expect(() => inspectContainersCommand([])).toThrow(InvalidDockerArgument);
    expect(() => inspectImagesCommand([])).toThrow(InvalidDockerArgument);
  });
});

describe('logs', () => {
  it('tails 1000 lines by default, and follows with timestamps when asked', () => {
    expect(containerLogsCommand('pgx-ollama')).toBe('LC_ALL=C docker logs --tail 1000 pgx-ollama');
    expect(containerLogsCommand('pgx-ollama', { tail: 50, follow: true, timestamps: true })).toBe('LC_ALL=C docker logs --tail 50 --follow --timestamps pgx-ollama');
    expect(containerLogsCommand('pgx-ollama', { tail: 'all', since: '10m' })).toBe('LC_ALL=C docker logs --tail all --since 10m pgx-ollama');
    expect(containerLogsCommand('x1', { since: '2026-11-25T09:00:00.5Z' })).toBe('LC_ALL=C docker logs --tail 1000 --since 2026-11-25T09:00:00.5Z x1');
  });

  it('refuses counts and times docker would not read', () => {
    expect(() => containerLogsCommand('x1', { tail: -1 })).toThrow(InvalidDockerArgument);
    expect(() => containerLogsCommand('x1', { tail: 1.5 })).toThrow(InvalidDockerArgument);
    expect(() => containerLogsCommand('x1', { since: '$(reboot)' })).toThrow(InvalidDockerArgument);
    expect(() => containerLogsCommand('x1', { since: 'yesterday' })).toThrow(InvalidDockerArgument);
  });
});

describe('lifecycle', () => {
  it('starts, stops, restarts and removes one or more containers', () => {
    expect(startContainersCommand(['a1', 'b2'])).toBe('LC_ALL=C docker start a1 b2');
    expect(stopContainersCommand(['pgx-ollama'])).toBe('LC_ALL=C docker stop -t 10 pgx-ollama');
    expect(stopContainersCommand(['pgx-ollama'], { timeoutSeconds: 30 })).toBe('LC_ALL=C docker stop -t 30 pgx-ollama');
    expect(restartContainersCommand(['pgx-ollama'], { timeoutSeconds: 0 })).toBe('LC_ALL=C docker restart -t 0 pgx-ollama');
    expect(removeContainersCommand(['pgx-ollama'])).toBe('LC_ALL=C docker rm pgx-ollama');
    expect(removeContainersCommand(['pgx-ollama', 'x1'], { force: true, volumes: true })).toBe('LC_ALL=C docker rm --force --volumes pgx-ollama x1');
  });

  it('never lets a name become an option or a second command', () => {
    for (const value of hostileStrings) {
      expect(() => stopContainersCommand([value])).toThrow(InvalidDockerArgument);
      expect(() => removeContainersCommand(['ok-name', value], { force: true })).toThrow(InvalidDockerArgument);
      expect(() => containerLogsCommand(value)).toThrow(InvalidDockerArgument);
      expect(() => execShellCommand(value)).toThrow(InvalidDockerArgument);
    }
    expect(() => stopContainersCommand([])).toThrow(InvalidDockerArgument);
    expect(() => stopContainersCommand(['x1'], { timeoutSeconds: -1 })).toThrow(InvalidDockerArgument);
  });
});

describe('images', () => {
  it('pulls, optionally for one platform only', () => {
    expect(pullImageCommand('ollama/ollama:latest')).toBe('LC_ALL=C docker pull ollama/ollama:latest');
    expect(pullImageCommand('ollama/ollama:latest', { platform: 'linux/arm64' })).toBe('LC_ALL=C docker pull --platform linux/arm64 ollama/ollama:latest');
    expect(() => pullImageCommand('ollama/ollama', { platform: 'linux/arm64; reboot' })).toThrow(InvalidDockerArgument);
    for (const value of hostileStrings) expect(() => pullImageCommand(value)).toThrow(InvalidDockerArgument);
  });

  it('asks the box first and the registry second for an image platform', () => {
    const image = 'nvcr.io/nvidia/pytorch:25.09-py3';
    expect(localImageArchitectureCommand(image)).toBe("LC_ALL=C docker image inspect --format '{{.Architecture}}' nvcr.io/nvidia/pytorch:25.09-py3");
    expect(registryPlatformsCommand(image)).toBe('LC_ALL=C docker manifest inspect --verbose nvcr.io/nvidia/pytorch:25.09-py3');
    expect(imagePlatformsCommand(image)).toBe(
      "LC_ALL=C docker image inspect --format '{{.Architecture}}' nvcr.io/nvidia/pytorch:25.09-py3 2>/dev/null || LC_ALL=C docker manifest inspect --verbose nvcr.io/nvidia/pytorch:25.09-py3",
    );
  });

  it('reaches the registry only when the local inspect fails', () => {
    const failLocal = (line: string) => `docker() { if [ "$1" = image ]; then return 1; fi; printf '%s ' "$@"; }; ${line}`;
    const out = execFileSync('bash', ['-c', failLocal(imagePlatformsCommand('ubuntu:24.04'))]).toString();
    expect(out).toBe('manifest inspect --verbose ubuntu:24.04 ');
  });
});

describe('exec', () => {
  it('opens bash in the container when it has one, else sh', () => {
    expect(execShellCommand('pgx-jupyterlab')).toBe("docker exec -it pgx-jupyterlab sh -c 'command -v bash >/dev/null && exec bash || exec sh'");
    expect(dockerArgv(execShellCommand('pgx-jupyterlab'))).toEqual([['exec', '-it', 'pgx-jupyterlab', 'sh', '-c', containerShellScript]]);
  });

  it('picks bash or sh as a real sh would', () => {
    const pick = (path: string) => execFileSync('/bin/sh', ['-c', containerShellScript.replace(/exec (\w+)/g, 'echo $1')], { env: { PATH: path } }).toString().trim();
    expect(pick('/usr/bin:/bin')).toBe('bash');
    expect(pick('/nonexistent')).toBe('sh');
  });
});

describe('commandLine', () => {
  it('quotes each word, passes Raw text, and skips absent words', () => {
    expect(commandLine('docker', 'ps', undefined, false, '--format', '{{json .}}', 8000)).toBe("docker ps --format '{{json .}}' 8000");
    for (const value of hostileStrings) expect(dockerArgv(commandLine('docker', 'x', value))).toEqual([['x', value]]);
  });
});
