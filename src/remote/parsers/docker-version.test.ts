import { describe, expect, it } from 'vitest';
import { captureSection } from '../../../main/demo/sim/programs/docker/capture-files.js';
import { parseDockerVersionJson, parseDockerVersionLine, parseDockerVersionText } from './docker-version.js';

describe('docker version parsers against the captures', () => {
  it('reads the plain `docker version` of the GB10 capture (cut short in its source)', () => {
    const result = parseDockerVersionText(captureSection('docker version (plain)').join('\n'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.client).toEqual({ version: '28.5.1', apiVersion: '1.51', os: 'linux', arch: 'arm64', context: 'default' });
    expect(result.value.server).toMatchObject({ version: '28.5.1', apiVersion: '1.51', minApiVersion: '1.24', os: 'linux', arch: 'arm64' });
    expect(result.value.server?.components).toEqual([
      { name: 'Engine', version: '28.5.1' },
      { name: 'containerd', version: 'v1.7.28' },
      { name: 'runc', version: '1.3.0' },
    ]);
  });

  it('reads `docker --version`', () => {
    expect(parseDockerVersionLine(captureSection('docker --version').join('\n'))).toEqual({ version: '29.1.3', build: 'f52814d' });
    expect(parseDockerVersionLine('podman version 4.9.3')).toBeNull();
  });

  const [docs = '', clientOnly = '', podman = ''] = captureSection("docker version --format '{{json .}}'");

  it('refuses the docs excerpt that the source cut mid-object', () => {
    expect(parseDockerVersionJson(docs)).toEqual({ ok: false, reason: 'not JSON' });
  });

  it('reads a client-only answer (daemon unreachable) as server null', () => {
    const result = parseDockerVersionJson(clientOnly);
    expect(result).toEqual({
      ok: true,
      value: { engine: 'docker', client: { version: '29.8.1', apiVersion: '1.56', os: 'linux', arch: 'amd64', context: 'default' }, server: null },
    });
  });

  it('tells podman’s docker-compatible output apart', () => {
    const result = parseDockerVersionJson(podman);
    expect(result.ok && result.value.engine).toBe('podman');
    expect(result.ok && result.value.client).toEqual({ version: '4.9.3', apiVersion: '4.9.3', os: 'linux', arch: 'amd64', context: null });
  });

  it('says why when there is nothing to read', () => {
    expect(parseDockerVersionJson('')).toEqual({ ok: false, reason: 'no JSON object in the output' });
    expect(parseDockerVersionJson('{"Server":{}}')).toEqual({ ok: false, reason: 'no Client section' });
    expect(parseDockerVersionText('garbage').ok).toBe(false);
  });
});
