import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../e2e/harness/hostile-strings.js';
import { checkContainerRef, checkImageReference, imageRepository, InvalidDockerArgument, isContainerName, isContainerRef, isImageReference } from './docker-names.js';

describe('image references', () => {
  it.each([
    'ubuntu',
    'ubuntu:24.04',
    'nvcr.io/nvidia/pytorch:25.09-py3',
    'nvcr.io/nvidia/tensorrt-llm/release:spark-single-gpu-dev',
    'ghcr.io/open-webui/open-webui:main',
    'localhost:5000/team/app:v1.2',
    'quay.io/jupyter/pytorch-notebook:cuda12-latest',
    `ollama/ollama@sha256:${'a'.repeat(64)}`,
    `nginx:alpine@sha256:${'0'.repeat(64)}`,
    'a762a2b37a1d',
    `sha256:${'f'.repeat(64)}`,
    'my_org/some__name',
  ])('accepts %s', (ref) => {
    expect(isImageReference(ref)).toBe(true);
    expect(checkImageReference(ref)).toBe(ref);
  });

  it.each(['', '-rf', '--help', 'Ubuntu', 'ubuntu:', 'ubuntu:-x', 'a//b', 'a/', '/a', 'a b', 'a:b:c', `x:${'t'.repeat(129)}`, `${'a'.repeat(256)}`])('refuses %j', (ref) => {
    expect(isImageReference(ref)).toBe(false);
    expect(() => checkImageReference(ref)).toThrow(InvalidDockerArgument);
  });

  it('refuses every hostile string', () => {
    for (const value of hostileStrings) expect(isImageReference(value)).toBe(false);
  });

  it('strips tag and digest, but not a registry port', () => {
    expect(imageRepository('nvcr.io/nvidia/pytorch:25.09-py3')).toBe('nvcr.io/nvidia/pytorch');
    expect(imageRepository('localhost:5000/app')).toBe('localhost:5000/app');
    expect(imageRepository(`localhost:5000/app:v1@sha256:${'a'.repeat(64)}`)).toBe('localhost:5000/app');
    expect(imageRepository('ubuntu')).toBe('ubuntu');
  });
});

describe('containers', () => {
  it('takes names as the daemon does (two characters at least, no leading symbol)', () => {
    expect(isContainerName('pgx-jupyterlab')).toBe(true);
    expect(isContainerName('my.app_2')).toBe(true);
    expect(isContainerName('a')).toBe(false);
    expect(isContainerName('-x')).toBe(false);
    expect(isContainerName('_x')).toBe(false);
    expect(isContainerName('a/b')).toBe(false);
  });

  it('takes an id prefix or a name as a reference, nothing an option could be', () => {
    expect(isContainerRef('7e3')).toBe(true);
    expect(isContainerRef('a'.repeat(64))).toBe(true);
    expect(checkContainerRef('pgx-ollama')).toBe('pgx-ollama');
    for (const value of hostileStrings) expect(() => checkContainerRef(value)).toThrow(InvalidDockerArgument);
  });
});
