import { describe, expect, it } from 'vitest';
import { parsePullLine } from '../remote/parsers/docker-pull.js';
import { emptyPullState, foldPullEvent, imageOnBox, layerFraction, normaliseImageReference, pullOutputTail, pullTotals, splitPullChunk, type PullState } from './pull-progress.js';

/** Feeds `text` in chunks of `size` characters, as an SSH channel hands it over. */
const fold = (text: string, size = text.length): PullState => {
  let state = emptyPullState;
  let carry = '';
  for (let at = 0; at < text.length; at += size) {
    const split = splitPullChunk(carry, text.slice(at, at + size));
    carry = split.carry;
    for (const piece of split.pieces) {
      const event = parsePullLine(piece);
      if (event) state = foldPullEvent(state, event);
    }
  }
  const last = carry === '' ? null : parsePullLine(carry);
  return last ? foldPullEvent(state, last) : state;
};

const esc = '\x1b';
/** One TTY redraw of the layer `up` lines above the cursor, the way docker's jsonmessage writes it. */
const redraw = (up: number, text: string) => `${esc}[${up}A${esc}[2K\r${text}\r${esc}[${up}B`;

/**
 * A pull on a pseudo-terminal (pty line endings are \r\n): each layer gets its own line (`\r\n`
 * when first seen) that is redrawn in place with cursor moves; byte counts come with the bars.
 */
const tty = [
  '25.09-py3: Pulling from nvidia/pytorch\r\n',
  '\r\n',
  redraw(1, '4b3ffd8ccb52: Pulling fs layer '),
  '\r\n',
  redraw(1, 'a2ad8b1fd6f3: Pulling fs layer '),
  '\r\n',
  redraw(1, 'f3b2d1b8d1e0: Pulling fs layer '),
  '\r\n',
  redraw(1, '0c9c2fa3c1c4: Already exists '),
  redraw(3, 'a2ad8b1fd6f3: Downloading [>                                                  ]  1.049MB/106.6MB 12s'),
  redraw(4, '4b3ffd8ccb52: Downloading [==========>                                        ]  1.2GB/5.764GB 1m4s'),
  redraw(2, 'f3b2d1b8d1e0: Retrying in 5 seconds '),
  redraw(3, 'a2ad8b1fd6f3: Downloading [==================================================>]  106.6MB/106.6MB'),
  redraw(3, 'a2ad8b1fd6f3: Verifying Checksum '),
  redraw(3, 'a2ad8b1fd6f3: Download complete '),
  redraw(2, 'f3b2d1b8d1e0: Downloading [=========================>                         ]  2.5kB/5kB'),
  redraw(4, '4b3ffd8ccb52: Downloading [==================================================>]  5.764GB/5.764GB'),
  redraw(4, '4b3ffd8ccb52: Download complete '),
  redraw(4, '4b3ffd8ccb52: Extracting [=========================>                         ]  2.882GB/5.764GB 9s'),
].join('');

/** The same pull without a terminal: status words only (docker drops every message with a byte count). */
const plain = `25.09-py3: Pulling from nvidia/pytorch
4b3ffd8ccb52: Pulling fs layer
a2ad8b1fd6f3: Pulling fs layer
f3b2d1b8d1e0: Pulling fs layer
0c9c2fa3c1c4: Already exists
f3b2d1b8d1e0: Retrying in 5 seconds
a2ad8b1fd6f3: Verifying Checksum
a2ad8b1fd6f3: Download complete
4b3ffd8ccb52: Verifying Checksum
4b3ffd8ccb52: Download complete
4b3ffd8ccb52: Pull complete
`;

const end = `Digest: sha256:${'5'.repeat(64)}
Status: Downloaded newer image for nvcr.io/nvidia/pytorch:25.09-py3
nvcr.io/nvidia/pytorch:25.09-py3
`;

