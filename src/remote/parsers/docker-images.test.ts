import { describe, expect, it } from 'vitest';
import { captureSection } from '../../../main/demo/sim/programs/docker/capture-files.js';
import { imageReference, parseDockerImages } from './docker-images.js';
import { parseDockerBytes, parseDockerTime } from './docker-values.js';

describe('parseDockerImages against the captures', () => {
  const { images, issues } = parseDockerImages(captureSection("docker images --format '{{json .}}'").join('\n'));

  it('reads the overlay2 rows and the containerd-store row', () => {
    expect(issues).toEqual([]);
    expect(images.map(imageReference)).toEqual(['nginx:alpine', 'alpine:latest', 'nginx:alpine']);
  });

  it('turns <none> and N/A into null, never 0', () => {
    const nginx = images[0]!;
    expect(nginx.digest).toBeNull();
    expect(nginx.containers).toBeNull();
    expect(nginx.sharedSizeBytes).toBeNull();
    expect(nginx.uniqueSizeBytes).toBeNull();
  });

  it('reads decimal sizes, Go times with a zone and bare dates', () => {
    expect(images[0]!.sizeBytes).toBe(62_300_000);
    expect(images[0]!.createdAt).toBe(Date.UTC(2026, 7, 19, 20, 10, 55));
    expect(images[1]!.createdAt).toBe(Date.UTC(2026, 5, 9));
    expect(images[1]!.sizeBytes).toBe(8_450_000);
  });

  it('keeps the sha256 ID and the real digest of the containerd image store', () => {
    const stored = images[2]!;
    expect(stored.id).toBe('sha256:a2b80c421aaa02ba1ef4ef2d3c991112674e676f9db05fd42d456f2529b83a86');
    expect(stored.digest).toBe('sha256:df221db836e1754089190208cee7eeda94f233197056426eda74a43ab1abeac2');
    expect(stored.containers).toBe(1);
  });

  it('accepts the escaped \\u003cnone\\u003e form', () => {
    const line = '{"Containers":"N/A","CreatedAt":"2026-06-09","CreatedSince":"2 days ago","Digest":"\\u003cnone\\u003e","ID":"772bee4540c4","Repository":"\\u003cnone\\u003e","SharedSize":"N/A","Size":"8.45MB","Tag":"\\u003cnone\\u003e","UniqueSize":"N/A"}';
    const [image] = parseDockerImages(line).images;
    expect(image).toMatchObject({ repository: null, tag: null, digest: null });
    expect(imageReference(image!)).toBeNull();
  });
});

describe('docker values', () => {
  it.each([
    ['62.3MB', 62_300_000],
    ['2.352MiB', Math.round(2.352 * 1024 ** 2)],
    ['119.7GiB', Math.round(119.7 * 1024 ** 3)],
    ['0B', 0],
    ['1e+03MB', 1_000_000_000],
    ['--', null],
    ['N/A', null],
    ['12 apples', null],
  ])('bytes %s', (text, expected) => {
    expect(parseDockerBytes(text)).toBe(expected);
  });

  it('reads RFC 3339 with nanoseconds and treats Go’s zero time as never', () => {
    expect(parseDockerTime('2026-11-25T09:00:00.123456789Z')).toBe(Date.UTC(2026, 10, 25, 9, 0, 0, 123));
    expect(parseDockerTime('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseDockerTime('yesterday')).toBeNull();
  });
});
