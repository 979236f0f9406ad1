import { describe, expect, it } from 'vitest';
import { captureSection } from '../../../main/demo/sim/programs/docker/capture-files.js';
import { splitDockerLabels } from './docker-labels.js';
import { parseDockerPorts } from './docker-ports.js';
import { parseDockerPs } from './docker-ps.js';
import { parseDockerStatus } from './docker-status.js';

describe('parseDockerPs against the captures (README §3, docker-formats.txt)', () => {
  const rows = captureSection("docker ps --format '{{json .}}'");
  const { containers, issues } = parseDockerPs(rows.join('\n'));

  it('reads every captured row', () => {
    expect(issues).toEqual([]);
    expect(containers.map((c) => c.name)).toEqual(['boring_keldysh', 'demo-db-1', 'web']);
  });

  it('reads the Docker docs row: quoted ellipsised command, HTML-escaped label, exposed port, CET time', () => {
    const nginx = containers[0]!;
    expect(nginx.id).toBe('a762a2b37a1d');
    expect(nginx.command).toBe('/docker-entrypoint.…');
    expect(nginx.commandTruncated).toBe(true);
    expect(nginx.createdAt).toBe(Date.UTC(2021, 2, 9, 23, 15, 5));
    expect(nginx.labels).toEqual({ maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' });
    expect(nginx.ports).toEqual([{ hostIp: null, hostPort: null, containerPort: 80, protocol: 'tcp' }]);
    expect(nginx.state).toBe('running');
    expect(nginx.status).toMatchObject({ kind: 'up', duration: '3 seconds', exitCode: null });
    expect(nginx.mounts).toEqual([]);
    expect(nginx.localVolumes).toBe(0);
    expect(nginx.sizeRwBytes).toBe(0);
    expect(nginx.platform).toBeNull();
  });

  it('reads compose labels, a loopback port and an exited container', () => {
    const db = containers[1]!;
    expect(db.labels).toEqual({ 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'db' });
    expect(db.ports).toEqual([{ hostIp: '127.0.0.1', hostPort: 5432, containerPort: 5432, protocol: 'tcp' }]);
    expect(db.createdAt).toBe(Date.UTC(2026, 7, 4, 9, 35, 29));
    expect(db.localVolumes).toBeNull(); // absent from that row: null, not 0
    const web = containers[2]!;
    expect(web.labels).toEqual({});
    expect(web.state).toBe('exited');
    expect(web.status).toMatchObject({ kind: 'exited', exitCode: 0, duration: '5 minutes' });
    expect(web.command).toBe("nginx -g 'daemon of…");
  });

  it('reports odd lines instead of throwing', () => {
    const result = parseDockerPs(['not json', '{"ID":"zz"}', '[1,2]', rows[0]!].join('\n'));
    expect(result.containers).toHaveLength(1);
    expect(result.issues.map((i) => i.line)).toEqual([1, 2, 3]);
  });
});

describe('splitDockerLabels (commas and = inside values)', () => {
  it('keeps a comma inside a value when the next piece is not a key', () => {
    expect(splitDockerLabels('a=x,y,b=2')).toEqual({ a: 'x,y', b: '2' });
  });

  it('uses docker’s sort order: a piece that would sort before the previous label is part of its value', () => {
    expect(splitDockerLabels('z=1,b=2')).toEqual({ z: '1,b=2' });
    expect(splitDockerLabels('pgx-companion.spec={"a":1,"b":"x,y=z"}')).toEqual({ 'pgx-companion.spec': '{"a":1,"b":"x,y=z"}' });
  });

  it('keeps = in values and empty values', () => {
    expect(splitDockerLabels('k=v=w,solo=')).toEqual({ k: 'v=w', solo: '' });
    expect(splitDockerLabels('')).toEqual({});
  });
});

describe('parseDockerPorts', () => {
  it('reads IPv4, bracketed and old-style IPv6, ranges and exposed ports', () => {
    const { bindings, unparsed } = parseDockerPorts('0.0.0.0:8000-8001->8000-8001/tcp, [::]:8000->8000/tcp, :::9000->90/udp, 11434/tcp, nonsense');
    expect(bindings).toEqual([
      { hostIp: '0.0.0.0', hostPort: 8000, containerPort: 8000, protocol: 'tcp' },
      { hostIp: '0.0.0.0', hostPort: 8001, containerPort: 8001, protocol: 'tcp' },
      { hostIp: '::', hostPort: 8000, containerPort: 8000, protocol: 'tcp' },
      { hostIp: '::', hostPort: 9000, containerPort: 90, protocol: 'udp' },
      { hostIp: null, hostPort: null, containerPort: 11434, protocol: 'tcp' },
    ]);
    expect(unparsed).toEqual(['nonsense']);
  });
});

describe('parseDockerStatus', () => {
  it.each([
    ['Up 2 hours (healthy)', { kind: 'up', health: 'healthy', duration: '2 hours' }],
    ['Up 32 hours', { kind: 'up', health: null }],
    ['Up 3 seconds (Paused)', { kind: 'paused' }],
    ['Exited (137) 2 days ago', { kind: 'exited', exitCode: 137, duration: '2 days' }],
    ['Restarting (1) 5 seconds ago', { kind: 'restarting', exitCode: 1 }],
    ['Created', { kind: 'created', exitCode: null }],
    ['', { kind: 'unknown' }],
  ])('%s', (text, expected) => {
    expect(parseDockerStatus(text)).toMatchObject(expected);
  });
});
