/**
 * The registries the simulated box can pull from: the images a GB10 owner actually uses (NGC
 * release images, vLLM, SGLang, Ollama, llama.cpp, Open WebUI, LLaMA Factory, Jupyter) plus a few
 * small utility images. Anything else is "pull access denied" (Docker Hub wording), a known
 * repository with an unknown tag is "manifest unknown". Sizes are arm64 compressed sizes of the
 * order the registries list; the configs are what `docker inspect` shows for those images.
 */
import { buildImage } from '../../box.js';
import type { SimImage } from '../../state.js';
import { vllmBuilds, vllmVersionOf } from './engines/vllm-version.js';

export interface ImageConfig {
  readonly entrypoint: readonly string[] | null;
  readonly cmd: readonly string[] | null;
  readonly env: readonly string[];
  readonly workingDir: string;
  readonly exposedPorts: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

interface RegistryRepo {
  /** Familiar name: `ubuntu`, `vllm/vllm-openai`, `nvcr.io/nvidia/vllm`. */
  readonly repository: string;
  readonly tags: RegExp;
  readonly sizeBytes: number;
  /** How long before the pull the image was built, days (CreatedSince). */
  readonly ageDays: number;
  readonly config: ImageConfig;
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const basePath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const cudaPath = `PATH=/usr/local/nvidia/bin:/usr/local/cuda/bin:${basePath}`;

/** NGC release images: one entrypoint script that execs the command, CUDA 13 on Ubuntu 24.04. */
const ngc = (product: string, extraEnv: readonly string[], exposedPorts: readonly string[] = []): ImageConfig => ({
  entrypoint: ['/opt/nvidia/nvidia_entrypoint.sh'],
  cmd: null,
  env: [
    cudaPath,
    'CUDA_VERSION=13.0.1.012',
    'NVIDIA_REQUIRE_CUDA=cuda>=9.0',
    'NVIDIA_VISIBLE_DEVICES=all',
    'NVIDIA_DRIVER_CAPABILITIES=compute,utility,video',
    `NVIDIA_PRODUCT_NAME=${product}`,
    ...extraEnv,
  ],
  workingDir: '/workspace',
  exposedPorts,
  labels: {
    'com.nvidia.build.id': '210853451',
    'com.nvidia.cuda.version': '13.0.1.012',
    'org.opencontainers.image.ref.name': 'ubuntu',
    'org.opencontainers.image.version': '24.04',
  },
});

const plain = (cmd: readonly string[], extra: Partial<ImageConfig> = {}): ImageConfig => ({
  entrypoint: null,
  cmd,
  env: [`PATH=${basePath}`],
  workingDir: '',
  exposedPorts: [],
  labels: {},
  ...extra,
});

const repos: readonly RegistryRepo[] = [
  { repository: 'nvcr.io/nvidia/vllm', tags: /^\d{2}\.\d{2}-py3$/, sizeBytes: 20 * GiB, ageDays: 40, config: ngc('vLLM', [`VLLM_VERSION=${vllmBuilds.dgxOs.version}`]) },
  { repository: 'nvcr.io/nvidia/tensorrt-llm/release', tags: /^\d+\.\d+\.\d+(rc\d+)?(\.post\d+)?$/, sizeBytes: 30 * GiB, ageDays: 20, config: ngc('TensorRT-LLM', ['TRT_LLM_VERSION=1.3.0rc13']) },
  { repository: 'nvcr.io/nvidia/pytorch', tags: /^\d{2}\.\d{2}-py3$/, sizeBytes: 18 * GiB, ageDays: 45, config: ngc('PyTorch', ['PYTORCH_VERSION=2.9.0a0'], ['6006/tcp', '8888/tcp']) },
  { repository: 'nvcr.io/nvidia/cuda', tags: /^\d+\.\d+\.\d+-(base|runtime|devel)-ubuntu\d+\.\d+$/, sizeBytes: 1.9 * GiB, ageDays: 60, config: plain(['/bin/bash'], { env: [cudaPath, 'NVIDIA_VISIBLE_DEVICES=all'] }) },
  { repository: 'nvidia/cuda', tags: /^\d+\.\d+\.\d+-(base|runtime|devel)-ubuntu\d+\.\d+$/, sizeBytes: 1.9 * GiB, ageDays: 60, config: plain(['/bin/bash'], { env: [cudaPath, 'NVIDIA_VISIBLE_DEVICES=all'] }) },
  { repository: 'vllm/vllm-openai', tags: /^(latest|nightly|v\d+\.\d+\.\d+(\.\d+)?)$/, sizeBytes: 10.6 * GiB, ageDays: 12, config: plain([], { entrypoint: ['vllm', 'serve'], cmd: null, env: [cudaPath, 'VLLM_USAGE_SOURCE=production-docker-image'], workingDir: '/vllm-workspace' }) },
  { repository: 'lmsysorg/sglang', tags: /^(latest|spark|dev|v\d+\.\d+\.\d+(\.post\d+)?(-cu\d+)?)$/, sizeBytes: 13.2 * GiB, ageDays: 9, config: plain(['/bin/bash'], { env: [cudaPath], workingDir: '/sgl-workspace' }) },
  { repository: 'ollama/ollama', tags: /^(latest|\d+\.\d+\.\d+)$/, sizeBytes: 3.4 * GiB, ageDays: 6, config: plain(['serve'], { entrypoint: ['/bin/ollama'], env: [`PATH=/usr/local/nvidia/bin:/usr/local/cuda/bin:${basePath}`, 'OLLAMA_HOST=0.0.0.0:11434', 'NVIDIA_VISIBLE_DEVICES=all', 'NVIDIA_DRIVER_CAPABILITIES=compute,utility'], exposedPorts: ['11434/tcp'] }) },
  { repository: 'ghcr.io/ggml-org/llama.cpp', tags: /^(server|server-cuda|full|full-cuda|light|light-cuda)(-b\d+)?$/, sizeBytes: 2.6 * GiB, ageDays: 2, config: plain([], { entrypoint: ['/app/llama-server'], cmd: null, env: [cudaPath, 'LLAMA_ARG_HOST=0.0.0.0'], workingDir: '/app' }) },
  { repository: 'ghcr.io/open-webui/open-webui', tags: /^(main|cuda|ollama|latest|v\d+\.\d+\.\d+)$/, sizeBytes: 4.4 * GiB, ageDays: 8, config: plain(['bash', 'start.sh'], { env: [`PATH=${basePath}`, 'PORT=8080', 'ENV=prod'], workingDir: '/app/backend', exposedPorts: ['8080/tcp'] }) },
  { repository: 'hiyouga/llamafactory', tags: /^(latest|\d+\.\d+\.\d+)$/, sizeBytes: 11.8 * GiB, ageDays: 15, config: plain(['/bin/bash'], { env: [cudaPath], workingDir: '/app', exposedPorts: ['7860/tcp', '8000/tcp'] }) },
  { repository: 'quay.io/jupyter/pytorch-notebook', tags: /^(latest|cuda12-latest|cuda12-[\w.-]+|[\w.-]+)$/, sizeBytes: 5.9 * GiB, ageDays: 5, config: plain(['start-notebook.py'], { entrypoint: ['tini', '-g', '--', 'start.sh'], env: [`PATH=/opt/conda/bin:${basePath}`, 'NB_USER=jovyan', 'JUPYTER_PORT=8888'], workingDir: '/home/jovyan', exposedPorts: ['8888/tcp'] }) },
  { repository: 'jupyter/base-notebook', tags: /^(latest|[\w.-]+)$/, sizeBytes: 1.1 * GiB, ageDays: 400, config: plain(['start-notebook.sh'], { entrypoint: ['tini', '-g', '--'], env: [`PATH=/opt/conda/bin:${basePath}`, 'NB_USER=jovyan'], workingDir: '/home/jovyan', exposedPorts: ['8888/tcp'] }) },
  { repository: 'ubuntu', tags: /^(latest|24\.04|22\.04|noble|jammy|rolling)$/, sizeBytes: 101 * MiB, ageDays: 21, config: plain(['/bin/bash'], { labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': '24.04' } }) },
  { repository: 'alpine', tags: /^(latest|3\.\d+(\.\d+)?)$/, sizeBytes: 8.3 * MiB, ageDays: 30, config: plain(['/bin/sh']) },
  { repository: 'busybox', tags: /^(latest|1\.\d+(\.\d+)?)$/, sizeBytes: 4.1 * MiB, ageDays: 30, config: plain(['sh']) },
  { repository: 'hello-world', tags: /^(latest|linux)$/, sizeBytes: 13_256, ageDays: 500, config: plain(['/hello'], { env: [] }) },
  { repository: 'nginx', tags: /^(latest|alpine|stable|mainline|1\.\d+(\.\d+)?(-alpine)?)$/, sizeBytes: 197 * MiB, ageDays: 14, config: plain(['nginx', '-g', 'daemon off;'], { entrypoint: ['/docker-entrypoint.sh'], exposedPorts: ['80/tcp'], labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' } }) },
];

export const findRepo = (repository: string): RegistryRepo | undefined => repos.find((r) => r.repository === repository);

/** The config docker inspect shows for an image (with its tag: NGC vLLM images name their tag's vLLM build in VLLM_VERSION); images the registry does not know get a shell. */
export const imageConfigOf = (repository: string, tag?: string): ImageConfig => {
  const config = findRepo(repository)?.config ?? plain(['/bin/sh']);
  if (tag === undefined || repository !== 'nvcr.io/nvidia/vllm') return config;
  return { ...config, env: config.env.map((e) => (e.startsWith('VLLM_VERSION=') ? `VLLM_VERSION=${vllmVersionOf(repository, tag)}` : e)) };
};

/** Tags that say "x86 only" in their name (README §3: `nvcr.io/...-x86_64` tags are amd64). */
const amd64Tag = /(x86_64|amd64)/;

export type RemoteLookup =
  | { readonly ok: true; readonly image: SimImage }
  | { readonly ok: false; readonly reason: 'denied' | 'manifest-unknown' };

/** What the registry answers for repository:tag at `now` (the image-amd64-only fault makes every pull amd64-only). */
export const lookupRemote = (repository: string, tag: string, now: number, amd64Fault: boolean): RemoteLookup => {
  const repo = findRepo(repository);
  if (!repo) return { ok: false, reason: 'denied' };
  if (!repo.tags.test(tag)) return { ok: false, reason: 'manifest-unknown' };
  const createdAt = now - repo.ageDays * 86_400_000;
  const amd64Only = amd64Fault || amd64Tag.test(tag);
  return { ok: true, image: buildImage(repository, tag, Math.round(repo.sizeBytes), createdAt, amd64Only ? 'amd64' : 'arm64', amd64Only ? ['amd64'] : ['arm64', 'amd64']) };
};
