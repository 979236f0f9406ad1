import { describe, expect, it } from 'vitest';
import { parsePullLine, parsePullOutput } from './docker-pull.js';

/**
 * No pull transcript is among the captures (README §3 has none); these lines are the daemon's
 * messages as moby v28.5.1 writes them (distribution/xfer/download.go, pull_v2.go) and as the
 * CLI prints them without a terminal (jsonmessage drops messages carrying byte counts).
 */
const plain = `Using default tag: latest
latest: Pulling from library/ubuntu
39809d95f85e: Pulling fs layer
1578b2c0793c: Pulling fs layer
c31c3e5a430d: Pulling fs layer
eec6912507d3: Pulling fs layer
eec6912507d3: Waiting
1578b2c0793c: Verifying Checksum
1578b2c0793c: Download complete
39809d95f85e: Verifying Checksum
39809d95f85e: Download complete
39809d95f85e: Pull complete
1578b2c0793c: Pull complete
c31c3e5a430d: Already exists
`;

describe('parsePullOutput', () => {
  it('follows layers through a partial non-TTY pull', () => {
    const progress = parsePullOutput(plain);
    expect(progress.layers.map((l) => [l.id, l.status])).toEqual([
      ['39809d95f85e', 'pull-complete'],
      ['1578b2c0793c', 'pull-complete'],
      ['c31c3e5a430d', 'already-exists'],
      ['eec6912507d3', 'waiting'],
    ]);
    expect(progress.layersDone).toBe(3);
    expect(progress.finished).toBe(false);
    expect(progress.events[1]).toEqual({ kind: 'pulling-from', tagOrDigest: 'latest', repository: 'library/ubuntu' });
  });

  it('reads the end of a pull and the fully qualified reference', () => {
    const done = parsePullOutput(`${plain}eec6912507d3: Pull complete
Digest: sha256:05a2fa66923c189ed0212d3ae9c05827d22bce1777816bfdbbcc3dd9a7e2f70b
Status: Downloaded newer image for ubuntu:latest
docker.io/library/ubuntu:latest
`);
    expect(done).toMatchObject({ finished: true, upToDate: false, reference: 'docker.io/library/ubuntu:latest', layersDone: 4 });
    expect(done.digest).toBe('sha256:05a2fa66923c189ed0212d3ae9c05827d22bce1777816bfdbbcc3dd9a7e2f70b');
    const upToDate = parsePullOutput('25.09-py3: Pulling from nvidia/vllm\nDigest: sha256:' + 'a'.repeat(64) + '\nStatus: Image is up to date for nvcr.io/nvidia/vllm:25.09-py3\nnvcr.io/nvidia/vllm:25.09-py3\n');
    expect(upToDate).toMatchObject({ finished: true, upToDate: true, reference: 'nvcr.io/nvidia/vllm:25.09-py3' });
  });

  it('reads TTY redraws with cursor moves and byte counts', () => {
    const tty = '\n\x1b[1A\x1b[2K\r39809d95f85e: Downloading [=====>                                             ]  12.35MB/124.6MB 8s\r\x1b[1B';
    const [layer] = parsePullOutput(tty).layers;
    expect(layer).toEqual({ id: '39809d95f85e', status: 'downloading', currentBytes: 12_350_000, totalBytes: 124_600_000 });
  });

  it('never throws on odd lines', () => {
    expect(parsePullLine('')).toBeNull();
    expect(parsePullLine('what is this')).toEqual({ kind: 'other', text: 'what is this' });
    expect(parsePullLine('WARNING: The requested image\'s platform (linux/amd64) does not match')).toMatchObject({ kind: 'warning' });
  });
});
