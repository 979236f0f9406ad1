import { describe, expect, it } from 'vitest';
import { captureSection } from '../../../main/demo/sim/programs/docker/capture-files.js';
import { parseDockerRuntimes } from './docker-info.js';
import { parseDockerInspect, parseInspectArchitecture, parseInspectLabels } from './docker-inspect.js';

describe('docker inspect parsers', () => {
  it('reads the captured `--format {{.Architecture}}` answer', () => {
    expect(parseInspectArchitecture(captureSection("docker image inspect --format '{{.Architecture}}'").join('\n'))).toBe('arm64');
    expect(parseInspectArchitecture('')).toBeNull();
    expect(parseInspectArchitecture('Error: No such object: x')).toBeNull();
  });

  it('reads `{{json .Config.Labels}}` exactly, commas and all', () => {
    expect(parseInspectLabels('{"pgx-companion.spec":"{\\"a\\":1,\\"b\\":\\"x,y=z\\"}","z":"1"}\n')).toEqual({ 'pgx-companion.spec': '{"a":1,"b":"x,y=z"}', z: '1' });
    expect(parseInspectLabels('null')).toEqual({});
    expect(parseInspectLabels('map[a:b]')).toBeNull();
  });

  const container = {
    Id: 'e60c2c5247297986fc4afe425f0e2d6fad50e6bea65b5970e5cd214ce1eb2560',
    Created: '2026-11-25T09:00:00.123456789Z',
    State: { Status: 'running', Running: true, Paused: false, Restarting: false, OOMKilled: false, Dead: false, Pid: 41000, ExitCode: 0, Error: '', StartedAt: '2026-11-25T09:00:01Z', FinishedAt: '0001-01-01T00:00:00Z' },
    Image: 'sha256:d815d4d56427',
    Name: '/vllm',
    HostConfig: {
      NetworkMode: 'bridge',
      PortBindings: { '8000/tcp': [{ HostIp: '', HostPort: '8000' }] },
      RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
      AutoRemove: false,
      IpcMode: 'host',
      Privileged: false,
      ShmSize: 67108864,
      Runtime: 'runc',
      DeviceRequests: [{ Driver: '', Count: -1, DeviceIDs: null, Capabilities: [['gpu']], Options: {} }],
    },
    Mounts: [{ Type: 'bind', Source: '/home/demo/.cache/huggingface', Destination: '/root/.cache/huggingface', Mode: '', RW: true, Propagation: 'rprivate' }],
    Config: { Image: 'nvcr.io/nvidia/vllm:25.09-py3', Env: ['A=1'], Cmd: ['vllm', 'serve', 'Qwen/Qwen3-8B'], Entrypoint: ['/opt/nvidia/nvidia_entrypoint.sh'], WorkingDir: '/workspace', Labels: { 'pgx-companion.kind': 'serve' } },
    NetworkSettings: { Ports: { '8000/tcp': [{ HostIp: '0.0.0.0', HostPort: '8000' }, { HostIp: '::', HostPort: '8000' }], '6006/tcp': null } },
  };

  it('reads a container: state, labels, ports asked for and bound, mounts, GPU request', () => {
    const result = parseDockerInspect(JSON.stringify([container], null, 4));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [item] = result.items;
    expect(item?.kind).toBe('container');
    if (item?.kind !== 'container') return;
    expect(item.name).toBe('vllm');
    expect(item.state).toMatchObject({ status: 'running', running: true, pid: 41000, exitCode: 0, finishedAt: null, startedAt: Date.UTC(2026, 10, 25, 9, 0, 1) });
    expect(item.labels).toEqual({ 'pgx-companion.kind': 'serve' });
    expect(item.portBindings).toEqual([{ hostIp: '', hostPort: 8000, containerPort: 8000, protocol: 'tcp' }]);
    expect(item.ports).toContainEqual({ hostIp: '::', hostPort: 8000, containerPort: 8000, protocol: 'tcp' });
    expect(item.ports).toContainEqual({ hostIp: null, hostPort: null, containerPort: 6006, protocol: 'tcp' });
    expect(item.gpus).toEqual({ count: -1, deviceIds: null });
    expect(item.mounts[0]).toEqual({ type: 'bind', source: '/home/demo/.cache/huggingface', destination: '/root/.cache/huggingface', readOnly: false, name: null });
    expect(item.restartPolicy).toBe('unless-stopped');
  });

  it('reads an image and says why for what it cannot read', () => {
    const image = { Id: 'sha256:abc', RepoTags: ['ubuntu:latest'], RepoDigests: [], Created: '2026-11-04T09:00:00Z', Config: { Env: [], Cmd: ['/bin/bash'] }, Architecture: 'amd64', Os: 'linux', Size: 105906176 };
    const result = parseDockerInspect(JSON.stringify([image]));
    expect(result.ok && result.items[0]).toMatchObject({ kind: 'image', architecture: 'amd64', repoTags: ['ubuntu:latest'], cmd: ['/bin/bash'], sizeBytes: 105906176, variant: null });
    expect(parseDockerInspect('[]')).toEqual({ ok: true, items: [] });
    expect(parseDockerInspect('')).toEqual({ ok: false, reason: 'no output' });
    expect(parseDockerInspect('{"Id":"x"}')).toEqual({ ok: false, reason: 'not a JSON array' });
    expect(parseDockerInspect('[{"foo":1}]')).toEqual({ ok: false, reason: 'an element is neither a container nor an image' });
  });
});

describe('parseDockerRuntimes', () => {
  it.each([
    ['{"io.containerd.runc.v2":{"path":"runc"},"nvidia":{"path":"nvidia-container-runtime"},"runc":{"path":"runc"}}', true],
    ['map[io.containerd.runc.v2:{{runc []  map[]} map[]} nvidia:{{nvidia-container-runtime []  map[]} map[]} runc:{{runc []  map[]} map[]}]', true],
    [' Runtimes: io.containerd.runc.v2 runc\n Default Runtime: runc', false],
  ])('%s', (output, hasNvidia) => {
    const result = parseDockerRuntimes(output);
    expect(result.ok && result.value.hasNvidia).toBe(hasNvidia);
    expect(result.ok && result.value.names).toContain('runc');
  });

  it('says why on odd input', () => {
    expect(parseDockerRuntimes('')).toEqual({ ok: false, reason: 'no runtimes in the output' });
  });
});