describe('folding a pull into layer rows', () => {
  it('reads the TTY form: redraws, byte counts, retries and layers already on the box', () => {
    const state = fold(tty);
    expect(state.phase).toBe('pulling');
    expect(state.layers).toEqual([
      { id: '4b3ffd8ccb52', status: 'extracting', currentBytes: 2_882_000_000, totalBytes: 5_764_000_000 },
      { id: 'a2ad8b1fd6f3', status: 'download-complete', currentBytes: null, totalBytes: 106_600_000 },
      { id: 'f3b2d1b8d1e0', status: 'downloading', currentBytes: 2_500, totalBytes: 5_000 },
      { id: '0c9c2fa3c1c4', status: 'already-exists', currentBytes: null, totalBytes: null },
    ]);
    // Fed a few characters at a time, as the channel hands it over: the same rows.
    expect(fold(tty, 7)).toEqual(state);
    expect(fold(tty, 1)).toEqual(state);
  });

  it('keeps a layer’s size through the statuses that carry none, and drops a count that belongs to another status', () => {
    const state = fold(`${tty}${redraw(4, '4b3ffd8ccb52: Pull complete ')}\r\n`);
    expect(state.layers[0]).toEqual({ id: '4b3ffd8ccb52', status: 'pull-complete', currentBytes: null, totalBytes: 5_764_000_000 });
  });

  it('shows a retry as its own status, then the download again', () => {
    const retried = fold('f3b2d1b8d1e0: Downloading [==>   ]  1MB/5MB\nf3b2d1b8d1e0: Retrying in 5 seconds\n');
    expect(retried.layers).toEqual([{ id: 'f3b2d1b8d1e0', status: 'retrying', currentBytes: null, totalBytes: 5_000_000 }]);
    const again = fold('f3b2d1b8d1e0: Downloading [==>   ]  1MB/5MB\nf3b2d1b8d1e0: Retrying in 1 second\nf3b2d1b8d1e0: Downloading [>   ]  12kB/5MB\n');
    expect(again.layers[0]).toMatchObject({ status: 'downloading', currentBytes: 12_000 });
  });

  it('reads the plain form: statuses without byte counts, then the end', () => {
    const partial = fold(plain);
    expect(partial.layers.map((l) => [l.id, l.status, l.totalBytes])).toEqual([
      ['4b3ffd8ccb52', 'pull-complete', null],
      ['a2ad8b1fd6f3', 'download-complete', null],
      ['f3b2d1b8d1e0', 'retrying', null],
      ['0c9c2fa3c1c4', 'already-exists', null],
    ]);
    expect(partial.phase).toBe('pulling');
    const done = fold(plain + end);
    expect(done).toMatchObject({ phase: 'done', upToDate: false, reference: 'nvcr.io/nvidia/pytorch:25.09-py3' });
  });

  it('goes from resolving straight to done for an image that is up to date', () => {
    expect(fold('25.09-py3: Pulling from nvidia/vllm\n').phase).toBe('resolving');
    const state = fold(`25.09-py3: Pulling from nvidia/vllm\nDigest: sha256:${'a'.repeat(64)}\nStatus: Image is up to date for nvcr.io/nvidia/vllm:25.09-py3\nnvcr.io/nvidia/vllm:25.09-py3\n`);
    expect(state).toEqual({ layers: [], phase: 'done', upToDate: true, reference: 'nvcr.io/nvidia/vllm:25.09-py3' });
  });

  it('leaves the state as it was for lines that say nothing new', () => {
    const state = fold(tty);
    expect(foldPullEvent(state, { kind: 'other', text: 'what is this' })).toBe(state);
    expect(foldPullEvent(state, { kind: 'layer', layer: '0c9c2fa3c1c4', status: 'already-exists', currentBytes: null, totalBytes: null })).toBe(state);
  });
});

