import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../../e2e/harness/hostile-strings.js';
import { readPgxLabels } from '../remote/commands/pgx-labels.js';
import { checkImagePlatform, containerRecipe, ContainerRunSpec, labelledContainer, runCommand, withPgxLabels } from './container-run.js';

/** The argv a real bash hands docker for a run line (docker is a function printing its words). */
const dockerArgv = (line: string, home = '/home/demo'): string[] => {
  const out = execFileSync('bash', ['-c', `docker() { printf '%s\\0' "$@"; }; ${line}`], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home } });
  return out.toString().split('\0').slice(0, -1);
};

/** The review's TensorRT-LLM server, as a spec. */
const review = ContainerRunSpec.parse({
  image: 'nvcr.io/nvidia/tensorrt-llm/release:spark-single-gpu-dev',
  name: 'trtllm-serve',
  network: 'host',
  volumes: [{ host: '/data/llm-model/nvidia/Qwen3-30B-A3B-NVFP4', container: '/workspace/model' }],
  ports: [{ box: 8000, container: 8000 }],
  command: ['trtllm-serve', '/workspace/model', '--backend', 'pytorch', '--max_batch_size', '10', '--host', '0.0.0.0', '--port', '8000'],
});

describe('ContainerRunSpec', () => {
  it('fills in the NGC defaults', () => {
    expect(ContainerRunSpec.parse({ image: 'ubuntu:24.04' })).toEqual({
      image: 'ubuntu:24.04',
      gpus: 'all',
      ipcHost: true,
      ulimits: { memlock: -1, stack: 67108864 },
      network: 'bridge',
      privileged: false,
      ports: [],
      volumes: [],
      env: [],
      restart: 'unless-stopped',
      command: [],
      shell: false,
      labels: {},
      detach: true,
    });
    expect(ContainerRunSpec.parse({ image: 'x1', ports: [{ box: 80, container: 8080 }] }).ports).toEqual([{ box: 80, container: 8080, address: '127.0.0.1', protocol: 'tcp' }]);
  });

  it.each([
    ['a bad image', { image: '-rf' }],
    ['an option for a name', { image: 'x1', name: '--rm' }],
    ['a colon in a mounted path', { image: 'x1', volumes: [{ host: '/a:b', container: '/x' }] }],
    ['a relative mount', { image: 'x1', volumes: [{ host: 'data/x', container: '/x' }] }],
    ['a relative container path', { image: 'x1', volumes: [{ host: '/a', container: 'x' }] }],
    ['an env key with a space', { image: 'x1', env: [{ key: 'A B', value: '1' }] }],
    ['an env key set twice', { image: 'x1', env: [{ key: 'A', value: '1' }, { key: 'A', value: '2' }] }],
    ['a NUL in a value', { image: 'x1', env: [{ key: 'A', value: 'a\0b' }] }],
    ['a box port twice', { image: 'x1', ports: [{ box: 80, container: 1 }, { box: 80, container: 2 }] }],
    ['a remapped port on the host network', { image: 'x1', network: 'host', ports: [{ box: 80, container: 8080 }] }],
    ['one target mounted twice', { image: 'x1', volumes: [{ host: '/a', container: '/x' }, { host: '/b', container: '/x' }] }],
    ['a port out of range', { image: 'x1', ports: [{ box: 70000, container: 1 }] }],
    ['an attached container', { image: 'x1', detach: false }],
  ])('refuses %s', (_, input) => {
    expect(ContainerRunSpec.safeParse(input).success).toBe(false);
  });
});