describe('overall progress', () => {
  it('sums the bytes docker has given: download and extraction count half each', () => {
    const totals = pullTotals(fold(tty).layers);
    expect(totals.knownBytes).toBe(5_764_000_000 + 106_600_000 + 5_000);
    expect(totals.downloadedBytes).toBe(5_764_000_000 + 106_600_000 + 2_500);
    expect(totals.extractedBytes).toBe(2_882_000_000);
    expect(totals.fraction).toBeCloseTo((totals.downloadedBytes + totals.extractedBytes) / (2 * totals.knownBytes), 10);
    expect(totals).toMatchObject({ layersDone: 1, layersTotal: 4 });
  });

  it('counts steps when there are no byte counts (no terminal), and is unknown before any layer', () => {
    const totals = pullTotals(fold(plain).layers);
    // pull-complete 1, download-complete 0.5, retrying 0: the layer already there is not part of the pull.
    expect(totals.fraction).toBeCloseTo(1.5 / 3, 10);
    expect(totals.layersDone).toBe(2);
    expect(pullTotals([]).fraction).toBeNull();
    expect(pullTotals(fold('0c9c2fa3c1c4: Already exists\n').layers).fraction).toBe(1);
  });
});

describe('one layer’s bar', () => {
  it('follows the bytes of the step the layer is in, and is unknown when docker gave none', () => {
    const [extracting, downloaded, downloading, present] = fold(tty).layers;
    expect(layerFraction(extracting!)).toBe(0.5);
    expect(layerFraction(downloaded!)).toBe(1);
    expect(layerFraction(downloading!)).toBe(0.5);
    expect(layerFraction(present!)).toBe(1);
    expect(layerFraction({ id: 'f3b2d1b8d1e0', status: 'downloading', currentBytes: null, totalBytes: null })).toBeNull();
    expect(layerFraction({ id: 'f3b2d1b8d1e0', status: 'waiting', currentBytes: null, totalBytes: null })).toBe(0);
  });
});

describe('what a failed pull said', () => {
  it('takes the readable last lines, without the terminal’s control sequences', () => {
    const text = `${tty}\r\nError response from daemon: failed to register layer: write /var/lib/docker/x: no space left on device\r\n`;
    expect(pullOutputTail(text, 2)).toEqual([
      '4b3ffd8ccb52: Extracting [=========================>                         ]  2.882GB/5.764GB 9s',
      'Error response from daemon: failed to register layer: write /var/lib/docker/x: no space left on device',
    ]);
  });
});

describe('is the image on the box already', () => {
  it.each([
    ['ubuntu', 'ubuntu:latest'],
    ['docker.io/library/ubuntu:latest', 'ubuntu:latest'],
    ['library/ubuntu', 'ubuntu:latest'],
    ['index.docker.io/ollama/ollama', 'ollama/ollama:latest'],
    ['nvcr.io/nvidia/pytorch:25.09-py3', 'nvcr.io/nvidia/pytorch:25.09-py3'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['localhost:5000/library/app:v1', 'localhost:5000/library/app:v1'],
    [`ubuntu@sha256:${'a'.repeat(64)}`, `ubuntu@sha256:${'a'.repeat(64)}`],
  ])('%s is %s', (input, expected) => {
    expect(normaliseImageReference(input)).toBe(expected);
  });

  it('compares against the list docker gives, dangling images included', () => {
    const listed = ['nvcr.io/nvidia/pytorch:25.09-py3', 'ubuntu:latest', null];
    expect(imageOnBox('docker.io/library/ubuntu', listed)).toBe(true);
    expect(imageOnBox('nvcr.io/nvidia/pytorch:25.09-py3', listed)).toBe(true);
    expect(imageOnBox('nvcr.io/nvidia/pytorch:25.10-py3', listed)).toBe(false);
    expect(imageOnBox('ubuntu:24.04', listed)).toBe(false);
    expect(imageOnBox('nvcr.io/nvidia/pytorch', listed)).toBe(false);
  });
});