describe('runCommand', () => {
  it('writes the review line with the NGC defaults, ports dropped on the host network', () => {
    expect(runCommand(review)).toBe(
      'docker run -d --name trtllm-serve --gpus all --ipc host --ulimit memlock=-1 --ulimit stack=67108864 --network host --restart unless-stopped ' +
        '-v /data/llm-model/nvidia/Qwen3-30B-A3B-NVFP4:/workspace/model nvcr.io/nvidia/tensorrt-llm/release:spark-single-gpu-dev ' +
        'trtllm-serve /workspace/model --backend pytorch --max_batch_size 10 --host 0.0.0.0 --port 8000',
    );
  });

  it('keeps the shell open with -it right after -d when asked (a bash command then stays up)', () => {
    expect(runCommand(ContainerRunSpec.parse({ image: 'nvcr.io/nvidia/pytorch:25.09-py3', name: 'torch', shell: true, ipcHost: false, ulimits: { memlock: null, stack: null }, restart: 'no' }))).toBe(
      'docker run -d -it --name torch --gpus all nvcr.io/nvidia/pytorch:25.09-py3',
    );
  });

  it('breaks the line per option group as the review prints it, still one command', () => {
    const lines = runCommand(review, { multiline: true }).split('\n');
    expect(lines[0]).toBe('docker run -d \\');
    expect(lines[1]).toBe('  --name trtllm-serve \\');
    expect(lines.at(-1)).toBe('  nvcr.io/nvidia/tensorrt-llm/release:spark-single-gpu-dev trtllm-serve /workspace/model --backend pytorch --max_batch_size 10 --host 0.0.0.0 --port 8000');
    expect(dockerArgv(runCommand(review, { multiline: true }))).toEqual(dockerArgv(runCommand(review)));
  });

  it('publishes on loopback unless asked, leaves out what is off, and expands only ~', () => {
    const spec = ContainerRunSpec.parse({
      image: 'ollama/ollama',
      gpus: 'none',
      ipcHost: false,
      ulimits: { memlock: null, stack: 1024 },
      restart: 'no',
      privileged: true,
      ports: [{ box: 11434, container: 11434 }, { box: 5353, container: 53, address: '0.0.0.0', protocol: 'udp' }],
      volumes: [{ host: '~/my models', container: '/root/.ollama', readOnly: true }, { host: 'ollama', container: '/data' }, { host: '~', container: '/home' }],
      workdir: '/root',
      entrypoint: '/bin/ollama',
      command: ['serve'],
    });
    const line = runCommand(spec);
    expect(line).toBe(
      "docker run -d --ulimit stack=1024 --privileged -p 127.0.0.1:11434:11434 -p 0.0.0.0:5353:53/udp -v \"$HOME\"/'my models':/root/.ollama:ro -v ollama:/data -v \"$HOME\":/home -w /root --entrypoint /bin/ollama ollama/ollama serve",
    );
    expect(dockerArgv(line, '/home/it s')).toEqual([
      'run', '-d', '--ulimit', 'stack=1024', '--privileged', '-p', '127.0.0.1:11434:11434', '-p', '0.0.0.0:5353:53/udp',
      '-v', '/home/it s/my models:/root/.ollama:ro', '-v', 'ollama:/data', '-v', '/home/it s:/home', '-w', '/root', '--entrypoint', '/bin/ollama', 'ollama/ollama', 'serve',
    ]);
  });

  it('passes hostile env values, labels, arguments and paths as single words', () => {
    for (const value of hostileStrings) {
      const spec = ContainerRunSpec.parse({
        image: 'ubuntu',
        env: [{ key: 'HF_TOKEN', value }],
        labels: { 'com.example.note': value },
        volumes: value.includes(':') || value.includes('\0') ? [] : [{ host: `/data/${value}`, container: `/in/${value}` }],
        command: ['echo', value],
      });
      const argv = dockerArgv(runCommand(spec));
      expect(argv).toContain(`HF_TOKEN=${value}`);
      expect(argv).toContain(`com.example.note=${value}`);
      expect(argv.slice(-2)).toEqual(['echo', value]);
      if (spec.volumes.length > 0) expect(argv).toContain(`/data/${value}:/in/${value}`);
    }
  });
});

describe('labels on a run', () => {
  const spec = ContainerRunSpec.parse({ image: 'ubuntu', name: 'box-tool', env: [{ key: 'HF_TOKEN', value: 'hf_secret' }], labels: { 'com.example.note': 'keep', 'pgx-companion.kind': 'forged' } });

  it('carries the spec as the recipe, without env values and without labels', () => {
    const recipe = containerRecipe(spec);
    expect(recipe).toMatchObject({ image: 'ubuntu', name: 'box-tool', env: [{ key: 'HF_TOKEN' }] });
    expect(JSON.stringify(recipe)).not.toContain('hf_secret');
    expect(recipe).not.toHaveProperty('labels');
  });

  it('replaces any pgx-companion label with ours and keeps the user’s own', () => {
    const labelled = labelledContainer(spec);
    expect(labelled.labels['com.example.note']).toBe('keep');
    expect(readPgxLabels(labelled.labels)).toMatchObject({ kind: 'container', recipe: { image: 'ubuntu', name: 'box-tool' } });
    expect(runCommand(labelled)).toContain('-e HF_TOKEN=hf_secret');
    expect(labelled.labels['pgx-companion.recipe']).not.toContain('hf_secret');
    expect(withPgxLabels(spec, { kind: 'app', app: 'x1' }).labels['pgx-companion.kind']).toBe('app');
  });
});

describe('checkImagePlatform', () => {
  it('lets arm64 images through, multi-arch ones too', () => {
    expect(checkImagePlatform(['arm64'])).toEqual({ ok: true, verified: true });
    expect(checkImagePlatform(['amd64', 'arm64'])).toEqual({ ok: true, verified: true });
    expect(checkImagePlatform(['aarch64'])).toEqual({ ok: true, verified: true });
  });

  it('refuses an amd64-only image, saying why and what to pick', () => {
    expect(checkImagePlatform(['amd64'], 'pytorch/pytorch:latest')).toEqual({
      ok: false,
      message: 'pytorch/pytorch:latest is built only for amd64, and the box\'s CPU is Arm64 (arm64): it would stop at once with "exec format error".',
      hint: "Pick an image with an arm64 build: NVIDIA's NGC images (nvcr.io/nvidia/…, such as nvcr.io/nvidia/pytorch:25.09-py3) are built for Arm64, or choose a multi-arch tag whose platforms include linux/arm64.",
    });
    expect(checkImagePlatform(['x86_64', 'ppc64le'])).toMatchObject({ ok: false, message: expect.stringMatching(/^This image is built only for amd64 and ppc64le,/) });
  });

  it('does not block when nobody could tell', () => {
    expect(checkImagePlatform([])).toEqual({ ok: true, verified: false });
  });
});
